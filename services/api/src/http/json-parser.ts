import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { HttpError } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's JSON parser with one that refuses invalid UTF-8 (the
 * default decoder would quietly turn it into U+FFFD and store it) and
 * prototype-poisoning keys. An empty body is no body.
 */
export function registerStrictJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, raw, done) => {
    const buf = raw as Buffer;
    if (buf.length === 0) return done(null, undefined);
    let text: string;
    try {
      text = utf8.decode(buf);
    } catch {
      return done(new HttpError(400, 'INVALID_ENCODING', 'Nội dung không phải UTF-8 hợp lệ.', 'The body is not valid UTF-8.'), undefined);
    }
    try {
      done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (e) {
      done(
        new HttpError(400, 'INVALID_JSON', `Nội dung JSON không hợp lệ: ${(e as Error).message}`, `The body is not valid JSON: ${(e as Error).message}`),
        undefined,
      );
    }
  });
}
