/**
 * The file types a case may carry, recognised by extension and checked against the file's first
 * bytes, so that a renamed executable or script is rejected. The stored content type comes from
 * this table, never from the browser.
 */

export interface AttachmentType {
  extensions: readonly string[];
  contentType: string;
  /** Chinese name shown in messages. */
  label: string;
  /** True when `head` (the file's first bytes, up to 16) can start a file of this type. */
  matches(head: Uint8Array): boolean;
}

const startsWith = (signature: readonly number[]) => (head: Uint8Array) =>
  head.length >= signature.length && signature.every((byte, index) => head[index] === byte);

const PDF = startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
const JPEG = startsWith([0xff, 0xd8, 0xff]);
const PNG = startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Office Open XML files (docx, xlsx) are ZIP archives.
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);
// Word 97-2003 and Excel 97-2003 files are OLE compound documents.
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Plain text: no NUL byte in the first bytes. The rest is not inspected. */
const TEXT = (head: Uint8Array) => !head.includes(0);

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF', matches: PDF },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG 图片', matches: JPEG },
  { extensions: ['png'], contentType: 'image/png', label: 'PNG 图片', matches: PNG },
  {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档',
    matches: ZIP,
  },
  { extensions: ['doc'], contentType: 'application/msword', label: 'Word 文档', matches: OLE },
  {
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格',
    matches: ZIP,
  },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', label: 'Excel 表格', matches: OLE },
  { extensions: ['txt'], contentType: 'text/plain; charset=utf-8', label: '文本文件', matches: TEXT },
];

/** The accepted extensions, for messages and the file picker: `.pdf、.jpg、…`. */
export const ACCEPTED_EXTENSIONS = ATTACHMENT_TYPES.flatMap((type) => type.extensions.map((extension) => `.${extension}`));

/** Returns the type of a file name by its extension, or null when the extension is not accepted. */
export function attachmentTypeOf(fileName: string): AttachmentType | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return null;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return ATTACHMENT_TYPES.find((type) => type.extensions.includes(extension)) ?? null;
}
