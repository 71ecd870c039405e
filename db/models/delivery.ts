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
import type { DeliveryAttemptRow } from './delivery-attempt';
import type { OrgUnitRow } from './org-unit';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** `failed` means the worker gave up after its maximum number of attempts. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One case pushed to one unit's system, retried until the unit's endpoint accepts it. */
export interface DeliveryRow extends Model<InferAttributes<DeliveryRow>, InferCreationAttributes<DeliveryRow>> {
  id: CreationOptional<number>;
  caseId: number;
  orgUnitId: number;
  /** Kind of webhook, such as `case.dispatched`. */
  event: string;
  status: CreationOptional<DeliveryStatus>;
  attempts: CreationOptional<number>;
  nextAttemptAt: CreationOptional<Date | null>;
  lockedUntil: CreationOptional<Date | null>;
  responseCode: CreationOptional<number | null>;
  lastError: CreationOptional<string | null>;
  deliveredAt: CreationOptional<Date | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  attemptRows?: NonAttribute<DeliveryAttemptRow[]>;
  orgUnit?: NonAttribute<OrgUnitRow | null>;
}

export type DeliveryModel = ModelStatic<DeliveryRow>;

export function defineDelivery(sequelize: Sequelize): DeliveryModel {
  return sequelize.define<DeliveryRow>(
    'Delivery',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
      event: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending', validate: { isIn: [[...DELIVERY_STATUSES]] } },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      lockedUntil: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      responseCode: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      lastError: { type: DataTypes.STRING(500), allowNull: true, defaultValue: null },
      deliveredAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'deliveries', underscored: true },
  );
}
