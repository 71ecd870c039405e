/**
 * Reads the files of a multipart/form-data upload (busboy) into the attachment store, checking
 * each against the size limit, the accepted types and its first bytes. Either every file of the
 * request is kept or none is: on the first problem the files already written are removed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Logger } from 'pino';
import { AppError, validationFailed } from '../errors';
import type { AttachmentStore } from './attachment-store';
import { sanitizeFileName } from './file-name';
import { attachmentTypeOf, type AttachmentType } from './file-types';

/** Maximum number of files in one upload request. */
export const MAX_FILES_PER_UPLOAD = 5;

/** The accepted types as named in every type message. */
const ACCEPTED_TYPES_TEXT = 'PDF、图片（JPG、PNG）、Word、Excel 或文本文件（TXT）';

export interface ReceivedFile {
  fileName: string;
  contentType: string;
  storageKey: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadLimits {
  maxFileBytes: number;
}

const fieldProblem = (status: number, message: string) => new AppError('VALIDATION_FAILED', status, message, [{ field: 'files', message }]);

export const tooLarge = (fileName: string, maxBytes: number) =>
  fieldProblem(413, `附件“${fileName}”超过 ${formatMegabytes(maxBytes)} 的大小上限，请压缩或拆分后重新上传`);
export const unsupportedType = (fileName: string) =>
  fieldProblem(415, `不支持附件“${fileName}”的文件类型，只能上传${ACCEPTED_TYPES_TEXT}`);
export const contentMismatch = (fileName: string, type: AttachmentType) =>
  fieldProblem(415, `附件“${fileName}”的内容不是${type.label}，与扩展名不符，请检查文件后重新上传`);

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Stores the files of the request body and returns them in upload order. Throws
 * VALIDATION_FAILED: 400 for a body that is not multipart or has no file or too many files,
 * 413 for a file over the limit and 415 for a type that is not accepted.
 */
export async function receiveUpload(
  request: Readable & { headers: IncomingHttpHeaders },
  store: AttachmentStore,
  limits: UploadLimits,
  logger: Logger,
): Promise<ReceivedFile[]> {
  if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
    throw validationFailed([{ field: 'body', message: '请以 multipart/form-data 格式上传附件' }]);
  }

  const received: ReceivedFile[] = [];
  let problem: AppError | null = null;
  const pending: Promise<void>[] = [];

  // NOTE: a file over the limit is still read to its end (and discarded, never written) so the client
  // receives the 413 message. A body size limit in the reverse proxy bounds how much that can be.
  const parser = busboy({
    headers: request.headers,
    // Browsers send file names as UTF-8; busboy's default, latin1, would garble Chinese names.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxFileBytes, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 1024, parts: MAX_FILES_PER_UPLOAD + 10 },
  });

  const fail = (error: AppError) => {
    problem ??= error;
  };

  parser.on('file', (_field, stream, info) => {
    const fileName = sanitizeFileName(info.filename ?? '');
    const type = attachmentTypeOf(fileName);
    if (problem || !type) {
      if (!type) fail(unsupportedType(fileName));
      stream.resume();
      return;
    }
    const task = storeOne(stream, fileName, type);
    // Awaited after parsing; the empty handler keeps an early failure from counting as unhandled.
    task.catch(() => undefined);
    pending.push(task);
  });
  parser.on('filesLimit', () => fail(validationFailed([{ field: 'files', message: `一次最多上传 ${MAX_FILES_PER_UPLOAD} 个附件` }])));
  parser.on('partsLimit', () => fail(validationFailed([{ field: 'body', message: '上传内容的字段过多' }])));

  async function storeOne(stream: Readable & { truncated?: boolean }, fileName: string, type: AttachmentType): Promise<void> {
    let head: Buffer = Buffer.alloc(0);
    const collectHead = (chunk: Buffer) => {
      if (head.length < 16) head = Buffer.concat([head, chunk]).subarray(0, 16);
    };
    const saved = await store.save(stream, type.extensions[0], collectHead);
    const file: ReceivedFile = { fileName, contentType: type.contentType, ...saved };
    received.push(file);
    if (stream.truncated) return fail(tooLarge(fileName, limits.maxFileBytes));
    if (saved.sizeBytes === 0) return fail(validationFailed([{ field: 'files', message: `附件“${fileName}”是空文件` }]));
    if (!type.matches(head)) return fail(contentMismatch(fileName, type));
  }

  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', reject);
      request.on('aborted', () => reject(new Error('upload aborted by the client')));
      request.pipe(parser);
    });
  } catch (error) {
    await Promise.allSettled(pending);
    await removeAll(store, received, logger);
    logger.warn({ err: error }, 'reading the upload failed');
    throw validationFailed([{ field: 'body', message: '上传内容不完整或格式有误，请重新上传' }]);
  }

  // A file that could not be written is a server fault, not the user's.
  const failure = (await Promise.allSettled(pending)).find((result) => result.status === 'rejected');
  if (failure) {
    await removeAll(store, received, logger);
    throw failure.reason;
  }

  if (!problem && received.length === 0) fail(validationFailed([{ field: 'files', message: '请选择要上传的附件' }]));
  if (problem) {
    await removeAll(store, received, logger);
    throw problem;
  }
  return received;
}

async function removeAll(store: AttachmentStore, files: ReceivedFile[], logger: Logger): Promise<void> {
  for (const file of files) {
    await store.remove(file.storageKey).catch((error: unknown) => logger.error({ err: error, storageKey: file.storageKey }, 'removing a rejected upload failed'));
  }
}
