import { describe, expect, it } from 'vitest';
import { id, noPos, parseErr, parseOne, syntaxMsg } from './test-util.ts';

const acct = (org: string, account: string): unknown => ({ org: id(org), account: id(account) });
const words = (...values: string[]): unknown[] => values.map((value) => ({ value }));

describe('CREATE FAILOVER | REPLICATION GROUP', () => {
  it('primary form with every clause', () => {
    const s = parseOne(`CREATE FAILOVER GROUP IF NOT EXISTS myfg
      OBJECT_TYPES = users, roles, warehouses, resource monitors, integrations, network policies, account parameters, databases
      ALLOWED_DATABASES = db1, db2
      ALLOWED_SHARES = s1
      ALLOWED_EXTERNAL_VOLUMES = v1
      ALLOWED_INTEGRATION_TYPES = security integrations, api integrations
      ALLOWED_ACCOUNTS = myorg.myaccount2, myorg.myaccount3
      IGNORE EDITION CHECK
      REPLICATION_SCHEDULE = 'USING CRON 0 0 * * * UTC'
      OPTIMIZED_REFRESH = TRUE
      ERROR_INTEGRATION = my_err
      COMMENT = 'dr'`);
    expect(noPos(s)).toEqual({
      kind: 'CreateGroup',
      groupKind: 'FAILOVER',
      ifNotExists: true,
      name: id('myfg'),
      objectTypes: words('USERS', 'ROLES', 'WAREHOUSES', 'RESOURCE MONITORS', 'INTEGRATIONS', 'NETWORK POLICIES', 'ACCOUNT PARAMETERS', 'DATABASES'),
      allowedDatabases: [id('db1'), id('db2')],
      allowedShares: [id('s1')],
      allowedExternalVolumes: [id('v1')],
      allowedIntegrationTypes: words('SECURITY INTEGRATIONS', 'API INTEGRATIONS'),
      allowedAccounts: [acct('myorg', 'myaccount2'), acct('myorg', 'myaccount3')],
      ignoreEditionCheck: true,
      replicationSchedule: { value: 'USING CRON 0 0 * * * UTC' },
      optimizedRefresh: true,
      errorIntegration: id('my_err'),
      comment: { value: 'dr' },
    });
  });

  it('minimal replication group; missing lists are null', () => {
    expect(noPos(parseOne('create replication group rg object_types = databases allowed_databases = db1 allowed_accounts = o.a'))).toEqual({
      kind: 'CreateGroup',
      groupKind: 'REPLICATION',
      ifNotExists: false,
      name: id('rg'),
      objectTypes: words('DATABASES'),
      allowedDatabases: [id('db1')],
      allowedShares: null,
      allowedExternalVolumes: null,
      allowedIntegrationTypes: null,
      allowedAccounts: [acct('o', 'a')],
      ignoreEditionCheck: false,
      replicationSchedule: null,
      optimizedRefresh: null,
      errorIntegration: null,
      comment: null,
    });
  });

  it('normalises the spacing and case of multi-word types', () => {
    expect(parseOne('CREATE FAILOVER GROUP g OBJECT_TYPES = Resource   Monitors ALLOWED_ACCOUNTS = o.a')).toMatchObject({
      objectTypes: [{ value: 'RESOURCE MONITORS' }],
    });
  });

  it('AS REPLICA OF org.acct.g', () => {
    expect(noPos(parseOne('CREATE FAILOVER GROUP myfg AS REPLICA OF myorg.myaccount1.myfg'))).toEqual({
      kind: 'CreateGroupReplica',
      groupKind: 'FAILOVER',
      ifNotExists: false,
      name: id('myfg'),
      primary: { org: id('myorg'), account: id('myaccount1'), name: id('myfg') },
    });
    expect(parseOne('CREATE REPLICATION GROUP IF NOT EXISTS rg AS REPLICA OF o.a.rg')).toMatchObject({
      kind: 'CreateGroupReplica',
      groupKind: 'REPLICATION',
      ifNotExists: true,
    });
  });

  it('rejects malformed CREATE GROUP', () => {
    expect(parseErr('CREATE FAILOVER GROUP g AS REPLICA OF o.a').message).toBe(syntaxMsg(1, 41, '<EOF>'));
    expect(parseErr('CREATE FAILOVER GROUP g OBJECT_TYPES = users ALLOWED_ACCOUNTS = acct').message).toBe(syntaxMsg(1, 68, '<EOF>'));
    expect(parseErr('CREATE FAILOVER GROUP g OBJECT_TYPES = users OBJECT_TYPES = roles').message).toBe(syntaxMsg(1, 45, 'OBJECT_TYPES'));
    expect(parseErr('CREATE FAILOVER GROUP g OBJECT_TYPES = users, ALLOWED_ACCOUNTS = o.a').message).toBe(syntaxMsg(1, 46, 'ALLOWED_ACCOUNTS'));
    expect(parseErr('CREATE FAILOVER GROUP g FROBS = 1').message).toBe(syntaxMsg(1, 24, 'FROBS'));
    expect(parseErr("CREATE FAILOVER GROUP g REPLICATION_SCHEDULE = 10").message).toBe(syntaxMsg(1, 47, '10'));
    expect(parseErr('CREATE OR REPLACE FAILOVER GROUP g AS REPLICA OF o.a.g').message).toBe(syntaxMsg(1, 18, 'FAILOVER'));
    expect(parseErr('CREATE FAILOVER GROUP g IGNORE EDITION CHECK IGNORE EDITION CHECK').message).toBe(syntaxMsg(1, 45, 'IGNORE'));
  });
});

