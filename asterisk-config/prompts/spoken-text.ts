/**
 * Turns a prompt's text into the text the synthesizer reads.
 *
 * Mandarin speakers read service and phone numbers digit by digit, with 1 as 幺 (yāo) so it
 * is not confused with 七: 12345 is 幺二三四五 and 110 is 幺幺零. espeak-ng reads a digit run as
 * a cardinal number instead (12345 as 一万二千三百四十五), so every run of three or more digits
 * is spelled out here. Shorter runs stay numbers, which is how queue positions (1 to 30) are read.
 */
const DIGIT_NAMES = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Shortest digit run that is read as a code (digit by digit) rather than as a number. */
export const MIN_CODE_DIGITS = 3;

export function toSpokenText(text: string): string {
  const codePattern = new RegExp(`\\d{${MIN_CODE_DIGITS},}`, 'g');
  return text.replace(codePattern, (digits) => [...digits].map((digit) => DIGIT_NAMES[Number(digit)]).join(''));
}
