/** Starting the call bench's child processes and waiting for their IPC messages. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Forks `script` (a file of this folder) under tsx. With BENCH_PROFILE_DIR set, the child
 * writes a V8 CPU profile (`--cpu-prof`) into that folder when it exits.
 */
export function forkBenchChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  return fork(join(import.meta.dirname, script), [], { execArgv: ['--import', 'tsx', ...profile], env });
}

/** Resolves with the child's next message that `matches`; rejects if the child exits first. */
export function nextMessage<Message, Wanted extends Message>(
  child: ChildProcess,
  matches: (message: Message) => message is Wanted,
  description: string,
): Promise<Wanted> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (!matches(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => reject(new Error(`bench child process exited with ${code} before sending ${description}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends `stop` and resolves when the child has exited. */
export async function stopChild(child: ChildProcess, stop: unknown): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send(stop as object);
  await exited;
}
