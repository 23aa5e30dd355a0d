import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

describe('network policies', () => {
  it('CREATE [OR REPLACE] NETWORK POLICY [IF NOT EXISTS] p ALLOWED_IP_LIST = (...) BLOCKED_IP_LIST = (...) [COMMENT]', () => {
    expect(noPos(parseOne("CREATE NETWORK POLICY IF NOT EXISTS okta_np ALLOWED_IP_LIST = ('1.2.3.4', '10.0.0.0/8') BLOCKED_IP_LIST = ('10.0.0.9') COMMENT = 'okta'"))).toEqual({
      kind: 'CreateNetworkPolicy',
      orReplace: false,
      ifNotExists: true,
      name: id('okta_np'),
      properties: [
        {
          name: 'ALLOWED_IP_LIST',
          value: {
            kind: 'list',
            items: [
              { kind: 'string', value: '1.2.3.4', text: "'1.2.3.4'" },
              { kind: 'string', value: '10.0.0.0/8', text: "'10.0.0.0/8'" },
            ],
            text: "('1.2.3.4', '10.0.0.0/8')",
          },
        },
        {
          name: 'BLOCKED_IP_LIST',
          value: { kind: 'list', items: [{ kind: 'string', value: '10.0.0.9', text: "'10.0.0.9'" }], text: "('10.0.0.9')" },
        },
        { name: 'COMMENT', value: { kind: 'string', value: 'okta', text: "'okta'" } },
      ],
    });
    expect(parseOne("create or replace network policy p allowed_network_rule_list = ('db.sch.rule')")).toMatchObject({
      orReplace: true,
      properties: [{ name: 'ALLOWED_NETWORK_RULE_LIST' }],
    });
  });

  it('ALTER NETWORK POLICY SET | UNSET | RENAME TO | ADD | REMOVE', () => {
    expect(noPos(parseOne("ALTER NETWORK POLICY IF EXISTS p SET ALLOWED_IP_LIST = ('1.1.1.1') COMMENT = 'x'"))).toMatchObject({
      kind: 'AlterNetworkPolicy',
      ifExists: true,
      name: id('p'),
      action: { kind: 'set', properties: [{ name: 'ALLOWED_IP_LIST' }, { name: 'COMMENT' }] },
    });
    expect(noPos(parseOne('ALTER NETWORK POLICY p UNSET COMMENT'))).toMatchObject({ action: { kind: 'unset', names: [{ name: 'COMMENT' }] } });
    expect(noPos(parseOne('alter network policy p rename to p2'))).toMatchObject({ action: { kind: 'rename', newName: id('p2') } });
    expect(noPos(parseOne("ALTER NETWORK POLICY p ADD ALLOWED_IP_LIST = ('2.2.2.2')"))).toMatchObject({
      action: { kind: 'add', property: { name: 'ALLOWED_IP_LIST', value: { kind: 'list', items: [{ value: '2.2.2.2' }] } } },
    });
    expect(noPos(parseOne("ALTER NETWORK POLICY p REMOVE BLOCKED_NETWORK_RULE_LIST = 'db.sch.r'"))).toMatchObject({
      action: { kind: 'remove', property: { name: 'BLOCKED_NETWORK_RULE_LIST', value: { kind: 'string' } } },
    });
  });

  it('DROP / DESC / SHOW NETWORK POLICIES', () => {
    expect(noPos(parseOne('DROP NETWORK POLICY IF EXISTS p'))).toEqual({ kind: 'DropNetworkPolicy', ifExists: true, name: id('p') });
    expect(noPos(parseOne('DESCRIBE NETWORK POLICY p'))).toEqual({ kind: 'DescribeNetworkPolicy', name: id('p') });
    expect(noPos(parseOne('SHOW NETWORK POLICIES'))).toEqual({ kind: 'ShowNetworkPolicies', like: null });
    expect(noPos(parseOne("show network policies like 'okta%'"))).toEqual({ kind: 'ShowNetworkPolicies', like: { value: 'okta%' } });
  });

  it('reports malformed network policy statements', () => {
    expect(parseErr("CREATE NETWORK POLICY p ALLOWED_IP_LIST = ('1.2.3.4'").message).toBe(syntaxMsg(1, 52, '<EOF>'));
    expect(parseErr("CREATE NETWORK POLICY p ALLOWED_IP_LIST = ('1.2.3.4',)").message).toBe(syntaxMsg(1, 53, ')'));
    expect(parseErr('ALTER NETWORK POLICY p ADD ALLOWED_IP_LIST').message).toBe(syntaxMsg(1, 42, '<EOF>'));
    expect(parseErr('CREATE OR REPLACE NETWORK POLICY IF NOT EXISTS p').code).toBe('002028');
  });
});

describe('account, session and parameters', () => {
  it('ALTER ACCOUNT SET p = v [p = v] | UNSET p[, p]', () => {
    expect(noPos(parseOne('ALTER ACCOUNT SET MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR = TRUE;'))).toEqual({
      kind: 'AlterAccount',
      action: {
        kind: 'set',
        properties: [{ name: 'MAP_SCIM_USERNAME_TO_ENTERPRISE_ATTR', value: { kind: 'bool', value: true, text: 'TRUE' } }],
      },
    });
    expect(noPos(parseOne("alter account set network_policy = corp_np timezone = 'UTC'"))).toMatchObject({
      action: { kind: 'set', properties: [{ name: 'NETWORK_POLICY' }, { name: 'TIMEZONE' }] },
    });
    expect(noPos(parseOne('ALTER ACCOUNT UNSET NETWORK_POLICY, TIMEZONE'))).toMatchObject({
      action: { kind: 'unset', names: [{ name: 'NETWORK_POLICY' }, { name: 'TIMEZONE' }] },
    });
  });

  it('ALTER SESSION SET | UNSET', () => {
    expect(noPos(parseOne("ALTER SESSION SET QUERY_TAG = 'runbook'"))).toMatchObject({
      kind: 'AlterSession',
      action: { kind: 'set', properties: [{ name: 'QUERY_TAG' }] },
    });
    expect(parseOne('alter session unset query_tag')).toMatchObject({ kind: 'AlterSession', action: { kind: 'unset' } });
  });

  it('SHOW PARAMETERS [LIKE] [IN ACCOUNT | IN USER [u] | IN SESSION]', () => {
    expect(noPos(parseOne('SHOW PARAMETERS'))).toEqual({ kind: 'ShowParameters', like: null, scope: { kind: 'default' } });
    expect(noPos(parseOne("SHOW PARAMETERS LIKE 'NETWORK%' IN ACCOUNT"))).toEqual({
      kind: 'ShowParameters',
      like: { value: 'NETWORK%' },
      scope: { kind: 'account' },
    });
    expect(noPos(parseOne('show parameters in user jsmith'))).toMatchObject({ scope: { kind: 'user', user: id('jsmith') } });
    expect(noPos(parseOne('SHOW PARAMETERS IN USER'))).toMatchObject({ scope: { kind: 'user', user: null } });
    expect(noPos(parseOne('SHOW PARAMETERS IN SESSION'))).toMatchObject({ scope: { kind: 'session' } });
  });

  it('reports malformed account statements', () => {
    expect(parseErr('ALTER ACCOUNT SET').message).toBe(syntaxMsg(1, 17, '<EOF>'));
    expect(parseErr('SHOW PARAMETERS IN WAREHOUSE w').message).toBe(syntaxMsg(1, 19, 'WAREHOUSE'));
    expect(parseErr('ALTER ACCOUNT myacct SET X = 1')).toMatchObject({ reason: 'Unsupported' });
  });
});
