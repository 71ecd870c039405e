import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { TimeLimitStage } from '../../server/workflow/time-limits';

export type SupervisionResolution = 'met' | 'extended' | 'cancelled';

/**
 * A supervision notice (督办单) to a unit that missed a due date. It escalates (升级转办) when it
 * is still open a set number of working days after the due date.
 */
export interface SupervisionNoticeRow extends Model<InferAttributes<SupervisionNoticeRow>, InferCreationAttributes<SupervisionNoticeRow>> {
  id: CreationOptional<number>;
  caseId: number;
  deadlineId: number;
  orgUnitId: number | null;
  stage: TimeLimitStage;
  /** The missed due date. */
  dueAt: Date;
  createdAt: Date;
  escalatedAt: CreationOptional<Date | null>;
  resolvedAt: CreationOptional<Date | null>;
  resolution: CreationOptional<SupervisionResolution | null>;
  passId: CreationOptional<string | null>;
}

export type SupervisionNoticeModel = ModelStatic<SupervisionNoticeRow>;

export function defineSupervisionNotice(sequelize: Sequelize): SupervisionNoticeModel {
  return sequelize.define<SupervisionNoticeRow>(
    'SupervisionNotice',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      deadlineId: { type: DataTypes.INTEGER, allowNull: false },
      orgUnitId: { type: DataTypes.INTEGER, allowNull: true },
      stage: { type: DataTypes.STRING(16), allowNull: false },
      dueAt: { type: DataTypes.DATE(3), allowNull: false },
      createdAt: { type: DataTypes.DATE(3), allowNull: false },
      escalatedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      resolvedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      resolution: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null },
      passId: { type: DataTypes.STRING(36), allowNull: true, defaultValue: null },
    },
    { tableName: 'supervision_notices', underscored: true, timestamps: false },
  );
}
