import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { driver, err, names, objects, ok, script, setup, status } from '../test-util.ts';

describe('NETWORK POLICY', () => {
  it('CREATE / ALTER / DROP with the documented statuses', () => {
    const { s } = setup();
    expect(status(s, "create network policy np allowed_ip_list = ('192.168.0.100', '192.168.1.0/24') blocked_ip_list = ('192.168.1.99') comment = 'x'")).toBe(
      'Network policy NP successfully created.',
    );
    expect(status(s, 'create network policy if not exists np')).toBe('NP already exists, statement succeeded.');
    expect(status(s, "alter network policy np add allowed_ip_list = ('10.0.0.1')")).toBe('Statement executed successfully.');
    ok(s, "alter network policy np remove blocked_ip_list = ('192.168.1.99')");
    ok(s, 'alter network policy np rename to np2');
    expect(status(s, 'drop network policy np2')).toBe('NP2 successfully dropped.');
    expect(status(s, 'drop network policy if exists np2')).toBe('Drop statement executed successfully (NP2 already dropped).');
  });

  it('SHOW NETWORK POLICIES shows counts; DESC shows the set lists comma-joined', () => {
    const { org, s } = setup();
    ok(s, "create network policy np allowed_ip_list = ('192.168.0.100', '192.168.1.0/24') blocked_ip_list = ('192.168.1.99')");
    const show = ok(s, 'show network policies');
    expect(names(show)).toEqual(['created_on', 'name', 'comment', 'entries_in_allowed_ip_list', 'entries_in_blocked_ip_list', 'entries_in_allowed_network_rules', 'entries_in_blocked_network_rules']);
    expect(show.rows).toEqual([[org.now, 'NP', '', 2, 1, 0, 0]]);
    const d = ok(s, 'desc network policy np');
    expect(names(d)).toEqual(['name', 'value']);
    expect(d.rows).toEqual([
      ['ALLOWED_IP_LIST', '192.168.0.100,192.168.1.0/24'],
      ['BLOCKED_IP_LIST', '192.168.1.99'],
    ]);
    ok(s, 'alter network policy np unset blocked_ip_list');
    expect(ok(s, 'desc network policy np').rows).toHaveLength(1);
  });

  it('refuses bad properties, bad addresses, missing policies, attached policies, and non-owners', () => {
    const { org, s } = setup();
    expect(driver(err(s, "create network policy np allowed_ip_list = ('300.0.0.1')"))).toBe("001422 (22023): SQL compilation error: invalid value '300.0.0.1' for property 'ALLOWED_IP_LIST'");
    expect(driver(err(s, "create network policy np allowed_list = ('1.1.1.1')"))).toBe("001420 (22023): SQL compilation error:\ninvalid property 'ALLOWED_LIST' for 'NETWORK_POLICY'");
    expect(err(s, "create network policy np allowed_network_rule_list = ('db.sch.rule')").code).toBe('002040');
    expect(driver(err(s, 'drop network policy sg_nosuch'))).toBe("002003 (02000): SQL compilation error:\nNetwork policy 'SG_NOSUCH' does not exist or not authorized.");
    script(s, "create network policy np allowed_ip_list = ('1.1.1.1'); alter account set network_policy = np;");
    expect(driver(err(s, 'drop network policy np'))).toBe(
      '001492 (42601): SQL compilation error:\nCannot perform Drop operation on network policy NP. The policy is attached to ACCOUNT with name ACCOUNT. Unset the network policy from ACCOUNT and try the Drop operation again.',
    );
    script(s, 'alter account unset network_policy; create role r; create user bob; grant role r to user bob;');
    const bob = createSession(org, { user: 'BOB', role: 'R' });
    expect(ok(bob, 'show network policies').rows).toEqual([]);
    expect(driver(err(bob, 'drop network policy np'))).toBe(
      "003001 (42501): SQL access control error:\nInsufficient privileges to operate on network_policy 'NP'. Your primary role R must have OWNERSHIP granted on NETWORK POLICY NP.",
    );
    expect(err(bob, 'desc network policy np').code).toBe('003001');
    ok(s, 'grant usage on network policy np to role r');
    expect(objects(ok(bob, 'show network policies')).map((p) => p.name)).toEqual(['NP']);
  });

  it('attaches to users through ALTER USER SET NETWORK_POLICY (SHOW PARAMETERS IN USER)', () => {
    const { s } = setup();
    script(s, "create network policy np allowed_ip_list = ('1.1.1.1'); create user u; alter user u set network_policy = np;");
    const row = objects(ok(s, "show parameters like 'network_policy' in user u"))[0];
    expect(row).toEqual({ key: 'NETWORK_POLICY', value: 'NP', default: '', level: 'USER', description: 'Network policy assigned for the given target.', type: 'STRING' });
    expect(err(s, 'drop network policy np').code).toBe('001492');
    ok(s, 'alter user u unset network_policy');
    expect(objects(ok(s, "show parameters like 'network_policy' in user u"))[0]).toMatchObject({ value: '', level: '' });
  });
});
