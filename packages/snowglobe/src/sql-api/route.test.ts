import { describe, expect, it } from 'vitest';
import { matchStatementsRoute, methodNotAllowed } from './route.ts';

describe('matchStatementsRoute', () => {
  it('recognises the three operations', () => {
    expect(matchStatementsRoute('POST', '/api/v2/statements')).toEqual({ kind: 'submit' });
    expect(matchStatementsRoute('post', '/api/v2/statements/')).toEqual({ kind: 'submit' });
    expect(matchStatementsRoute('GET', '/api/v2/statements/01ab-cd')).toEqual({ kind: 'status', handle: '01ab-cd' });
    expect(matchStatementsRoute('POST', '/api/v2/statements/01ab-cd/cancel')).toEqual({ kind: 'cancel', handle: '01ab-cd' });
    expect(matchStatementsRoute('GET', '/api/v2/statements/a%20b')).toEqual({ kind: 'status', handle: 'a b' });
  });

  it('says which method a known path takes', () => {
    expect(matchStatementsRoute('GET', '/api/v2/statements')).toEqual({ kind: 'method-not-allowed', allow: 'POST' });
    expect(matchStatementsRoute('DELETE', '/api/v2/statements/h')).toEqual({ kind: 'method-not-allowed', allow: 'GET' });
    expect(matchStatementsRoute('GET', '/api/v2/statements/h/cancel')).toEqual({ kind: 'method-not-allowed', allow: 'POST' });
    expect(methodNotAllowed('POST')).toEqual({ status: 405, body: null, headers: { allow: 'POST' } });
  });

  it('leaves other paths alone', () => {
    for (const path of ['/', '/api/v2', '/api/v2/statementsX', '/api/v2/statements//cancel', '/api/v2/statements/h/x', '/api/v2/statements/h/cancel/more', '/api/v2/statements/%zz', '/scim/v2/Users']) {
      expect(matchStatementsRoute('GET', path), path).toEqual({ kind: 'none' });
    }
  });
});
