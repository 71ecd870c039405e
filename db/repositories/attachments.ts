/**
 * Attachments of a case: the rows that describe the stored files. Adding one also adds an
 * `attachment-added` entry to the case's timeline, in the same transaction.
 */
import { notFound } from '../../server/errors';
import type { Database } from '../database';
import type { AttachmentRow } from '../models';
import type { WriteOptions } from './cases';

export interface AttachmentRecord {
  id: number;
  caseId: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: number;
  uploadedByName: string | null;
  orgUnitId: number | null;
  createdAt: string;
}

/** An attachment with the name of its file in the attachments folder; for the server only. */
export interface StoredAttachment extends AttachmentRecord {
  storageKey: string;
}

export interface NewAttachment {
  caseId: number;
  uploadedById: number;
  orgUnitId: number | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** Stores the rows of files already written to the folder. Throws `NOT_FOUND` for an unknown case. */
export async function addAttachments(db: Database, files: NewAttachment[], options: WriteOptions = {}): Promise<AttachmentRecord[]> {
  const now = options.now ?? new Date();
  const { Attachment, Case, CaseEvent, User } = db.models;
  if (files.length === 0) return [];
  const caseId = files[0].caseId;
  const uploadedById = files[0].uploadedById;

  const ids = await db.transaction(async (transaction) => {
    if (!(await Case.findByPk(caseId, { transaction, attributes: ['id'] }))) throw notFound('工单');
    const rows: AttachmentRow[] = [];
    for (const file of files) rows.push(await Attachment.create({ ...file, createdAt: now }, { transaction }));

    await CaseEvent.create(
      {
        caseId,
        type: 'attachment-added',
        actorUserId: uploadedById,
        note: rows.map((row) => row.fileName).join('、'),
        data: { attachmentIds: rows.map((row) => row.id) },
        createdAt: now,
      },
      { transaction },
    );
    return rows.map((row) => row.id);
  });

  const stored = await Attachment.findAll({
    where: { id: ids },
    include: [{ model: User, as: 'uploadedBy', attributes: ['id', 'displayName'] }],
    order: [['id', 'ASC']],
  });
  return stored.map(presentAttachment);
}

/** Lists a case's attachments, oldest first. */
export async function listAttachments(db: Database, caseId: number): Promise<AttachmentRecord[]> {
  const rows = await db.models.Attachment.findAll({
    where: { caseId },
    include: [{ model: db.models.User, as: 'uploadedBy', attributes: ['id', 'displayName'] }],
    order: [['id', 'ASC']],
  });
  return rows.map(presentAttachment);
}

/** Returns the attachment when it belongs to this case, else null. */
export async function findAttachment(db: Database, caseId: number, attachmentId: number): Promise<StoredAttachment | null> {
  const row = await db.models.Attachment.findOne({
    where: { id: attachmentId, caseId },
    include: [{ model: db.models.User, as: 'uploadedBy', attributes: ['id', 'displayName'] }],
  });
  return row ? { ...presentAttachment(row), storageKey: row.storageKey } : null;
}

function presentAttachment(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    caseId: row.caseId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    uploadedByName: row.uploadedBy?.displayName ?? null,
    orgUnitId: row.orgUnitId,
    createdAt: row.createdAt.toISOString(),
  };
}
