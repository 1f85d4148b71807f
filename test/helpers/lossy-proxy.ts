import {
  connect as connectHttp2,
  constants as h2,
  createServer as createHttp2Server,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import { connect as connectTcp, createServer as createNetServer, type Server, type Socket } from 'node:net';

/**
 * How an answer is lost after the server applied the call:
 * - `rst`: the stream is reset (RST_STREAM INTERNAL_ERROR) instead of answered;
 * - `internal`: a gRPC INTERNAL status replaces the real answer (a gateway that failed on the way back);
 * - `connection`: the whole HTTP/2 connection is dropped, with every call in flight on it.
 */
export type LossKind = 'rst' | 'internal' | 'connection';

export interface LossyProxyOptions {
  /** The emulator's base URL (loopback). */
  upstream: string;
  /** Probability that a management call's answer is lost after the call reached the server. */
  lossRate?: number;
  kind?: LossKind;
  /** Seeded random source for reproducible runs. */
  random?: () => number;
  /** Only calls whose gRPC method name matches lose answers (default: every management call). */
  methods?: RegExp;
}

export interface LossyProxy {
  /** Base URL to give the SDK instead of the emulator's. */
  url: string;
  /** Answers lost per gRPC method (the server had applied each of those calls). */
  lost: Map<string, number>;
  /** Calls forwarded per gRPC method. */
  forwarded: Map<string, number>;
  configure(settings: Partial<Pick<LossyProxyOptions, 'lossRate' | 'kind' | 'methods'>>): void;
  /**
   * Starts an outage of `ms`: every call in flight loses its answer (the server still applies it),
   * every open connection is cut, and calls made during the outage never reach the server.
   */
  outage(ms: number): void;
  /** Starts an outage of `ms` when the next management call has reached the server: its answer is the first lost. */
  outageAfterNextCall(ms: number): void;
  close(): Promise<void>;
}

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');
const HOP_HEADERS = new Set([':method', ':path', ':scheme', ':authority', ':status', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

/**
 * A loopback proxy between the SDK and the emulator that loses answers the way a real network
 * does, after the call took effect. HTTP/1.1 (the token endpoint) passes through untouched;
 * each gRPC call is forwarded whole to the emulator, its complete answer read back, and then
 * either relayed or lost. Tests use it to prove that nothing the server applied is forgotten.
 */
export async function startLossyProxy(options: LossyProxyOptions): Promise<LossyProxy> {
  const upstream = new URL(options.upstream);
  const settings = { lossRate: options.lossRate ?? 0, kind: options.kind ?? ('rst' as LossKind), methods: options.methods ?? /./ };
  const random = options.random ?? Math.random;
  const lost = new Map<string, number>();
  const forwarded = new Map<string, number>();
  const sockets = new Set<Socket>();
  const sessions = new Set<ServerHttp2Session>();
  /** The client's socket for each inner HTTP/2 connection, keyed by the inner connection's client port. */
  const clientSocketByInnerPort = new Map<number, Socket>();
  let outageUntil = 0;
  let armedOutageMs = 0;
  let upstreamSession: ClientHttp2Session | undefined;

  const upstreamH2 = (): ClientHttp2Session => {
    if (!upstreamSession || upstreamSession.closed || upstreamSession.destroyed) {
      upstreamSession = connectHttp2(upstream.origin);
      upstreamSession.on('error', () => undefined);
    }
    return upstreamSession;
  };

  const h2server = createHttp2Server();
  h2server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  h2server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    void relay(stream, headers);
  });

  async function relay(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): Promise<void> {
    const path = String(headers[':path']);
    const method = path.split('/').pop() ?? path;
    const body = await readAll(stream);
    if (Date.now() < outageUntil) {
      dropConnection(stream.session as ServerHttp2Session);
      return;
    }
    const outgoing: OutgoingHttpHeaders = { ':method': 'POST', ':path': path };
    for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name) && value !== undefined) outgoing[name] = value;
    let answer: Answer;
    try {
      answer = await forward(upstreamH2(), outgoing, body);
    } catch {
      stream.close(h2.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    forwarded.set(method, (forwarded.get(method) ?? 0) + 1);
    const management = path.startsWith('/scalekit.');
    if (management && armedOutageMs > 0) {
      outageUntil = Date.now() + armedOutageMs;
      armedOutageMs = 0;
      for (const session of sessions) if (session !== stream.session) dropConnection(session);
    }
    const loses = Date.now() < outageUntil || (management && settings.methods.test(method) && random() < settings.lossRate);
    if (loses) {
      lost.set(method, (lost.get(method) ?? 0) + 1);
      if (Date.now() < outageUntil || settings.kind === 'connection') dropConnection(stream.session as ServerHttp2Session);
      else if (settings.kind === 'rst') stream.close(h2.NGHTTP2_INTERNAL_ERROR);
      else stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '13', 'grpc-message': 'upstream answer lost' }, { endStream: true });
      return;
    }
    if (stream.destroyed) return;
    const { ':status': status, ...responseHeaders } = answer.headers;
    const clean: OutgoingHttpHeaders = { ':status': Number(status ?? 200) };
    for (const [name, value] of Object.entries(responseHeaders)) if (!HOP_HEADERS.has(name) && value !== undefined) clean[name] = value;
    if (!answer.trailers) {
      stream.respond(clean, { endStream: answer.data.length === 0 });
      if (answer.data.length) stream.end(answer.data);
      return;
    }
    stream.respond(clean, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(answer.trailers!));
    stream.end(answer.data);
  }

  /**
   * A reset connection (TCP RST, as from a crashed peer or a middlebox): every stream on it dies at
   * once. The client's socket is a plain one this proxy pipes (HTTP/2 runs on an inner loopback
   * hop), so it can be reset without touching a socket the HTTP/2 layer owns.
   */
  function dropConnection(session: ServerHttp2Session | undefined): void {
    const client = session && !session.destroyed ? clientSocketByInnerPort.get(session.socket?.remotePort ?? -1) : undefined;
    // Only the plain outer socket is reset; the inner HTTP/2 session then sees its socket end and
    // closes by itself (destroying a session from inside its own stream handlers can crash Node 20).
    if (client && !client.destroyed) client.resetAndDestroy();
  }

  await new Promise<void>((resolve) => h2server.listen(0, '127.0.0.1', resolve));
  const innerAddress = h2server.address();
  const innerPort = typeof innerAddress === 'object' && innerAddress ? innerAddress.port : 0;

  const server: Server = createNetServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, HTTP2_PREFACE.length);
      const isHttp2 = seen.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (isHttp2 && seen.length < HTTP2_PREFACE.length) return;
      socket.removeListener('data', onData);
      socket.pause();
      // HTTP/2 goes to the inner server that relays calls; HTTP/1.1 (token, JWKS) straight to the emulator.
      const far = isHttp2 ? connectTcp(innerPort, '127.0.0.1') : connectTcp(Number(upstream.port), upstream.hostname);
      sockets.add(far);
      far.setNoDelay(true);
      far.on('connect', () => {
        if (isHttp2 && far.localPort) clientSocketByInnerPort.set(far.localPort, socket);
      });
      far.on('close', () => {
        sockets.delete(far);
        if (far.localPort) clientSocketByInnerPort.delete(far.localPort);
        socket.destroy();
      });
      far.on('error', () => socket.destroy());
      socket.on('close', () => far.destroy());
      far.write(seen);
      socket.pipe(far).pipe(socket);
      socket.resume();
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    lost,
    forwarded,
    configure(next) {
      Object.assign(settings, Object.fromEntries(Object.entries(next).filter(([, value]) => value !== undefined)));
    },
    outage(ms) {
      outageUntil = Date.now() + ms;
      for (const session of sessions) dropConnection(session);
    },
    outageAfterNextCall(ms) {
      armedOutageMs = ms;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      upstreamSession?.destroy();
      h2server.close();
      await closed;
    },
  };
}

interface Answer {
  headers: IncomingHttpHeaders;
  data: Buffer;
  trailers?: OutgoingHttpHeaders;
}

function forward(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = session.request(headers);
    let responseHeaders: IncomingHttpHeaders = {};
    let trailers: OutgoingHttpHeaders | undefined;
    const chunks: Buffer[] = [];
    request.on('response', (value) => (responseHeaders = value));
    request.on('trailers', (value) => {
      trailers = {};
      for (const [name, item] of Object.entries(value)) if (!name.startsWith(':') && item !== undefined && item !== null) trailers[name] = item as string | string[];
    });
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve({ headers: responseHeaders, data: Buffer.concat(chunks), trailers }));
    request.on('error', reject);
    request.end(body);
  });
}

function readAll(stream: ServerHttp2Stream): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', () => resolve(Buffer.concat(chunks)));
  });
}
