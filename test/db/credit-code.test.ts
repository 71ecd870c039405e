import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  completeCreditCode,
  creditCodeCheckCharacter,
  normalizeCreditCode,
} from '../../server/domain/credit-code';

/** Replaces the character at `index` with the next one of the alphabet. */
function corrupt(code: string, index: number): string {
  const next = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[index]) + 1) % CREDIT_CODE_ALPHABET.length];
  return code.slice(0, index) + next + code.slice(index + 1);
}

const BODIES = [
  '91411421MA45K7Q1X', // a company of Minquan County
  '93411421MA47C8T5P', // a farmers' cooperative
  '12411421000000001', // a public institution
  '51411421MJY000000', // a social organisation
  'Y1411421000000000',
];

describe('credit code', () => {
  it('accepts a code that other validators accept', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
  });

  it.each(BODIES)('accepts the completed code of %s', (body) => {
    const code = completeCreditCode(body);

    expect(code).toHaveLength(18);
    expect(code.startsWith(body)).toBe(true);
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });

  it('computes 0 when the weighted sum is a multiple of 31', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(checkCreditCode('000000000000000000')).toEqual({ ok: true });
  });

  it('rejects every single changed character', () => {
    const code = completeCreditCode(BODIES[0]);
    for (let index = 0; index < 18; index++) {
      const corrupted = corrupt(code, index);
      // Changing the division to a letter breaks the characters rule before the check.
      const expected = index >= 2 && index < 8 && /[A-Z]/.test(corrupted[index]) ? 'characters' : 'check';

      expect(checkCreditCode(corrupted), `position ${index + 1}: ${corrupted}`).toEqual({ ok: false, reason: expected });
    }
  });

  it('rejects two swapped neighbours', () => {
    const code = completeCreditCode(BODIES[0]);
    const swapped = code.slice(0, 9) + code[10] + code[9] + code.slice(11);

    expect(swapped).not.toBe(code);
    expect(checkCreditCode(swapped)).toEqual({ ok: false, reason: 'check' });
  });

  it.each([
    ['', 'length'],
    ['9141142100000000', 'length'],
    ['91411421MA45K7Q1XXX', 'length'],
  ])('rejects %j for its length', (code, reason) => {
    expect(checkCreditCode(code)).toEqual({ ok: false, reason });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-', '中'])('rejects the character %s', (character) => {
    const code = completeCreditCode(BODIES[0]);
    const withBadCharacter = code.slice(0, 10) + character + code.slice(11);

    expect(checkCreditCode(withBadCharacter)).toEqual({ ok: false, reason: 'characters' });
  });

  it('rejects letters in the administrative division', () => {
    const body = '9141142AMA45K7Q1X';
    const code = body + creditCodeCheckCharacter(body);

    expect(checkCreditCode(code)).toEqual({ ok: false, reason: 'characters' });
  });

  it('accepts lower case and surrounding spaces', () => {
    const code = completeCreditCode(BODIES[0]);

    expect(checkCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true });
    expect(normalizeCreditCode(` ${code.toLowerCase()} `)).toBe(code);
  });

  it('refuses to complete a body of the wrong length or alphabet', () => {
    expect(() => creditCodeCheckCharacter('9141142')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('91411421MA45K7Q1O')).toThrow(/not in the code alphabet/);
  });
});
