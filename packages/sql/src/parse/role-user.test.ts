import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

describe('roles', () => {
  it('CREATE [OR REPLACE] ROLE [IF NOT EXISTS] r [COMMENT]', () => {
    expect(noPos(parseOne('CREATE ROLE r'))).toEqual({
      kind: 'CreateRole',
      orReplace: false,
      ifNotExists: false,
      name: id('r'),
      comment: null,
    });
    expect(noPos(parseOne("create or replace role analyst comment = 'x'"))).toMatchObject({
      orReplace: true,
      comment: { value: 'x' },
    });
    expect(parseOne('CREATE ROLE IF NOT EXISTS okta_provisioner')).toMatchObject({
      ifNotExists: true,
      name: { name: 'OKTA_PROVISIONER' },
    });
  });

  it('OR REPLACE with IF NOT EXISTS is incompatible', () => {
    expect(parseErr('CREATE OR REPLACE ROLE IF NOT EXISTS r')).toMatchObject({
      code: '002028',
      sqlState: '0A000',
      message: 'SQL compilation error:\noptions IF NOT EXISTS and OR REPLACE are incompatible',
    });
    // A syntax error wins over the incompatibility.
    expect(parseErr('CREATE OR REPLACE ROLE IF NOT EXISTS r x').message).toBe(syntaxMsg(1, 39, 'x'));
  });

  it('ALTER ROLE [IF EXISTS] r RENAME TO | SET COMMENT | UNSET COMMENT', () => {
    expect(noPos(parseOne('ALTER ROLE IF EXISTS r RENAME TO r2'))).toEqual({
      kind: 'AlterRole',
      ifExists: true,
      name: id('r'),
      action: { kind: 'rename', newName: id('r2') },
    });
    expect(noPos(parseOne("alter role r set comment = 'c'"))).toMatchObject({
      action: { kind: 'setComment', comment: { value: 'c' } },
    });
    expect(parseOne('ALTER ROLE r UNSET COMMENT')).toMatchObject({ action: { kind: 'unsetComment' } });
    expect(parseErr('ALTER ROLE r SET OWNER = x').message).toBe(syntaxMsg(1, 17, 'OWNER'));
  });

  it('DROP ROLE [IF EXISTS] r', () => {
    expect(noPos(parseOne('DROP ROLE IF EXISTS "r"'))).toEqual({ kind: 'DropRole', ifExists: true, name: id('r', true) });
    expect(parseOne('drop role r')).toMatchObject({ ifExists: false });
  });

  it('rejects reserved words as unquoted names, accepts them quoted', () => {
    expect(parseErr('CREATE ROLE select').message).toBe(syntaxMsg(1, 12, 'select'));
    expect(parseErr('CREATE ROLE ""').message).toBe(syntaxMsg(1, 12, '""'));
    expect(parseOne('CREATE ROLE "select"')).toMatchObject({ name: { name: 'select', quoted: true } });
    // Limited keywords such as ACCOUNT are ordinary names outside SHOW ... IN.
    expect(parseOne('CREATE ROLE account')).toMatchObject({ name: { name: 'ACCOUNT' } });
  });

  it('limits identifiers to 255 characters', () => {
    expect(parseOne(`CREATE ROLE ${'r'.repeat(255)}`)).toMatchObject({ kind: 'CreateRole' });
    expect(parseErr(`CREATE ROLE ${'r'.repeat(256)}`)).toMatchObject({ code: '000904' });
    expect(parseErr(`CREATE ROLE "${'r'.repeat(256)}"`)).toMatchObject({ code: '000904' });
  });
});

