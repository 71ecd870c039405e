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
import {
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_STATES,
  SATISFACTION_LEVELS,
  type CaseChannel,
  type CaseKind,
  type CaseState,
  type SatisfactionLevel,
} from '../../server/domain/terms';
import type { CaseEventRow } from './case-event';
import type { CaseUnitRow } from './case-unit';
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
  /** Raised by every workflow change; a change based on an older version is refused as a conflict. */
  version: CreationOptional<number>;
  /** 1 for a real-name matter, 0 for an anonymous one; the units' inboxes list higher values first. */
  priority: CreationOptional<number>;
  /** Under supervision (督办): overdue, sent back for rework or rated dissatisfied. */
  supervised: CreationOptional<boolean>;
  extensionPending: CreationOptional<boolean>;
  /** Working days the unit asked for in the pending extension request. */
  extensionRequestedDays: CreationOptional<number | null>;
  /** Working days of completion time added by approved extensions since the last dispatch. */
  extensionDays: CreationOptional<number>;
  escalationPending: CreationOptional<boolean>;
  /** Escalated to the county's principal leaders (every leader) rather than to one leader. */
  escalationMajor: CreationOptional<boolean>;
  /** Leader the case was last escalated to, kept after the instruction is written. */
  escalatedToUserId: CreationOptional<number | null>;
  reopenCount: CreationOptional<number>;
  /** Open case this duplicate was merged into (并单). */
  mergedIntoCaseId: CreationOptional<number | null>;
  /** The platform released a protected reporter's identity to the handling units. */
  identityReleased: CreationOptional<boolean>;
  /** The caller's rating at the last callback. */
  satisfaction: CreationOptional<SatisfactionLevel | null>;
  /** Moment of the last dispatch, from which the time limits run. */
  dispatchedAt: CreationOptional<Date | null>;
  /** Completion due date, extensions included; the units' inboxes sort on it. */
  dueAt: CreationOptional<Date | null>;
  createdAt: CreationOptional<Date>;
  updatedAt: CreationOptional<Date>;

  category?: NonAttribute<CategoryRow | null>;
  enterprise?: NonAttribute<EnterpriseRow | null>;
  createdBy?: NonAttribute<UserRow>;
  handlingUnit?: NonAttribute<OrgUnitRow | null>;
  events?: NonAttribute<CaseEventRow[]>;
  units?: NonAttribute<CaseUnitRow[]>;
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
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      supervised: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      extensionPending: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      extensionRequestedDays: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      extensionDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      escalationPending: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      escalationMajor: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      escalatedToUserId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      reopenCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      mergedIntoCaseId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      identityReleased: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      satisfaction: { type: DataTypes.STRING(24), allowNull: true, defaultValue: null, validate: { isIn: [[...SATISFACTION_LEVELS]] } },
      dispatchedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      dueAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      createdAt: DataTypes.DATE(3),
      updatedAt: DataTypes.DATE(3),
    },
    {
      tableName: 'cases',
      underscored: true,
      hooks: {
        // Every way of registering a case (desk, intake, seeds) ranks real-name matters first.
        beforeCreate(row) {
          row.priority = row.anonymous ? 0 : 1;
        },
        beforeBulkCreate(rows) {
          for (const row of rows) row.priority = row.anonymous ? 0 : 1;
        },
      },
    },
  );
}
