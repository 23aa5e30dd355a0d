/**
 * IPv4 / IPv6 addresses and CIDR ranges for network policies. IPv4 and IPv6 rules are
 * evaluated independently (spec/snowflake-scim.md §8).
 */
export interface ParsedRange {
  readonly family: 4 | 6;
  readonly bits: bigint;
  readonly prefix: number;
}

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(s: string): bigint | null {
  let text = s;
  let tailV4: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.length !== 8) return null;
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) v = (v & ~0xffffffffn) | tailV4;
  return v;
}

/** Parses an address (`1.2.3.4`, `::1`) as a full-length range. */
export function parseAddress(text: string): ParsedRange | null {
  const t = text.trim();
  const v4 = parseV4(t);
  if (v4 !== null) return { family: 4, bits: v4, prefix: 32 };
  const v6 = parseV6(t);
  if (v6 !== null) return { family: 6, bits: v6, prefix: 128 };
  return null;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address. */
export function parseRange(text: string): ParsedRange | null {
  const [addr, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return null;
  const base = parseAddress(addr);
  if (!base) return null;
  if (prefixText === undefined) return base;
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > (base.family === 4 ? 32 : 128)) return null;
  return { ...base, prefix };
}

export function rangeContains(range: ParsedRange, addr: ParsedRange): boolean {
  if (range.family !== addr.family) return false;
  const width = range.family === 4 ? 32n : 128n;
  const shift = width - BigInt(range.prefix);
  return range.bits >> shift === addr.bits >> shift;
}

export type PolicyVerdict = 'allowed' | 'blocked';

/**
 * Snowflake's evaluation: BLOCKED wins; a non-empty allowed list of the request's family blocks
 * every other address of that family; no rules of the family means allowed.
 */
export function evaluatePolicy(allowed: readonly string[], blocked: readonly string[], clientIp: string): PolicyVerdict {
  const ip = parseAddress(clientIp);
  if (!ip) return 'blocked';
  const sameFamily = (list: readonly string[]) =>
    list.map(parseRange).filter((r): r is ParsedRange => r !== null && r.family === ip.family);
  if (sameFamily(blocked).some((r) => rangeContains(r, ip))) return 'blocked';
  const allow = sameFamily(allowed);
  if (allow.length === 0) {
    // A request over IPv6 with no IPv6 rules is judged by the IPv4 rules only: a non-empty IPv4
    // allowed list then does not admit it.
    const other = allowed.map(parseRange).filter((r) => r !== null);
    return ip.family === 6 && other.length > 0 ? 'blocked' : 'allowed';
  }
  return allow.some((r) => rangeContains(r, ip)) ? 'allowed' : 'blocked';
}
