import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { CASE_CHANNELS, type CaseChannel } from '../../server/domain/terms';

/** An API key of an intake front end (WeChat, app, Weibo). Only the SHA-256 of the key is stored. */
export interface IntakeApiKeyRow extends Model<InferAttributes<IntakeApiKeyRow>, InferCreationAttributes<IntakeApiKeyRow>> {
  id: CreationOptional<number>;
  name: string;
  /** Channel of every case created with this key. */
  channel: CaseChannel;
  keyPrefix: string;
  keyHash: string;
  createdById: CreationOptional<number | null>;
  createdAt: CreationOptional<Date>;
  lastUsedAt: CreationOptional<Date | null>;
  revokedAt: CreationOptional<Date | null>;
}

export type IntakeApiKeyModel = ModelStatic<IntakeApiKeyRow>;

export function defineIntakeApiKey(sequelize: Sequelize): IntakeApiKeyModel {
  return sequelize.define<IntakeApiKeyRow>(
    'IntakeApiKey',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      channel: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...CASE_CHANNELS]] } },
      keyPrefix: { type: DataTypes.STRING(16), allowNull: false },
      keyHash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      createdById: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
      lastUsedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
    },
    { tableName: 'intake_api_keys', underscored: true, updatedAt: false },
  );
}
