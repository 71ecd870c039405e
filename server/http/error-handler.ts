/**
 * The one error middleware of the HTTP API. AppErrors keep their code, status and Chinese
 * message; a body that is not valid JSON is a VALIDATION_FAILED; anything else is logged and
 * answered as INTERNAL without details.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, internalError, notFound, validationFailed } from '../errors';

export interface ErrorBody {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.userMessage, fields: error.fields } };
}

/** Answers requests under /api that no route matched with 404 NOT_FOUND. */
export const unknownApiRoute: RequestHandler = (request, _response, next) => {
  next(notFound(`接口 ${request.method} ${request.path} `));
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') {
      logger.error({ err: error, method: request.method, path: request.path }, 'request failed');
    } else if (appError.status >= 500) {
      logger.warn({ code: appError.code, method: request.method, path: request.path }, 'request failed');
    }
    if (response.headersSent) return;
    response.status(appError.status).json(errorBody(appError));
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isBodyParserError(error, 'entity.parse.failed')) {
    return validationFailed([{ field: 'body', message: '请求内容不是有效的 JSON' }]);
  }
  if (isBodyParserError(error, 'entity.too.large')) {
    const fields = [{ field: 'body', message: '请求内容过大' }];
    return new AppError('VALIDATION_FAILED', 413, fields[0].message, fields);
  }
  return internalError();
}

/** Errors of express.json() carry a `type` such as `entity.parse.failed`. */
function isBodyParserError(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}
