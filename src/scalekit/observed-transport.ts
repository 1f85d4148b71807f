import type { Transport } from '@connectrpc/connect';
import { ConnectError } from '@connectrpc/connect';

/** Told about every unary call on the transport: before it goes out, and its answer's headers (or the error's metadata). */
export interface CallObserver {
  /** Resolves when the call may go out (pacing). */
  before(method: string): Promise<void>;
  after(method: string, headers: Headers | undefined, error?: ConnectError): void;
}

/**
 * The SDK's transport with an observer around each unary call. Interceptors are fixed when the SDK
 * builds its transport, and the SDK's `connectExec` turns errors into exceptions without their
 * metadata; wrapping the transport is how the importer reads every answer's X-RateLimit-* headers
 * (gRPC response headers; for a trailers-only error, the error's metadata).
 */
export function observedTransport(inner: Transport, observer: CallObserver): Transport {
  return {
    async unary(method, signal, timeoutMs, header, input, contextValues) {
      await observer.before(method.name);
      try {
        const response = await inner.unary(method, signal, timeoutMs, header, input, contextValues);
        observer.after(method.name, mergedHeaders(response.header, response.trailer));
        return response;
      } catch (error) {
        const connectError = ConnectError.from(error);
        observer.after(method.name, connectError.metadata, connectError);
        throw error;
      }
    },
    stream: (method, signal, timeoutMs, header, input, contextValues) => inner.stream(method, signal, timeoutMs, header, input, contextValues),
  };
}

function mergedHeaders(header: Headers, trailer: Headers): Headers {
  if (!trailer.has('x-ratelimit-limit')) return header;
  const merged = new Headers(header);
  trailer.forEach((value, key) => merged.set(key, value));
  return merged;
}
