import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { ORG_UNIT_TYPES, type OrgUnitType } from '../../server/domain/terms';

/**
 * A unit of the organisation tree: the county platform, a county department, a township or
 * sub-district, a village or community, or the discipline commission.
 */
export interface OrgUnitRow extends Model<InferAttributes<OrgUnitRow>, InferCreationAttributes<OrgUnitRow>> {
  id: CreationOptional<number>;
  /** Stable code that seeds and imports match on. */
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: CreationOptional<number | null>;
  /** On-duty number that agents conference in for three-way calls, or null when the unit has none. */
  dutyPhone: CreationOptional<string | null>;
  active: CreationOptional<boolean>;
}

export type OrgUnitModel = ModelStatic<OrgUnitRow>;

export function defineOrgUnit(sequelize: Sequelize): OrgUnitModel {
  return sequelize.define<OrgUnitRow>(
    'OrgUnit',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      type: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...ORG_UNIT_TYPES]] } },
      parentId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      dutyPhone: { type: DataTypes.STRING(32), allowNull: true, defaultValue: null },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    { tableName: 'org_units', underscored: true, timestamps: false },
  );
}
