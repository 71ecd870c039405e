/**
 * Masking of a protected reporter's identity. A case is protected when it is confidential or
 * anonymous; units and leaders then see a masked name and number unless the platform released
 * the identity.
 */
import type { EnterpriseSummary } from '../../db/repositories';

export function isProtectedIdentity(reporter: { anonymous: boolean; confidential: boolean }): boolean {
  return reporter.anonymous || reporter.confidential;
}

/** Keeps the family name (the first character) and hides the rest, whatever its length: 张三丰 → 张**. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const [first] = [...name];
  return `${first}**`;
}

/**
 * Keeps the first three and the last four digits of a number of 11 or more digits
 * (13812345678 → 138****5678); a shorter number keeps only its last two digits.
 */
export function maskPhoneNumber(number: string | null): string | null {
  if (!number) return number;
  if (number.length >= 11) return `${number.slice(0, 3)}****${number.slice(-4)}`;
  return `${'*'.repeat(Math.max(number.length - 2, 2))}${number.slice(-2)}`;
}

/**
 * Hides who the reporting enterprise is: the first two characters of its name, no credit code
 * and no address, because a confidential report from an enterprise names the reporter.
 */
export function maskEnterprise(enterprise: EnterpriseSummary | null): EnterpriseSummary | null {
  if (!enterprise) return null;
  const name = [...enterprise.name];
  return {
    id: enterprise.id,
    name: `${name.slice(0, 2).join('')}****`,
    creditCode: `${enterprise.creditCode.slice(0, 2)}****************`.slice(0, 18),
    address: null,
    township: enterprise.township,
  };
}
