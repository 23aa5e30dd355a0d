/**
 * Command-line arguments of the `snowglobe` binary, parsed into a typed command. Bad input is an
 * {@link ArgsError} value carrying the usage text to print; nothing here exits or prints.
 */

export type CommandName = 'serve' | 'run' | 'replay' | 'help';

export type OutputFormat = 'table' | 'json';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4280;

/** `snowglobe serve`: start the HTTP server. */
export interface ServeCommand {
  readonly kind: 'serve';
  readonly host: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
  /** Undefined: the model's default seed. */
  readonly seed?: number;
  /** A SQL script run before serving. */
  readonly init?: string;
  /** Directory of the persistent logs; undefined keeps everything in memory. */
  readonly data?: string;
  /** Take the SCIM client IP from `X-Forwarded-For` (only behind a trusted proxy). */
  readonly trustProxy: boolean;
}

/** `snowglobe run <file.sql>`: run a SQL script and print the results. */
export interface RunCommand {
  readonly kind: 'run';
  readonly file: string;
  readonly format: OutputFormat;
  /** Continue after a failing statement instead of stopping at it. */
  readonly keepGoing: boolean;
  readonly seed?: number;
}

/** `snowglobe replay <file>...`: replay log files (or a scenario, or a data directory) and report the state they lead to. */
export interface ReplayCommand {
  readonly kind: 'replay';
  /** The first input (kept for callers that take one). */
  readonly file: string;
  /** Every input, in order: JSONL logs, data directories, or one scenario file. */
  readonly files: readonly string[];
  readonly format: OutputFormat;
}

/** `snowglobe help [command]`, `--help`, `-h`, or no arguments. */
export interface HelpCommand {
  readonly kind: 'help';
  readonly topic?: Exclude<CommandName, 'help'>;
}

/** `snowglobe --version`. */
export interface VersionCommand {
  readonly kind: 'version';
}

export type CliCommand = ServeCommand | RunCommand | ReplayCommand | HelpCommand | VersionCommand;

/** Arguments that cannot be run. Print `message`, then `usage`, and exit with `exitCode`. */
export interface ArgsError {
  readonly kind: 'args-error';
  readonly message: string;
  readonly usage: string;
  /** 2, the conventional code for a usage error. */
  readonly exitCode: 2;
}

export type ParseArgsResult = { readonly ok: true; readonly command: CliCommand } | { readonly ok: false; readonly error: ArgsError };

type FlagKind = { readonly type: 'bool' } | { readonly type: 'value'; readonly placeholder: string; readonly parse: (raw: string) => ParsedValue };

type ParsedValue = { readonly ok: true; readonly value: string | number } | { readonly ok: false; readonly reason: string };

interface FlagSpec {
  readonly kind: FlagKind;
  readonly help: string;
}

const port = (raw: string): ParsedValue => {
  if (!/^\d{1,5}$/.test(raw)) return { ok: false, reason: 'must be a whole number from 0 to 65535' };
  const n = Number(raw);
  return n <= 65_535 ? { ok: true, value: n } : { ok: false, reason: 'must be a whole number from 0 to 65535' };
};

const seed = (raw: string): ParsedValue => {
  if (!/^-?\d+$/.test(raw)) return { ok: false, reason: 'must be a whole number' };
  const n = Number(raw);
  return Number.isSafeInteger(n) ? { ok: true, value: n } : { ok: false, reason: `must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` };
};

const nonEmpty = (raw: string): ParsedValue => (raw.trim() === '' ? { ok: false, reason: 'must not be empty' } : { ok: true, value: raw });

const host = (raw: string): ParsedValue => (raw === '' || /\s/.test(raw) ? { ok: false, reason: 'must be a host name or IP address' } : { ok: true, value: raw });

const format = (raw: string): ParsedValue => (raw === 'table' || raw === 'json' ? { ok: true, value: raw } : { ok: false, reason: "must be 'table' or 'json'" });

