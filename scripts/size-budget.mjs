#!/usr/bin/env node
// Fails when the gzipped wasm of the package is over its budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_BYTES = 200 * 1000; // 200 KB gzipped
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = readFileSync(join(root, 'pkg', 'web', 'fahras_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;
const line = `size: fahras_bg.wasm ${(wasm.length / 1000).toFixed(1)} KB, gzipped ${(gz / 1000).toFixed(1)} KB (budget ${BUDGET_BYTES / 1000} KB)`;
if (gz > BUDGET_BYTES) {
  console.error(`${line}: OVER BUDGET`);
  process.exit(1);
}
console.log(line);
