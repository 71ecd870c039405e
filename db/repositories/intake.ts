/**
 * Cases that arrive without an agent: the public web form and the intake API of the WeChat,
 * app and Weibo front ends. Each case is stored with the hash of its query code, and an API
 * request with its idempotency key, in the same transaction as the case.
 */
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { conflict } from '../../server/errors';
import type { CaseChannel } from '../../server/domain/terms';
import type { Database } from '../database';
import { caseNumberDay, ensureSequenceDay } from './case-number';
import { validateCaseInput, type CreateCaseInput } from './case-input';
import { insertCase } from './cases';

/** Username of the inactive system account recorded as the creator of self-service cases. */
export const INTAKE_USERNAME = 'system-intake';

export interface IdempotentRequest {
  apiKeyId: number;
  idempotencyKey: string;
  /** SHA-256 in hex of the canonical request body. */
  requestHash: string;
}

export interface IntakeCaseInput {
  input: CreateCaseInput;
  /** From `hashQueryCode`; hashing happens before the transaction, because scrypt is slow. */
  queryCodeHash: string;
  idempotency?: IdempotentRequest;
}

export interface IntakeCaseResult {
  caseId: number;
  caseNo: string;
  /** False when an earlier request with the same idempotency key created the case. */
  created: boolean;
}

const MAX_ATTEMPTS = 3;

/**
 * Registers a self-service case with its query code hash. With `idempotency`, a request whose
 * key was seen before returns the case of that request (`created` false), and throws CONFLICT
 * when its body differs. Concurrent requests with one key create one case: on MySQL the second
 * insert of the key waits for the first transaction and then fails on the unique index, and the
 * retry reads the committed row. Throws VALIDATION_FAILED like `createCase`.
 */
export async function registerIntakeCase(db: Database, request: IntakeCaseInput, now = new Date()): Promise<IntakeCaseResult> {
  const values = validateCaseInput(request.input);
  const userId = await ensureIntakeUser(db);
  const day = caseNumberDay(now);
  if (db.dialect === 'mysql') await ensureSequenceDay(db, day);

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (transaction) => {
        const replay = request.idempotency ? await findIdempotentCase(db, request.idempotency, transaction) : null;
        if (replay) return replay;

        const key = request.idempotency
          ? await db.models.IdempotencyKey.create({ ...request.idempotency, caseId: null, createdAt: now }, { transaction })
          : null;
        const summary = await insertCase(db, values, { userId }, { day, now }, transaction);
        await db.models.CaseQueryCode.create({ caseId: summary.id, codeHash: request.queryCodeHash, createdAt: now }, { transaction });
        await key?.update({ caseId: summary.id }, { transaction });
        return { caseId: summary.id, caseNo: summary.caseNo, created: true };
      });
    } catch (error) {
      const retry = error instanceof UniqueConstraintError && attempt < MAX_ATTEMPTS && isRetriedConstraint(error);
      if (!retry) throw error;
    }
  }
}

/** Tells whether a transaction lost a race on an idempotency key or on a new enterprise's credit code, so a retry finds the winner's row. */
function isRetriedConstraint(error: UniqueConstraintError): boolean {
  const text = `${JSON.stringify(error.fields)} ${error.parent?.message ?? ''}`;
  return /idempotency|credit_code/.test(text);
}

async function findIdempotentCase(db: Database, request: IdempotentRequest, transaction: Transaction): Promise<IntakeCaseResult | null> {
  const row = await db.models.IdempotencyKey.findOne({
    where: { apiKeyId: request.apiKeyId, idempotencyKey: request.idempotencyKey },
    transaction,
  });
  if (!row || row.caseId === null) return null;
  if (row.requestHash !== request.requestHash) {
    throw conflict('该幂等键（Idempotency-Key）已用于内容不同的请求，请为新的诉求使用新的幂等键');
  }

  const existing = await db.models.Case.findByPk(row.caseId, { attributes: ['id', 'caseNo'], transaction });
  if (!existing) throw new Error(`idempotency key ${row.id} refers to missing case ${row.caseId}`);
  return { caseId: existing.id, caseNo: existing.caseNo, created: false };
}

