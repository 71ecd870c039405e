/**
 * The public view of a case on the progress page: its number, kind, title, state and the state
 * changes with their times. Nothing else leaves this module: no names, numbers, notes, units or
 * people of the platform.
 */
import { Op } from 'sequelize';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, CASE_CHANNEL_LABELS, type CaseChannel, type CaseKind, type CaseState } from '../../server/domain/terms';
import type { Database } from '../database';

export interface PublicProgressStep {
  at: string;
  state: CaseState;
  stateLabel: string;
}

export interface PublicProgress {
  caseNo: string;
  kind: CaseKind;
  kindLabel: string;
  channel: CaseChannel;
  channelLabel: string;
  title: string;
  state: CaseState;
  stateLabel: string;
  submittedAt: string;
  /** State changes, oldest first. */
  timeline: PublicProgressStep[];
}

/** Returns the public view of the case, or null when it does not exist. */
export async function getPublicProgress(db: Database, caseId: number): Promise<PublicProgress | null> {
  const row = await db.models.Case.findByPk(caseId, { attributes: ['caseNo', 'kind', 'channel', 'title', 'state', 'createdAt'] });
  if (!row) return null;

  const events = await db.models.CaseEvent.findAll({
    where: { caseId, toState: { [Op.ne]: null } },
    attributes: ['toState', 'createdAt'],
    order: [['id', 'ASC']],
  });
  const state = row.state as CaseState;
  return {
    caseNo: row.caseNo,
    kind: row.kind,
    kindLabel: CASE_KIND_LABELS[row.kind],
    channel: row.channel,
    channelLabel: CASE_CHANNEL_LABELS[row.channel],
    title: row.title,
    state,
    stateLabel: stateLabel(state),
    submittedAt: row.createdAt.toISOString(),
    timeline: events.map((event) => ({
      at: event.createdAt.toISOString(),
      state: event.toState as CaseState,
      stateLabel: stateLabel(event.toState as CaseState),
    })),
  };
}

/** States added by the workflow later than this module fall back to a neutral label. */
function stateLabel(state: CaseState): string {
  return (CASE_STATE_LABELS as Record<string, string>)[state] ?? '办理中';
}
