/** The part of `asterisk-manager` 0.2 that `ivr/ami/ami-connection.ts` uses; the package ships no types. */
declare module 'asterisk-manager' {
  /** One AMI message; the library lower-cases the keys (`response`, `actionid`, `event`, ...). */
  export type AmiMessage = Record<string, string | string[] | Record<string, string> | undefined>;

  export interface Manager {
    connect(port: number, host: string, callback?: () => void): void;
    /** Logs in with the user and secret given to the factory; `error` is the AMI error response. */
    login(callback: (error?: AmiMessage) => void): void;
    /** Sends an action; the callback receives the error response or the response. Returns the action id. */
    action(action: Record<string, string>, callback: (error: AmiMessage | undefined, response: AmiMessage) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: string, listener: (...args: never[]) => void): void;
    removeListener(event: string, listener: (...args: never[]) => void): void;
    removeAllListeners(event?: string): void;
  }

  /** Creates a manager; with a falsy `port` it does not connect until `connect` is called. */
  function createManager(port: number, host: string, user: string, secret: string, events: boolean): Manager;
  export default createManager;
}
