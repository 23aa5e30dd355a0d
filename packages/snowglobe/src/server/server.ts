/**
 * `startServer`: the simulator behind a real HTTP port.
 *
 * Why `@hono/node-server` (its request listener) and not Hono's router or a hand-written adapter:
 * SCIM is a web-standard fetch handler (`Request -> Response`), and so is the rest of the app; the
 * adapter builds a Request lazily (headers and URL read from Node's message only when asked) and
 * writes plain string/JSON Responses straight to the socket, which is most of what a fast adapter
 * has to get right. Routing is ours (Host names, path prefixes, connections that move on failover),
 * so Hono's router would add nothing. Node's own `http` server underneath gives keep-alive, and
 * lets us read request bodies as Buffers before the adapter sees them (see `withBufferedBody`).
 */
import { getRequestListener } from '@hono/node-server';
import type { HttpBindings } from '@hono/node-server';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountHostname, accountPathPrefix } from '../routing/target.ts';
import { Simulator } from '../simulator.ts';
import type { SimulatorOptions } from '../simulator.ts';
import { createApp } from './app.ts';
import { DEFAULT_MAX_BODY_BYTES } from './app.ts';
import type { AppOptions } from './app.ts';
import { errorFor, protocolOf } from './errors.ts';
import { defaultEngines } from '../default-engines.ts';

export interface StartServerOptions extends Partial<SimulatorOptions>, Omit<AppOptions, 'simulator'> {
  /** Address to listen on. Default `127.0.0.1`: the SQL API accepts any bearer token. */
  readonly host?: string;
  /** Port; 0 (the default here) picks a free one. */
  readonly port?: number;
  /** Serve an existing simulator instead of creating one from the options. */
  readonly simulator?: Simulator;
  /**
   * Let the adapter replace the global `Request`/`Response` with its lighter versions (faster
   * responses). Process-wide, so off by default for embedding; the CLI turns it on.
   */
  readonly fastGlobals?: boolean;
  /** Keep-alive idle timeout in ms. Default 65 s (longer than common client pools keep sockets). */
  readonly keepAliveTimeoutMs?: number;
}

/** An address of the server for one account or connection. */
export interface EndpointInfo {
  readonly name: string;
  /** Base URL by path prefix, for clients that cannot set Host. */
  readonly url: string;
  /** The Snowflake host name to send as Host instead. */
  readonly host: string;
}

/** What `snowglobe serve` prints when ready (one JSON line). */
export interface ReadyInfo {
  readonly url: string;
  readonly accounts: readonly EndpointInfo[];
  readonly connections: readonly (EndpointInfo & { readonly account: string | null })[];
}

export interface RunningServer extends ReadyInfo {
  readonly port: number;
  readonly simulator: Simulator;
  readonly server: Server;
  /** The endpoints now (connections change as they are created). */
  info(): ReadyInfo;
  /** Stops accepting, closes idle and active connections, waits for pending writes. */
  close(): Promise<void>;
}

