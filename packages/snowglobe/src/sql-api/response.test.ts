import { describe, expect, it } from 'vitest';
import { toResponse } from './reply.ts';
import {
  asyncResponse,
  checkStatementCount,
  encodeCell,
  errorResponse,
  formatEpochSeconds,
  multiStatementResponse,
  normalizeColumnType,
  resultSetResponse,
  rowTypeOf,
  statementCountMismatch,
  statementStatusUrl,
} from './response.ts';

const HANDLE = '01000000-0000-0000-0000-000000000001';
const REQUEST_ID = 'b5a7a2a0-0000-4000-8000-000000000001';
const META = { handle: HANDLE, requestId: REQUEST_ID, createdOn: 1620151584132 };

describe('resultSetResponse', () => {
  it('answers the DDL status row exactly as spec §3 shows it', () => {
    const reply = resultSetResponse({ columns: [{ name: 'status', type: 'text' }], rows: [['Role R successfully created.']] }, META);
    expect(reply.status).toBe(200);
    const data = [['Role R successfully created.']];
    expect(reply.body).toEqual({
      resultSetMetaData: {
        numRows: 1,
        format: 'jsonv2',
        partitionInfo: [{ rowCount: 1, uncompressedSize: JSON.stringify(data).length }],
        rowType: [
          {
            name: 'status',
            database: '',
            schema: '',
            table: '',
            type: 'text',
            scale: null,
            precision: null,
            length: 16777216,
            byteLength: 16777216,
            nullable: true,
            collation: null,
          },
        ],
      },
      data,
      code: '090001',
      statementStatusUrl: `/api/v2/statements/${HANDLE}?requestId=${REQUEST_ID}`,
      requestId: REQUEST_ID,
      sqlState: '00000',
      statementHandle: HANDLE,
      message: 'Statement executed successfully.',
      createdOn: 1620151584132,
    });
    // Key order follows the documented answer.
    expect(Object.keys(reply.body)).toEqual([
      'resultSetMetaData',
      'data',
      'code',
      'statementStatusUrl',
      'requestId',
      'sqlState',
      'statementHandle',
      'message',
      'createdOn',
    ]);
    expect(Object.keys(reply.body.resultSetMetaData.rowType[0] ?? {})).toEqual([
      'name',
      'database',
      'schema',
      'table',
      'type',
      'scale',
      'precision',
      'length',
      'byteLength',
      'nullable',
      'collation',
    ]);
  });

  it('encodes every value as a string or null, per column type', () => {
    const reply = resultSetResponse(
      {
        columns: [
          { name: 'name', type: 'text' },
          { name: 'created_on', type: 'timestamp_ltz' },
          { name: 'disabled', type: 'text' },
          { name: 'has_password', type: 'boolean' },
          { name: 'days_to_expiry', type: 'fixed' },
          { name: 'comment', type: 'text' },
          { name: 'ratio', type: 'real' },
        ],
        rows: [
          ['ALICE', 1620151584132, 'false', true, 42, null, 0.5],
          ['BOB', 0, true, false, 2 ** 70, 'hi', Number.POSITIVE_INFINITY],
        ],
      },
      META,
    );
    expect(reply.body.data).toEqual([
      ['ALICE', '1620151584.132000000', 'false', 'true', '42', null, '0.5'],
      ['BOB', '0.000000000', 'true', 'false', '1180591620717411303424', 'hi', 'inf'],
    ]);
    expect(reply.body.resultSetMetaData.numRows).toBe(2);
    expect(reply.body.resultSetMetaData.partitionInfo).toEqual([{ rowCount: 2, uncompressedSize: new TextEncoder().encode(JSON.stringify(reply.body.data)).length }]);
  });

  it('sends NULL as "null" with nullable=false', () => {
    const reply = resultSetResponse({ columns: [{ name: 'comment', type: 'text' }], rows: [[null]] }, { ...META, nullable: false });
    expect(reply.body.data).toEqual([['null']]);
  });

  it('pads short rows with NULL and ignores extra cells', () => {
    const reply = resultSetResponse({ columns: [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }], rows: [['x'], ['y', 'z', 'extra']] }, META);
    expect(reply.body.data).toEqual([['x', null], ['y', 'z']]);
  });

  it('answers an empty result with zero rows and one empty partition', () => {
    const reply = resultSetResponse({ columns: [{ name: 'name', type: 'text' }], rows: [] }, META);
    expect(reply.body.data).toEqual([]);
    expect(reply.body.resultSetMetaData.numRows).toBe(0);
    expect(reply.body.resultSetMetaData.partitionInfo).toEqual([{ rowCount: 0, uncompressedSize: 2 }]);
  });

  it('prefixes the status URL for path-routed clients and escapes the request id', () => {
    const reply = resultSetResponse({ columns: [], rows: [] }, { ...META, requestId: 'a b&c', basePath: '/accounts/MYORG-ACCOUNT2' });
    expect(reply.body.statementStatusUrl).toBe(`/accounts/MYORG-ACCOUNT2/api/v2/statements/${HANDLE}?requestId=a%20b%26c`);
  });

  it('is deterministic: same inputs, same bytes', () => {
    const input = { columns: [{ name: 'n', type: 'NUMBER' as const }], rows: [[1], [2]] };
    expect(JSON.stringify(resultSetResponse(input, META))).toBe(JSON.stringify(resultSetResponse(input, META)));
  });
});

