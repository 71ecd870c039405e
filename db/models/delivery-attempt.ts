import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** One try to send a delivery: the HTTP status the unit's endpoint returned, or the network error. */
export interface DeliveryAttemptRow extends Model<InferAttributes<DeliveryAttemptRow>, InferCreationAttributes<DeliveryAttemptRow>> {
  id: CreationOptional<number>;
  deliveryId: number;
  /** 1 for the first try. */
  attempt: number;
  startedAt: Date;
  /** Null when no HTTP response arrived (refused connection, time-out). */
  responseCode: CreationOptional<number | null>;
  succeeded: boolean;
  error: CreationOptional<string | null>;
}

export type DeliveryAttemptModel = ModelStatic<DeliveryAttemptRow>;

export function defineDeliveryAttempt(sequelize: Sequelize): DeliveryAttemptModel {
  return sequelize.define<DeliveryAttemptRow>(
    'DeliveryAttempt',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      deliveryId: { type: DataTypes.INTEGER, allowNull: false },
      attempt: { type: DataTypes.INTEGER, allowNull: false },
      startedAt: { type: DataTypes.DATE(3), allowNull: false },
      responseCode: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
      error: { type: DataTypes.STRING(500), allowNull: true, defaultValue: null },
    },
    { tableName: 'delivery_attempts', underscored: true, timestamps: false },
  );
}
