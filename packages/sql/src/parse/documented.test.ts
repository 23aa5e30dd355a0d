/**
 * Every SQL statement of the seeds and the specs (fixtures/documented-sql.ts) parses verbatim to
 * the expected statement kinds; the documented invalid ones fail with the documented error.
 */
import { isSnowflakeError } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_FRAGMENTS, DOCUMENTED_INVALID, DOCUMENTED_SQL } from './fixtures/documented-sql.ts';
import { parseScript } from './index.ts';

describe.each([
  ['documented SQL', DOCUMENTED_SQL],
  ['documented fragments', DOCUMENTED_FRAGMENTS],
])('%s', (_, entries) => {
  it.each(entries.map((e) => [e.source, e] as const))('%s', (_source, entry) => {
    const results = parseScript(entry.sql).map((e) => e.result);
    expect(results.map((r) => (isSnowflakeError(r) ? null : r.kind))).toEqual(entry.kinds);
    const errors = Object.fromEntries(
      results.flatMap((r, i) => (isSnowflakeError(r) ? [[String(i), r.message] as const] : [])),
    );
    expect(errors).toEqual(entry.errors ?? {});
  });
});

describe('documented invalid SQL', () => {
  it.each(DOCUMENTED_INVALID.map((e) => [e.source, e] as const))('%s', (_source, entry) => {
    const [only, ...rest] = parseScript(entry.sql);
    expect(rest).toEqual([]);
    expect(only?.result).toMatchObject({ message: entry.error });
  });
});

describe('documented SQL, details', () => {
  it('the Okta runbook yields the expected statements', () => {
    const [block] = DOCUMENTED_SQL;
    const results = parseScript(block?.sql ?? '').map((e) => e.result);
    expect(results[5]).toMatchObject({
      kind: 'CreateIntegration',
      orReplace: true,
      category: 'SECURITY',
      name: { name: 'OKTA_PROVISIONING', quoted: false },
      integrationType: { value: 'SCIM' },
      properties: [
        { name: 'SCIM_CLIENT', value: { kind: 'string', value: 'okta' } },
        { name: 'RUN_AS_ROLE', value: { kind: 'string', value: 'OKTA_PROVISIONER' } },
      ],
    });
  });

  it('the one-word-per-line excerpt parses like the one-line form', () => {
    const excerpt = DOCUMENTED_SQL.find((d) => d.sql.startsWith('ALTER\nFAILOVER'));
    const [entry] = parseScript(excerpt?.sql ?? '');
    expect(entry?.text).toBe('ALTER\nFAILOVER\nGROUP\nfg\nREFRESH');
    expect(entry?.result).toMatchObject({ kind: 'AlterGroup', name: { name: 'FG' }, action: { kind: 'refresh', force: false } });
  });

  it('the SAML2 integration keeps URL strings with <placeholders> intact', () => {
    const saml = DOCUMENTED_SQL.find((d) => d.sql.includes('my_idp'));
    const [entry] = parseScript(saml?.sql ?? '');
    expect(entry?.result).toMatchObject({
      kind: 'CreateIntegration',
      integrationType: { value: 'SAML2' },
      properties: expect.arrayContaining([
        { name: 'SAML2_ISSUER', value: expect.objectContaining({ value: 'http://www.okta.com/<id>' }), pos: expect.anything() },
        { name: 'SAML2_ENABLE_SP_INITIATED', value: expect.objectContaining({ kind: 'bool', value: true }), pos: expect.anything() },
      ]),
    });
  });
});
