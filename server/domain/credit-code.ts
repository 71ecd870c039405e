/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters made of
 * 1 registration authority code, 1 organisation category code, a 6-digit administrative
 * division code (GB/T 2260), a 9-character organisation code (GB 11714) and 1 check character.
 *
 * Pure functions without Node APIs, because the desktop renderer imports this module too.
 */

/** The 31 characters a code may contain: digits and capital letters without I, O, Z, S and V. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export const CREDIT_CODE_LENGTH = 18;

/** Weight of each of the first 17 characters: 3 to the power of its index, modulo 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const DIVISION_START = 2;
const DIVISION_END = 8;

export type CreditCodeCheck = { ok: true } | { ok: false; reason: 'length' | 'characters' | 'check' };

/** Trims the code and converts it to capitals, the form in which codes are stored and compared. */
export function normalizeCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Computes the check character (position 18) for the first 17 characters of a code.
 * Throws a RangeError when `body` is not 17 characters of the code alphabet.
 */
export function creditCodeCheckCharacter(body: string): string {
  if (body.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`credit code body must have 17 characters, got ${body.length}`);
  }

  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(body[i]);
    if (value < 0) {
      throw new RangeError(`credit code body contains '${body[i]}', which is not in the code alphabet`);
    }
    sum += value * WEIGHTS[i];
  }

  // 31 - (sum mod 31) lies in 1..31, and the value 31 is written as 0.
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Checks a unified social credit code after trimming it and converting it to capitals.
 *
 * Reasons: `length` when it is not 18 characters long. `characters` when a character is outside
 * the code alphabet or the administrative division (positions 3 to 8) is not all digits. `check`
 * when the 18th character does not match the other 17.
 *
 * NOTE: the organisation code's own GB 11714 check character (position 17) is not verified,
 * because codes issued to individual businesses do not always carry a valid one.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  const normalized = normalizeCreditCode(code);
  if (normalized.length !== CREDIT_CODE_LENGTH) {
    return { ok: false, reason: 'length' };
  }

  for (const character of normalized) {
    if (!CREDIT_CODE_ALPHABET.includes(character)) {
      return { ok: false, reason: 'characters' };
    }
  }
  if (!/^\d{6}$/.test(normalized.slice(DIVISION_START, DIVISION_END))) {
    return { ok: false, reason: 'characters' };
  }

  const body = normalized.slice(0, CREDIT_CODE_LENGTH - 1);
  if (creditCodeCheckCharacter(body) !== normalized[CREDIT_CODE_LENGTH - 1]) {
    return { ok: false, reason: 'check' };
  }
  return { ok: true };
}

/** Builds a valid code from its first 17 characters by appending the check character. */
export function completeCreditCode(body: string): string {
  const normalized = normalizeCreditCode(body);
  return normalized + creditCodeCheckCharacter(normalized);
}
