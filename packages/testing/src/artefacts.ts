/**
 * Failure artefacts on disk: the one file of this package that uses node:fs. A saved failure is
 * one `snowglobe-scenario` JSON document under `.snowglobe-failures/` (git-ignored), named after
 * the property key and seed; its `meta.key`, `meta.fastCheck.seed` and `.path` tell the next run
 * what to replay first, and `snowglobe replay <file>` rebuilds the accounts from its logs.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isScenarioFormatError, readScenarioDocument, type ScenarioDocument } from './scenario-format.ts';
import { slug, type FailureStore, type SavedFailure } from './store.ts';

/** The default directory, relative to the working directory (the repository root under vitest). */
export const DEFAULT_FAILURE_DIR = '.snowglobe-failures';

function fastCheckOf(doc: ScenarioDocument): { key: string; seed: number; path: string } | null {
  const meta = doc.meta ?? {};
  const fcMeta = meta.fastCheck as { seed?: unknown; path?: unknown } | undefined;
  if (typeof meta.key !== 'string' || typeof fcMeta?.seed !== 'number' || typeof fcMeta.path !== 'string') return null;
  return { key: meta.key, seed: fcMeta.seed, path: fcMeta.path };
}

/** A short stable hash of a string, for file names. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/**
 * Failures as files in `dir` (default `.snowglobe-failures`). `list` reads every `*.json` there
 * that is a scenario document saved under the key, oldest (by name) first; unreadable files are
 * skipped, never deleted.
 */
export function createFileFailureStore(dir: string = DEFAULT_FAILURE_DIR): FailureStore & { readonly dir: string } {
  return {
    dir,
    async list(key: string): Promise<readonly SavedFailure[]> {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
      } catch {
        return [];
      }
      const out: SavedFailure[] = [];
      for (const name of names) {
        try {
          const doc = readScenarioDocument(JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown);
          if (isScenarioFormatError(doc)) continue;
          const f = fastCheckOf(doc);
          if (f && f.key === key) out.push({ id: name, ...f });
        } catch {
          // Not ours or not JSON: leave it alone.
        }
      }
      return out;
    },
    async save(failure, artefact) {
      await mkdir(dir, { recursive: true });
      const name = `${slug(failure.key)}-${hash(`${failure.key}|${failure.seed}|${failure.path}`)}.json`;
      const file = join(dir, name);
      await writeFile(file, `${JSON.stringify(artefact, null, 1)}\n`, 'utf8');
      const rel = relative(process.cwd(), file);
      return { id: name, location: rel.startsWith('..') ? file : rel };
    },
    async remove(id: string) {
      await rm(join(dir, id), { force: true });
    },
  };
}

/** Reads a saved artefact (to replay it with `replayDocument`). */
export async function readArtefact(file: string): Promise<ScenarioDocument | Error> {
  try {
    const doc = readScenarioDocument(JSON.parse(await readFile(file, 'utf8')) as unknown);
    return isScenarioFormatError(doc) ? new Error(doc.message) : doc;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