describe('ALTER FAILOVER | REPLICATION GROUP', () => {
  const action = (sql: string): unknown => noPos((parseOne(sql) as { action: unknown }).action);

  it('target-side actions', () => {
    expect(noPos(parseOne('ALTER FAILOVER GROUP IF EXISTS fg REFRESH'))).toEqual({
      kind: 'AlterGroup',
      groupKind: 'FAILOVER',
      ifExists: true,
      name: id('fg'),
      action: { kind: 'refresh', force: false },
    });
    expect(action('alter replication group rg refresh force')).toEqual({ kind: 'refresh', force: true });
    expect(action('ALTER FAILOVER GROUP fg PRIMARY')).toEqual({ kind: 'primary' });
    expect(action('ALTER FAILOVER GROUP fg SUSPEND')).toEqual({ kind: 'suspend', immediate: false });
    expect(action('ALTER FAILOVER GROUP fg SUSPEND IMMEDIATE')).toEqual({ kind: 'suspend', immediate: true });
    expect(action('ALTER FAILOVER GROUP fg RESUME')).toEqual({ kind: 'resume' });
  });

  it('RENAME, SET membership, SET properties, UNSET', () => {
    expect(action('ALTER FAILOVER GROUP fg RENAME TO fg2')).toEqual({ kind: 'rename', newName: id('fg2') });
    expect(action('ALTER FAILOVER GROUP fg SET OBJECT_TYPES = users, roles, warehouses, resource monitors, integrations ALLOWED_INTEGRATION_TYPES = security integrations')).toEqual({
      kind: 'setMembership',
      objectTypes: words('USERS', 'ROLES', 'WAREHOUSES', 'RESOURCE MONITORS', 'INTEGRATIONS'),
      allowedDatabases: null,
      allowedShares: null,
      allowedExternalVolumes: null,
      allowedIntegrationTypes: words('SECURITY INTEGRATIONS'),
    });
    expect(action("ALTER FAILOVER GROUP fg SET REPLICATION_SCHEDULE = '10 MINUTE' OPTIMIZED_REFRESH = TRUE")).toEqual({
      kind: 'set',
      properties: [
        { name: 'REPLICATION_SCHEDULE', value: { kind: 'string', value: '10 MINUTE', text: "'10 MINUTE'" } },
        { name: 'OPTIMIZED_REFRESH', value: { kind: 'bool', value: true, text: 'TRUE' } },
      ],
    });
    expect(action("ALTER FAILOVER GROUP fg SET COMMENT = 'x'")).toMatchObject({ kind: 'set', properties: [{ name: 'COMMENT' }] });
    expect(action('ALTER FAILOVER GROUP fg UNSET REPLICATION_SCHEDULE, COMMENT')).toEqual({
      kind: 'unset',
      names: [{ name: 'REPLICATION_SCHEDULE' }, { name: 'COMMENT' }],
    });
  });

  it('refuses to mix the two SET forms (the documented REPLICATION_SCHEDULE quirk), both ways', () => {
    expect(
      parseErr("ALTER FAILOVER GROUP fg SET OBJECT_TYPES = users, roles, integrations ALLOWED_INTEGRATION_TYPES = security integrations REPLICATION_SCHEDULE = '10 MINUTE'").message,
    ).toBe(syntaxMsg(1, 120, 'REPLICATION_SCHEDULE'));
    expect(parseErr("ALTER FAILOVER GROUP fg SET REPLICATION_SCHEDULE = '10 MINUTE' OBJECT_TYPES = users").message).toBe(
      syntaxMsg(1, 63, 'OBJECT_TYPES'),
    );
    expect(parseErr('ALTER FAILOVER GROUP fg SET').message).toBe(syntaxMsg(1, 27, '<EOF>'));
  });

  it('ADD / REMOVE accounts and members', () => {
    expect(action('ALTER FAILOVER GROUP fg ADD myorg.acct3, myorg.acct4 TO ALLOWED_ACCOUNTS IGNORE EDITION CHECK')).toEqual({
      kind: 'addAccounts',
      accounts: [acct('myorg', 'acct3'), acct('myorg', 'acct4')],
      ignoreEditionCheck: true,
    });
    expect(action('ALTER FAILOVER GROUP fg ADD myorg.acct3 TO ALLOWED_ACCOUNTS')).toMatchObject({ ignoreEditionCheck: false });
    expect(action('alter failover group fg remove myorg.acct3 from allowed_accounts')).toEqual({
      kind: 'removeAccounts',
      accounts: [acct('myorg', 'acct3')],
    });
    expect(action('ALTER FAILOVER GROUP fg ADD db1, db2 TO ALLOWED_DATABASES')).toEqual({
      kind: 'addMembers',
      list: 'ALLOWED_DATABASES',
      names: [id('db1'), id('db2')],
    });
    expect(action('ALTER REPLICATION GROUP rg REMOVE s1 FROM ALLOWED_SHARES')).toEqual({
      kind: 'removeMembers',
      list: 'ALLOWED_SHARES',
      names: [id('s1')],
    });
    expect(action('ALTER FAILOVER GROUP fg MOVE DATABASES db1 TO FAILOVER GROUP fg2')).toEqual({
      kind: 'moveMembers',
      list: 'ALLOWED_DATABASES',
      names: [id('db1')],
      toGroupKind: 'FAILOVER',
      toGroup: id('fg2'),
    });
    expect(action('ALTER REPLICATION GROUP rg MOVE EXTERNAL VOLUMES v TO REPLICATION GROUP rg2')).toMatchObject({
      list: 'ALLOWED_EXTERNAL_VOLUMES',
      toGroupKind: 'REPLICATION',
    });
  });

  it('rejects malformed ADD / REMOVE', () => {
    expect(parseErr('ALTER FAILOVER GROUP fg ADD acct3 TO ALLOWED_ACCOUNTS').message).toBe(syntaxMsg(1, 34, 'TO'));
    expect(parseErr('ALTER FAILOVER GROUP fg ADD db1 TO ALLOWED_THINGS').message).toBe(syntaxMsg(1, 35, 'ALLOWED_THINGS'));
    expect(parseErr('ALTER FAILOVER GROUP fg ADD db1 FROM ALLOWED_DATABASES').message).toBe(syntaxMsg(1, 32, 'FROM'));
    expect(parseErr('ALTER FAILOVER GROUP fg REMOVE o.a FROM ALLOWED_ACCOUNTS IGNORE EDITION CHECK').message).toBe(
      syntaxMsg(1, 57, 'IGNORE'),
    );
    expect(parseErr('ALTER FAILOVER GROUP fg').message).toBe(syntaxMsg(1, 23, '<EOF>'));
    expect(parseErr('ALTER FAILOVER GROUP fg REFRESH NOW').message).toBe(syntaxMsg(1, 32, 'NOW'));
  });

  it('DROP and SHOW', () => {
    expect(noPos(parseOne('DROP FAILOVER GROUP IF EXISTS fg'))).toEqual({ kind: 'DropGroup', groupKind: 'FAILOVER', ifExists: true, name: id('fg') });
    expect(noPos(parseOne('drop replication group rg'))).toMatchObject({ groupKind: 'REPLICATION', ifExists: false });
    expect(noPos(parseOne('SHOW FAILOVER GROUPS'))).toEqual({ kind: 'ShowGroups', groupKind: 'FAILOVER', inAccount: null });
    expect(noPos(parseOne('SHOW REPLICATION GROUPS IN ACCOUNT myorg.acct2'))).toEqual({
      kind: 'ShowGroups',
      groupKind: 'REPLICATION',
      inAccount: acct('myorg', 'acct2'),
    });
    expect(noPos(parseOne('show failover groups in account acct2'))).toMatchObject({ inAccount: { org: null, account: id('acct2') } });
    expect(noPos(parseOne("SHOW REPLICATION ACCOUNTS LIKE 'my%'"))).toEqual({ kind: 'ShowReplicationAccounts', like: { value: 'my%' } });
  });
});

