#!/usr/bin/env node
// Every check of the project, in order; stops at the first failure. Run by
// `npm test` (after scripts/setup.mjs) and by CI (.ci/run).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmRunner = { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner' };

const steps = [
  ['format', 'cargo', ['fmt', '--all', '--check']],
  ['lint', 'cargo', ['clippy', '--workspace', '--all-targets', '--', '-D', 'warnings']],
  ['rust tests', 'cargo', ['test', '--workspace']],
  ['docs', 'cargo', ['doc', '--no-deps', '--workspace'], { RUSTDOCFLAGS: '-D rustdoc::broken_intra_doc_links -D rustdoc::private_intra_doc_links -D missing_docs' }],
  ['wasm build', 'node', ['scripts/build-wasm.mjs']],
  ['size budget', 'node', ['scripts/size-budget.mjs']],
  ['core tests in wasm (node)', 'cargo', ['test', '--target', 'wasm32-unknown-unknown', '--test', 'integration'], wasmRunner],
  ['bindings tests in wasm (node)', 'cargo', ['test', '-p', 'fahras-wasm', '--target', 'wasm32-unknown-unknown', '--test', 'node'], wasmRunner],
  ['package and page tests (node)', 'node', ['--test', 'tests/node/', 'www/test/']],
  ['browser tests (chromium)', 'node', ['--test', '--test-concurrency=1', 'e2e/']],
];

const only = process.argv.slice(2);
const t0 = Date.now();
for (const [name, cmd, args, env = {}] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n=== FAILED: ${name} (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`=== ok: ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
console.log(`\nall checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
