/**
 * `GET /api/cases/:id/attachments` (the case's files), `POST /api/cases/:id/attachments`
 * (multipart/form-data, one or more parts named `files`) and
 * `GET /api/cases/:id/attachments/:attachmentId` (the file itself, as a download).
 */
import { Router } from 'express';
import { addAttachments, findAttachment, listAttachments } from '../../../../db/repositories';
import { AttachmentStore } from '../../../attachments/attachment-store';
import { requireAttachmentReadAccess, requireAttachmentUploadAccess } from '../../../attachments/attachment-access';
import { receiveUpload } from '../../../attachments/receive-upload';
import type { ServerContext } from '../../../context';
import { notFound } from '../../../errors';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { ATTACHMENT_PARAM_LABELS, attachmentParamsSchema, caseAttachmentsParamsSchema } from './schemas';

export function attachmentsRouter(context: ServerContext): Router {
  const router = Router();
  // Created on first use, because the router is also built without a configuration to list its routes.
  let store: AttachmentStore | null = null;
  const attachmentStore = () => (store ??= new AttachmentStore(context.config.ATTACHMENTS_DIR));

  router.get('/api/cases/:id/attachments', allow('attachments:read'), async (request, response) => {
    const { id } = parseInput(caseAttachmentsParamsSchema, request.params, ATTACHMENT_PARAM_LABELS);
    await requireAttachmentReadAccess(context.db, signedInUser(request), id);
    response.json(await listAttachments(context.db, id));
  });

  router.post('/api/cases/:id/attachments', allow('attachments:upload'), async (request, response) => {
    const { id } = parseInput(caseAttachmentsParamsSchema, request.params, ATTACHMENT_PARAM_LABELS);
    const user = signedInUser(request);
    const logger = context.logger.child({ component: 'attachments', caseId: id, userId: user.userId });
    const access = await requireAttachmentUploadAccess(context.db, user, id);

    const files = await receiveUpload(request, attachmentStore(), { maxFileBytes: context.config.ATTACHMENT_MAX_MB * 1024 * 1024 }, logger);
    try {
      const stored = await addAttachments(
        context.db,
        files.map((file) => ({ ...file, caseId: id, uploadedById: user.userId, orgUnitId: access.orgUnitId })),
      );
      logger.info({ attachmentIds: stored.map((attachment) => attachment.id) }, 'attachments added');
      response.status(201).json(stored);
    } catch (error) {
      for (const file of files) await attachmentStore().remove(file.storageKey).catch(() => undefined);
      throw error;
    }
  });

  router.get('/api/cases/:id/attachments/:attachmentId', allow('attachments:read'), async (request, response) => {
    const { id, attachmentId } = parseInput(attachmentParamsSchema, request.params, ATTACHMENT_PARAM_LABELS);
    await requireAttachmentReadAccess(context.db, signedInUser(request), id);
    const attachment = await findAttachment(context.db, id, attachmentId);
    if (!attachment) throw notFound('附件');

    let opened;
    try {
      opened = await attachmentStore().open(attachment.storageKey);
    } catch (error) {
      context.logger.error({ err: error, caseId: id, attachmentId }, 'attachment file missing from the attachments folder');
      throw notFound('附件文件');
    }
    response
      .attachment(attachment.fileName)
      .type(attachment.contentType)
      .set('Content-Length', String(opened.sizeBytes))
      .set('Cache-Control', 'private, no-store')
      .set('X-Content-Type-Options', 'nosniff')
      // A file opened in the browser's tab runs no script and loads nothing.
      .set('Content-Security-Policy', "default-src 'none'; sandbox");
    opened.stream.on('error', (error) => {
      context.logger.error({ err: error, caseId: id, attachmentId }, 'reading an attachment file failed');
      response.destroy(error);
    });
    opened.stream.pipe(response);
  });

  return router;
}
