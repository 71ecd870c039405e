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
import { CASE_STATES, type CaseState } from '../../server/domain/terms';
import type { UserRow } from './user';

/** Extra facts of a timeline entry, such as the unit a case was dispatched to. */
export type CaseEventData = Record<string, unknown>;

/**
 * One entry of a case's timeline: who did what, when, from which state to which, and why.
 * Entries are only ever added, never changed or removed.
 */
export interface CaseEventRow extends Model<InferAttributes<CaseEventRow>, InferCreationAttributes<CaseEventRow>> {
  id: CreationOptional<number>;
  caseId: number;
  /** Kind of entry, such as `registered` or `dispatched`. The case workflow defines the values. */
  type: string;
  fromState: CreationOptional<CaseState | null>;
  toState: CreationOptional<CaseState | null>;
  /** Null for events of the system, such as an overdue escalation. */
  actorUserId: CreationOptional<number | null>;
  note: CreationOptional<string | null>;
  /** Stored as JSON in a text column, so that SQLite and MariaDB behave alike. */
  data: CreationOptional<CaseEventData | null>;
  createdAt: CreationOptional<Date>;

  actor?: NonAttribute<UserRow | null>;
}

export type CaseEventModel = ModelStatic<CaseEventRow>;

const stateValidation = { isIn: [[...CASE_STATES]] };

export function defineCaseEvent(sequelize: Sequelize): CaseEventModel {
  return sequelize.define<CaseEventRow>(
    'CaseEvent',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      type: { type: DataTypes.STRING(32), allowNull: false },
      fromState: { type: DataTypes.STRING(24), allowNull: true, defaultValue: null, validate: stateValidation },
      toState: { type: DataTypes.STRING(24), allowNull: true, defaultValue: null, validate: stateValidation },
      actorUserId: { type: DataTypes.INTEGER, allowNull: true, defaultValue: null },
      note: { type: DataTypes.TEXT, allowNull: true, defaultValue: null },
      data: {
        type: DataTypes.TEXT,
        allowNull: true,
        defaultValue: null,
        get(): CaseEventData | null {
          const stored = this.getDataValue('data') as unknown as string | null;
          return stored ? (JSON.parse(stored) as CaseEventData) : null;
        },
        set(data: CaseEventData | null) {
          this.setDataValue('data', (data === null ? null : JSON.stringify(data)) as unknown as CaseEventData | null);
        },
      },
      createdAt: DataTypes.DATE(3),
    },
    { tableName: 'case_events', underscored: true, updatedAt: false },
  );
}
