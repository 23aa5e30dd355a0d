import { isDraft, type Draft } from 'immer';
import type { AccountState } from '../state.ts';
import { own, owned } from '../util/transient.ts';

/** The state's sharded maps: persistent structures written through shSet / shDelete, never drafted. */
type Sharded = 'users' | 'userNames' | 'loginNames' | 'roles' | 'roleNames';

/**
 * The mutable view `evolve` works on: an immer draft (a live batch), or a private working copy
 * (a whole-log fold). The sharded maps are assigned back after each write
 * (`s.users = shSet(s.users, id, u)`); the other Maps are immer's.
 */
export type W = { -readonly [K in Sharded]: AccountState[K] } & Draft<Omit<AccountState, Sharded>>;

/** The state's small Maps that a batch without immer may write (see IMMER_FREE in evolve). */
type CopiedOnWrite = 'scimTokens' | 'privileges' | 'failoverGroups';

/**
 * One of the state's small Maps, for this write to change in place: immer's draft of it, a copy
 * this batch already made, or a copy made now and owned by the batch. In a batch without immer
 * (`{ ...state }`), the Map still belongs to the published state and must not be touched.
 */
export function writableMap<K extends CopiedOnWrite>(s: W, key: K): W[K] {
  if (!isDraft(s) && !owned(s[key])) s[key] = own(new Map(s[key] as ReadonlyMap<unknown, unknown>)) as W[K];
  return s[key];
}
