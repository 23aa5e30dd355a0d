import type { Draft } from 'immer';
import type { AccountState } from '../state.ts';

/** The state's sharded maps: persistent structures written through shSet / shDelete, never drafted. */
type Sharded = 'users' | 'userNames' | 'loginNames' | 'roles' | 'roleNames';

/**
 * The mutable view `evolve` works on: an immer draft (a live batch), or a private working copy
 * (a whole-log fold). The sharded maps are assigned back after each write
 * (`s.users = shSet(s.users, id, u)`); the other Maps are immer's.
 */
export type W = { -readonly [K in Sharded]: AccountState[K] } & Draft<Omit<AccountState, Sharded>>;
