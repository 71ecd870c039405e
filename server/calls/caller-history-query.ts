/**
 * The database reads behind a screen pop, as plain SQL without model instances: under a burst
 * of calls the time Sequelize spends building and hydrating models adds up to more than the
 * queries themselves. The four reads go to the database as one statement (on a SQLite file
 * through a connection of its own, see `sqlite-reader.ts`); each uses an index
 * (enterprise_contacts.phone, calls.caller_number+started_at, cases.caller_number and
 * cases.enterprise_id).
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db/database';
import { normalizePhoneNumber } from '../../db/repositories';
import { OPEN_CASE_STATES, type CaseChannel, type CaseKind, type CaseState } from '../domain/terms';
import type { CaseSummary, EnterpriseSummary } from '../realtime/socket-events';
import { selectOnSqliteReader } from './sqlite-reader';

/** The enterprise whose contact has this number; the most recently updated one when several share it. */
const MATCHED_ENTERPRISE_ID = `(SELECT c.enterprise_id FROM enterprise_contacts c JOIN enterprises e ON e.id = c.enterprise_id
  WHERE c.phone = :number ORDER BY e.updated_at DESC, e.id DESC LIMIT 1)`;

const CASE_COLUMNS = 'id, NULL AS name, NULL AS creditCode, NULL AS address, NULL AS township, case_no AS caseNo, state, kind, channel, title, created_at AS createdAt, NULL AS count';
const CASES_OF_CALLER = `(caller_number = :number OR enterprise_id = ${MATCHED_ENTERPRISE_ID})`;

/**
 * The four reads as one statement, with each row's part named in `part`. On SQLite the
 * platform's reads run one statement at a time on one connection, and each waits for an
 * event-loop turn. So four statements per pop made a burst of calls queue for seconds.
 */
const CALLER_HISTORY_SQL = `
SELECT * FROM (
  SELECT 'enterprise' AS part, e.id, e.name, e.credit_code AS creditCode, e.address, t.name AS township,
    NULL AS caseNo, NULL AS state, NULL AS kind, NULL AS channel, NULL AS title, NULL AS createdAt, NULL AS count
  FROM enterprises e LEFT JOIN org_units t ON t.id = e.township_id
  WHERE e.id = ${MATCHED_ENTERPRISE_ID}
) AS enterprise_part
UNION ALL
SELECT 'calls' AS part, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM calls
  WHERE caller_number = :number AND started_at >= :since AND id <> :callId
UNION ALL
SELECT * FROM (
  SELECT 'recent' AS part, ${CASE_COLUMNS} FROM cases WHERE ${CASES_OF_CALLER}
  ORDER BY created_at DESC, id DESC LIMIT :limit
) AS recent_part
UNION ALL
SELECT * FROM (
  SELECT 'open' AS part, ${CASE_COLUMNS} FROM cases WHERE ${CASES_OF_CALLER} AND state IN (:openStates)
  ORDER BY created_at DESC, id DESC LIMIT :limit
) AS open_part`;

export interface CallerHistoryRows {
  enterprise: EnterpriseSummary | null;
  /** The newest `limit` cases plus every open one found, newest first. */
  earlierCases: CaseSummary[];
  openCases: CaseSummary[];
  recentCalls: number;
}

/** One row of `CALLER_HISTORY_SQL`: the columns of its `part`, the others null. */
interface HistoryRow {
  part: 'enterprise' | 'calls' | 'recent' | 'open';
  id: number | string;
  name: string;
  creditCode: string;
  address: string | null;
  township: string | null;
  caseNo: string;
  state: string;
  kind: string;
  channel: string;
  title: string;
  createdAt: Date | string;
  count: number | string | null;
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

  const replacements = { number, since: query.since, callId: query.callId, limit: query.limit, openStates: [...OPEN_CASE_STATES] };
  const rows =
    (await selectOnSqliteReader<HistoryRow>(db, CALLER_HISTORY_SQL, replacements)) ??
    (await db.sequelize.query<HistoryRow>(CALLER_HISTORY_SQL, { type: QueryTypes.SELECT, replacements, raw: true, logging: false }));
  const enterprise = rows.find((row) => row.part === 'enterprise');
  const calls = rows.find((row) => row.part === 'calls');
  const recent = rows.filter((row) => row.part === 'recent');
  const open = rows.filter((row) => row.part === 'open');

  const openCases = open.map(toCaseSummary);
  return {
    enterprise: enterprise ? toEnterpriseSummary(enterprise) : null,
    earlierCases: mergeNewestFirst(recent.map(toCaseSummary), openCases),
    openCases,
    recentCalls: Number(calls?.count ?? 0),
  };
}

function toEnterpriseSummary(row: HistoryRow): EnterpriseSummary {
  return { id: Number(row.id), name: row.name, creditCode: row.creditCode, address: row.address, township: row.township };
}

function toCaseSummary(row: HistoryRow): CaseSummary {
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
