import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

describe('USE', () => {
  it('USE ROLE', () => {
    expect(noPos(parseOne('use role accountadmin'))).toEqual({ kind: 'UseRole', role: id('accountadmin') });
    expect(noPos(parseOne('USE ROLE "okta role"'))).toEqual({ kind: 'UseRole', role: id('okta role', true) });
  });

  it('USE SECONDARY ROLES ALL | NONE | list', () => {
    expect(parseOne('USE SECONDARY ROLES ALL')).toEqual({ kind: 'UseSecondaryRoles', roles: { kind: 'all' } });
    expect(parseOne('use secondary roles none')).toEqual({ kind: 'UseSecondaryRoles', roles: { kind: 'none' } });
    expect(noPos(parseOne('USE SECONDARY ROLES a, b'))).toEqual({
      kind: 'UseSecondaryRoles',
      roles: { kind: 'list', names: [id('a'), id('b')] },
    });
  });

  it('USE [DATABASE] d, USE [SCHEMA] [d.]s, USE WAREHOUSE w', () => {
    expect(noPos(parseOne('use database demo_db'))).toEqual({ kind: 'UseDatabase', database: id('demo_db') });
    expect(noPos(parseOne('use demo_db'))).toEqual({ kind: 'UseDatabase', database: id('demo_db') });
    expect(noPos(parseOne('use schema information_schema'))).toEqual({
      kind: 'UseSchema',
      database: null,
      schema: id('information_schema'),
    });
    expect(noPos(parseOne('USE SCHEMA demo_db.information_schema'))).toEqual({
      kind: 'UseSchema',
      database: id('demo_db'),
      schema: id('information_schema'),
    });
    expect(noPos(parseOne('USE demo_db.public'))).toEqual({ kind: 'UseSchema', database: id('demo_db'), schema: id('public') });
    expect(noPos(parseOne('USE WAREHOUSE wh'))).toEqual({ kind: 'UseWarehouse', warehouse: id('wh') });
  });

  it('rejects malformed USE', () => {
    expect(parseErr('USE ROLE').message).toBe(syntaxMsg(1, 8, '<EOF>'));
    expect(parseErr('USE ROLE a b').message).toBe(syntaxMsg(1, 11, 'b'));
    expect(parseErr('USE DATABASE a.b').message).toBe(syntaxMsg(1, 14, '.'));
    expect(parseErr('USE SECONDARY ROLES').message).toBe(syntaxMsg(1, 19, '<EOF>'));
    expect(parseErr('USE').message).toBe(syntaxMsg(1, 3, '<EOF>'));
  });
});

describe('simulator statements', () => {
  it('USE ACCOUNT org.account and bare account', () => {
    expect(noPos(parseOne('USE ACCOUNT myorg.primary_acct'))).toEqual({
      kind: 'SimUseAccount',
      account: { org: id('myorg'), account: id('primary_acct') },
    });
    expect(noPos(parseOne('use account secondary'))).toEqual({
      kind: 'SimUseAccount',
      account: { org: null, account: id('secondary') },
    });
  });

  it("ALTER SIMULATION ADVANCE CLOCK BY '<interval>'", () => {
    expect(noPos(parseOne("ALTER SIMULATION ADVANCE CLOCK BY '10 minutes'"))).toEqual({
      kind: 'SimAdvanceClock',
      interval: { value: '10 minutes' },
    });
    expect(parseErr('ALTER SIMULATION ADVANCE CLOCK BY 10').message).toBe(syntaxMsg(1, 34, '10'));
    expect(parseErr("ALTER SIMULATION ADVANCE CLOCK '10 minutes'").message).toBe(syntaxMsg(1, 31, "'10 minutes'"));
  });

  it('ALTER SIMULATION SET ACCOUNT org.acct AVAILABLE = TRUE|FALSE', () => {
    expect(noPos(parseOne('ALTER SIMULATION SET ACCOUNT myorg.east AVAILABLE = FALSE'))).toEqual({
      kind: 'SimSetAccountAvailable',
      account: { org: id('myorg'), account: id('east') },
      available: false,
    });
    expect(parseOne('alter simulation set account east available = true')).toMatchObject({ available: true });
    expect(parseErr("ALTER SIMULATION SET ACCOUNT east AVAILABLE = 'yes'").message).toBe(syntaxMsg(1, 46, "'yes'"));
  });
});
