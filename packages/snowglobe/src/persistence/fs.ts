/**
 * The thin file-system layer under the log store. It exists so tests can count fsyncs and inject
 * failures (a full disk, an fsync error) without monkey-patching `node:fs`; production code uses
 * {@link nodeLogFs}.
 */
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** An account log file opened for appending. */
export interface LogFile {
  /** Appends every byte of `data` at the end of the file (loops over short writes). */
  append(data: Uint8Array): Promise<void>;
  /** Flushes the file's data (and the size needed to read it back) to stable storage. */
  datasync(): Promise<void>;
  /** The current size of the file in bytes. */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** The operations the log store performs on a directory. */
export interface LogFs {
  /** Creates `dir` and its parents if missing. */
  mkdir(dir: string): Promise<void>;
  /** File names (not paths) in `dir`. */
  readdir(dir: string): Promise<string[]>;
  /** The whole file, or `null` when it does not exist. */
  readFile(path: string): Promise<Uint8Array | null>;
  /** Opens `path` for appending, creating it if missing. */
  openAppend(path: string): Promise<LogFile>;
  /** Cuts `path` to `length` bytes and makes the cut durable before resolving. */
  truncate(path: string, length: number): Promise<void>;
  /**
   * Makes the directory entry of a newly created file durable. Without it a crash can lose the
   * whole file even though its contents were fsync'ed.
   */
  syncDir(dir: string): Promise<void>;
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

class NodeLogFile implements LogFile {
  constructor(private readonly fh: FileHandle) {}

  async append(data: Uint8Array): Promise<void> {
    // FileHandle.appendFile loops until every byte is written; a bare write() may be short.
    await this.fh.appendFile(data);
  }

  async datasync(): Promise<void> {
    await this.fh.datasync();
  }

  async size(): Promise<number> {
    return (await this.fh.stat()).size;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** The real file system, through `node:fs/promises` file handles. */
export const nodeLogFs: LogFs = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  async readdir(dir) {
    return readdir(dir);
  },
  async readFile(path) {
    try {
      return await readFile(path);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return null;
      throw e;
    }
  },
  async openAppend(path) {
    return new NodeLogFile(await open(path, 'a'));
  },
  async truncate(path, length) {
    const fh = await open(path, 'r+');
    try {
      await fh.truncate(length);
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async syncDir(dir) {
    let fh: FileHandle | undefined;
    try {
      fh = await open(dir, 'r');
      await fh.sync();
    } catch (e) {
      // Some platforms (Windows) cannot open or fsync a directory; there the rename/create is
      // already durable or cannot be made so, and failing every first append would be worse.
      const code = errnoCode(e);
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
    } finally {
      await fh?.close();
    }
  },
};
