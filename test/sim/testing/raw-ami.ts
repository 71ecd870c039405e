/** A plain AMI client over TCP for the simulator's tests: sends actions, collects every message. */
import { connect, type Socket } from 'node:net';
import { AmiParser, formatAmi, type AmiMessage } from '../ami/protocol';

export class RawAmi {
  banner = '';
  closed = false;
  readonly messages: AmiMessage[] = [];
  private readonly parser = new AmiParser();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: Socket) {}

  /** Connects and waits for the `Asterisk Call Manager/...` banner line. */
  static async open(port: number): Promise<RawAmi> {
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    const client = new RawAmi(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.on('data', (chunk: string) => {
        let text = chunk;
        if (!client.banner) {
          const end = text.indexOf('\r\n');
          client.banner = text.slice(0, end);
          text = text.slice(end + 2);
          resolve();
        }
        client.messages.push(...client.parser.push(text));
        client.wake();
      });
      socket.on('close', () => {
        client.closed = true;
        client.wake();
      });
    });
    return client;
  }

  send(fields: Record<string, string>): void {
    this.socket.write(formatAmi(Object.entries(fields)));
  }

  /** Resolves with the first message (past or future) matching `predicate`. */
  async waitFor(predicate: (message: AmiMessage) => boolean, timeoutMs = 5000): Promise<AmiMessage> {
    await this.until(() => this.messages.some(predicate), timeoutMs, 'message');
    return this.messages.find(predicate)!;
  }

  async waitForClose(timeoutMs = 5000): Promise<void> {
    await this.until(() => this.closed, timeoutMs, 'close');
  }

  /** Messages carrying `ActionID: actionId`, in arrival order. */
  answersTo(actionId: string): AmiMessage[] {
    return this.messages.filter((message) => message.get('ActionID') === actionId);
  }

  close(): void {
    this.socket.destroy();
  }

  private async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages.map((message) => message.get('Event') ?? message.get('Response')).join(', ');
        throw new Error(`no ${what} within ${timeoutMs} ms; saw ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }
}
