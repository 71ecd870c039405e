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

export const IDENTITY_VIEW_KINDS = ['read', 'release'] as const;
/** `read`: a case screen showed the full identity. `release`: the platform released it to the handling units. */
export type IdentityViewKind = (typeof IDENTITY_VIEW_KINDS)[number];

/** One showing of a protected (confidential or anonymous) reporter's full identity. Rows are only ever added. */
export interface IdentityViewRow extends Model<InferAttributes<IdentityViewRow>, InferCreationAttributes<IdentityViewRow>> {
  id: CreationOptional<number>;
  caseId: number;
  userId: number;
  kind: IdentityViewKind;
  reason: CreationOptional<string | null>;
  createdAt: CreationOptional<Date>;

  user?: NonAttribute<UserRow>;
}

export type IdentityViewModel = ModelStatic<IdentityViewRow>;

export function defineIdentityView(sequelize: Sequelize): IdentityViewModel {
  return sequelize.define<IdentityViewRow>(
    'IdentityView',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...IDENTITY_VIEW_KINDS]] } },
      reason: { type: DataTypes.STRING(500), allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
    },
    { tableName: 'identity_views', underscored: true, updatedAt: false },
  );
}
