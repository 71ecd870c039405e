/**
 * The body of `GET /api/cases/:id` as the detail view reads it: the case with its timeline,
 * oldest first. The types are the server's own, imported as types only.
 */
export type { CaseView as CaseDetail } from '../../../server/cases/present-case';
export type { CaseEventRecord as CaseTimelineEntry } from '../../../db/repositories';
