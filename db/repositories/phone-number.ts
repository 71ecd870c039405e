/**
 * Reduces a phone number to the digits that identify it, so numbers from the carrier, the
 * agent's form and the enterprise register compare equal. Keeps digits only and drops mainland
 * China's country code when it is written as `+86` or `0086` (adding the trunk prefix 0 back
 * to a landline), or as `86` before an 11-digit mobile number.
 */
export function normalizePhoneNumber(raw: string): string {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');

  const international = trimmed.startsWith('+86') || digits.startsWith('0086');
  if (international) {
    digits = digits.slice(digits.startsWith('0086') ? 4 : 2);
    if (!digits.startsWith('1') && !digits.startsWith('0')) {
      digits = `0${digits}`;
    }
  } else if (digits.length === 13 && digits.startsWith('861')) {
    digits = digits.slice(2);
  }
  return digits;
}
