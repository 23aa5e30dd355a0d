import type { Organization, RestEvent } from '@snowglobe/core';
import { describe, expect, it } from 'vitest';
import { createSession } from '../session.ts';
import { column, driver, err, names, objects, ok, script, setup } from '../test-util.ts';

const request = (over: Partial<RestEvent> = {}): RestEvent => ({
  endpoint: 'scim/v2/Users',
  method: 'POST',
  status: '201',
  errorCode: null,
  details: '{"id":"x"}',
  clientIp: '203.0.113.7',
  actorName: 'OKTA_PROVISIONER',
  actorDomain: 'OKTA_PROVISIONING',
  resourceName: 'JSMITH',
  resourceDomain: 'user',
  ...over,
});

/** Appends SCIM request records as the SCIM service does. */
function record(org: Organization, ...requests: RestEvent[]): number[] {
  return requests.map((r) => {
    const out = org.execute('ACCOUNT1', { type: 'RecordScimRequest', request: r }, { role: 'OKTA_PROVISIONER' });
    if ('type' in out) throw new Error(out.message);
    return out.entries[0]!.seq;
  });
}

describe('SELECT without FROM', () => {
  it('names columns by the upper-cased expression text, or the alias', () => {
    const { org, s } = setup();
    const r = ok(s, "select current_role(), current_user() as who, current_account(), current_account_name(), current_timestamp, 1 + 2, 'abc' || 'd', null");
    expect(names(r)).toEqual(['CURRENT_ROLE()', 'WHO', 'CURRENT_ACCOUNT()', 'CURRENT_ACCOUNT_NAME()', 'CURRENT_TIMESTAMP', '1 + 2', "'ABC' || 'D'", 'NULL']);
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'text', 'text', 'text', 'timestamp_ltz', 'fixed', 'text', 'text']);
    expect(r.rows).toEqual([['ACCOUNTADMIN', 'ADMIN', org.account('ACCOUNT1')!.info.locator, 'ACCOUNT1', org.now, 3, 'abcd', null]]);
  });

  it('evaluates DATEADD / DATEDIFF and comparisons of timestamps', () => {
    const { org, s } = setup();
    const r = ok(
      s,
      "select dateadd('minutes', -5, current_timestamp()) a, dateadd(day, 1, '2026-01-31 10:00:00') b, dateadd('month', 1, '2026-01-31') c, datediff(minute, dateadd(hour, -2, current_timestamp()), current_timestamp()) d, dateadd('minutes',-5,current_timestamp()) < current_timestamp() e",
    );
    expect(r.rows[0]).toEqual([org.now - 5 * 60_000, Date.UTC(2026, 1, 1, 10), Date.UTC(2026, 1, 28), 120, true]);
  });

  it('refuses unknown functions and columns, division by zero and SELECT * without FROM', () => {
    const { s } = setup();
    expect(driver(err(s, 'select no_such_fn(1)'))).toBe('002140 (42601): SQL compilation error:\nUnknown function NO_SUCH_FN');
    expect(driver(err(s, 'select afaf'))).toBe("000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'AFAF'");
    expect(driver(err(s, 'select 1/0'))).toBe('100051 (22012): Division by zero');
    expect(err(s, "select dateadd('fortnight', 1, current_timestamp())").code).toBe('002016');
    expect(err(s, 'select *').code).toBe('002017');
    expect(driver(err(s, 'select * from snowflake.account_usage.users'))).toBe("002003 (42S02): SQL compilation error:\nObject 'SNOWFLAKE.ACCOUNT_USAGE.USERS' does not exist or not authorized.");
  });

  it('reports session context functions', () => {
    const { s } = setup();
    script(s, 'use database demo_db; use secondary roles none;');
    const r = ok(s, "select current_database(), current_schema(), current_secondary_roles(), is_role_in_session('SYSADMIN'), is_role_in_session('ORGADMIN'), current_available_roles()");
    expect(r.rows[0]).toEqual(['DEMO_DB', 'PUBLIC', '{"roles":"","value":""}', true, false, '["ACCOUNTADMIN","PUBLIC","SECURITYADMIN","SYSADMIN","USERADMIN"]']);
  });
});

