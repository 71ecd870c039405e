/**
 * The inboxes of the units and the leaders: the cases a unit works on now, and the cases
 * escalated to a leader that wait for an instruction.
 */
import { Op, Sequelize, type Order, type WhereOptions } from 'sequelize';
import type { Database } from '../database';
import type { CaseRow, CaseUnitRole } from '../models';
import { presentCaseSummary, type CaseSummary } from './presenters';

/** States in which a case waits for its units: to be signed for, contacted about, answered. */
export const UNIT_INBOX_STATES = ['dispatched', 'signed', 'in-progress'] as const;

export const MAX_INBOX_LIMIT = 200;

export interface InboxItem extends CaseSummary {
  categoryName: string | null;
  handlingUnitName: string | null;
  /** The caller gave their name (not anonymous); such matters are listed first. */
  realName: boolean;
  supervised: boolean;
  extensionPending: boolean;
  escalationPending: boolean;
  escalationMajor: boolean;
  dispatchedAt: string | null;
  /** Completion due date, extensions included. */
  dueAt: string | null;
  /** Role of the reader's unit on the case; null in a leader's inbox. */
  unitRole: CaseUnitRole | null;
}

export interface InboxPage {
  total: number;
  items: InboxItem[];
}

export type InboxOwner = { orgUnitId: number } | { leaderUserId: number };

/**
 * Order of every inbox: real-name matters first, then supervised ones, then by completion due
 * date (the most urgent first, cases without a due date last), then oldest first.
 */
const INBOX_ORDER: Order = [
  ['priority', 'DESC'],
  ['supervised', 'DESC'],
  [Sequelize.literal('(due_at IS NULL)'), 'ASC'],
  ['dueAt', 'ASC'],
  ['id', 'ASC'],
];

/** Lists one page of the inbox of a unit (its active cases) or of a leader (cases escalated to them). */
export async function listInbox(db: Database, owner: InboxOwner, page: { limit: number; offset: number }): Promise<InboxPage> {
  const { Case, Category, OrgUnit, CaseUnit } = db.models;
  const where = inboxWhere(owner);

  const { count, rows } = await Case.findAndCountAll({
    where,
    include: [
      { model: Category, as: 'category', attributes: ['name'] },
      { model: OrgUnit, as: 'handlingUnit', attributes: ['name'] },
    ],
    order: INBOX_ORDER,
    limit: Math.min(Math.max(page.limit, 1), MAX_INBOX_LIMIT),
    offset: Math.max(page.offset, 0),
  });

  const roles = new Map<number, CaseUnitRole>();
  if ('orgUnitId' in owner && rows.length > 0) {
    const unitRows = await CaseUnit.findAll({ where: { orgUnitId: owner.orgUnitId, caseId: { [Op.in]: rows.map((row) => row.id) } } });
    for (const unit of unitRows) roles.set(unit.caseId, unit.role);
  }
  return { total: count, items: rows.map((row) => presentInboxItem(row, roles.get(row.id) ?? null)) };
}

function inboxWhere(owner: InboxOwner): WhereOptions<CaseRow> {
  if ('orgUnitId' in owner) {
    // orgUnitId comes from the users table, an integer, so it is safe inside the literal.
    const activeCases = Sequelize.literal(`(SELECT case_id FROM case_units WHERE org_unit_id = ${Math.trunc(owner.orgUnitId)} AND state = 'active')`);
    return { id: { [Op.in]: activeCases }, state: { [Op.in]: [...UNIT_INBOX_STATES] } };
  }
  return {
    escalationPending: true,
    [Op.or]: [{ escalatedToUserId: owner.leaderUserId }, { escalationMajor: true }],
  };
}

function presentInboxItem(row: CaseRow, unitRole: CaseUnitRole | null): InboxItem {
  return {
    ...presentCaseSummary(row),
    categoryName: row.category?.name ?? null,
    handlingUnitName: row.handlingUnit?.name ?? null,
    realName: !row.anonymous,
    supervised: row.supervised,
    extensionPending: row.extensionPending,
    escalationPending: row.escalationPending,
    escalationMajor: row.escalationMajor,
    dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    unitRole,
  };
}
