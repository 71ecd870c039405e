/**
 * Matches `/ari/...` requests to the operations table and checks their parameters the way ARI
 * does: query string and JSON body fields are both accepted, lists may be comma-separated.
 */
import { OPERATIONS, type HttpMethod, type OperationSpec } from './operations';

export type ParamValue = string | number | boolean | string[] | Record<string, unknown> | undefined;
export type Params = Record<string, ParamValue>;

/** A REST error sent with `status` and a JSON body, such as 404 `{"message":"Channel not found"}`. */
export class AriError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, string>,
  ) {
    super(body.message ?? body.error ?? `HTTP ${status}`);
    this.name = 'AriError';
  }
}

export const ariError = (status: number, message: string) => new AriError(status, { message });

interface CompiledRoute {
  operation: OperationSpec;
  pattern: RegExp;
  names: string[];
}

const ROUTES: CompiledRoute[] = OPERATIONS.map((operation) => {
  const names: string[] = [];
  const source = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { operation, pattern: new RegExp(`^${source}$`), names };
});

export interface RouteMatch {
  operation: OperationSpec;
  pathParams: Record<string, string>;
}

/** Finds the operation for `method` and `path` (below `/ari`); throws 404 or 405 like Asterisk. */
export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.operation.method !== (method as HttpMethod)) continue;
    const pathParams: Record<string, string> = {};
    route.names.forEach((name, index) => {
      pathParams[name] = decodeURIComponent(match[index + 1]);
    });
    return { operation: route.operation, pathParams };
  }
  if (pathMatched) throw ariError(405, 'Invalid method');
  throw ariError(404, 'Resource not found');
}

/** Collects and checks the operation's parameters from the path, the query string and a JSON body. */
export function readParams(match: RouteMatch, query: URLSearchParams, body: unknown): Params {
  const bodyFields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const params: Params = {};
  for (const spec of match.operation.params) {
    if (spec.paramType === 'path') {
      params[spec.name] = match.pathParams[spec.name];
      continue;
    }
    if (spec.dataType === 'containers') {
      const container = bodyFields[spec.name];
      if (container && typeof container === 'object') params[spec.name] = container as Record<string, unknown>;
      continue;
    }
    const raw = query.getAll(spec.name);
    const fromBody = bodyFields[spec.name];
    if (raw.length === 0 && fromBody !== undefined && fromBody !== null) raw.push(...(Array.isArray(fromBody) ? fromBody.map(String) : [String(fromBody)]));
    if (raw.length === 0) {
      if (spec.required) throw ariError(400, `Missing parameter ${spec.name}`);
      continue;
    }
    const values = spec.allowMultiple ? raw.flatMap((value) => value.split(',')).filter((value) => value !== '') : [raw[raw.length - 1]];
    if (spec.required && values.length === 0) throw ariError(400, `Missing parameter ${spec.name}`);
    if (spec.allowedValues) {
      for (const value of values) {
        if (!spec.allowedValues.includes(value)) throw ariError(400, `Invalid value for ${spec.name}: ${value}`);
      }
    }
    params[spec.name] = convert(spec.name, spec.dataType, spec.allowMultiple ? values : values[0]);
  }
  return params;
}

function convert(name: string, dataType: string, value: string | string[]): ParamValue {
  if (Array.isArray(value)) return value;
  if (dataType === 'int') {
    const number = Number(value);
    if (!Number.isInteger(number)) throw ariError(400, `Invalid value for ${name}: ${value} is not an integer`);
    return number;
  }
  if (dataType === 'boolean') {
    if (!['true', 'false', '1', '0', 'yes', 'no'].includes(value.toLowerCase())) {
      throw ariError(400, `Invalid value for ${name}: ${value} is not a boolean`);
    }
    return ['true', '1', 'yes'].includes(value.toLowerCase());
  }
  return value;
}
