/**
 * Runs every benchmark script in turn, each in its own process so one's heap does not skew the
 * next, and each writes its section of docs/benchmarks.md.
 *
 *   npx pnpm@10 bench            (all)      npx pnpm@10 bench replay scim      (some)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.ts';

const ALL = ['replay', 'refresh', 'scim', 'http', 'properties'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of wanted) {
  const file = join(ROOT, 'bench', `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench/${name}.ts does not exist`);
    failed++;
    continue;
  }
  console.error(`\n== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit', cwd: ROOT });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
