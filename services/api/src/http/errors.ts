import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Socket } from 'node:net';
import { isDatabaseUnavailable } from '@dondoc/db';
import { DomainError, inBoth, toValidationError } from '@dondoc/domain';
import { answersWithPage, sendErrorPage } from '../web/error-page.ts';

/**
 * Every error the API returns has this shape: a stable code, the field it is
 * about (if any), and the message in Vietnamese first and English.
 */
export interface ErrorBody {
  code: string;
  field: string | null;
  message: { vi: string; en: string };
}

/** An error raised by the HTTP layer itself (encoding, media type, idempotency). */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly messageVi: string;
  readonly field: string | null;
  constructor(statusCode: number, code: string, messageVi: string, messageEn: string, field: string | null = null) {
    super(messageEn);
    this.statusCode = statusCode;
    this.code = code;
    this.messageVi = messageVi;
    this.field = field;
  }
}

const domainStatus: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  DUPLICATE: 409,
  PERIOD_CLOSED: 409,
};

function body(code: string, field: string | null, vi: string, en: string): ErrorBody {
  return { code, field, message: { vi, en } };
}

export const unavailableBody = (): ErrorBody =>
  body(
    'SERVICE_UNAVAILABLE',
    null,
    'Cơ sở dữ liệu tạm thời không truy cập được; hãy thử lại sau ít giây.',
    'The database is unavailable for the moment; try again in a few seconds.',
  );

/** Maps anything thrown while handling a request to a status and an ErrorBody. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) {
    return { status: domainStatus[err.code] ?? 400, body: body(err.code, err.field ?? null, err.messageVi, err.message) };
  }
  if (err instanceof HttpError) return { status: err.statusCode, body: body(err.code, err.field, err.messageVi, err.message) };

  const e = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const first = e.validation[0]!;
    const v = toValidationError(
      {
        path: first.instancePath.split('/').filter(Boolean),
        message: first.message ?? '',
        code: first.keyword,
        keys: (first.params as { keys?: string[] }).keys,
      },
      e.validationContext === 'body' ? '' : e.validationContext,
    );
    return { status: 400, body: body(v.code, v.field ?? null, v.messageVi, v.message) };
  }
  if (isDatabaseUnavailable(err)) return { status: 503, body: unavailableBody() };
  switch (e.code) {
    case 'FST_ERR_BAD_URL':
      return { status: 400, body: body('INVALID_ENCODING', null, 'Địa chỉ có mã %-encoding không hợp lệ.', 'The address has an invalid %-encoding.') };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: body('URI_TOO_LONG', null, 'Địa chỉ quá dài.', 'The address is too long.') };
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return { status: 400, body: body('BAD_REQUEST', null, 'Yêu cầu không hợp lệ.', 'Bad request.') };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('BODY_TOO_LARGE', null, 'Nội dung gửi lên quá lớn.', 'The request body is too large.') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: body('UNSUPPORTED_MEDIA_TYPE', null, 'Chỉ nhận nội dung JSON (application/json).', 'Only JSON bodies (application/json) are accepted.'),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body('INVALID_JSON', null, 'Nội dung JSON trống.', 'The JSON body is empty.') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: body('BAD_REQUEST', null, 'Độ dài nội dung không khớp với Content-Length.', 'The body does not match its Content-Length.') };
  }
  // A unique constraint that a concurrent request won first.
  if ((err as { code?: string }).code === '23505') {
    return { status: 409, body: body('DUPLICATE', null, 'Dữ liệu này đã có.', 'This already exists.') };
  }
  if (e.statusCode === 429) {
    return { status: 429, body: body('RATE_LIMITED', null, 'Quá nhiều yêu cầu; hãy thử lại sau ít phút.', 'Too many requests; try again in a few minutes.') };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Not echoing the framework's message: it may quote the request back.
    return { status: e.statusCode, body: body('BAD_REQUEST', null, 'Yêu cầu không hợp lệ.', 'Bad request.') };
  }
  return { status: 500, body: body('INTERNAL', null, 'Lỗi hệ thống; đã ghi nhận để xử lý.', 'Internal error; it has been logged.') };
}

/** How long the global rate limit asks to wait, in whole seconds (its error carries the milliseconds left). */
const retryAfterSeconds = (err: unknown): number | undefined => {
  const ms = (err as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : undefined;
};

/** Answers an error in the API's shape, or, to a browser asking for a page, as a page in its language (web/error-page.ts). */
export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body: payload } = toErrorResponse(err);
  if (status === 503) request.log.warn({ err: (err as Error).message }, 'database unavailable');
  else if (status >= 500) request.log.error({ err }, 'request failed');
  if (status === 503) void reply.header('retry-after', '5');
  if (answersWithPage(request)) {
    const seconds = status === 429 ? retryAfterSeconds(err) : undefined;
    void sendErrorPage(request, reply, status, seconds ? inBoth('page.tooManyRequests', { seconds }) : payload.message);
    return;
  }
  void reply.status(status).send(payload);
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (headers too
 * large, a malformed request line): answered in the same shape, on the raw
 * socket, and the connection closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, b] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          body('HEADERS_TOO_LARGE', null, 'Phần đầu (header) của yêu cầu quá lớn.', 'The request headers are too large.'),
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', body('REQUEST_TIMEOUT', null, 'Yêu cầu gửi quá chậm.', 'The request took too long to arrive.')]
        : [400, 'Bad Request', body('BAD_REQUEST', null, 'Yêu cầu HTTP không hợp lệ.', 'The HTTP request is malformed.')];
  const json = JSON.stringify(b);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}