describe('rowTypeOf', () => {
  it('describes each type with its sizes', () => {
    expect(rowTypeOf({ name: 'n', type: 'fixed' })).toMatchObject({ type: 'fixed', scale: 0, precision: 38, length: null, byteLength: null });
    expect(rowTypeOf({ name: 'n', type: 'fixed', precision: 1, scale: 0, nullable: false })).toMatchObject({ precision: 1, nullable: false });
    expect(rowTypeOf({ name: 'COLUMN1', type: 'text', length: 4, nullable: false })).toMatchObject({ length: 4, byteLength: 16, nullable: false });
    expect(rowTypeOf({ name: 't', type: 'timestamp_ltz' })).toMatchObject({ type: 'timestamp_ltz', scale: 9, precision: 0, length: null, byteLength: null });
    expect(rowTypeOf({ name: 'b', type: 'boolean' })).toMatchObject({ scale: null, precision: null, length: null, byteLength: null });
    expect(rowTypeOf({ name: 'x', type: 'binary' })).toMatchObject({ length: 8388608, byteLength: 8388608 });
    expect(rowTypeOf({ name: 'v', type: 'variant' })).toMatchObject({ length: 16777216, byteLength: 16777216 });
  });

  it('accepts SQL type names in either case and writes them lower case', () => {
    expect(normalizeColumnType('TEXT')).toBe('text');
    expect(normalizeColumnType('VARCHAR')).toBe('text');
    expect(normalizeColumnType('NUMBER')).toBe('fixed');
    expect(normalizeColumnType('TIMESTAMP_LTZ')).toBe('timestamp_ltz');
    expect(normalizeColumnType('timestamp')).toBe('timestamp_ntz');
    expect(normalizeColumnType('BOOL')).toBe('boolean');
    expect(rowTypeOf({ name: 'x', type: 'BOOLEAN' }).type).toBe('boolean');
  });
});

describe('value encoding', () => {
  it('formats epoch ms as seconds with a 9-digit fraction', () => {
    expect(formatEpochSeconds(1620151584132)).toBe('1620151584.132000000');
    expect(formatEpochSeconds(1000)).toBe('1.000000000');
    expect(formatEpochSeconds(1.5)).toBe('0.001500000');
    expect(formatEpochSeconds(-1)).toBe('-0.001000000');
    expect(formatEpochSeconds(-1500)).toBe('-1.500000000');
    expect(formatEpochSeconds(0)).toBe('0.000000000');
    expect(formatEpochSeconds(1620151584132, 3)).toBe('1620151584.132');
    expect(formatEpochSeconds(1620151584132, 0)).toBe('1620151584');
    expect(formatEpochSeconds(999.9999999)).toBe('1.000000000');
  });

  it('encodes other time types and numbers', () => {
    const tz = rowTypeOf({ name: 't', type: 'timestamp_tz' });
    expect(encodeCell(1620151584132, tz)).toBe('1620151584.132000000 1440');
    expect(encodeCell(86_400_000 * 3 + 5, rowTypeOf({ name: 'd', type: 'date' }))).toBe('3');
    expect(encodeCell(-1, rowTypeOf({ name: 'd', type: 'date' }))).toBe('-1');
    expect(encodeCell(86_400_000 + 3_600_000, rowTypeOf({ name: 't', type: 'time' }))).toBe('3600.000000000');
    expect(encodeCell(1.5, rowTypeOf({ name: 'n', type: 'fixed', scale: 2 }))).toBe('1.50');
    expect(encodeCell(-3, rowTypeOf({ name: 'n', type: 'fixed' }))).toBe('-3');
    expect(encodeCell(Number.NaN, rowTypeOf({ name: 'r', type: 'real' }))).toBe('NaN');
    expect(encodeCell(Number.NEGATIVE_INFINITY, rowTypeOf({ name: 'r', type: 'real' }))).toBe('-inf');
    expect(encodeCell(7, rowTypeOf({ name: 's', type: 'text' }))).toBe('7');
    expect(encodeCell('2020-04-28 12:24:38.722 -0700', rowTypeOf({ name: 't', type: 'timestamp_ltz' }))).toBe('2020-04-28 12:24:38.722 -0700');
  });
});

