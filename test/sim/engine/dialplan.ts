/**
 * The simulator's dialplan: for each context, a rule that maps an extension to what the channel
 * entering it does. Unknown contexts and extensions behave like a missing extension in Asterisk.
 */

export type DialplanStep =
  /** `[NoOp(noop),] Stasis(app,args...)` */
  | { kind: 'stasis'; app: string; args: string[]; noop?: string }
  /** `Dial(PJSIP/extension)`: rings the simulated phone registered as `extension`. */
  | { kind: 'phone'; extension: string };

/** Maps an extension to a step, or null when the context has no such extension. */
export type DialplanRule = (exten: string) => DialplanStep | null;

export type Dialplan = Record<string, DialplanRule>;

export function stasisStep(app: string, args: string[], noop?: string): DialplanStep {
  return noop === undefined ? { kind: 'stasis', app, args } : { kind: 'stasis', app, args, noop };
}

export function phoneStep(extension: string): DialplanStep {
  return { kind: 'phone', extension };
}

const DIGITS = /^[0-9*#+]+$/;

/**
 * The default dialplan: a carrier call to any number in `from-trunk` enters `Stasis(<ariApp>,inbound)`;
 * `agent-phones` and `dept-phones` ring the simulated phone registered under the extension.
 */
export function defaultDialplan(ariApp: string): Dialplan {
  return {
    'from-trunk': (exten) => (DIGITS.test(exten) ? stasisStep(ariApp, ['inbound']) : null),
    'agent-phones': (exten) => (DIGITS.test(exten) ? phoneStep(exten) : null),
    'dept-phones': (exten) => (DIGITS.test(exten) ? phoneStep(exten) : null),
  };
}

/**
 * The dialplan the recorded traces ran on: callers enter `hotline` after a NoOp, and agent and
 * department legs enter the `test-phones` application, which stands in for the phones.
 */
export function traceDialplan(): Dialplan {
  return {
    'from-trunk': (exten) => (exten === '12345' ? stasisStep('hotline', ['inbound'], 'hotline inbound') : null),
    'agent-phones': (exten) => (DIGITS.test(exten) ? stasisStep('test-phones', ['agent', exten]) : null),
    'dept-phones': (exten) => (DIGITS.test(exten) ? stasisStep('test-phones', ['dept', exten]) : null),
  };
}