describe('REST_EVENT_HISTORY', () => {
  it('has the documented columns and builds rows from ScimRequestRecorded entries (event id = log seq)', () => {
    const { org, s } = setup();
    const [seq] = record(org, request());
    const r = ok(s, "select * from table(information_schema.rest_event_history('scim'))");
    expect(names(r)).toEqual([
      'EVENT_TIMESTAMP', 'EVENT_ID', 'EVENT_TYPE', 'ENDPOINT', 'METHOD', 'STATUS', 'ERROR_CODE', 'DETAILS', 'CLIENT_IP', 'ACTOR_NAME', 'ACTOR_DOMAIN', 'RESOURCE_NAME', 'RESOURCE_DOMAIN',
    ]);
    expect(r.columns.slice(0, 3).map((c) => c.type)).toEqual(['timestamp_ltz', 'fixed', 'text']);
    expect(r.rows).toEqual([[org.now, seq, 'SCIM', 'scim/v2/Users', 'POST', '201', null, '{"id":"x"}', '203.0.113.7', 'OKTA_PROVISIONER', 'OKTA_PROVISIONING', 'JSMITH', 'user']]);
  });

  it('takes positional and named arguments, and the docs mix of both', () => {
    const { org, s } = setup();
    record(org, request());
    org.advance('10 minutes');
    record(org, request({ method: 'PATCH', status: '200' }));
    const forms = [
      "select method from table(rest_event_history('scim', dateadd('minutes',-5,current_timestamp()), current_timestamp(), 200))",
      "select method from table(snowflake.information_schema.rest_event_history(rest_service_type => 'SCIM', TIME_RANGE_START => DATEADD('MINUTES', -5, CURRENT_TIMESTAMP()), TIME_RANGE_END => CURRENT_TIMESTAMP(), RESULT_LIMIT => 200))",
      "select method from table(rest_event_history(rest_service_type => 'scim', time_range_start => dateadd('minutes',-5,current_timestamp()), time_range_end => current_timestamp(), 200))",
    ];
    for (const q of forms) expect(column(ok(s, q), 'METHOD')).toEqual(['PATCH']);
    expect(column(ok(s, "select method from table(rest_event_history('scim')) order by event_timestamp"), 'METHOD')).toEqual(['POST', 'PATCH']);
  });

  it('keeps the most recent RESULT_LIMIT rows, newest first', () => {
    const { org, s } = setup();
    const seqs = record(org, ...Array.from({ length: 5 }, (_, i) => request({ resourceName: `U${i}` })));
    expect(column(ok(s, "select event_id from table(rest_event_history('scim', result_limit => 2))"), 'EVENT_ID')).toEqual([seqs[4], seqs[3]]);
    expect(column(ok(s, "select * from table(rest_event_history('scim'))"), 'EVENT_ID')).toHaveLength(5);
  });

  it('retains 7 days by the simulated clock and refuses a range beyond them', () => {
    const { org, s } = setup();
    record(org, request({ resourceName: 'OLD' }));
    org.advance('8 days');
    record(org, request({ resourceName: 'NEW' }));
    expect(column(ok(s, "select resource_name from table(rest_event_history('scim'))"), 'RESOURCE_NAME')).toEqual(['NEW']);
    expect(driver(err(s, "select * from table(rest_event_history('scim', dateadd('days', -8, current_timestamp())))"))).toBe(
      "001008 (22023): SQL compilation error:\ninvalid value [2026-01-01 00:00:00.000 +0000] for parameter 'TIME_RANGE_START'",
    );
  });

  it('validates REST_SERVICE_TYPE and RESULT_LIMIT', () => {
    const { s } = setup();
    expect(driver(err(s, "select * from table(rest_event_history('saml'))"))).toBe("001008 (22023): SQL compilation error:\ninvalid value [saml] for parameter 'REST_SERVICE_TYPE'");
    expect(err(s, "select * from table(rest_event_history('scim', result_limit => 0))").message).toBe("SQL compilation error:\ninvalid value [0] for parameter 'RESULT_LIMIT'");
    expect(err(s, "select * from table(rest_event_history('scim', result_limit => 10001))").code).toBe('001008');
    expect(err(s, "select * from table(rest_event_history(bogus => 'scim'))").code).toBe('001044');
    expect(err(s, "select * from table(rest_event_history('scim', 1, 2, 3, 4))").code).toBe('001044');
  });

  it('returns rows only to ACCOUNTADMIN (empty by default, an error as an option)', () => {
    const { org, s } = setup();
    record(org, request());
    script(s, 'create user bob; grant role securityadmin to user bob;');
    const bob = createSession(org, { user: 'BOB', role: 'SECURITYADMIN' });
    expect(ok(bob, "select * from table(rest_event_history('scim'))").rows).toEqual([]);
    const strict = createSession(org, { user: 'BOB', role: 'SECURITYADMIN', options: { restEventHistoryNonAdmin: 'error' } });
    expect(err(strict, "select * from table(rest_event_history('scim'))").code).toBe('003001');
  });

  it('supports WHERE, ORDER BY, LIMIT / OFFSET, aliases, qualified columns and aggregates', () => {
    const { org, s } = setup();
    record(org, request({ resourceName: 'A', status: '201' }), request({ resourceName: 'B', status: '409', errorCode: '409' }), request({ resourceName: 'C', method: 'GET', status: '200' }));
    const r = ok(
      s,
      "select h.resource_name as who, status from table(rest_event_history('scim')) as h where h.status <> '200' and not (h.error_code is null or h.method in ('GET', 'PUT')) order by who desc",
    );
    expect(objects(r)).toEqual([{ WHO: 'B', STATUS: '409' }]);
    expect(column(ok(s, "select resource_name from table(rest_event_history('scim')) order by 1 limit 2 offset 1"), 'RESOURCE_NAME')).toEqual(['B', 'C']);
    expect(column(ok(s, "select resource_name from table(rest_event_history('scim')) where resource_name ilike 'a%' or method like 'G_T'"), 'RESOURCE_NAME').sort()).toEqual(['A', 'C']);
    const agg = ok(s, "select count(*), count(error_code), max(status), min(event_timestamp) from table(rest_event_history('scim'))");
    expect(agg.rows).toEqual([[3, 1, '409', org.now]]);
    expect(agg.columns.map((c) => c.name)).toEqual(['COUNT(*)', 'COUNT(ERROR_CODE)', 'MAX(STATUS)', 'MIN(EVENT_TIMESTAMP)']);
    expect(err(s, "select method, count(*) from table(rest_event_history('scim'))").code).toBe('002065');
    expect(driver(err(s, "select nope from table(rest_event_history('scim'))"))).toBe("000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOPE'");
    expect(err(s, "select * from table(rest_event_history('scim')) order by 99").code).toBe('002072');
  });
});
