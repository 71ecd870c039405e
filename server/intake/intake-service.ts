/**
 * Self-service intake: registers the cases of the public web form and of the intake API, and
 * looks up a case's public progress by case number and query code.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { getPublicProgress, type PublicProgress } from '../../db/repositories/public-progress';
import { findCaseWithQueryCode, registerIntakeCase, type IntakeApiKeyRecord } from '../../db/repositories/intake';
import { AppError } from '../errors';
import type { ApiIntakeRequest, WebIntakeRequest } from './intake-request';
import { deriveQueryCode, generateQueryCode, hashQueryCode, verifyQueryCode } from './query-code';

export interface IntakeReceipt {
  caseId: number;
  caseNo: string;
  /** Shown to the submitter once; only its hash is stored. */
  queryCode: string;
  /** False when an earlier request with the same idempotency key created the case. */
  created: boolean;
}

/** The one error for an unknown case number and for a wrong query code, so neither can be probed. */
export const progressNotFound = () => new AppError('NOT_FOUND', 404, '工单编号或查询码不正确，请核对后重试');

/** Registers the case of the public web form with channel `web` and a new random query code. */
export async function submitWebCase(db: Database, logger: Logger, request: WebIntakeRequest): Promise<IntakeReceipt> {
  const queryCode = generateQueryCode();
  const result = await registerIntakeCase(db, {
    input: {
      channel: 'web',
      kind: request.kind,
      title: request.title,
      content: request.content,
      callerName: request.contactName,
      callerNumber: request.contactPhone,
      confidential: request.confidential,
      enterprise: { name: request.enterpriseName, creditCode: request.creditCode, address: null },
    },
    queryCodeHash: await hashQueryCode(queryCode),
  });

  logger.info({ caseId: result.caseId, caseNo: result.caseNo, channel: 'web' }, 'self-service case registered');
  return { ...result, queryCode };
}

export interface ApiSubmission {
  apiKey: IntakeApiKeyRecord;
  idempotencyKey: string;
  /** The body as received, whose canonical form identifies the request. */
  body: unknown;
  request: ApiIntakeRequest;
  /** Secret the query code is derived from, so a retry returns the same code. */
  secret: string;
}

/**
 * Registers the case of an intake API request with the channel of its API key. A repeated
 * idempotency key returns the first case with the same query code, and throws CONFLICT when
 * the body differs from the first request's.
 */
export async function submitApiCase(db: Database, logger: Logger, submission: ApiSubmission): Promise<IntakeReceipt> {
  const { apiKey, idempotencyKey, request } = submission;
  // Derived from the key, not random, because the code itself is never stored.
  const queryCode = deriveQueryCode(submission.secret, `intake:${apiKey.id}:${idempotencyKey}`);
  const result = await registerIntakeCase(db, {
    input: {
      channel: apiKey.channel,
      kind: request.kind,
      title: request.title,
      content: request.content,
      callerName: request.anonymous ? null : (request.callerName ?? null),
      callerNumber: request.callerNumber ?? null,
      anonymous: request.anonymous,
      confidential: request.confidential,
      enterprise: request.enterprise
        ? { name: request.enterprise.name, creditCode: request.enterprise.creditCode, address: request.enterprise.address ?? null }
        : null,
    },
    queryCodeHash: await hashQueryCode(queryCode),
    idempotency: { apiKeyId: apiKey.id, idempotencyKey, requestHash: hashRequestBody(submission.body) },
  });

  const log = logger.child({ caseId: result.caseId, caseNo: result.caseNo, channel: apiKey.channel, apiKeyId: apiKey.id });
  if (result.created) log.info('self-service case registered');
  else log.info('repeated intake request returned the existing case');
  return { ...result, queryCode };
}

/**
 * Returns the public progress of the case, or throws the same NOT_FOUND for an unknown case
 * number, a case without a query code and a wrong code.
 */
export async function lookUpProgress(db: Database, caseNo: string, queryCode: string): Promise<PublicProgress> {
  const found = await findCaseWithQueryCode(db, caseNo);
  const matches = await verifyQueryCode(queryCode, found?.codeHash ?? null);
  if (!found || !matches) throw progressNotFound();

  const progress = await getPublicProgress(db, found.caseId);
  if (!progress) throw progressNotFound();
  return progress;
}

/** SHA-256 in hex of the body's JSON with object keys sorted, so key order does not matter. */
export function hashRequestBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      // Keys of one object are unique, so no two compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