describe('multiStatementResponse', () => {
  it('answers one text column and the child handles', () => {
    const children = ['01000000-0000-0000-0000-000000000002', '01000000-0000-0000-0000-000000000003'];
    const reply = multiStatementResponse(children, META);
    expect(reply.status).toBe(200);
    expect(reply.body.resultSetMetaData.rowType).toEqual([expect.objectContaining({ name: 'multiple statement execution', type: 'text' })]);
    expect(reply.body.data).toEqual([['Multiple statements executed successfully.']]);
    expect(reply.body.statementHandles).toEqual(children);
    expect(reply.body.statementHandle).toBe(HANDLE);
    expect(reply.body.code).toBe('090001');
    const keys = Object.keys(reply.body);
    expect(keys.indexOf('statementHandles')).toBe(keys.indexOf('statementHandle') + 1);
  });
});

describe('errors', () => {
  it('answers 422 QueryFailureStatus', () => {
    const reply = errorResponse(
      { code: '002003', sqlState: '02000', message: "SQL compilation error:\nUser 'X' does not exist or not authorized." },
      HANDLE,
      { requestId: REQUEST_ID },
    );
    expect(reply).toEqual({
      status: 422,
      body: {
        code: '002003',
        sqlState: '02000',
        message: "SQL compilation error:\nUser 'X' does not exist or not authorized.",
        statementHandle: HANDLE,
        statementStatusUrl: `/api/v2/statements/${HANDLE}?requestId=${REQUEST_ID}`,
      },
    });
    expect(Object.keys(reply.body)).toEqual(['code', 'sqlState', 'message', 'statementHandle', 'statementStatusUrl']);
  });

  it('accepts a core SnowflakeError as is and can carry createdOn', () => {
    const coreError = { type: 'SnowflakeError', reason: 'SyntaxError', code: '001003', sqlState: '42000', message: 'SQL compilation error:\nsyntax error' };
    const reply = errorResponse(coreError, HANDLE, { createdOn: 5 });
    expect(reply.body).toEqual({
      code: '001003',
      sqlState: '42000',
      message: 'SQL compilation error:\nsyntax error',
      statementHandle: HANDLE,
      statementStatusUrl: `/api/v2/statements/${HANDLE}`,
      createdOn: 5,
    });
  });

  it('reports a statement count mismatch as 000008 / 0A000', () => {
    expect(statementCountMismatch(2, 1)).toEqual({
      code: '000008',
      sqlState: '0A000',
      message: 'Actual statement count 2 did not match the desired statement count 1.',
    });
    expect(errorResponse(statementCountMismatch(2, 1), HANDLE).status).toBe(422);
    expect(checkStatementCount(2, 1)).toEqual(statementCountMismatch(2, 1));
    expect(checkStatementCount(1, 3)).toEqual(statementCountMismatch(1, 3));
    expect(checkStatementCount(2, 2)).toBeNull();
    expect(checkStatementCount(5, 0)).toBeNull();
  });
});

describe('asyncResponse', () => {
  it('answers 202 with code 333334', () => {
    expect(asyncResponse(HANDLE)).toEqual({
      status: 202,
      body: {
        code: '333334',
        message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.',
        statementHandle: HANDLE,
        statementStatusUrl: `/api/v2/statements/${HANDLE}`,
      },
    });
  });
});

describe('toResponse', () => {
  it('sends JSON with its status', async () => {
    const res = toResponse(errorResponse(statementCountMismatch(2, 1), HANDLE));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ code: '000008' });
  });

  it('sends an empty body for a null body', async () => {
    const res = toResponse({ status: 405, body: null, headers: { allow: 'POST' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.text()).toBe('');
  });
});

describe('statementStatusUrl', () => {
  it('omits the query without a request id', () => {
    expect(statementStatusUrl('h')).toBe('/api/v2/statements/h');
  });
});
