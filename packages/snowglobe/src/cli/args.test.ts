import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, parseArgs, usage } from './args.ts';
import type { ParseArgsResult } from './args.ts';

function command(argv: string[]) {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.command;
}

function error(argv: string[]) {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(argv)}`);
  return r.error;
}

describe('serve', () => {
  it('has defaults', () => {
    expect(command(['serve'])).toEqual({ kind: 'serve', host: DEFAULT_HOST, port: DEFAULT_PORT, trustProxy: false });
    expect(DEFAULT_PORT).toBe(4280);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('reads every option, in both spellings', () => {
    expect(command(['serve', '--host', '0.0.0.0', '--port=0', '--seed', '42', '--init', 'setup.sql', '--data=./data', '--trust-proxy'])).toEqual({
      kind: 'serve',
      host: '0.0.0.0',
      port: 0,
      seed: 42,
      init: 'setup.sql',
      data: './data',
      trustProxy: true,
    });
    expect(command(['serve', '--seed', '-7'])).toMatchObject({ seed: -7 });
    expect(command(['serve', '--port', '65535'])).toMatchObject({ port: 65535 });
  });

  it('validates numbers', () => {
    for (const bad of ['65536', '-1', 'abc', '80.5', '', '1e3', ' 80']) {
      const e = error(['serve', `--port=${bad}`]);
      expect(e.message).toContain('--port');
      expect(e.exitCode).toBe(2);
    }
    expect(error(['serve', '--seed', '1.5']).message).toMatch(/--seed.*whole number/);
    expect(error(['serve', '--seed', '99999999999999999999']).message).toMatch(/--seed/);
  });

  it('refuses unknown options, missing values, repeats and stray arguments with the usage', () => {
    const unknown = error(['serve', '--verbose']);
    expect(unknown.message).toBe("unknown option '--verbose' for 'serve'");
    expect(unknown.usage).toBe(usage('serve'));
    expect(error(['serve', '--port']).message).toMatch(/needs a value/);
    expect(error(['serve', '--port', '--seed', '1']).message).toMatch(/'--port' needs a value/);
    expect(error(['serve', '--port', '1', '--port', '2']).message).toMatch(/more than once/);
    expect(error(['serve', 'extra']).message).toMatch(/unexpected argument 'extra'/);
    expect(error(['serve', '--host', '']).message).toMatch(/--host/);
    expect(error(['serve', '--data=']).message).toMatch(/--data/);
    expect(error(['serve', '--keep-going']).message).toMatch(/unknown option/);
  });
});

describe('run', () => {
  it('takes a file and options', () => {
    expect(command(['run', 'runbook.sql'])).toEqual({ kind: 'run', file: 'runbook.sql', format: 'table', keepGoing: false });
    expect(command(['run', '--format', 'json', 'runbook.sql', '--keep-going', '--seed=3'])).toEqual({
      kind: 'run',
      file: 'runbook.sql',
      format: 'json',
      keepGoing: true,
      seed: 3,
    });
    expect(command(['run', '--', '--weird-name.sql'])).toMatchObject({ file: '--weird-name.sql' });
    expect(command(['run', '-'])).toMatchObject({ file: '-' });
  });

  it('refuses bad formats, flag values on switches, and missing or extra files', () => {
    expect(error(['run', 'a.sql', '--format', 'csv']).message).toBe("invalid value 'csv' for '--format': must be 'table' or 'json'");
    expect(error(['run', 'a.sql', '--keep-going=yes']).message).toMatch(/takes no value/);
    expect(error(['run']).message).toMatch(/needs a SQL file/);
    expect(error(['run', 'a.sql', 'b.sql']).message).toMatch(/unexpected argument 'b.sql'/);
    expect(error(['run', 'a.sql', '--port', '1']).usage).toBe(usage('run'));
  });
});

describe('replay', () => {
  it('takes one file', () => {
    expect(command(['replay', 'data/ACCOUNT1.jsonl'])).toEqual({ kind: 'replay', file: 'data/ACCOUNT1.jsonl', files: ['data/ACCOUNT1.jsonl'], format: 'table' });
    expect(error(['replay']).message).toMatch(/needs a log file/);
    expect(command(['replay', 'a', 'b', '--format', 'json'])).toEqual({ kind: 'replay', file: 'a', files: ['a', 'b'], format: 'json' });
    expect(error(['replay', 'a', '--seed', '1']).message).toMatch(/unknown option/);
  });
});

describe('help and version', () => {
  it('answers help for no arguments, help, -h and --help', () => {
    expect(command([])).toEqual({ kind: 'help' });
    expect(command(['help'])).toEqual({ kind: 'help' });
    expect(command(['--help'])).toEqual({ kind: 'help' });
    expect(command(['-h', 'run'])).toEqual({ kind: 'help', topic: 'run' });
    expect(command(['help', 'serve'])).toEqual({ kind: 'help', topic: 'serve' });
    expect(command(['serve', '--port', '1', '--help'])).toEqual({ kind: 'help', topic: 'serve' });
    expect(error(['help', 'dance']).message).toBe("unknown command 'dance'");
  });

  it('answers the version', () => {
    expect(command(['--version'])).toEqual({ kind: 'version' });
    expect(command(['-v'])).toEqual({ kind: 'version' });
    expect(command(['serve', '--version'])).toEqual({ kind: 'version' });
    expect(error(['--version', 'x']).message).toMatch(/unexpected argument/);
  });

  it('refuses unknown commands and leading options', () => {
    expect(error(['start']).message).toBe("unknown command 'start'");
    expect(error(['--port', '1']).message).toBe("unknown option '--port'");
    expect(error(['start']).usage).toBe(usage());
  });

  it('documents every command and option', () => {
    const overview = usage();
    for (const c of ['serve', 'run', 'replay', 'help', '--version']) expect(overview).toContain(c);
    for (const flag of ['--host', '--port', '--seed', '--init', '--data']) expect(usage('serve')).toContain(flag);
    for (const flag of ['--format', '--keep-going']) expect(usage('run')).toContain(flag);
  });
});

describe('robustness', () => {
  it('never throws and always answers a command or an error', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('serve', 'run', 'replay', 'help', '--port', '--seed', '--format', '--keep-going', '--', '-h', '=', '--port='))), (argv) => {
        const r: ParseArgsResult = parseArgs(argv);
        if (r.ok) expect(['serve', 'run', 'replay', 'help', 'version']).toContain(r.command.kind);
        else expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
