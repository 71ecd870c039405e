/** Errors of the AMI adapter. Each carries the action name, so that a log line shows what failed. */

export class AmiActionTimeoutError extends Error {
  readonly code = 'AMI_ACTION_TIMEOUT';

  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`AMI action ${action} got no response within ${timeoutMs} ms`);
    this.name = 'AmiActionTimeoutError';
  }
}

export class AmiActionError extends Error {
  readonly code = 'AMI_ACTION_FAILED';

  constructor(
    readonly action: string,
    /** Asterisk's `Message` field. */
    readonly reason: string,
  ) {
    super(`AMI action ${action} failed: ${reason}`);
    this.name = 'AmiActionError';
  }
}

export class AmiNotConnectedError extends Error {
  readonly code = 'AMI_NOT_CONNECTED';

  constructor(readonly action: string) {
    super(`AMI action ${action} not sent: not connected to Asterisk`);
    this.name = 'AmiNotConnectedError';
  }
}
