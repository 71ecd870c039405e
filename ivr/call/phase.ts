/**
 * Phases of a call session and the only transitions allowed between them. `CallSession`
 * changes its phase nowhere but through `assertTransition`.
 */
import type { CallPhase } from '../contract';

/**
 * `connecting` lies between the agent answering and caller and agent being joined in the
 * mixing bridge; the platform sees it as still `offered`.
 */
export type SessionPhase = 'ivr' | 'queued' | 'offered' | 'connecting' | 'talking' | 'held' | 'ended';

const TRANSITIONS: Record<SessionPhase, readonly SessionPhase[]> = {
  ivr: ['queued', 'ended'],
  queued: ['offered', 'ended'],
  offered: ['queued', 'connecting', 'ended'],
  connecting: ['talking', 'ended'],
  talking: ['held', 'ended'],
  held: ['talking', 'ended'],
  ended: [],
};

export class PhaseTransitionError extends Error {
  readonly code = 'INVALID_PHASE_TRANSITION';

  constructor(
    readonly from: SessionPhase,
    readonly to: SessionPhase,
  ) {
    super(`call cannot go from ${from} to ${to}`);
    this.name = 'PhaseTransitionError';
  }
}

/** Throws `PhaseTransitionError` unless a call may go from `from` to `to`. */
export function assertTransition(from: SessionPhase, to: SessionPhase): void {
  if (!TRANSITIONS[from].includes(to)) throw new PhaseTransitionError(from, to);
}

/** Maps a session phase to the phase reported to the platform. */
export function toCallPhase(phase: SessionPhase): CallPhase {
  return phase === 'connecting' ? 'offered' : phase;
}
