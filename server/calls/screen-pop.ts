/**
 * What the agent's desktop shows when the phone rings: the caller's enterprise (matched by the
 * phone number), earlier and open cases of the number and of that enterprise, and whether the
 * number called before within the repeat window.
 *
 * The database part (`CallerHistory`) does not depend on the agent, so it is looked up as soon
 * as the call starts and reused when the phone rings; the pop itself is then built without
 * waiting for the database.
 */
import type { Database } from '../../db/database';
import type { CallEventMap } from '../../ivr/contract';
import type { CaseSummary, EnterpriseSummary, ScreenPop } from '../realtime/socket-events';
import { queryCallerHistory } from './caller-history-query';

/** Most recent cases shown, and separately most open cases. */
export const SCREEN_POP_CASE_LIMIT = 10;

export interface CallerHistory {
  enterprise: EnterpriseSummary | null;
  earlierCases: CaseSummary[];
  openCases: CaseSummary[];
  repeatCaller: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

/** Looks up the caller's history: the reads run in parallel, see `queryCallerHistory`. */
export async function lookUpCallerHistory(
  db: Database,
  call: { callId: string; callerNumber: string },
  options: { repeatCallerDays: number; now?: Date },
): Promise<CallerHistory> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.repeatCallerDays * DAY_MS);
  const rows = await queryCallerHistory(db, { callId: call.callId, callerNumber: call.callerNumber, since, limit: SCREEN_POP_CASE_LIMIT });
  return { enterprise: rows.enterprise, earlierCases: rows.earlierCases, openCases: rows.openCases, repeatCaller: rows.recentCalls > 0 };
}

export function buildScreenPop(offer: CallEventMap['call.offered'], history: CallerHistory): ScreenPop {
  const waitMs = offer.offeredAt.getTime() - offer.queuedAt.getTime();
  return {
    callId: offer.callId,
    callerNumber: offer.callerNumber,
    callerName: offer.callerName,
    ivrChoice: offer.ivrChoice,
    waitSeconds: Math.max(0, Math.round(waitMs / 1000)),
    enterprise: history.enterprise,
    earlierCases: history.earlierCases,
    openCases: history.openCases,
    repeatCaller: history.repeatCaller,
    offeredAt: offer.offeredAt.toISOString(),
  };
}
