/**
 * Places the server's per-field messages from a 400 response beside the matching form fields.
 * The server names fields by their path in the request body (`enterprise.creditCode`).
 */
import type { FieldProblem } from '../../../server/errors';
import type { DraftField, FieldErrors } from './case-draft';

const FIELD_BY_REQUEST_PATH: Record<string, DraftField> = {
  channel: 'channel',
  kind: 'kind',
  categoryId: 'categoryId',
  enterpriseId: 'enterpriseName',
  enterprise: 'enterpriseName',
  'enterprise.name': 'enterpriseName',
  'enterprise.creditCode': 'creditCode',
  'enterprise.address': 'enterpriseAddress',
  callerName: 'callerName',
  callerNumber: 'callerNumber',
  title: 'title',
  content: 'content',
};

/** Splits the server's problems into field messages and messages that belong to no field. */
export function mapServerFieldProblems(problems: FieldProblem[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];

  for (const problem of problems) {
    const field = FIELD_BY_REQUEST_PATH[problem.field];
    if (!field) other.push(problem.message);
    else if (!fields[field]) fields[field] = problem.message;
    else fields[field] = `${fields[field]}；${problem.message}`;
  }
  return { fields, other };
}
