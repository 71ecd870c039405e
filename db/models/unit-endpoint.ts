import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** The webhook of a unit that has a system of its own: dispatched cases are pushed there. */
export interface UnitEndpointRow extends Model<InferAttributes<UnitEndpointRow>, InferCreationAttributes<UnitEndpointRow>> {
  id: CreationOptional<number>;
  orgUnitId: number;
  url: string;
  /** HMAC-SHA256 key shared with the unit. Never logged and never returned after it is set. */
  secret: string;
  active: CreationOptional<boolean>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;
}

export type UnitEndpointModel = ModelStatic<UnitEndpointRow>;

export function defineUnitEndpoint(sequelize: Sequelize): UnitEndpointModel {
  return sequelize.define<UnitEndpointRow>(
    'UnitEndpoint',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
      url: { type: DataTypes.STRING(500), allowNull: false },
      secret: { type: DataTypes.STRING(128), allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'unit_endpoints', underscored: true },
  );
}
