/**
 * Q.850 hang-up causes as Asterisk names them (`ast_cause2str`), and the `reason` values of
 * `DELETE /channels/{channelId}`.
 */

export const CAUSE = {
  unknown: 0,
  unallocated: 1,
  noRoute: 3,
  normal: 16,
  busy: 17,
  noUserResponse: 18,
  noAnswer: 19,
  subscriberAbsent: 20,
  rejected: 21,
  answeredElsewhere: 26,
  invalidNumberFormat: 28,
  normalUnspecified: 31,
  congestion: 34,
  networkOutOfOrder: 38,
  bearerCapabilityNotAvailable: 58,
  interworking: 127,
} as const;

const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  28: 'Invalid number format (incomplete number)',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

/** Text of a hang-up cause, as in `ChannelDestroyed.cause_txt` and AMI `Cause-txt`. */
export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/** `reason` values accepted by `DELETE /channels/{channelId}` and the cause each one sets. */
export const HANGUP_REASONS: Record<string, number> = {
  normal: CAUSE.normal,
  busy: CAUSE.busy,
  congestion: CAUSE.congestion,
  no_answer: CAUSE.noAnswer,
  timeout: CAUSE.noUserResponse,
  rejected: CAUSE.rejected,
  unallocated: CAUSE.unallocated,
  normal_unspecified: CAUSE.normalUnspecified,
  number_incomplete: CAUSE.invalidNumberFormat,
  codec_mismatch: CAUSE.bearerCapabilityNotAvailable,
  interworking: CAUSE.interworking,
  failure: CAUSE.networkOutOfOrder,
  answered_elsewhere: CAUSE.answeredElsewhere,
};

/**
 * Soft hang-up flags that Asterisk reports as `cause` in `ChannelHangupRequest` with `soft: true`
 * (`AST_SOFTHANGUP_EXPLICIT` for an ARI hang-up, `AST_SOFTHANGUP_APPUNLOAD` when the dialplan
 * ends a channel that left Stasis).
 */
export const SOFT_HANGUP = { explicit: 32, appUnload: 16 } as const;
