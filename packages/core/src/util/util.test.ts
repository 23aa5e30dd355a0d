import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createHash } from 'node:crypto';
import { sha256Hex, constantTimeEqual } from './sha256.ts';
import { evaluatePolicy, parseRange } from './network.ts';
import { parseDuration } from './duration.ts';
import { emptySharded, shDelete, shEntries, shGet, shKeys, shSet, shValues, type ShardedMap } from './sharded-map.ts';
import { transient } from './transient.ts';
import { createIdSource } from './ids.ts';
import { resolveIdentifier, quoteIdentifier } from './identifiers.ts';

describe('sha256', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 300 })])('matches node:crypto', (s) => {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
  it('compares in constant time semantics', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('network policy evaluation', () => {
  it('parses IPv4, IPv6 and CIDR', () => {
    expect(parseRange('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 8 });
    expect(parseRange('2001:db8::/32')).toMatchObject({ family: 6, prefix: 32 });
    expect(parseRange('::ffff:1.2.3.4')).toMatchObject({ family: 6 });
    for (const bad of ['1.2.3', '1.2.3.4/33', 'x', '1:2:3:4:5:6:7:8:9', '256.0.0.1', '']) expect(parseRange(bad)).toBeNull();
  });
  it('blocked wins, allowed lists are per family', () => {
    expect(evaluatePolicy(['10.0.0.0/8'], [], '10.1.2.3')).toBe('allowed');
    expect(evaluatePolicy(['10.0.0.0/8'], ['10.1.0.0/16'], '10.1.2.3')).toBe('blocked');
    expect(evaluatePolicy(['10.0.0.0/8'], [], '11.0.0.1')).toBe('blocked');
    expect(evaluatePolicy([], ['1.1.1.1'], '2.2.2.2')).toBe('allowed');
    expect(evaluatePolicy(['2001:db8::/32'], [], '2001:db8::1')).toBe('allowed');
    expect(evaluatePolicy(['2001:db8::/32'], [], '10.0.0.1')).toBe('allowed');
    expect(evaluatePolicy(['10.0.0.0/8'], [], '2001:db8::1')).toBe('blocked');
    expect(evaluatePolicy([], [], 'not-an-ip')).toBe('blocked');
  });
});

describe('durations and identifiers', () => {
  it('parses durations', () => {
    expect(parseDuration('10 minutes')).toBe(600_000);
    expect(parseDuration('183 days')).toBe(183 * 86_400_000);
    expect(parseDuration('1h 30m')).toBe(5_400_000);
    expect(parseDuration('soon')).toMatchObject({ code: '001008' });
  });
  it('resolves identifiers as Snowflake does', () => {
    expect(resolveIdentifier('okta_provisioner')).toBe('OKTA_PROVISIONER');
    expect(resolveIdentifier('"Mixed Case"')).toBe('Mixed Case');
    expect(resolveIdentifier('"a""b"')).toBe('a"b');
    expect(quoteIdentifier('ABC')).toBe('ABC');
    expect(quoteIdentifier('abc')).toBe('"abc"');
  });
});

describe('sharded map', () => {
  type Op = ['set' | 'del', string, number];
  // Up to 300 operations: enough distinct keys to outgrow the small (one Map) form and split.
  const ops = fc.array(fc.tuple(fc.constantFrom('set' as const, 'set' as const, 'del' as const), fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 300 });
  const apply = (m: ShardedMap<number>, ref: Map<string, number>, [op, k, v]: Op): ShardedMap<number> => {
    if (op === 'set') {
      ref.set(k, v);
      return shSet(m, k, v);
    }
    ref.delete(k);
    return shDelete(m, k);
  };
  const same = (m: ShardedMap<number>, ref: Map<string, number>) => {
    expect(m.size).toBe(ref.size);
    for (const [k, v] of ref) expect(shGet(m, k)).toBe(v);
    expect([...shValues(m)].sort()).toEqual([...ref.values()].sort());
    const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    expect([...shEntries(m)].sort(byKey)).toEqual([...ref.entries()].sort(byKey));
    expect([...shKeys(m)]).toEqual([...shEntries(m)].map(([k]) => k));
  };

  test.prop([ops])('behaves like a Map, folded privately', (list) => {
    const ref = new Map<string, number>();
    const m = transient('fold', () => list.reduce((acc, op) => apply(acc, ref, op), emptySharded<number>()));
    same(m, ref);
  });

  test('buckets holding several keys: sets, overwrites and deletes inside one bucket', () => {
    // 50k keys over 32,768 buckets: most buckets hold more than one key.
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}`);
    const ref = new Map<string, number>();
    const full = transient('batch', () => keys.reduce((m, k, i) => (ref.set(k, i), shSet(m, k, i)), emptySharded<number>()));
    const snapshot = new Map(ref);
    const thinned = transient('batch', () => {
      let m = full;
      keys.forEach((k, i) => {
        if (i % 3 === 0) (ref.delete(k), (m = shDelete(m, k)));
        else if (i % 3 === 1) (ref.set(k, -i), (m = shSet(m, k, -i)));
      });
      return m;
    });
    same(full, snapshot);
    same(thinned, ref);
  });

  test.prop([ops, ops])('a batch leaves the map it started from unchanged (persistent)', (first, second) => {
    const ref = new Map<string, number>();
    const before = transient('batch', () => first.reduce((acc, op) => apply(acc, ref, op), emptySharded<number>()));
    const snapshot = new Map(ref);
    const after = transient('batch', () => second.reduce((acc, op) => apply(acc, ref, op), before));
    same(before, snapshot);
    same(after, ref);
    // Outside any write, every write copies: the map passed in never changes.
    const outside = shSet(after, 'zzzzz', 1);
    expect(shGet(after, 'zzzzz')).toBe(ref.get('zzzzz'));
    expect(shGet(outside, 'zzzzz')).toBe(1);
  });
});
