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
import type { OrgUnitRow } from './org-unit';

export const CASE_UNIT_ROLES = ['lead', 'co'] as const;
/** `lead`: the unit that handles the case and replies to the platform. `co`: a co-handling unit that replies to the lead. */
export type CaseUnitRole = (typeof CASE_UNIT_ROLES)[number];

export const CASE_UNIT_STATES = ['active', 'co-replied', 'withdrawn'] as const;
/**
 * `active`: working on the case. `co-replied`: a co-handling unit gave its opinion.
 * `withdrawn`: the case was dispatched elsewhere; the row stays as a record.
 */
export type CaseUnitState = (typeof CASE_UNIT_STATES)[number];

/** A unit a case was dispatched to. Rows are never removed; a unit taken off the case is `withdrawn`. */
export interface CaseUnitRow extends Model<InferAttributes<CaseUnitRow>, InferCreationAttributes<CaseUnitRow>> {
  id: CreationOptional<number>;
  caseId: number;
  orgUnitId: number;
  role: CaseUnitRole;
  state: CaseUnitState;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  orgUnit?: NonAttribute<OrgUnitRow>;
}

export type CaseUnitModel = ModelStatic<CaseUnitRow>;

export function defineCaseUnit(sequelize: Sequelize): CaseUnitModel {
  return sequelize.define<CaseUnitRow>(
    'CaseUnit',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
      role: { type: DataTypes.STRING(8), allowNull: false, validate: { isIn: [[...CASE_UNIT_ROLES]] } },
      state: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...CASE_UNIT_STATES]] } },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'case_units', underscored: true },
  );
}
