/**
 * Where failing runs are kept so the next run tries them first: a small interface, an in-memory
 * implementation here (web-standard), and a file implementation in `artefacts.ts` (node:fs, the
 * one file of this package that touches the file system).
 */
import type { ScenarioDocument } from './scenario-format.ts';

/** A failure worth replaying: which property (by key) and fast-check's seed and path. */
export interface SavedFailure {
  /** The store's id for it (a file name for the file store). */
  readonly id: string;
  /** The property's key: its name, plus the test that ran it when known. */
  readonly key: string;
  readonly seed: number;
  readonly path: string;
}

/** Saved failures, keyed by property key. */
export interface FailureStore {
  /** Failures saved under `key`, oldest first. */
  list(key: string): Promise<readonly SavedFailure[]>;
  /** Saves a failure and its artefact; returns where it went (a path, for the report). */
  save(failure: Omit<SavedFailure, 'id'>, artefact: ScenarioDocument): Promise<{ readonly id: string; readonly location: string }>;
  /** Forgets a failure that no longer fails. */
  remove(id: string): Promise<void>;
}

/** A store in memory (tests, browsers). */
export function memoryFailureStore(): FailureStore & { readonly entries: Map<string, { failure: SavedFailure; artefact: ScenarioDocument }> } {
  const entries = new Map<string, { failure: SavedFailure; artefact: ScenarioDocument }>();
  let n = 0;
  return {
    entries,
    async list(key) {
      return [...entries.values()].filter((e) => e.failure.key === key).map((e) => e.failure);
    },
    async save(failure, artefact) {
      const id = `memory-${++n}`;
      entries.set(id, { failure: { ...failure, id }, artefact });
      return { id, location: `memory:${id}` };
    },
    async remove(id) {
      entries.delete(id);
    },
  };
}

/** A file-name-safe slug of a property key: `convergence okta` -> `convergence-okta`. */
export function slug(key: string): string {
  const s = key
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return s.slice(0, 80) || 'property';
}

/**
 * Failures as JSON files under `dir` (default `.snowglobe-failures`, git-ignored). The file
 * system code lives in `artefacts.ts` and is loaded on first use, so importing this package never
 * pulls in `node:fs` (it stays usable in a browser or a worker with `memoryFailureStore`).
 */
export function fileFailureStore(dir?: string): FailureStore {
  let store: Promise<FailureStore> | null = null;
  const load = (): Promise<FailureStore> => (store ??= import('./artefacts.ts').then((m) => m.createFileFailureStore(dir)));
  return {
    list: async (key) => (await load()).list(key),
    save: async (failure, artefact) => (await load()).save(failure, artefact),
    remove: async (id) => (await load()).remove(id),
  };
}

/** Reads a saved artefact file (Node only; loads `artefacts.ts` on demand). */
export async function readArtefactFile(file: string): Promise<ScenarioDocument | Error> {
  return (await import('./artefacts.ts')).readArtefact(file);
}
