import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** The hash of the query code (查询码) that lets the submitter of a case follow it on the progress page. */
export interface CaseQueryCodeRow extends Model<InferAttributes<CaseQueryCodeRow>, InferCreationAttributes<CaseQueryCodeRow>> {
  caseId: number;
  /** `scrypt$<salt>$<hash>` in base64. */
  codeHash: string;
  createdAt: CreationOptional<Date>;
}

export type CaseQueryCodeModel = ModelStatic<CaseQueryCodeRow>;

export function defineCaseQueryCode(sequelize: Sequelize): CaseQueryCodeModel {
  return sequelize.define<CaseQueryCodeRow>(
    'CaseQueryCode',
    {
      caseId: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: false },
      codeHash: { type: DataTypes.STRING(160), allowNull: false },
      createdAt: DataTypes.DATE(3),
    },
    { tableName: 'case_query_codes', underscored: true, updatedAt: false },
  );
}
