import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** The last case number handed out on one day. The row is locked while a case is saved. */
export interface CaseSequenceRow extends Model<InferAttributes<CaseSequenceRow>, InferCreationAttributes<CaseSequenceRow>> {
  /** `YYYYMMDD` in China Standard Time. */
  day: string;
  lastValue: number;
}

export type CaseSequenceModel = ModelStatic<CaseSequenceRow>;

export function defineCaseSequence(sequelize: Sequelize): CaseSequenceModel {
  return sequelize.define<CaseSequenceRow>(
    'CaseSequence',
    {
      day: { type: DataTypes.STRING(8), primaryKey: true },
      lastValue: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { tableName: 'case_sequences', underscored: true, timestamps: false },
  );
}
