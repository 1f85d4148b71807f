import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

export interface OnePort {
  port: number;
  close(): Promise<void>;
}

/**
 * One TCP port for both protocols the SDK speaks to the same base URL: gRPC over cleartext
 * HTTP/2 with prior knowledge (it sends the HTTP/2 preface first) and HTTP/1.1 for the token,
 * JWKS and REST endpoints. Each connection goes to the server its first bytes ask for.
 */
export async function listenOnePort(
  host: string,
  port: number,
  http1: (req: IncomingMessage, res: ServerResponse) => void,
  http2: (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => void,
): Promise<OnePort> {
  const h1 = createHttp1Server({ keepAliveTimeout: 5000 }, http1);
  const h2 = createHttp2Server({ maxSessionMemory: 64 });
  h2.on('stream', http2);
  const sockets = new Set<Socket>();
  h2.on('sessionError', () => undefined);
  h2.on('session', (session) => session.on('error', () => undefined));

  const server = createNetServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, HTTP2_PREFACE.length);
      const isHttp2 = seen.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (isHttp2 && seen.length < HTTP2_PREFACE.length) return; // wait for the whole preface
      socket.removeListener('data', onData);
      socket.pause();
      socket.unshift(seen);
      if (isHttp2) {
        // The HTTP/2 session reads the socket's handle itself and picks up the unshifted bytes.
        h2.emit('connection', socket);
      } else {
        h1.emit('connection', socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      h1.close();
      h2.close();
      await closed;
    },
  };
}
