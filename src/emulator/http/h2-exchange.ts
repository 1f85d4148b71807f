import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import type { HttpRequest, HttpResponse } from './io.js';

/** A plain (non-gRPC) HTTP/2 stream seen as the request/response pair the HTTP handlers take. */
export function h2Exchange(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): { req: HttpRequest; res: HttpResponse } {
  stream.on('error', () => undefined);
  const req: HttpRequest = {
    method: headers[':method'] as string | undefined,
    url: headers[':path'] as string | undefined,
    headers,
    [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator](),
    resume: () => stream.resume(),
    on: (event, listener) => stream.on(event, listener),
  };
  const res: HttpResponse = {
    get headersSent() {
      return stream.headersSent;
    },
    writeHead(status, extra = {}) {
      if (!stream.destroyed) stream.respond({ ':status': status, ...extra });
    },
    end(body?: string | Uint8Array | (() => void)) {
      if (stream.destroyed) return;
      if (typeof body === 'function' || body === undefined) stream.end();
      else stream.end(body);
    },
  };
  return { req, res };
}
