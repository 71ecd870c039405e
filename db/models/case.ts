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
import { CASE_CHANNELS, CASE_KINDS, CASE_STATES, type CaseChannel, type CaseKind, type CaseState } from '../../server/domain/terms';
import type { CaseEventRow } from './case-event';
import type { CategoryRow } from './category';
import type { EnterpriseRow } from './enterprise';
import type { OrgUnitRow } from './org-unit';
import type { UserRow } from './user';

/** A case (工单): one request of a caller or enterprise, from registration to archive. */
export interface CaseRow extends Model<InferAttributes<CaseRow>, InferCreationAttributes<CaseRow>> {
  id: CreationOptional<number>;
  /** `MQ` + `YYYYMMDD` + daily sequence, such as `MQ202603050001`. */
  caseNo: string;
  channel: CaseChannel;
  kind: CaseKind;
  categoryId: CreationOptional<number | null>;
  enterpriseId: CreationOptional<number | null>;
  callerName: CreationOptional<string | null>;
  /** Digits only, as `normalizePhoneNumber` returns them. */
  callerNumber: CreationOptional<string | null>;
  anonymous: CreationOptional<boolean>;
  /** The reporter's identity is masked for units unless the platform releases it. */
  confidential: CreationOptional<boolean>;
  title: string;
  content: string;
  state: CreationOptional<CaseState>;
  /** The call the case was registered from. A call has at most one case. */
  callId: CreationOptional<string | null>;
  createdById: number;
  /** Lead unit the case is dispatched to. */
  handlingUnitId: CreationOptional<number | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  category?: NonAttribute<CategoryRow | null>;
  enterprise?: NonAttribute<EnterpriseRow | null>;
  createdBy?: NonAttribute<UserRow>;
  handlingUnit?: NonAttribute<OrgUnitRow | null>;
  events?: NonAttribute<CaseEventRow[]>;
}

export type CaseModel = ModelStatic<CaseRow>;

export function defineCase(sequelize: Sequelize): CaseModel {
  return sequelize.define<CaseRow>(
    'Case',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseNo: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      channel: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...CASE_CHANNELS]] } },
      kind: { type: DataTypes.STRING(16), allowNull: false, validate: { isIn: [[...CASE_KINDS]] } },
      categoryId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      enterpriseId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      callerName: { type: DataTypes.STRING(64), allowNull: true, defaultValue: null },
      callerNumber: { type: DataTypes.STRING(32), allowNull: true, defaultValue: null },
      anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      confidential: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      content: { type: DataTypes.TEXT, allowNull: false },
      state: { type: DataTypes.STRING(24), allowNull: false, defaultValue: 'registered', validate: { isIn: [[...CASE_STATES]] } },
      callId: { type: DataTypes.STRING(64), allowNull: true, defaultValue: null, unique: true },
      createdById: { type: DataTypes.INTEGER, allowNull: false },
      handlingUnitId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    { tableName: 'cases', underscored: true },
  );
}
