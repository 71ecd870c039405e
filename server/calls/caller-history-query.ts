/**
 * The database reads behind a screen pop, as plain SQL without model instances: under a burst
 * of calls the time Sequelize spends building and hydrating models adds up to more than the
 * queries themselves. The three reads run in parallel in one round; each uses an index
 * (enterprise_contacts.phone, calls.caller_number+started_at, cases.caller_number and
 * cases.enterprise_id).
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db/database';
import { normalizePhoneNumber } from '../../db/repositories';
import { OPEN_CASE_STATES, type CaseChannel, type CaseKind, type CaseState } from '../domain/terms';
import type { CaseSummary, EnterpriseSummary } from '../realtime/socket-events';

/** The enterprise whose contact has this number; the most recently updated one when several share it. */
const MATCHED_ENTERPRISE_ID = `(SELECT c.enterprise_id FROM enterprise_contacts c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE c.phone = :number ORDER BY e.updated_at DESC, e.id DESC LIMIT 1)`;

const ENTERPRISE_SQL = `SELECT e.id, e.name, e.credit_code AS creditCode, e.address, t.name AS township
  FROM enterprises e LEFT JOIN org_units t ON t.id = e.township_id
  WHERE e.id = ${MATCHED_ENTERPRISE_ID}`;

const RECENT_CALLS_SQL = `SELECT COUNT(*) AS count FROM calls
  WHERE caller_number = :number AND started_at >= :since AND id <> :callId`;

const CASE_COLUMNS = 'id, case_no AS caseNo, state, kind, channel, title, created_at AS createdAt';
const CASES_OF_CALLER = `(caller_number = :number OR enterprise_id = ${MATCHED_ENTERPRISE_ID})`;
const RECENT_CASES_SQL = `SELECT ${CASE_COLUMNS} FROM cases WHERE ${CASES_OF_CALLER}
  ORDER BY created_at DESC, id DESC LIMIT :limit`;
const OPEN_CASES_SQL = `SELECT ${CASE_COLUMNS} FROM cases WHERE ${CASES_OF_CALLER} AND state IN (:openStates)
  ORDER BY created_at DESC, id DESC LIMIT :limit`;

export interface CallerHistoryRows {
  enterprise: EnterpriseSummary | null;
  /** The newest `limit` cases plus every open one found, newest first. */
  earlierCases: CaseSummary[];
  openCases: CaseSummary[];
  recentCalls: number;
}

interface CaseRecord {
  id: number;
  caseNo: string;
  state: string;
  kind: string;
  channel: string;
  title: string;
  createdAt: Date | string;
}

/**
 * Reads the enterprise matched by the caller's number, the cases of the number or of that
 * enterprise, and how many other calls came from the number since `since`.
 */
export async function queryCallerHistory(
  db: Database,
  query: { callId: string; callerNumber: string; since: Date; limit: number },
): Promise<CallerHistoryRows> {
  const number = normalizePhoneNumber(query.callerNumber);
  if (!number) return { enterprise: null, earlierCases: [], openCases: [], recentCalls: 0 };

  const select = <Row extends object>(sql: string, replacements: Record<string, unknown>) =>
    db.sequelize.query<Row>(sql, { type: QueryTypes.SELECT, replacements, raw: true, logging: false });
  const cases = { number, limit: query.limit };

  const [enterprises, calls, recent, open] = await Promise.all([
    select<EnterpriseSummary>(ENTERPRISE_SQL, { number }),
    select<{ count: number | string }>(RECENT_CALLS_SQL, { number, since: query.since, callId: query.callId }),
    select<CaseRecord>(RECENT_CASES_SQL, cases),
    select<CaseRecord>(OPEN_CASES_SQL, { ...cases, openStates: [...OPEN_CASE_STATES] }),
  ]);

  const openCases = open.map(toCaseSummary);
  return {
    enterprise: enterprises[0] ? { ...enterprises[0], id: Number(enterprises[0].id) } : null,
    earlierCases: mergeNewestFirst(recent.map(toCaseSummary), openCases),
    openCases,
    recentCalls: Number(calls[0]?.count ?? 0),
  };
}

function toCaseSummary(row: CaseRecord): CaseSummary {
  return {
    id: Number(row.id),
    caseNo: row.caseNo,
    state: row.state as CaseState,
    kind: row.kind as CaseKind,
    channel: row.channel as CaseChannel,
    title: row.title,
    createdAt: toIsoTime(row.createdAt),
  };
}

/** SQLite returns `2026-05-01 08:00:00.000 +00:00`; mysql2 returns a Date. */
function toIsoTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) ?([+-]\d\d:\d\d|Z)?$/.exec(value);
  return new Date(match ? `${match[1]}T${match[2]}${match[3] ?? 'Z'}` : value).toISOString();
}

function mergeNewestFirst(recent: CaseSummary[], open: CaseSummary[]): CaseSummary[] {
  const byId = new Map<number, CaseSummary>();
  for (const summary of [...recent, ...open]) byId.set(summary.id, summary);
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}
