import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, sanitizeFileName } from '../../server/attachments/file-name';
import { attachmentTypeOf } from '../../server/attachments/file-types';

describe('sanitizeFileName', () => {
  it.each([
    ['答复函.pdf', '答复函.pdf'],
    ['C:\\Users\\王\\整改报告.docx', '整改报告.docx'],
    ['../../etc/passwd', 'passwd'],
    ['整改\u0007报告\u0000.pdf', '整改报告.pdf'],
    ['照片<1>:"2"|?*.png', '照片12.png'],
    ['发票\u202Efdp.exe', '发票fdp.exe'],
    ['  ..hidden.txt  ', 'hidden.txt'],
    ['多个   空格\t名称.pdf', '多个 空格 名称.pdf'],
    ['', '附件'],
    ['...', '附件'],
  ])('cleans %j to %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('shortens a long name and keeps the extension', () => {
    const cleaned = sanitizeFileName(`${'很'.repeat(300)}.pdf`);

    expect([...cleaned]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(cleaned.endsWith('很.pdf')).toBe(true);
  });
});

describe('attachmentTypeOf', () => {
  it('finds the type by extension in any case', () => {
    expect(attachmentTypeOf('现场.JPG')?.contentType).toBe('image/jpeg');
    expect(attachmentTypeOf('答复.pdf')?.contentType).toBe('application/pdf');
  });

  it('accepts no file without an accepted extension', () => {
    expect(attachmentTypeOf('setup.exe')).toBeNull();
    expect(attachmentTypeOf('readme')).toBeNull();
    expect(attachmentTypeOf('archive.pdf.exe')).toBeNull();
  });
});
