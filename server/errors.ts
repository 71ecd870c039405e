/**
 * The platform's named errors. Each has a stable `code` for API clients, an HTTP status and a
 * Chinese message for people; the HTTP and socket layers map them, nothing else does.
 */

export type ErrorCode =
  | 'AUTH_REQUIRED'
  | 'AUTH_INVALID'
  | 'LOGIN_FAILED'
  | 'FORBIDDEN'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'RATE_LIMITED'
  | 'CALL_NOT_FOUND'
  | 'TELEPHONY_UNAVAILABLE'
  | 'INTERNAL';

/** One field that failed validation, with the Chinese message shown beside it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    /** Chinese message for the user. */
    readonly userMessage: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'AppError';
  }
}

export const authRequired = () => new AppError('AUTH_REQUIRED', 401, '请先登录');
export const authInvalid = () => new AppError('AUTH_INVALID', 401, '登录已失效，请重新登录');
export const loginFailed = () => new AppError('LOGIN_FAILED', 401, '用户名或密码错误');
export const forbidden = (what = '进行此操作') => new AppError('FORBIDDEN', 403, `您的角色无权${what}`);
export const validationFailed = (fields: FieldProblem[]) =>
  new AppError('VALIDATION_FAILED', 400, fields.length ? fields.map((f) => f.message).join('；') : '输入有误', fields);
export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what}不存在`);
export const conflict = (message: string) => new AppError('CONFLICT', 409, message);
export const invalidState = (message: string) => new AppError('INVALID_STATE', 409, message);
export const telephonyUnavailable = () => new AppError('TELEPHONY_UNAVAILABLE', 503, '话务系统暂时不可用，请稍后重试');
export const rateLimited = () => new AppError('RATE_LIMITED', 429, '尝试次数过多，请稍后再试');
export const callNotFound = () => new AppError('CALL_NOT_FOUND', 404, '通话不存在或已结束');
export const internalError = () => new AppError('INTERNAL', 500, '系统内部错误，请稍后重试');