describe('users', () => {
  it('CREATE USER with properties separated by spaces or commas', () => {
    const s = parseOne(`CREATE USER IF NOT EXISTS jsmith
      PASSWORD = 'abc123' LOGIN_NAME = 'JSmith', DISPLAY_NAME = "John", DAYS_TO_EXPIRY = 30
      MINS_TO_UNLOCK = -1 MUST_CHANGE_PASSWORD = TRUE DISABLED = false EMAIL = NULL
      DEFAULT_NAMESPACE = db.sch DEFAULT_SECONDARY_ROLES = ('ALL') TYPE = SERVICE`);
    expect(noPos(s)).toEqual({
      kind: 'CreateUser',
      orReplace: false,
      ifNotExists: true,
      name: id('jsmith'),
      properties: [
        { name: 'PASSWORD', value: { kind: 'string', value: 'abc123', text: "'abc123'" } },
        { name: 'LOGIN_NAME', value: { kind: 'string', value: 'JSmith', text: "'JSmith'" } },
        { name: 'DISPLAY_NAME', value: { kind: 'ident', parts: [id('John', true)], text: '"John"' } },
        { name: 'DAYS_TO_EXPIRY', value: { kind: 'number', value: 30, text: '30' } },
        { name: 'MINS_TO_UNLOCK', value: { kind: 'number', value: -1, text: '-1' } },
        { name: 'MUST_CHANGE_PASSWORD', value: { kind: 'bool', value: true, text: 'TRUE' } },
        { name: 'DISABLED', value: { kind: 'bool', value: false, text: 'false' } },
        { name: 'EMAIL', value: { kind: 'null', text: 'NULL' } },
        { name: 'DEFAULT_NAMESPACE', value: { kind: 'ident', parts: [id('db'), id('sch')], text: 'db.sch' } },
        {
          name: 'DEFAULT_SECONDARY_ROLES',
          value: { kind: 'list', items: [{ kind: 'string', value: 'ALL', text: "'ALL'" }], text: "('ALL')" },
        },
        { name: 'TYPE', value: { kind: 'ident', parts: [id('SERVICE')], text: 'SERVICE' } },
      ],
    });
  });

  it('keeps number text for messages such as invalid value [1.5]', () => {
    expect(parseOne('CREATE USER u DAYS_TO_EXPIRY = 1.5')).toMatchObject({
      properties: [{ value: { kind: 'number', value: 1.5, text: '1.5' } }],
    });
  });

  it('CREATE OR REPLACE USER with no properties; empty list value', () => {
    expect(parseOne('create or replace user u')).toMatchObject({ orReplace: true, properties: [] });
    expect(parseOne('CREATE USER u DEFAULT_SECONDARY_ROLES = ()')).toMatchObject({
      properties: [{ value: { kind: 'list', items: [] } }],
    });
  });

  it('ALTER USER SET / UNSET / RENAME / RESET PASSWORD', () => {
    expect(noPos(parseOne('ALTER USER IF EXISTS u SET NETWORK_POLICY = np, DEFAULT_ROLE = analyst'))).toEqual({
      kind: 'AlterUser',
      ifExists: true,
      name: id('u'),
      action: {
        kind: 'set',
        properties: [
          { name: 'NETWORK_POLICY', value: { kind: 'ident', parts: [id('np')], text: 'np' } },
          { name: 'DEFAULT_ROLE', value: { kind: 'ident', parts: [id('analyst')], text: 'analyst' } },
        ],
      },
    });
    expect(noPos(parseOne('alter user u unset network_policy, default_role'))).toMatchObject({
      action: { kind: 'unset', names: [{ name: 'NETWORK_POLICY' }, { name: 'DEFAULT_ROLE' }] },
    });
    expect(noPos(parseOne('ALTER USER u RENAME TO "v"'))).toMatchObject({ action: { kind: 'rename', newName: id('v', true) } });
    expect(parseOne('ALTER USER u RESET PASSWORD')).toMatchObject({ action: { kind: 'resetPassword' } });
  });

  it('ALTER USER ADD / REMOVE PROGRAMMATIC ACCESS TOKEN', () => {
    expect(noPos(parseOne("ALTER USER scim_idp_user ADD PROGRAMMATIC ACCESS TOKEN okta_pat ROLE_RESTRICTION = 'OKTA_PROVISIONER'"))).toMatchObject({
      action: {
        kind: 'addPat',
        tokenName: id('okta_pat'),
        properties: [{ name: 'ROLE_RESTRICTION', value: { kind: 'string', value: 'OKTA_PROVISIONER' } }],
      },
    });
    expect(noPos(parseOne('ALTER USER u REMOVE PAT t'))).toMatchObject({ action: { kind: 'removePat', tokenName: id('t') } });
  });

  it('DROP USER, DESC[RIBE] USER', () => {
    expect(noPos(parseOne('DROP USER IF EXISTS u'))).toEqual({ kind: 'DropUser', ifExists: true, name: id('u') });
    expect(noPos(parseOne('DESC USER u'))).toEqual({ kind: 'DescribeUser', name: id('u') });
    expect(noPos(parseOne('describe user "u"'))).toEqual({ kind: 'DescribeUser', name: id('u', true) });
  });

  it('reports malformed user statements where Snowflake would', () => {
    expect(parseErr('CREATE USER u PASSWORD = ').message).toBe(syntaxMsg(1, 24, '<EOF>'));
    expect(parseErr('CREATE USER u PASSWORD').message).toBe(syntaxMsg(1, 14, 'PASSWORD'));
    expect(parseErr("CREATE USER u PASSWORD = 'a',").message).toBe(syntaxMsg(1, 29, '<EOF>'));
    expect(parseErr('CREATE USER u A = ((1))').message).toBe(syntaxMsg(1, 19, '('));
    expect(parseErr('ALTER USER u SET').message).toBe(syntaxMsg(1, 16, '<EOF>'));
    expect(parseErr('ALTER USER u UNSET').message).toBe(syntaxMsg(1, 18, '<EOF>'));
    expect(parseErr('ALTER USER u').message).toBe(syntaxMsg(1, 12, '<EOF>'));
    expect(parseErr('CREATE OR REPLACE USER IF NOT EXISTS u').code).toBe('002028');
  });
});
