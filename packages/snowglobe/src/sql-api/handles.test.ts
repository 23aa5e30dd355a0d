import { describe, expect, it } from 'vitest';
import { StatementResultCache, createHandleSource, formatStatementHandle, getStatementResult, unknownHandleError } from './handles.ts';
import { errorResponse, resultSetResponse, statementCountMismatch } from './response.ts';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('statement handles', () => {
  it('are UUID-shaped and derived from the counter only', () => {
    expect(formatStatementHandle(1)).toBe('01000000-0000-0000-0000-000000000001');
    expect(formatStatementHandle(0xabc, 2)).toBe('01000200-0000-0000-0000-000000000abc');
    expect(formatStatementHandle(2 ** 52 - 1, 0xffff)).toMatch(UUID_SHAPE);
  });

  it('come from a deterministic source', () => {
    const a = createHandleSource();
    const b = createHandleSource();
    const first = [a(), a(), a()];
    expect(first).toEqual([b(), b(), b()]);
    expect(new Set(first).size).toBe(3);
    expect(createHandleSource({ start: 10, namespace: 1 })()).toBe(formatStatementHandle(10, 1));
  });

  it('refuse out-of-range counters and namespaces', () => {
    expect(() => formatStatementHandle(-1)).toThrow(RangeError);
    expect(() => formatStatementHandle(1.5)).toThrow(RangeError);
    expect(() => formatStatementHandle(2 ** 52)).toThrow(RangeError);
    expect(() => formatStatementHandle(1, 0x10000)).toThrow(RangeError);
    expect(() => createHandleSource({ start: -5 })).toThrow(RangeError);
  });
});

describe('StatementResultCache', () => {
  const reply = (n: number) => ({ status: 200, body: { n } });

  it('evicts the least recently used beyond capacity', () => {
    const cache = new StatementResultCache(2);
    cache.set('a', reply(1));
    cache.set('b', reply(2));
    expect(cache.get('a')).toEqual(reply(1)); // a is now most recent
    cache.set('c', reply(3));
    expect(cache.has('b')).toBe(false);
    expect(cache.handles()).toEqual(['a', 'c']);
    expect(cache.size).toBe(2);
    cache.set('a', reply(4)); // replacing refreshes too
    cache.set('d', reply(5));
    expect(cache.handles()).toEqual(['a', 'd']);
    expect(cache.get('a')).toEqual(reply(4));
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new StatementResultCache(0)).toThrow(RangeError);
  });
});

describe('getStatementResult', () => {
  const handle = formatStatementHandle(7);
  const cache = new StatementResultCache(10);
  const ok = resultSetResponse({ columns: [{ name: 'status', type: 'text' }], rows: [['ok']] }, { handle, requestId: 'r', createdOn: 1 });
  cache.set(handle, ok);
  const failed = formatStatementHandle(8);
  cache.set(failed, errorResponse(statementCountMismatch(2, 1), failed));

  it('answers the stored result again, success or failure', () => {
    expect(getStatementResult(cache, handle)).toBe(ok);
    expect(getStatementResult(cache, handle, { partition: '0' })).toBe(ok);
    expect(getStatementResult(cache, failed).status).toBe(422);
  });

  it('answers the unknown-handle error for a handle it does not hold', () => {
    const missing = formatStatementHandle(99);
    expect(getStatementResult(cache, missing)).toEqual(unknownHandleError(missing));
    expect(unknownHandleError(missing, { basePath: '/accounts/MYORG-ACCOUNT1' })).toEqual({
      type: 'SqlApiError',
      status: 400,
      body: {
        code: '000709',
        sqlState: '02000',
        message: `Statement ${missing} not found`,
        statementHandle: missing,
        statementStatusUrl: `/accounts/MYORG-ACCOUNT1/api/v2/statements/${missing}`,
      },
    });
  });

  it('answers 391922 for a partition beyond the first', () => {
    expect(getStatementResult(cache, handle, { partition: '1' })).toMatchObject({ status: 400, body: { code: '391922' } });
    expect(getStatementResult(cache, handle, { partition: 'x' })).toMatchObject({ status: 400, body: { code: '391922' } });
  });
});
