/** The body of `GET /api/cases/:id` and `POST /api/cases`: the case with its timeline, oldest first. */
import type { CaseDetail, CaseEventRecord } from '../../db/repositories';

export type CaseView = Omit<CaseDetail, 'events'> & { timeline: CaseEventRecord[] };

export function presentCase(detail: CaseDetail): CaseView {
  const { events, ...rest } = detail;
  return { ...rest, timeline: events };
}
