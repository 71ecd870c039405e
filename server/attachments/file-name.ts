/**
 * Cleans an uploaded file name for storing and showing: the browser's name may carry a path,
 * control characters or characters that Windows forbids, and it is never used as a path here.
 */

/** Longest stored file name, in characters; the extension is kept when a name is shortened. */
export const MAX_FILE_NAME_LENGTH = 100;

const FALLBACK_NAME = '附件';

/** Returns the name without directories, control or reserved characters, leading dots and excess length. */
export function sanitizeFileName(rawName: string): string {
  const baseName = rawName.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = baseName
    .replace(/\s+/g, ' ')
    // Control characters, the Unicode direction overrides that disguise an extension, and characters Windows forbids.
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!cleaned) return FALLBACK_NAME;

  const characters = [...cleaned];
  if (characters.length <= MAX_FILE_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 10) return characters.slice(0, MAX_FILE_NAME_LENGTH).join('');
  const stem = [...cleaned.slice(0, dot)].slice(0, MAX_FILE_NAME_LENGTH - extension.length);
  return stem.join('') + extension.join('');
}
