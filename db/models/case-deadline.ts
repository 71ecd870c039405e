import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { TimeLimitStage } from '../../server/workflow/time-limits';
import type { DeadlineLevel, WorkingTimeUnit } from '../../server/workflow/working-calendar';

/**
 * One running clock of a dispatched case: signing for, first contact or completion. A new
 * dispatch cancels the open clocks of the case and starts three new ones.
 */
export interface CaseDeadlineRow extends Model<InferAttributes<CaseDeadlineRow>, InferCreationAttributes<CaseDeadlineRow>> {
  id: CreationOptional<number>;
  caseId: number;
  /** Unit whose clock it is: the lead unit when the clock started. */
  orgUnitId: number | null;
  stage: TimeLimitStage;
  limitAmount: number;
  limitUnit: WorkingTimeUnit;
  startedAt: Date;
  dueAt: Date;
  /** Start of the yellow warning. */
  warnAt: Date;
  /** Level the scheduler last marked and notified; the level at a given moment comes from warnAt and dueAt. */
  level: CreationOptional<DeadlineLevel>;
  levelChangedAt: CreationOptional<Date | null>;
  /** Next moment the scheduler must look at the row; null once red, met or cancelled. */
  nextCheckAt: CreationOptional<Date | null>;
  metAt: CreationOptional<Date | null>;
  cancelledAt: CreationOptional<Date | null>;
  /** Scheduler pass that last changed the row. */
  passId: CreationOptional<string | null>;
}

export type CaseDeadlineModel = ModelStatic<CaseDeadlineRow>;

export function defineCaseDeadline(sequelize: Sequelize): CaseDeadlineModel {
  return sequelize.define<CaseDeadlineRow>(
    'CaseDeadline',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: true },
      stage: { type: DataTypes.STRING(16), allowNull: false },
      limitAmount: { type: DataTypes.INTEGER, allowNull: false },
      limitUnit: { type: DataTypes.STRING(16), allowNull: false },
      startedAt: { type: DataTypes.DATE(3), allowNull: false },
      dueAt: { type: DataTypes.DATE(3), allowNull: false },
      warnAt: { type: DataTypes.DATE(3), allowNull: false },
      level: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'normal' },
      levelChangedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      nextCheckAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      metAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      cancelledAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      passId: { type: DataTypes.STRING(36), allowNull: true, defaultValue: null },
    },
    { tableName: 'case_deadlines', underscored: true, timestamps: false },
  );
}
