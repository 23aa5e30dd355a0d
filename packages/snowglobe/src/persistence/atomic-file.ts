/**
 * Small JSON side files of the data directory (the marker, the clock), replaced atomically: write
 * a temporary file, fsync it, rename it over the old one, fsync the directory. A crash leaves the
 * old or the new content, never a mix.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { nodeLogFs } from './fs.ts';

/** Replaces `path` with `value` as JSON, durably. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(`${JSON.stringify(value)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await nodeLogFs.syncDir(dirname(path));
}

/** The parsed JSON of `path`; null when the file does not exist; an Error value when it is not JSON. */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT') return null;
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return new Error(`${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Removes `path` if it exists. */
export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
