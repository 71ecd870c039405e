/**
 * Tells the desktops concerned about a workflow action (`case:changed`): the handlers of every
 * unit the case was dispatched to, the leader it was escalated to (every leader for a major
 * case), and the supervisors.
 */
import { roleRoom, unitRoom, userRoom, type DeskServer } from '../realtime/gateway';
import type { CaseChangeSummary } from '../realtime/socket-events';
import type { CaseWorkflowView } from './case-workflow-view';

export interface CaseChangeNotice {
  change: CaseChangeSummary;
  /** Units to tell, including units the case was just taken from, so their inboxes drop it. */
  orgUnitIds: number[];
  /** The leader the case is escalated to, or null. */
  leaderUserId: number | null;
  /** Tell every leader: the case was escalated to the principal leaders. */
  allLeaders: boolean;
}

/** Describes the action whose outcome `view` shows, for `notifyCaseChange`. */
export function caseChangeNotice(view: CaseWorkflowView, actorUserId: number): CaseChangeNotice {
  const last = view.timeline.at(-1);
  return {
    change: {
      caseId: view.id,
      caseNo: view.caseNo,
      title: view.title,
      type: last?.type ?? 'changed',
      fromState: last?.fromState ?? view.state,
      toState: view.state,
      actorUserId,
      at: last?.createdAt ?? new Date().toISOString(),
    },
    orgUnitIds: view.units.map((unit) => unit.orgUnitId),
    leaderUserId: view.escalatedToUserId,
    allLeaders: view.escalationMajor,
  };
}

/** Emits `case:changed` once to each room concerned. */
export function notifyCaseChange(io: DeskServer, notice: CaseChangeNotice): void {
  const rooms = new Set<string>([roleRoom('supervisor')]);
  for (const orgUnitId of notice.orgUnitIds) rooms.add(unitRoom(orgUnitId));
  if (notice.allLeaders) rooms.add(roleRoom('leader'));
  else if (notice.leaderUserId !== null) rooms.add(userRoom(notice.leaderUserId));

  io.to([...rooms]).emit('case:changed', notice.change);
}
