import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { UserRow } from './user';

/**
 * A file attached to a case, such as a unit's written reply or a photo of the site. The bytes
 * live in the attachments folder under `storageKey`; rows are only ever added.
 */
export interface AttachmentRow extends Model<InferAttributes<AttachmentRow>, InferCreationAttributes<AttachmentRow>> {
  id: CreationOptional<number>;
  caseId: number;
  uploadedById: number;
  orgUnitId: CreationOptional<number | null>;
  /** The uploaded file name after sanitising, shown to users and offered when downloading. */
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  storageKey: string;
  createdAt: CreationOptional<Date>;

  uploadedBy?: NonAttribute<UserRow>;
}

export type AttachmentModel = ModelStatic<AttachmentRow>;

export function defineAttachment(sequelize: Sequelize): AttachmentModel {
  return sequelize.define<AttachmentRow>(
    'Attachment',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      uploadedById: { type: DataTypes.INTEGER, allowNull: false },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      fileName: { type: DataTypes.STRING(200), allowNull: false },
      contentType: { type: DataTypes.STRING(100), allowNull: false },
      sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.STRING(64), allowNull: false },
      storageKey: { type: DataTypes.STRING(80), allowNull: false, unique: true },
      createdAt: DataTypes.DATE(3),
    },
    { tableName: 'attachments', underscored: true, updatedAt: false },
  );
}
