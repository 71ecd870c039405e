/**
 * Signatures of the webhooks to units' systems and of their status reports back: HMAC-SHA256
 * with the unit's secret over `<timestamp>.<body>`, where the timestamp is Unix seconds sent in
 * `X-Mq-Timestamp` and the signature is `v1=<hex>` in `X-Mq-Signature`. Signing the timestamp
 * lets the receiver reject replays of old messages.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-mq-timestamp';
export const SIGNATURE_HEADER = 'x-mq-signature';
/** Code of the unit (`org_units.code`) that sends a status report. */
export const UNIT_HEADER = 'x-mq-unit';
export const DELIVERY_HEADER = 'x-mq-delivery';
export const EVENT_HEADER = 'x-mq-event';

/** How far a message's timestamp may be from the receiver's clock, in seconds. */
export const SIGNATURE_TOLERANCE_S = 300;

export function signBody(secret: string, timestamp: number, body: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `v1=${hmac.digest('hex')}`;
}

/** Returns the timestamp and signature headers for `body` at `now`. */
export function signatureHeaders(secret: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signBody(secret, timestamp, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'expired' | 'mismatch' };

/** Checks a signature in constant time, and that its timestamp is within the tolerance of `now`. */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string | Buffer,
  now = new Date(),
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };

  const seconds = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > SIGNATURE_TOLERANCE_S) return { ok: false, reason: 'expired' };

  const expected = Buffer.from(signBody(secret, seconds, body));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