const SEED: FlagSpec = { kind: { type: 'value', placeholder: 'N', parse: seed }, help: 'seed of the id source; same seed, same ids' };

const FLAGS: Readonly<Record<Exclude<CommandName, 'help'>, Readonly<Record<string, FlagSpec>>>> = {
  serve: {
    '--host': { kind: { type: 'value', placeholder: 'HOST', parse: host }, help: `address to listen on (default ${DEFAULT_HOST})` },
    '--port': { kind: { type: 'value', placeholder: 'PORT', parse: port }, help: `port to listen on; 0 picks a free one (default ${DEFAULT_PORT})` },
    '--seed': SEED,
    '--init': { kind: { type: 'value', placeholder: 'FILE.sql', parse: nonEmpty }, help: 'SQL script to run before serving' },
    '--data': { kind: { type: 'value', placeholder: 'DIR', parse: nonEmpty }, help: 'keep account logs in DIR and replay them on restart' },
    '--trust-proxy': { kind: { type: 'bool' }, help: 'take the client IP from X-Forwarded-For (only behind a proxy you trust)' },
  },
  run: {
    '--format': { kind: { type: 'value', placeholder: 'table|json', parse: format }, help: 'how to print results (default table)' },
    '--keep-going': { kind: { type: 'bool' }, help: 'run the remaining statements after one fails' },
    '--seed': SEED,
  },
  replay: {
    '--format': { kind: { type: 'value', placeholder: 'table|json', parse: format }, help: 'how to print the summary (default table)' },
  },
};

const SYNOPSIS: Readonly<Record<Exclude<CommandName, 'help'>, { readonly args: string; readonly summary: string }>> = {
  serve: { args: '[--host HOST] [--port PORT] [--seed N] [--init FILE.sql] [--data DIR] [--trust-proxy]', summary: 'start the HTTP server (SCIM, SQL API, admin API)' },
  run: { args: '<file.sql> [--format table|json] [--keep-going] [--seed N]', summary: 'run a SQL script against a fresh default organization' },
  replay: { args: '<file>... [--format table|json]', summary: 'rebuild an organization from exported logs, a data directory or a scenario file, and summarise it' },
};

const COMMANDS = ['serve', 'run', 'replay'] as const;

function isCommand(s: string): s is Exclude<CommandName, 'help'> {
  return (COMMANDS as readonly string[]).includes(s);
}

/** The usage text: an overview, or the details of one command. */
export function usage(topic?: Exclude<CommandName, 'help'>): string {
  if (topic === undefined) {
    const lines = ['Usage: snowglobe <command> [options]', '', 'Commands:'];
    for (const c of COMMANDS) lines.push(`  ${c} ${SYNOPSIS[c].args}`, `      ${SYNOPSIS[c].summary}`);
    lines.push('  help [command]', '      show this help, or the options of one command');
    lines.push('', 'Options:', '  -h, --help       show help', '  -v, --version    print the version');
    return lines.join('\n');
  }
  const lines = [`Usage: snowglobe ${topic} ${SYNOPSIS[topic].args}`, '', SYNOPSIS[topic].summary];
  const flags = Object.entries(FLAGS[topic]);
  if (flags.length > 0) {
    lines.push('', 'Options:');
    for (const [name, spec] of flags) {
      const left = spec.kind.type === 'bool' ? name : `${name} ${spec.kind.placeholder}`;
      lines.push(`  ${left.padEnd(22)} ${spec.help}`);
    }
  }
  return lines.join('\n');
}

function fail(message: string, topic?: Exclude<CommandName, 'help'>): ParseArgsResult {
  return { ok: false, error: { kind: 'args-error', message, usage: usage(topic), exitCode: 2 } };
}

const HELP_FLAGS = ['--help', '-h'];
const VERSION_FLAGS = ['--version', '-v', '-V'];

/**
 * Parses `argv` (without the node and script paths). Options take `--name value` or
 * `--name=value`; `--` ends options; `--help` anywhere asks for the command's help.
 */
