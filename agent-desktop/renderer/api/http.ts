/**
 * The one place the renderer calls the REST API: adds the token, parses the platform's error
 * body `{error:{code,message,fields}}` into an `ApiError`, and ends the session on a 401.
 */
import type { FieldProblem } from '../../../server/errors';
import { endSession, sessionStore } from '../stores/session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Chinese message for the user. */
    readonly userMessage: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  body?: unknown;
  /** Keep the session on a 401, because the login request expects 401 for a wrong password. */
  keepSessionOn401?: boolean;
}

export async function apiRequest<T>(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = sessionStore.get().token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }

  const body = await readJson(response);
  if (response.ok) return body as T;

  const error = toApiError(response.status, body);
  if (response.status === 401 && !options.keepSessionOn401) endSession(error.userMessage);
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message = typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(status);
  const fields = Array.isArray(error?.fields) ? error.fields.filter(isFieldProblem) : [];
  return new ApiError(status, code, message, fields);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const candidate = value as FieldProblem | null;
  return typeof candidate?.field === 'string' && typeof candidate.message === 'string';
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您无权进行此操作';
  if (status === 400) return '提交的内容有误，请检查后重试';
  if (status === 404) return '请求的内容不存在';
  if (status === 409) return '数据已被他人更改，请刷新后重试';
  // A proxy in front of the server may reject a large upload with its own page instead of our JSON.
  if (status === 413) return '上传的内容过大，请缩小或拆分文件后重试';
  if (status === 415) return '不支持该文件类型';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务器出错，请稍后重试';
  return `请求失败（${status}）`;
}

/** Sends a multipart form (such as attachments) and returns the parsed JSON response; throws ApiError like apiRequest. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const response = await send(path, { method: 'POST', body: form });
  const body = await readJson(response);
  if (response.ok) return body as T;
  throw failed(response.status, body);
}

/** Downloads a file behind the login and returns its bytes; throws ApiError like apiRequest. */
export async function apiDownload(path: string): Promise<Blob> {
  const response = await send(path, { method: 'GET' });
  if (response.ok) return response.blob();
  throw failed(response.status, await readJson(response));
}

async function send(path: string, init: RequestInit): Promise<Response> {
  const token = sessionStore.get().token;
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  try {
    return await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

function failed(status: number, body: unknown): ApiError {
  const error = toApiError(status, body);
  if (status === 401) endSession(error.userMessage);
  return error;
}
