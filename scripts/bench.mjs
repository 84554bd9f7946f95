#!/usr/bin/env node
// Runs the side-by-side benchmark of ../shared/bench (fahras beside
// MiniSearch, FlexSearch, Lunr and Orama on the same Arabic corpus, one run)
// against the Node build of the package.
//   npm run bench                 quick mode (~9 MB corpus, 4 peers)
//   npm run bench -- --full       the 39 MB corpus, all peers, both configs
//   npm run bench -- <args>       any other arguments go to peers.mjs
// The bench folder may be read-only, so it is copied to <tmp>/fahras-bench/runner
// and its pinned peers are installed there once.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.env.FAHRAS_BENCH_DIR || join(root, '..', 'shared', 'bench'));
if (!existsSync(join(source, 'peers.mjs'))) {
  console.error(`bench: no benchmark at ${source} (set FAHRAS_BENCH_DIR)`);
  process.exit(1);
}
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('node', [join(root, 'scripts', 'build-wasm.mjs')]);
const runner = join(tmpdir(), 'fahras-bench', 'runner');
mkdirSync(runner, { recursive: true });
cpSync(source, runner, { recursive: true, filter: (src) => !src.includes('node_modules') });
if (!existsSync(join(runner, 'node_modules', 'minisearch'))) {
  run('npm', ['install', '--no-audit', '--no-fund'], runner);
}
const args = process.argv.slice(2);
const full = args.includes('--full');
const rest = args.filter((a) => a !== '--full');
const mode = full || rest.length ? rest : ['--quick'];
run('node', [join(runner, 'peers.mjs'), ...mode, '--fahras', join(root, 'pkg', 'node')], runner);
