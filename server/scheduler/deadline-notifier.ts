/**
 * Sends the outcome of a scheduler pass to the desktops concerned. Level changes and supervision
 * notices go to the handlers of the unit whose clock it is and to every supervisor, and escalated
 * notices go to the leaders too. Changes are batched per room, in chunks, so a pass that
 * changes thousands of cases sends a few messages rather than thousands.
 */
import type { Role } from '../domain/terms';
import { roleRoom, unitRoom, type DeskServer } from '../realtime/gateway';
import type { DeadlineChangeSummary, SupervisionNoticeSummary } from '../realtime/socket-events';
import type { DeadlinePassResult } from './deadline-pass';

/** Maximum changes in one socket message. */
export const NOTIFICATION_CHUNK = 500;

const PLATFORM_ROLES: readonly Role[] = ['supervisor'];

function groupByRoom<T extends { orgUnitId: number | null }>(items: readonly T[], extraRoles: (item: T) => readonly Role[]): Map<string, T[]> {
  const rooms = new Map<string, T[]>();
  const add = (room: string, item: T) => {
    const list = rooms.get(room);
    if (list) list.push(item);
    else rooms.set(room, [item]);
  };
  for (const item of items) {
    if (item.orgUnitId !== null) add(unitRoom(item.orgUnitId), item);
    for (const role of [...PLATFORM_ROLES, ...extraRoles(item)]) add(roleRoom(role), item);
  }
  return rooms;
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += NOTIFICATION_CHUNK) result.push(items.slice(start, start + NOTIFICATION_CHUNK));
  return result;
}

/** Emits `case:deadline` and `case:supervision` for one pass; returns the number of messages sent. */
export function notifyDeadlinePass(io: DeskServer, result: DeadlinePassResult): number {
  const at = result.at.toISOString();
  let messages = 0;

  const changes: DeadlineChangeSummary[] = result.levelChanges.map(({ deadlineId: _id, dueAt, ...change }) => ({ ...change, dueAt: dueAt.toISOString() }));
  for (const [room, list] of groupByRoom(changes, () => [])) {
    for (const chunk of chunks(list)) {
      io.to(room).emit('case:deadline', { at, changes: chunk });
      messages += 1;
    }
  }

  const notices: SupervisionNoticeSummary[] = result.notices.map(({ dueAt, ...notice }) => ({ ...notice, dueAt: dueAt.toISOString() }));
  for (const [room, list] of groupByRoom(notices, (notice) => (notice.status === 'escalated' ? ['leader'] : []))) {
    for (const chunk of chunks(list)) {
      io.to(room).emit('case:supervision', { at, notices: chunk });
      messages += 1;
    }
  }
  return messages;
}
