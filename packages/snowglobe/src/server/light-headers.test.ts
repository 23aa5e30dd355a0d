import { describe, expect, it } from 'vitest';
import { lightHeaders } from './light-headers.ts';

const RAW = ['Host', 'myorg-account1.snowflakecomputing.com', 'Accept', 'application/json', 'accept', 'text/plain', 'Cookie', 'a=1', 'cookie', 'b=2'];

describe('lightHeaders', () => {
  it('answers get and has as Headers would, case-insensitively, joining repeated fields', () => {
    const light = lightHeaders(RAW);
    const real = new Headers();
    for (let i = 0; i < RAW.length; i += 2) real.append(RAW[i]!, RAW[i + 1]!);
    expect(light).toBeInstanceOf(Headers);
    for (const name of ['host', 'HOST', 'accept', 'cookie', 'content-length']) {
      expect(light.get(name), name).toBe(real.get(name));
      expect(light.has(name), name).toBe(real.has(name));
    }
    expect(light.get('accept')).toBe('application/json, text/plain');
    expect(() => light.get('bad name')).toThrow(TypeError);
  });

  it('iterates, copies and mutates through a real Headers', () => {
    const light = lightHeaders(RAW);
    expect([...light.keys()]).toEqual(['accept', 'cookie', 'host']);
    expect(new Headers(light).get('host')).toBe('myorg-account1.snowflakecomputing.com');
    light.set('x-added', '1');
    light.delete('cookie');
    expect(light.get('x-added')).toBe('1');
    expect(light.get('cookie')).toBeNull();
    const seen: string[] = [];
    light.forEach((_v, k) => seen.push(k));
    expect(seen).toEqual(['accept', 'host', 'x-added']);
  });
});
