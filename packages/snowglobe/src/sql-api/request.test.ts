import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSqlApiError } from './reply.ts';
import { isJsonContentType, parseStatementRequest } from './request.ts';
import type { StatementRequest } from './request.ts';

const URL_BASE = 'http://127.0.0.1:4280/api/v2/statements';
const LIMIT = { maxBodyBytes: 1024 };

function post(body: string | Uint8Array | null, init: { contentType?: string | null; query?: string; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers(init.headers);
  const contentType = init.contentType === undefined ? 'application/json' : init.contentType;
  if (contentType !== null) headers.set('content-type', contentType);
  return new Request(`${URL_BASE}${init.query ?? ''}`, { method: 'POST', body, headers });
}

async function ok(request: Request): Promise<StatementRequest> {
  const r = await parseStatementRequest(request, LIMIT);
  if (isSqlApiError(r)) throw new Error(`unexpected error ${JSON.stringify(r)}`);
  return r;
}

describe('parseStatementRequest', () => {
  it('parses a minimal request with defaults', async () => {
    const r = await ok(post(JSON.stringify({ statement: 'SHOW USERS' })));
    expect(r).toEqual({
      type: 'StatementRequest',
      statement: 'SHOW USERS',
      parameters: {},
      multiStatementCount: 1,
      async: false,
      retry: false,
      nullable: true,
    });
  });

  it('reads every documented field and the query flags', async () => {
    const r = await ok(
      post(
        JSON.stringify({
          statement: 'CREATE ROLE r; SHOW ROLES',
          role: 'SecurityAdmin',
          database: 'db',
          schema: 'sch',
          warehouse: 'wh',
          timeout: 60,
          parameters: { MULTI_STATEMENT_COUNT: '2', query_tag: 'x' },
          bindings: { '1': { type: 'FIXED', value: '123' }, '2': { type: 'TEXT', value: null } },
        }),
        { query: '?requestId=abc-123&async=true&retry=TRUE&nullable=false', contentType: 'Application/JSON; charset=utf-8' },
      ),
    );
    expect(r).toMatchObject({
      statement: 'CREATE ROLE r; SHOW ROLES',
      role: 'SecurityAdmin', // case-sensitive: kept as sent
      database: 'db',
      schema: 'sch',
      warehouse: 'wh',
      timeout: 60,
      parameters: { multi_statement_count: '2', query_tag: 'x' },
      multiStatementCount: 2,
      bindings: { '1': { type: 'FIXED', value: '123' }, '2': { type: 'TEXT', value: null } },
      requestId: 'abc-123',
      async: true,
      retry: true,
      nullable: false,
    });
  });

  it('accepts multi_statement_count in lower case, as a number, and "0"', async () => {
    expect((await ok(post(JSON.stringify({ statement: 'x', parameters: { multi_statement_count: '3' } })))).multiStatementCount).toBe(3);
    const numeric = await ok(post(JSON.stringify({ statement: 'x', parameters: { MULTI_STATEMENT_COUNT: 2 } })));
    expect(numeric.multiStatementCount).toBe(2);
    expect(numeric.parameters.multi_statement_count).toBe('2');
    expect((await ok(post(JSON.stringify({ statement: 'x', parameters: { MULTI_STATEMENT_COUNT: '0' } })))).multiStatementCount).toBe(0);
  });

  it('answers 415 for a missing or non-JSON content type', async () => {
    for (const ct of [null, 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const r = await parseStatementRequest(post('{"statement":"x"}', { contentType: ct }), LIMIT);
      expect(r).toMatchObject({ type: 'SqlApiError', status: 415, body: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('answers 400 390142 for malformed JSON, non-objects and bad field types', async () => {
    const invalid = { type: 'SqlApiError', status: 400, body: { code: '390142', message: 'Incoming request does not contain a valid payload.' } };
    const bodies = [
      '{"statement":',
      '',
      '[]',
      '"SHOW USERS"',
      'null',
      '{"statement": 5}',
      '{"statement": "x", "role": 1}',
      '{"statement": "x", "timeout": -1}',
      '{"statement": "x", "timeout": 1.5}',
      '{"statement": "x", "parameters": []}',
      '{"statement": "x", "parameters": {"a": {}}}',
      '{"statement": "x", "parameters": {"MULTI_STATEMENT_COUNT": "two"}}',
      '{"statement": "x", "parameters": {"MULTI_STATEMENT_COUNT": "-1"}}',
      '{"statement": "x", "bindings": {"1": 5}}',
    ];
    for (const body of bodies) {
      expect(await parseStatementRequest(post(body), LIMIT), body).toEqual(invalid);
    }
    expect(await parseStatementRequest(post(null), LIMIT)).toEqual(invalid);
    expect(await parseStatementRequest(post(new Uint8Array([0x7b, 0xff, 0x7d])), LIMIT)).toEqual(invalid);
  });

  it('answers 400 000900 for a missing, null or blank statement', async () => {
    for (const body of ['{}', '{"statement": null}', '{"statement": ""}', '{"statement": "  \\n\\t"}']) {
      expect(await parseStatementRequest(post(body), LIMIT), body).toEqual({
        type: 'SqlApiError',
        status: 400,
        body: { code: '000900', message: 'Empty SQL statement' },
      });
    }
  });

  it('answers 413 for a body over the limit, by Content-Length or by counting', async () => {
    const big = JSON.stringify({ statement: 'x'.repeat(2000) });
    const r = await parseStatementRequest(post(big), LIMIT);
    expect(r).toMatchObject({ type: 'SqlApiError', status: 413 });

    // A chunked body with no Content-Length is counted as it streams.
    const chunk = new TextEncoder().encode('x'.repeat(600));
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = new Request(URL_BASE, { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(await parseStatementRequest(req, LIMIT)).toMatchObject({ status: 413 });
    expect(pulls).toBeLessThan(10); // it stopped reading
  });

  it('accepts a body of exactly the limit', async () => {
    const statement = 'x'.repeat(LIMIT.maxBodyBytes - '{"statement":""}'.length);
    const body = JSON.stringify({ statement });
    expect(body.length).toBe(LIMIT.maxBodyBytes);
    expect((await ok(post(body))).statement).toBe(statement);
  });

  it('never throws, whatever the body and content type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 64 }).map((b) => new TextDecoder().decode(b))),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
        fc.constantFrom('', '?requestId=a&async=x&nullable=false', '?partition=%zz'),
        async (body, contentType, query) => {
          const r = await parseStatementRequest(post(body, { contentType, query }), LIMIT);
          if (isSqlApiError(r)) {
            expect([400, 413, 415]).toContain(r.status);
            expect(typeof r.body.code).toBe('string');
            expect(typeof r.body.message).toBe('string');
          } else {
            expect(r.statement.trim()).not.toBe('');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isJsonContentType', () => {
  it('accepts application/json with parameters, in any case', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType(' APPLICATION/JSON ; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/problem+json')).toBe(false);
    expect(isJsonContentType('')).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});
