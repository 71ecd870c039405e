/** State of the Socket.IO link to the server, shown in the state bar. */
import { createStore } from './store';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** Number of the current reconnection attempt, 0 when none is running. */
  attempt: number;
}

export const connectionStore = createStore<ConnectionState>({ phase: 'disconnected', attempt: 0 });
