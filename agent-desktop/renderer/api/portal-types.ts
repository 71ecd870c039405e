/**
 * Shapes of the case-handling API as the portal screens read them: the inbox, the case with its
 * workflow facts and available actions, attachments and organisation units. The types are the
 * server's own, imported as types only.
 */
import type { CaseDeadlineRecord } from '../../../db/repositories/case-deadlines';
import type { AttachmentRecord, OrgUnitRecord } from '../../../db/repositories';
import type { CaseWorkflowView } from '../../../server/cases/case-workflow-view';
import type { InboxEntry } from '../../../server/cases/inbox';
import type { CaseState } from '../../../server/domain/terms';
import type { DeadlineLevel } from '../../../server/workflow/working-calendar';
import type { TimeLimitStage } from '../../../server/workflow/time-limits';

/** One row of `GET /api/inbox`, in the server's order (real-name first, then by urgency and due date). */
export type InboxItem = InboxEntry;

/** `GET /api/cases/:id` and the response of every action: the case with its workflow facts. */
export type CaseWorkView = CaseWorkflowView;

export type CaseDeadline = CaseDeadlineRecord;

export interface CaseListPage<T> {
  items: T[];
  total: number;
}

export type Attachment = Omit<AttachmentRecord, 'sha256'>;

export type OrgUnit = Pick<OrgUnitRecord, 'id' | 'code' | 'name' | 'type' | 'parentId'>;

export type { CaseState, DeadlineLevel, TimeLimitStage };
