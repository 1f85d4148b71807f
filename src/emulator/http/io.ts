import type { IncomingHttpHeaders } from 'node:http';

/**
 * The part of a request and response the emulator's HTTP handlers use; both node:http's
 * IncomingMessage/ServerResponse and node:http2's compatibility objects fit it, so the same
 * handlers answer HTTP/1.1 and h2c.
 */
export interface HttpRequest extends AsyncIterable<Buffer | string> {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  resume(): unknown;
  on(event: 'end', listener: () => void): unknown;
}

export interface HttpResponse {
  headersSent: boolean;
  writeHead(status: number, headers?: Record<string, string | number>): unknown;
  end(callback?: () => void): unknown;
  end(body: string | Uint8Array, callback?: () => void): unknown;
}

export class BodyTooLargeError extends Error {}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: HttpRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and discards the body, for answers that do not depend on it. */
export function drain(req: HttpRequest): Promise<void> {
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.resume();
  });
}

export function sendJson(res: HttpResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function redirect(res: HttpResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
}

/** Form-encoded or JSON body as a flat string map. */
export function parseParams(body: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes('application/json')) {
    const value = body ? (JSON.parse(body) as unknown) : {};
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(body));
}
