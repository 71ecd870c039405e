/**
 * The call on the agent's desk: its screen pop and where the call is. The pop stays after the
 * call ends, so that the agent can finish the case with the caller's details in view.
 */
import type { CallParty } from '../../../server/domain/terms';
import type { AgentStatus, ScreenPop, ServerToClientEvents } from '../../../server/realtime/socket-events';
import { createStore } from './store';

export type DeskCallPhase = 'ringing' | 'talking' | 'held' | 'ended' | 'missed';
export type OfferOutcome = Parameters<ServerToClientEvents['call:offer-ended']>[0]['outcome'];

export interface DeskCall {
  pop: ScreenPop;
  phase: DeskCallPhase;
  endedBy: CallParty | null;
  offerOutcome: OfferOutcome | null;
}

export const callStore = createStore<DeskCall | null>(null);

export function showPop(pop: ScreenPop, phase: DeskCallPhase = 'ringing'): void {
  callStore.set({ pop, phase, endedBy: null, offerOutcome: null });
}

/** Applies a change to the current call, ignoring events of any other call. */
export function updateCall(callId: string, change: Partial<Omit<DeskCall, 'pop'>>): void {
  callStore.set((call) => (call && call.pop.callId === callId ? { ...call, ...change } : call));
}

/**
 * Restores the pop from a status the server sent on (re)connect. Returns true when it is a call
 * the desk did not show yet.
 */
export function restoreCallFromStatus(status: AgentStatus): boolean {
  if (!status.pop) return false;

  const phase = phaseForAgentState(status.state);
  const current = callStore.get();
  if (current && current.pop.callId === status.pop.callId) {
    // Held and resumed are not part of the agent state, so a talking call keeps its known hold state.
    const keepHeld = current.phase === 'held' && phase === 'talking';
    updateCall(status.pop.callId, { phase: keepHeld ? 'held' : phase });
    return false;
  }

  showPop(status.pop, phase);
  return true;
}

function phaseForAgentState(state: AgentStatus['state']): DeskCallPhase {
  if (state === 'ringing') return 'ringing';
  if (state === 'talking') return 'talking';
  return 'ended';
}