/** Starts the simulator's HTTP server; resolves once it is listening. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const simulator = options.simulator ?? (await Simulator.create(simulatorOptions(options)));
  const app = createApp({ ...options, simulator });
  const onError = options.onError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const listener = getRequestListener((request: Request, env: unknown) => {
    const incoming = (env as HttpBindings).incoming as IncomingMessage & { rawBody?: Buffer };
    return app(incoming.rawBody === undefined ? request : withBufferedBody(request, incoming.rawBody), { remoteAddress: incoming.socket.remoteAddress });
  }, {
    overrideGlobalObjects: options.fastGlobals ?? false,
    // Only reached if the app itself failed to produce a response (it catches everything).
    errorHandler: (e: unknown) => {
      onError(`snowglobe: request failed before routing: ${e instanceof Error ? e.message : String(e)}`);
      return errorFor('other', { kind: 'internal', message: 'Internal error.' });
    },
  });
  const server = createServer({ noDelay: true }, (incoming, outgoing) => {
    if (!hasBody(incoming)) {
      void listener(incoming, outgoing);
      return;
    }
    // Read the body here, bounded, as a Buffer the adapter hands to the app as is (`rawBody`):
    // converting Node's stream to a web ReadableStream per request costs more than a SCIM write.
    bufferBody(incoming, maxBodyBytes).then(
      (body) => {
        if (body === 'too-large') {
          void refuseTooLarge(incoming, outgoing, maxBodyBytes);
          return;
        }
        (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        void listener(incoming, outgoing);
      },
      () => outgoing.destroy(),
    );
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 65_000;
  server.headersTimeout = Math.max(server.keepAliveTimeout + 1_000, 66_000);
  // A malformed request line or header never reaches the app; answer it and keep serving.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    // EADDRINUSE and friends: release the data directory we opened before failing.
    if (options.simulator === undefined) await simulator.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const info = (): ReadyInfo => readyInfo(simulator, url);
  let closing: Promise<void> | null = null;
  return {
    ...info(),
    port,
    simulator,
    server,
    info,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Clients holding keep-alive sockets would otherwise keep close() waiting.
          setTimeout(() => server.closeAllConnections(), 1_000).unref();
        });
        await simulator.close();
      })();
      return closing;
    },
  };
}

/**
 * `request` with a `body` stream over the bytes already read. The adapter would otherwise build a
 * full undici Request (abort signal, header conversion, a web stream over the Node stream) the
 * first time a handler touches `body`: ~120 µs per request on Node 20, more than the rest of the
 * HTTP layer together. The result inherits everything else from `request` (it is still a
 * `Request` by prototype); `text()`, `json()` and `arrayBuffer()` keep the adapter's own fast path
 * over the same bytes.
 */
export function withBufferedBody(request: Request, bytes: Buffer): Request {
  let stream: ReadableStream<Uint8Array> | null = null;
  const body = (): ReadableStream<Uint8Array> =>
    (stream ??= new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        controller.close();
      },
    }));
  return Object.create(request, { body: { get: body, enumerable: true } }) as Request;
}

/** Whether a request carries a body (a length above 0, or chunked). */
function hasBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return incoming.headers['transfer-encoding'] !== undefined;
}

/** The whole body, or 'too-large' as soon as it passes `limit` (the rest is not read). */
function bufferBody(incoming: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        incoming.off('data', onData);
        incoming.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total)));
    incoming.once('error', reject);
    // A client that goes away mid-body: no 'end' will come.
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('request aborted'));
    });
  });
}

/** 413 in the shape of the request's protocol; the connection closes (the body was not read). */
async function refuseTooLarge(incoming: IncomingMessage, outgoing: ServerResponse, limit: number): Promise<void> {
  const path = (incoming.url ?? '/').split('?')[0]?.replace(/^\/accounts\/[^/]*/, '') ?? '/';
  const response = errorFor(protocolOf(path), { kind: 'payload-too-large', limit });
  const body = await response.text();
  outgoing.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  outgoing.end(body, () => incoming.destroy());
}

function simulatorOptions(options: StartServerOptions): SimulatorOptions {
  return {
    engines: options.engines ?? defaultEngines(),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.init !== undefined && { init: options.init }),
    ...(options.data !== undefined && { data: options.data }),
    ...(options.onWarning !== undefined && { onWarning: options.onWarning }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
  };
}

/** The endpoints of `simulator` served at `url`. */
export function readyInfo(simulator: Simulator, url: string): ReadyInfo {
  const org = simulator.org;
  return {
    url,
    accounts: org.accounts.map((a) => ({ name: a.name, url: `${url}${accountPathPrefix(org.name, a.name)}`, host: accountHostname(org.name, a.name) })),
    connections: simulator.directory().connections.map((name) => ({
      name,
      url: `${url}${accountPathPrefix(org.name, name)}`,
      host: accountHostname(org.name, name),
      account: simulator.connectionAccount(name)?.name ?? null,
    })),
  };
}
