/** Shared pieces of the ARI request handlers: replies, lookups that fail like Asterisk, parameter readers. */
import type { SimBridge } from '../engine/bridge';
import type { SimChannel } from '../engine/channel';
import type { Engine } from '../engine/engine';
import { ariError, type Params } from './router';

export interface AriReply {
  status: number;
  body?: unknown;
  /** Raw bytes (stored recording files) instead of JSON. */
  binary?: Buffer;
  contentType?: string;
}

export type AriHandler = (engine: Engine, params: Params) => AriReply;
export type HandlerTable = Record<string, AriHandler>;

export const NO_CONTENT: AriReply = { status: 204 };

export function ok(body: unknown, status = 200): AriReply {
  return { status, body };
}

/** Finds the live channel `id`, or throws 404 `Channel not found` (also for channels that already hung up). */
export function requireChannel(engine: Engine, id: string): SimChannel {
  const channel = engine.findChannel(id);
  if (!channel || channel.hangingUp) throw ariError(404, 'Channel not found');
  return channel;
}

/** Finds the live channel `id` in a Stasis application, or throws 404, or 409 `Channel not in Stasis application`. */
export function requireStasisChannel(engine: Engine, id: string): SimChannel {
  const channel = requireChannel(engine, id);
  if (!channel.stasis) throw ariError(409, 'Channel not in Stasis application');
  return channel;
}

export function requireBridge(engine: Engine, id: string): SimBridge {
  const bridge = engine.bridges.get(id);
  if (!bridge) throw ariError(404, 'Bridge not found');
  return bridge;
}

export function text(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

export function integer(params: Params, name: string): number | undefined {
  const value = params[name];
  return typeof value === 'number' ? value : undefined;
}

export function flag(params: Params, name: string): boolean | undefined {
  const value = params[name];
  return typeof value === 'boolean' ? value : undefined;
}

export function list(params: Params, name: string): string[] {
  const value = params[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** String-valued entries of a JSON body container such as `{"variables": {...}}`. */
export function container(params: Params, name: string): Record<string, string> {
  const value = params[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}

/** Splits `appArgs` the way `Stasis(app,args)` does: on commas. */
export function splitArgs(value: string | undefined): string[] {
  return value ? value.split(',') : [];
}
