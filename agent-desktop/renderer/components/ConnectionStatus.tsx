import { connectionStore, type ConnectionState } from '../stores/connection';
import { useStore } from '../stores/store';

function describe(connection: ConnectionState): string {
  switch (connection.phase) {
    case 'connected':
      return '已连接';
    case 'connecting':
      return '正在连接…';
    case 'reconnecting':
      return connection.attempt > 0 ? `连接中断，正在重连（第${connection.attempt}次）` : '连接中断，正在重连…';
    case 'disconnected':
      return '未连接';
  }
}

/** Shows the state of the link to the server, which the socket re-establishes by itself. */
export function ConnectionStatus() {
  const connection = useStore(connectionStore);
  return (
    <span class={`connection connection-${connection.phase}`} role="status" aria-label="连接状态">
      <span class="connection-dot" aria-hidden="true" />
      {describe(connection)}
    </span>
  );
}
