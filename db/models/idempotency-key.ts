import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/**
 * The `Idempotency-Key` of one intake API request and the case it created, so that a retried
 * request returns that case instead of creating another.
 */
export interface IdempotencyKeyRow extends Model<InferAttributes<IdempotencyKeyRow>, InferCreationAttributes<IdempotencyKeyRow>> {
  id: CreationOptional<number>;
  apiKeyId: number;
  idempotencyKey: string;
  /** SHA-256 in hex of the canonical JSON of the request body. */
  requestHash: string;
  /** Null only inside the transaction that creates the case. */
  caseId: CreationOptional<number | null>;
  createdAt: CreationOptional<Date>;
}

export type IdempotencyKeyModel = ModelStatic<IdempotencyKeyRow>;

export function defineIdempotencyKey(sequelize: Sequelize): IdempotencyKeyModel {
  return sequelize.define<IdempotencyKeyRow>(
    'IdempotencyKey',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      apiKeyId: { type: DataTypes.INTEGER, allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(128), allowNull: false },
      requestHash: { type: DataTypes.STRING(64), allowNull: false },
      caseId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
    },
    { tableName: 'idempotency_keys', underscored: true, updatedAt: false },
  );
}
