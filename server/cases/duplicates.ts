/**
 * Duplicate detection (并单): another open case of the same caller number or enterprise about
 * the same matter, that is, in the same category or with a similar title. Such a case is offered
 * for merging instead of a second dispatch.
 */
import type { Database } from '../../db/database';
import { findOpenCasesOfSameOrigin, loadCaseWorkflow, type DuplicateCandidate } from '../../db/repositories';
import { notFound } from '../errors';
import { SIMILAR_TITLE_THRESHOLD, titleSimilarity } from './title-similarity';

export interface DuplicateMatch extends DuplicateCandidate {
  sameCategory: boolean;
  /** Title similarity from 0 to 1, rounded to two decimals. */
  titleSimilarity: number;
}

/** Lists the open cases the case may duplicate, the closest match first. Throws NOT_FOUND for an unknown case. */
export async function findDuplicates(db: Database, caseId: number): Promise<DuplicateMatch[]> {
  const record = await loadCaseWorkflow(db, caseId);
  if (!record) throw notFound('工单');

  const candidates = await findOpenCasesOfSameOrigin(db, record);
  return candidates
    .map((candidate) => ({
      ...candidate,
      sameCategory: record.categoryId !== null && candidate.categoryId === record.categoryId,
      titleSimilarity: Math.round(titleSimilarity(record.title, candidate.title) * 100) / 100,
    }))
    .filter((match) => match.sameCategory || match.titleSimilarity >= SIMILAR_TITLE_THRESHOLD)
    .sort((a, b) => Number(b.sameCategory) - Number(a.sameCategory) || b.titleSimilarity - a.titleSimilarity);
}
