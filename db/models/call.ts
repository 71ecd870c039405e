import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { CallPhase } from '../../ivr/contract';
import { CALL_PARTIES, IVR_CHOICES, SKILLS, type CallParty, type IvrChoice, type Skill } from '../../server/domain/terms';

const CALL_PHASES: readonly CallPhase[] = ['ivr', 'queued', 'offered', 'talking', 'held', 'ended'];

/** One inbound call, from the moment call control answered it until it ended. */
export interface CallRow extends Model<InferAttributes<CallRow>, InferCreationAttributes<CallRow>> {
  /** The call id that call control assigned. */
  id: string;
  /** Asterisk channel id of the caller's leg. */
  channelId: string;
  /** Digits only, as `normalizePhoneNumber` returns them. */
  callerNumber: string;
  callerName: string;
  calledNumber: string;
  ivrChoice: CreationOptional<IvrChoice | null>;
  /** Skill the call was queued for. */
  skill: CreationOptional<Skill | null>;
  startedAt: Date;
  /** First time the call entered the queue. */
  queuedAt: CreationOptional<Date | null>;
  /** First time an agent's phone rang for the call. */
  offeredAt: CreationOptional<Date | null>;
  answeredAt: CreationOptional<Date | null>;
  endedAt: CreationOptional<Date | null>;
  endedBy: CreationOptional<CallParty | null>;
  /** Phase the call was in when it ended. */
  endPhase: CreationOptional<CallPhase | null>;
  /** Agent who answered. */
  agentUserId: CreationOptional<number | null>;
  recordingName: CreationOptional<string | null>;
  bridgeId: CreationOptional<string | null>;
}

export type CallModel = ModelStatic<CallRow>;

export function defineCall(sequelize: Sequelize): CallModel {
  return sequelize.define<CallRow>(
    'Call',
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      channelId: { type: DataTypes.STRING(64), allowNull: false },
      callerNumber: { type: DataTypes.STRING(32), allowNull: false },
      callerName: { type: DataTypes.STRING(100), allowNull: false },
      calledNumber: { type: DataTypes.STRING(32), allowNull: false },
      ivrChoice: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null, validate: { isIn: [[...IVR_CHOICES]] } },
      skill: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null, validate: { isIn: [[...SKILLS]] } },
      startedAt: { type: DataTypes.DATE(3), allowNull: false },
      queuedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      offeredAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      answeredAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      endedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      endedBy: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null, validate: { isIn: [[...CALL_PARTIES]] } },
      endPhase: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null, validate: { isIn: [[...CALL_PHASES]] } },
      agentUserId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      recordingName: { type: DataTypes.STRING(255), allowNull: true, defaultValue: null },
      bridgeId: { type: DataTypes.STRING(64), allowNull: true, defaultValue: null },
    },
    { tableName: 'calls', underscored: true, timestamps: false },
  );
}
