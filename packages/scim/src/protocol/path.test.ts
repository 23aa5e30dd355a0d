import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parsePatchPath } from './path.ts';
import { CORE_GROUP_URN, CORE_USER_URN } from './schemas.ts';

function parsed(path: string, urn = CORE_USER_URN) {
  const r = parsePatchPath(path, urn);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('parsePatchPath', () => {
  it('simple and sub-attribute paths', () => {
    expect(parsed('userName')).toMatchObject({ schema: 'core', attr: 'userName', filter: null, sub: null });
    expect(parsed('name.familyName')).toMatchObject({ attr: 'name', sub: 'familyName' });
  });

  it('value filter paths', () => {
    expect(parsed('emails[type eq "work"].value')).toMatchObject({
      attr: 'emails',
      sub: 'value',
      filter: { op: 'eq', attrPath: 'type', compValue: 'work' },
    });
    expect(parsed('members[value eq "a]b"]', CORE_GROUP_URN)).toMatchObject({ attr: 'members', filter: { compValue: 'a]b' }, sub: null });
  });

  it('URN:attr and URN.attr extension paths (spec §2.2)', () => {
    expect(parsed('urn:ietf:params:scim:schemas:extension:2.0:User:defaultRole')).toMatchObject({ schema: 'extension', attr: 'defaultRole' });
    expect(parsed('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.snowflakeUserName')).toMatchObject({
      schema: 'enterprise',
      attr: 'snowflakeUserName',
    });
    expect(parsed('URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:defaultRole')).toMatchObject({ schema: 'enterprise' });
    expect(parsed('urn:ietf:params:scim:schemas:extension:2.0:User')).toMatchObject({ schema: 'extension', attr: '' });
    expect(parsed('urn:ietf:params:scim:schemas:core:2.0:User:userName')).toMatchObject({ schema: 'core', attr: 'userName' });
  });

  it.each([
    '',
    ' ',
    'emails[type eq "work"',
    'emails[type eq ]',
    'emails[type eq "work"]value',
    'a.b.c',
    '1abc',
    'urn:example:other:attr',
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'name.',
    'na me',
  ])('%j is 400 invalidPath', (path) => {
    const r = parsePatchPath(path, CORE_USER_URN);
    expect(r.ok ? null : r.error).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });

  test.prop([fc.string()])('never throws', (path) => {
    expect(typeof parsePatchPath(path, CORE_USER_URN).ok).toBe('boolean');
  });
});