describe('connections', () => {
  it('CREATE CONNECTION [IF NOT EXISTS] c [AS REPLICA OF org.acct.c] [COMMENT]', () => {
    expect(noPos(parseOne("CREATE CONNECTION IF NOT EXISTS global COMMENT = 'redirect'"))).toEqual({
      kind: 'CreateConnection',
      ifNotExists: true,
      name: id('global'),
      replicaOf: null,
      comment: { value: 'redirect' },
    });
    expect(noPos(parseOne('CREATE CONNECTION global AS REPLICA OF example.northamericawest.global'))).toEqual({
      kind: 'CreateConnection',
      ifNotExists: false,
      name: id('global'),
      replicaOf: { org: id('example'), account: id('northamericawest'), name: id('global') },
      comment: null,
    });
    expect(parseOne("create connection c as replica of o.a.c comment = 'x'")).toMatchObject({ comment: { value: 'x' } });
  });

  it('ALTER CONNECTION actions', () => {
    const action = (sql: string): unknown => noPos((parseOne(sql) as { action: unknown }).action);
    expect(noPos(parseOne('ALTER CONNECTION IF EXISTS global ENABLE FAILOVER TO ACCOUNTS example.northamericaeast, example.eu IGNORE EDITION CHECK'))).toEqual({
      kind: 'AlterConnection',
      ifExists: true,
      name: id('global'),
      action: {
        kind: 'enableFailover',
        accounts: [acct('example', 'northamericaeast'), acct('example', 'eu')],
        ignoreEditionCheck: true,
      },
    });
    expect(action('ALTER CONNECTION global DISABLE FAILOVER')).toEqual({ kind: 'disableFailover', accounts: null });
    expect(action('ALTER CONNECTION global DISABLE FAILOVER TO ACCOUNTS o.a')).toEqual({
      kind: 'disableFailover',
      accounts: [acct('o', 'a')],
    });
    expect(action('alter connection global primary')).toEqual({ kind: 'primary' });
    expect(action("ALTER CONNECTION global SET COMMENT = 'c'")).toEqual({ kind: 'setComment', comment: { value: 'c' } });
    expect(action('ALTER CONNECTION global UNSET COMMENT')).toEqual({ kind: 'unsetComment' });
  });

  it('DROP / SHOW CONNECTIONS and errors', () => {
    expect(noPos(parseOne('DROP CONNECTION IF EXISTS global'))).toEqual({ kind: 'DropConnection', ifExists: true, name: id('global') });
    expect(noPos(parseOne("SHOW CONNECTIONS LIKE 'glob%'"))).toEqual({ kind: 'ShowConnections', like: { value: 'glob%' } });
    expect(parseErr('CREATE OR REPLACE CONNECTION c').message).toBe(syntaxMsg(1, 18, 'CONNECTION'));
    expect(parseErr('ALTER CONNECTION c ENABLE FAILOVER TO ACCOUNTS').message).toBe(syntaxMsg(1, 46, '<EOF>'));
    expect(parseErr('ALTER CONNECTION c ENABLE FAILOVER TO ACCOUNTS acct').message).toBe(syntaxMsg(1, 51, '<EOF>'));
    expect(parseErr('ALTER CONNECTION c SET NAME = x').message).toBe(syntaxMsg(1, 23, 'NAME'));
  });
});