export function parseArgs(argv: readonly string[]): ParseArgsResult {
  const [first, ...rest] = argv;
  if (first === undefined) return { ok: true, command: { kind: 'help' } };
  if (VERSION_FLAGS.includes(first)) {
    return rest.length === 0 ? { ok: true, command: { kind: 'version' } } : fail(`unexpected argument '${rest[0] ?? ''}' after ${first}`);
  }
  if (first === 'help' || HELP_FLAGS.includes(first)) {
    const [topic, ...extra] = rest;
    if (topic === undefined) return { ok: true, command: { kind: 'help' } };
    if (!isCommand(topic)) return fail(`unknown command '${topic}'`);
    if (extra.length > 0) return fail(`unexpected argument '${extra[0] ?? ''}'`, topic);
    return { ok: true, command: { kind: 'help', topic } };
  }
  if (first.startsWith('-')) return fail(`unknown option '${first}'`);
  if (!isCommand(first)) return fail(`unknown command '${first}'`);
  return parseCommand(first, rest);
}

function parseCommand(command: Exclude<CommandName, 'help'>, args: readonly string[]): ParseArgsResult {
  const specs = FLAGS[command];
  const values = new Map<string, string | number | true>();
  const positionals: string[] = [];
  let optionsEnded = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (HELP_FLAGS.includes(arg)) return { ok: true, command: { kind: 'help', topic: command } };
    if (VERSION_FLAGS.includes(arg)) return { ok: true, command: { kind: 'version' } };

    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const spec = specs[name];
    if (spec === undefined) return fail(`unknown option '${name}' for '${command}'`, command);
    if (values.has(name)) return fail(`option '${name}' given more than once`, command);

    if (spec.kind.type === 'bool') {
      if (inline !== undefined) return fail(`option '${name}' takes no value`, command);
      values.set(name, true);
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = args[i + 1];
      // A following option is not a value (so `--port --seed 1` is an error), but a negative
      // number is (`--seed -1`).
      if (next === undefined || (next.startsWith('-') && !/^-\d+$/.test(next))) {
        return fail(`option '${name}' needs a value (${spec.kind.placeholder})`, command);
      }
      raw = next;
      i++;
    }
    const parsed = spec.kind.parse(raw);
    if (!parsed.ok) return fail(`invalid value '${raw}' for '${name}': ${parsed.reason}`, command);
    values.set(name, parsed.value);
  }

  const str = (name: string): string | undefined => {
    const v = values.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const num = (name: string): number | undefined => {
    const v = values.get(name);
    return typeof v === 'number' ? v : undefined;
  };

  switch (command) {
    case 'serve': {
      if (positionals.length > 0) return fail(`unexpected argument '${positionals[0] ?? ''}'`, command);
      const seedValue = num('--seed');
      const init = str('--init');
      const data = str('--data');
      return {
        ok: true,
        command: {
          kind: 'serve',
          host: str('--host') ?? DEFAULT_HOST,
          port: num('--port') ?? DEFAULT_PORT,
          ...(seedValue !== undefined && { seed: seedValue }),
          ...(init !== undefined && { init }),
          ...(data !== undefined && { data }),
          trustProxy: values.get('--trust-proxy') === true,
        },
      };
    }
    case 'run': {
      const [file, extra] = positionals;
      if (file === undefined) return fail("'run' needs a SQL file", command);
      if (extra !== undefined) return fail(`unexpected argument '${extra}'`, command);
      const seedValue = num('--seed');
      return {
        ok: true,
        command: {
          kind: 'run',
          file,
          format: str('--format') === 'json' ? 'json' : 'table',
          keepGoing: values.get('--keep-going') === true,
          ...(seedValue !== undefined && { seed: seedValue }),
        },
      };
    }
    case 'replay': {
      const [file] = positionals;
      if (file === undefined) return fail("'replay' needs a log file", command);
      return { ok: true, command: { kind: 'replay', file, files: positionals, format: str('--format') === 'json' ? 'json' : 'table' } };
    }
  }
}
