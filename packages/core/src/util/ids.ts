import { customRandom, urlAlphabet } from 'nanoid';
import { createPrng, type Prng } from './prng.ts';

/** The organization's one source of ids and secrets: nanoid's customRandom over a seeded PRNG. */
export interface IdSource {
  /** A 21-character object id (Snowflake's internal id, also the SCIM `id`). */
  id(): string;
  /** A UUID-shaped id (SCIM_ENDPOINT_ID, statement handles). */
  uuid(): string;
  /** A secret of `length` characters (SCIM access tokens). */
  secret(length: number): string;
  snapshot(): readonly [number, number, number, number];
}

const HEX = '0123456789abcdef';

export function createIdSource(seed: number | readonly [number, number, number, number]): IdSource {
  const prng: Prng = createPrng(seed);
  const nano = customRandom(urlAlphabet, 21, (size) => prng.bytes(size));
  const hex = customRandom(HEX, 32, (size) => prng.bytes(size));
  const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return {
    id: () => nano(),
    uuid: () => {
      const h = hex();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    secret: (length) => customRandom(secretAlphabet, length, (size) => prng.bytes(size))(),
    snapshot: () => prng.snapshot(),
  };
}
