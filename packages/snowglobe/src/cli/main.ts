/**
 * The `snowglobe` command: `serve`, `run`, `replay`. `main` takes its streams as arguments and
 * returns the exit code, so tests run it in-process; `cli.ts` wires it to the real process.
 */
import { readFile } from 'node:fs/promises';
import { isSnowflakeError } from '@snowglobe/core';
import { createDefaultOrganization, DEFAULT_ADMIN_ROLE, DEFAULT_ADMIN_USER } from '../default-org.ts';
import { defaultEngines } from '../default-engines.ts';
import type { Engines, SqlOutcome } from '../engines.ts';
import { createProgress } from '../progress.ts';
import type { ProgressStream } from '../progress.ts';
import { formatSummary, isReplayError, loadReplayInput, organizationOf, summarize } from '../replay.ts';
import { startServer } from '../server/server.ts';
import type { RunningServer } from '../server/server.ts';
import { InitScriptError } from '../simulator.ts';
import { parseArgs, usage } from './args.ts';
import type { ReplayCommand, RunCommand, ServeCommand } from './args.ts';

/** The version printed by `--version`. */
export const VERSION = '0.1.0';

/** Where the CLI writes. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: ProgressStream;
  /** The SQL and SCIM layers (tests inject fakes). Default: the real ones. */
  readonly engines?: Engines;
  /**
   * Called with the running server once `serve` is ready; `serve` then runs until `stop` resolves
   * (default: SIGINT or SIGTERM).
   */
  readonly onServing?: (server: RunningServer) => void;
  readonly stop?: Promise<unknown>;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`snowglobe: ${parsed.error.message}\n\n${parsed.error.usage}\n`);
    return parsed.error.exitCode;
  }
  const { command } = parsed;
  const engines = io.engines ?? defaultEngines();
  switch (command.kind) {
    case 'help':
      io.stdout.write(`${usage(command.topic)}\n`);
      return 0;
    case 'version':
      io.stdout.write(`snowglobe ${VERSION}\n`);
      return 0;
    case 'serve':
      return serve(command, io, engines);
    case 'run':
      return run(command, io, engines);
    case 'replay':
      return replay(command, io);
  }
}

