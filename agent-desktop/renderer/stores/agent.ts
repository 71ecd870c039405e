/** The agent's state as last sent by the server in `agent:status`. */
import type { AgentStatus } from '../../../server/realtime/socket-events';
import { createStore } from './store';

export const agentStore = createStore<AgentStatus | null>(null);
