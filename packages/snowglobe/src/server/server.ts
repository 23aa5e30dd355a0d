/**
 * `startServer`: the simulator behind a real HTTP port.
 *
 * The path of a request, and what each step costs (µs of CPU at thousands of requests a second
 * on a small machine matter; see bench/http.ts `MODES=stub,raw`):
 *
 * - Node's `http` server parses it; the body is read into one Buffer, bounded (`readBody`).
 * - `@hono/node-server`'s request listener validates the method and URL and, after the app,
 *   writes its lightweight Responses (a string body and plain headers) straight to the socket.
 *   With `fastGlobals` its Response replaces the global one, so the SCIM layer builds those.
 * - The app gets our own {@link lightRequest} over what Node parsed, not the adapter's Request:
 *   the adapter's builds a full undici Request, an AbortSignal and a web stream over Node's
 *   stream as soon as a handler touches `body` (~120 µs), and a web ReadableStream alone costs
 *   ~20 µs on Node 20. Ours serves the body from the Buffer (`BufferBodyStream`).
 * - Routing is ours (Host names, path prefixes, connections that move on failover; see
 *   `RouteCache`), so Hono's router would add nothing.
 *
 * Response coalescing: a response is written at the end of the event-loop turn that produced it
 * (its check phase, microseconds later), together with every other response of that turn. Written
 * one by one, each response woke its client at once, whose next request then arrived alone: on a
 * 2-core machine with 50 keep-alive clients, server and client each paid an event-loop wake-up per
 * request. Coalesced, the server reads a burst, answers it, and the clients answer in a burst:
 * bench/http measured ~200 → ~130-180 µs of server CPU and ~75 → ~35-45 µs of client CPU per
 * request.
 * Order per connection is Node's (one response at a time per socket); nothing waits longer than
 * the turn.
 */
import { getRequestListener } from '@hono/node-server';
import type { HttpBindings } from '@hono/node-server';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// From node:timers, not the global: test suites that embed the server often fake the global
// timers (vi.useFakeTimers), and responses must not wait for a faked clock.
import { setImmediate } from 'node:timers';
import { accountHostname, accountPathPrefix } from '../routing/target.ts';
import { Simulator } from '../simulator.ts';
import type { SimulatorOptions } from '../simulator.ts';
import { createApp } from './app.ts';
import { DEFAULT_MAX_BODY_BYTES } from './app.ts';
import type { AppOptions } from './app.ts';
import { errorFor, protocolOf } from './errors.ts';
import { defaultEngines } from '../default-engines.ts';
import { lightRequest } from './light-request.ts';
import { hasBody, readBody } from './body-reader.ts';
import type { BodyCallback } from './body-reader.ts';

const EMPTY_BODY = new Uint8Array(0);

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

/**
 * A barrier that opens in the check phase of the current event-loop turn (`setImmediate`): every
 * response produced during one turn is written then, together. See "Response coalescing" above.
 */
function turnBarrier(): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () =>
    (pending ??= new Promise((resolve) =>
      setImmediate(() => {
        pending = null;
        resolve();
      }),
    ));
}

/** Starts the simulator's HTTP server; resolves once it is listening. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const simulator = options.simulator ?? (await Simulator.create(simulatorOptions(options)));
  const app = createApp({ ...options, simulator });
  const onError = options.onError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const endOfTurn = turnBarrier();
  const listener = getRequestListener((request: Request, env: unknown) => {
    const incoming = (env as HttpBindings).incoming as IncomingMessage & { rawBody?: Buffer };
    // Our own Request over what Node parsed, not the adapter's: see LightRequest. The adapter's
    // `request` only lends its validated method and URL.
    const method = request.method;
    // GET and HEAD have no body in fetch, whatever the client sent.
    const body = method === 'GET' || method === 'HEAD' ? null : (incoming.rawBody ?? EMPTY_BODY);
    const light = lightRequest({ method, url: request.url, target: incoming.url ?? '/', rawHeaders: incoming.rawHeaders, body });
    return app(light, { remoteAddress: incoming.socket.remoteAddress }).then((response) => endOfTurn().then(() => response));
  }, {
    overrideGlobalObjects: options.fastGlobals ?? false,
    // Only reached if the app itself failed to produce a response (it catches everything).
    errorHandler: (e: unknown) => {
      onError(`snowglobe: request failed before routing: ${e instanceof Error ? e.message : String(e)}`);
      return errorFor('other', { kind: 'internal', message: 'Internal error.' });
    },
  });
  // Bodies are read here, bounded, into a Buffer the adapter leaves alone (`rawBody`) and our
  // LightRequest serves from: converting Node's stream to a web stream costs more than a SCIM write.
  const onBody: BodyCallback = (incoming, outgoing, body) => {
    if (body === 'too-large') void refuseTooLarge(incoming, outgoing, maxBodyBytes);
    else if (body instanceof Error) outgoing.destroy();
    else {
      (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      void listener(incoming, outgoing);
    }
  };
  const server = createServer({ noDelay: true }, (incoming, outgoing) => {
    if (hasBody(incoming)) readBody(incoming, outgoing, maxBodyBytes, onBody);
    else void listener(incoming, outgoing);
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
