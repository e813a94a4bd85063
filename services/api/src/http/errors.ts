import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, toValidationError } from '@dondoc/domain';

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
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('BODY_TOO_LARGE', null, 'Nội dung gửi lên quá lớn.', 'The request body is too large.') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: body('UNSUPPORTED_MEDIA_TYPE', null, 'Chỉ nhận nội dung JSON (application/json).', 'Only JSON bodies (application/json) are accepted.') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: body('INVALID_JSON', null, 'Nội dung JSON trống.', 'The JSON body is empty.') };
  }
  // A unique constraint that a concurrent request won first.
  if ((err as { code?: string }).code === '23505') {
    return { status: 409, body: body('DUPLICATE', null, 'Dữ liệu này đã có.', 'This already exists.') };
  }
  if (e.statusCode === 429) {
    return { status: 429, body: body('RATE_LIMITED', null, 'Quá nhiều yêu cầu; hãy thử lại sau ít phút.', 'Too many requests; try again in a few minutes.') };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: body('BAD_REQUEST', null, 'Yêu cầu không hợp lệ.', e.message) };
  }
  return { status: 500, body: body('INTERNAL', null, 'Lỗi hệ thống; đã ghi nhận để xử lý.', 'Internal error; it has been logged.') };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body: payload } = toErrorResponse(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  void reply.status(status).send(payload);
}