async function readText(file: string, io: CliIO): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    io.stderr.write(`snowglobe: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
}

async function serve(command: ServeCommand, io: CliIO, engines: Engines): Promise<number> {
  let initText: string | undefined;
  if (command.init !== undefined) {
    const text = await readText(command.init, io);
    if (text === null) return 1;
    initText = text;
  }
  const progress = createProgress(io.stderr);
  let server: RunningServer;
  try {
    server = await startServer({
      host: command.host,
      port: command.port,
      engines,
      ...(command.seed !== undefined && { seed: command.seed }),
      ...(initText !== undefined && command.init !== undefined && { init: { text: initText, name: command.init } }),
      ...(command.data !== undefined && { data: command.data }),
      trustForwardedFor: command.trustProxy,
      fastGlobals: true,
      onWarning: (message) => {
        progress.clear();
        io.stderr.write(`snowglobe: warning: ${message}\n`);
      },
      onProgress: (p) => progress.update(`replaying ${p.account}`, p.bytesDone, p.bytesTotal),
      onError: (line) => io.stderr.write(`${line}\n`),
    });
  } catch (e) {
    progress.finish();
    const message = e instanceof InitScriptError ? e.message : e instanceof Error ? e.message : String(e);
    io.stderr.write(`snowglobe: cannot start: ${message}\n`);
    return 1;
  }
  progress.finish();
  const info = server.info();
  // One JSON line on stdout, for scripts; the banner goes to stderr, for people.
  io.stdout.write(`${JSON.stringify(info)}\n`);
  const durable = server.simulator.durable;
  const banner = [
    `snowglobe ${VERSION}: organization ${server.simulator.org.name} at ${info.url}`,
    ...info.accounts.map((a) => `  ${a.name.padEnd(10)} ${a.url}  (or Host: ${a.host})`),
    ...info.connections.map((c) => `  connection ${c.name} -> ${c.account ?? '(no primary)'}: ${c.url}`),
    `  SCIM /scim/v2/  SQL API /api/v2/statements (any bearer token; runs as ADMIN/ACCOUNTADMIN)  admin /_snowglobe/`,
    durable === null
      ? '  in memory: nothing survives a restart (use --data DIR to keep it)'
      : `  data ${durable.dir}: ${durable.restored ? `replayed ${durable.replayedEntries} entries` : 'created'}${durable.tornTails.length > 0 ? `, cut ${durable.tornTails.length} torn line(s)` : ''}`,
    command.host === '127.0.0.1' || command.host === 'localhost' || command.host === '::1'
      ? '  listening on loopback only'
      : `  WARNING: listening on ${command.host}; the SQL API accepts any bearer token`,
    '  Ctrl-C to stop',
  ];
  io.stderr.write(`${banner.join('\n')}\n`);
  io.onServing?.(server);
  await (io.stop ?? untilSignal());
  await server.close();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** One statement's outcome as a JSON object (`run --format json`). */
export function outcomeJson(outcome: SqlOutcome): Record<string, unknown> {
  const { result } = outcome;
  if (isSnowflakeError(result)) {
    return { statement: outcome.statement, account: outcome.account, error: { code: result.code, sqlState: result.sqlState, message: result.message } };
  }
  return { statement: outcome.statement, account: outcome.account, columns: result.columns.map((c) => ({ name: c.name, type: c.type })), rows: result.rows };
}

async function run(command: RunCommand, io: CliIO, engines: Engines): Promise<number> {
  const text = await readText(command.file, io);
  if (text === null) return 1;
  const org = createDefaultOrganization(command.seed === undefined ? {} : { seed: command.seed });
  const first = org.accounts[0];
  if (first === undefined) return 1;
  const session = engines.sql.createSession(org, { account: first.name, user: DEFAULT_ADMIN_USER, role: DEFAULT_ADMIN_ROLE });
  const statements = engines.sql.split(text);
  const progress = createProgress(io.stderr);
  let failures = 0;
  for (const [i, statement] of statements.entries()) {
    progress.update('running', i, statements.length);
    for (const outcome of session.execute(statement)) {
      progress.clear();
      const failed = isSnowflakeError(outcome.result);
      if (command.format === 'json') io.stdout.write(`${JSON.stringify(outcomeJson(outcome))}\n`);
      else io.stdout.write(`${outcome.account}> ${outcome.statement}\n${engines.sql.renderTable(outcome)}\n\n`);
      if (failed) {
        failures++;
        if (!command.keepGoing) {
          progress.finish();
          io.stderr.write(`snowglobe: stopped at the first error (statement ${i + 1} of ${statements.length}); --keep-going runs the rest.\n`);
          return 1;
        }
      }
    }
  }
  progress.finish();
  if (failures > 0) io.stderr.write(`snowglobe: ${failures} statement(s) failed.\n`);
  return failures > 0 ? 1 : 0;
}

async function replay(command: ReplayCommand, io: CliIO): Promise<number> {
  const progress = createProgress(io.stderr);
  const input = await loadReplayInput(command.files, {
    onProgress: (label, done, total) => progress.update(label, done, total),
    onWarning: (message) => {
      progress.clear();
      io.stderr.write(`snowglobe: warning: ${message}\n`);
    },
  });
  if (isReplayError(input)) {
    progress.finish();
    io.stderr.write(`snowglobe: ${input.message}\n`);
    return 1;
  }
  progress.update('replaying', 0);
  let org;
  try {
    org = organizationOf(input);
  } catch (e) {
    progress.finish();
    io.stderr.write(`snowglobe: replay failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  progress.finish();
  const summary = summarize(org, input.kind === 'scenario' ? input.scenario : undefined);
  io.stdout.write(command.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
  return 0;
}
