import type { Draft } from 'immer';
import type { AccountState } from '../state.ts';

/** The mutable view `evolve` works on: an immer draft, or a private working copy during replay. */
export type W = Draft<AccountState>;