/**
 * Returns the id of the system account that self-service cases are registered under, creating
 * it on first use. It is inactive, so no one can log in with it. Throws when the organisation
 * has no platform unit yet (the seed creates one).
 */
export async function ensureIntakeUser(db: Database): Promise<number> {
  const { User, OrgUnit } = db.models;
  const existing = await User.findOne({ where: { username: INTAKE_USERNAME }, attributes: ['id'] });
  if (existing) return existing.id;

  const platform = await OrgUnit.findOne({ where: { type: 'platform' }, order: [['id', 'ASC']], attributes: ['id'] });
  if (!platform) throw new Error('no platform unit in org_units: seed the organisation before taking self-service cases');
  try {
    const created = await User.create({
      username: INTAKE_USERNAME,
      // Not a bcrypt hash, so no password matches it.
      passwordHash: '!',
      displayName: '自助受理',
      role: 'agent',
      orgUnitId: platform.id,
      active: false,
    });
    return created.id;
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    const winner = await User.findOne({ where: { username: INTAKE_USERNAME }, attributes: ['id'] });
    if (!winner) throw error;
    return winner.id;
  }
}

export interface ProgressCase {
  caseId: number;
  caseNo: string;
  codeHash: string;
  channel: CaseChannel;
}

/** Returns the case with this number and its query code hash, or null when either is missing. */
export async function findCaseWithQueryCode(db: Database, caseNo: string): Promise<ProgressCase | null> {
  const row = await db.models.Case.findOne({ where: { caseNo }, attributes: ['id', 'caseNo', 'channel'] });
  if (!row) return null;
  const code = await db.models.CaseQueryCode.findByPk(row.id);
  if (!code) return null;
  return { caseId: row.id, caseNo: row.caseNo, codeHash: code.codeHash, channel: row.channel };
}

export interface IntakeApiKeyRecord {
  id: number;
  name: string;
  channel: CaseChannel;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createIntakeApiKey(
  db: Database,
  key: { name: string; channel: CaseChannel; keyPrefix: string; keyHash: string; createdById: number | null },
): Promise<IntakeApiKeyRecord> {
  const row = await db.models.IntakeApiKey.create({ ...key, createdAt: new Date() });
  return presentApiKey(row);
}

export async function listIntakeApiKeys(db: Database): Promise<IntakeApiKeyRecord[]> {
  const rows = await db.models.IntakeApiKey.findAll({ order: [['id', 'ASC']] });
  return rows.map(presentApiKey);
}

/** Revokes the key; returns null for an unknown id. Revoking twice keeps the first time. */
export async function revokeIntakeApiKey(db: Database, id: number, now = new Date()): Promise<IntakeApiKeyRecord | null> {
  await db.models.IntakeApiKey.update({ revokedAt: now }, { where: { id, revokedAt: { [Op.is]: null } } });
  const row = await db.models.IntakeApiKey.findByPk(id);
  return row ? presentApiKey(row) : null;
}

/** How often `lastUsedAt` is written, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Returns the unrevoked key with this hash and notes its use, or null. */
export async function findActiveIntakeApiKey(db: Database, keyHash: string, now = new Date()): Promise<IntakeApiKeyRecord | null> {
  const row = await db.models.IntakeApiKey.findOne({ where: { keyHash, revokedAt: { [Op.is]: null } } });
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.models.IntakeApiKey.update({ lastUsedAt: now }, { where: { id: row.id } });
    row.lastUsedAt = now;
  }
  return presentApiKey(row);
}

function presentApiKey(row: {
  id: number;
  name: string;
  channel: CaseChannel;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): IntakeApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
