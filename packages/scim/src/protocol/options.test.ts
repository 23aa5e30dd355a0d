import { describe, expect, it } from 'vitest';
import { DEFAULT_SCIM_OPTIONS, resolveOptions } from './options.ts';

describe('resolveOptions', () => {
  it('returns the documented defaults', () => {
    const o = resolveOptions();
    expect(o).toEqual(DEFAULT_SCIM_OPTIONS);
    expect(o.bundle).toBe('2026_03');
    expect(o.syncPasswordDefault).toBe(false);
    expect(o.networkPolicyPrecedence).toBe('integration-user-account');
    expect(o.patchFailureStatus).toBe(400);
    expect(o.uppercaseUserNames).toBe(true);
    expect(o.roleNameCase).toBe('preserve');
    expect(o.strict).toBe(false);
    expect(o.maxBodyBytes).toBe(1024 * 1024);
    expect(o.maxInFlightPerEndpoint).toBe(500);
    expect(o.putClearsOmitted).toBe(true);
    expect(o.emailSelection).toBe('primary-then-first');
    expect(o.groupPatchResponse).toBe('okta-200-others-204');
    expect(o.userPostFailureStatus).toBe(409);
  });

  it('overrides only what is given and ignores undefined and unknown keys', () => {
    const o = resolveOptions({ bundle: 'legacy', strict: undefined, ...({ bogus: 1 } as object) });
    expect(o.bundle).toBe('legacy');
    expect(o.strict).toBe(false);
    expect('bogus' in o).toBe(false);
  });

  it('clamps numeric limits to sane values', () => {
    expect(resolveOptions({ maxBodyBytes: -5 }).maxBodyBytes).toBe(1024 * 1024);
    expect(resolveOptions({ maxBodyBytes: Number.NaN }).maxBodyBytes).toBe(1024 * 1024);
    expect(resolveOptions({ maxInFlightPerEndpoint: 2.7 }).maxInFlightPerEndpoint).toBe(2);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(resolveOptions())).toBe(true);
  });
});
