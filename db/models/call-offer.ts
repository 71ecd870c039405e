import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { OfferOutcome } from '../../ivr/contract';

const OFFER_OUTCOMES: readonly OfferOutcome[] = ['answered', 'no-answer', 'unreachable', 'caller-gone'];

/** One time an agent's phone rang for a call, and how the ringing ended. */
export interface CallOfferRow extends Model<InferAttributes<CallOfferRow>, InferCreationAttributes<CallOfferRow>> {
  id: CreationOptional<number>;
  callId: string;
  agentUserId: number;
  offeredAt: Date;
  endedAt: CreationOptional<Date | null>;
  /** Null while the phone is still ringing. */
  outcome: CreationOptional<OfferOutcome | null>;
}

export type CallOfferModel = ModelStatic<CallOfferRow>;

export function defineCallOffer(sequelize: Sequelize): CallOfferModel {
  return sequelize.define<CallOfferRow>(
    'CallOffer',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      callId: { type: DataTypes.STRING(64), allowNull: false },
      agentUserId: { type: DataTypes.INTEGER, allowNull: false },
      offeredAt: { type: DataTypes.DATE(3), allowNull: false },
      endedAt: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
      outcome: { type: DataTypes.STRING(16), allowNull: true, defaultValue: null, validate: { isIn: [[...OFFER_OUTCOMES]] } },
    },
    { tableName: 'call_offers', underscored: true, timestamps: false },
  );
}
