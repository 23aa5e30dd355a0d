/**
 * The `snowglobe` executable: `node --import tsx packages/snowglobe/src/cli.ts <args>` (the
 * package's bin and the workspace's `pnpm snowglobe` script both end up here).
 */
import { main } from './cli/main.ts';

// The server must outlive anything a request can throw; the app already turns request errors
// into 500s, so reaching these handlers is a bug worth a line on stderr, not a dead simulator.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`snowglobe: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
});
process.on('uncaughtException', (error) => {
  process.stderr.write(`snowglobe: uncaught exception: ${error.stack ?? error.message}\n`);
});

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// Sockets and timers left by a library must not keep a finished command alive.
setTimeout(() => process.exit(), 100).unref();
