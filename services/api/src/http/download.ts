import type { FastifyReply } from 'fastify';

// Types a browser shows without running anything; any other upload is served as bytes to save.
const shownAs = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.ms-excel',
]);

/** A stored file as a download: always `attachment`, its name in UTF-8 (RFC 6266), never a type that could run in the page. */
export function sendAttachment(reply: FastifyReply, filename: string, contentType: string, data: Buffer): FastifyReply {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7E]/g, '')
      .replace(/["\\]/g, '') || 'tep-dinh-kem';
  return reply
    .header('content-type', shownAs.has(contentType) ? contentType : 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(data);
}
