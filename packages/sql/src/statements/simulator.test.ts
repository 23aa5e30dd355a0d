import { createOrganization } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { driver, err, ok, setup, status } from '../test-util.ts';

describe('simulator statements (not Snowflake SQL)', () => {
  it('ALTER SIMULATION ADVANCE CLOCK BY moves the clock', () => {
    const { org, s } = setup();
    const start = org.now;
    expect(status(s, "alter simulation advance clock by '10 minutes'")).toBe('Clock advanced to 2026-01-01 00:10:00.000 +0000.');
    expect(org.now).toBe(start + 600_000);
    expect(ok(s, 'select current_timestamp()').rows).toEqual([[org.now]]);
    expect(driver(err(s, "alter simulation advance clock by 'soon'"))).toBe("001008 (22023): SQL compilation error:\ninvalid value [soon] for parameter 'DURATION'");
  });

  it('USE ACCOUNT switches accounts, keeping the user where it exists', () => {
    const org = createOrganization({ accounts: [{ name: 'A1', admin: 'ADMIN' }, { name: 'A2', admin: 'ADMIN' }, { name: 'A3' }] });
    const s = createSession(org);
    ok(s, 'use role sysadmin');
    expect(status(s, 'use account myorg.a2')).toBe('Session now uses account MYORG.A2 as user ADMIN with role SYSADMIN.');
    expect([s.account, s.user, s.role]).toEqual(['A2', 'ADMIN', 'SYSADMIN']);
    expect(s.execute('show users')[0]!.account).toBe('A2');
    ok(s, 'use account a3');
    // No ADMIN in A3: a session without a user, keeping the role.
    expect([s.account, s.user, s.role]).toEqual(['A3', null, 'SYSADMIN']);
    expect(driver(err(s, 'use account other.a1'))).toBe("002003 (02000): SQL compilation error:\nAccount 'OTHER.A1' does not exist or not authorized.");
    expect(err(s, 'use account nosuch').code).toBe('002003');
  });

  it('ALTER SIMULATION SET ACCOUNT ... AVAILABLE starts and ends an outage', () => {
    const org = createOrganization({ accounts: [{ name: 'A1', admin: 'ADMIN' }, { name: 'A2', admin: 'ADMIN' }] });
    const s = createSession(org);
    expect(status(s, 'alter simulation set account myorg.a2 available = false')).toBe('Account MYORG.A2 is now unavailable.');
    expect(org.isAvailable('A2')).toBe(false);
    ok(s, 'use account a2');
    expect(err(s, 'create role r').code).toBe('250001');
    ok(s, 'alter simulation set account a2 available = true');
    ok(s, 'create role r');
  });
});
