/**
 * A one-line progress indicator for long work (replaying a large log, running a big script). It
 * rewrites itself with `\r` on a terminal and says nothing at all otherwise: progress lines in a
 * redirected stderr or a CI log are noise, and a `\r` there does not rewrite anything.
 */

/** The part of a writable stream the indicator uses (`process.stderr` fits). */
export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width; lines are cut to fit so they never wrap (a wrapped line cannot be rewritten). */
  readonly columns?: number;
}

export interface ProgressOptions {
  /** Whether to draw at all. Defaults to the stream's own `isTTY`. */
  readonly isTTY?: boolean;
  /** Milliseconds clock; inject a fake one in tests. Defaults to `performance.now`. */
  readonly now?: () => number;
  /** Minimum time between two redraws. Default 100 ms. */
  readonly intervalMs?: number;
  /** Work shorter than this never shows a line. Default 500 ms, counted from creation. */
  readonly delayMs?: number;
  /** Width to fit the line into; defaults to the stream's `columns`, else 80. */
  readonly columns?: number;
}

/** A progress line. */
export interface Progress {
  /** Reports progress; redraws at most once per interval, and only after the initial delay. */
  update(label: string, done: number, total?: number): void;
  /** Erases the line (before printing something else); the next update draws it again. */
  clear(): void;
  /** Erases the line and stops: later updates are ignored. */
  finish(): void;
  /** Whether a line is on screen now. */
  readonly visible: boolean;
}

/** Erase from the cursor to the end of the line. */
const ERASE_LINE = '\x1b[K';

/** `1234567` → `1,234,567`, without depending on the runtime's locale data. */
function groupDigits(n: number): string {
  const s = String(Math.trunc(n));
  const negative = s.startsWith('-');
  const digits = negative ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** The text of a progress line: `label 1,234/10,000 (12%)`, or `label 1,234` without a total. */
export function formatProgress(label: string, done: number, total?: number): string {
  if (total === undefined || !Number.isFinite(total) || total <= 0) return `${label} ${groupDigits(done)}`;
  const pct = Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
  return `${label} ${groupDigits(done)}/${groupDigits(total)} (${pct}%)`;
}

const SILENT: Progress = {
  update() {},
  clear() {},
  finish() {},
  visible: false,
};

/** Creates a progress line on `stream`; a no-op unless the stream is a terminal. */
export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  const isTTY = options.isTTY ?? stream.isTTY === true;
  if (!isTTY) return SILENT;
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 100;
  const delayMs = options.delayMs ?? 500;
  const width = Math.max(10, (options.columns ?? stream.columns ?? 80) - 1);
  const startedAt = now();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let visible = false;
  let finished = false;

  const erase = (): void => {
    if (visible) stream.write(`\r${ERASE_LINE}`);
    visible = false;
  };

  return {
    update(label, done, total) {
      if (finished) return;
      const t = now();
      if (t - startedAt < delayMs || t - lastDrawAt < intervalMs) return;
      lastDrawAt = t;
      const text = formatProgress(label, done, total);
      // Cut by code points so a surrogate pair is never split.
      const cut = [...text].slice(0, width).join('');
      stream.write(`\r${cut}${ERASE_LINE}`);
      visible = true;
    },
    clear() {
      erase();
      // Let the next update draw at once: the line just vanished, so a throttled update would
      // leave the user looking at nothing.
      lastDrawAt = Number.NEGATIVE_INFINITY;
    },
    finish() {
      erase();
      finished = true;
    },
    get visible() {
      return visible;
    },
  };
}
