#!/usr/bin/env node
// Extraction quality: `fahras quality` on the labelled pages of
// tests/extract/ and, when present, on ../shared/seeds/ against the
// expectations of tests/seeds/. Extra arguments (e.g. --verbose) pass on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);
const run = (args) => {
  const r = spawnSync('cargo', ['run', '-q', '--release', '-p', 'fahras-cli', '--', 'quality', ...args, ...extra], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['tests/extract']);
const seeds = join(root, '..', 'shared', 'seeds');
if (existsSync(seeds)) {
  console.log();
  run([seeds, '--expected', 'tests/seeds']);
} else {
  console.log(`\nnotice: ${seeds} is absent; the seed pages are skipped`);
}
