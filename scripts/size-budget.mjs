#!/usr/bin/env node
// Fails when the gzipped wasm of the package is over its budget: 200 KB for
// the engine and 35 KB for the compiled gazetteer (place, organisation and
// people names with their spellings, src/entity/tables.rs; about 27 KB
// gzipped today, measured as the difference with and without it).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE_BYTES = 200 * 1000;
const GAZETTEER_BYTES = 35 * 1000;
const BUDGET_BYTES = ENGINE_BYTES + GAZETTEER_BYTES; // gzipped
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = readFileSync(join(root, 'pkg', 'web', 'fahras_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;
const line = `size: fahras_bg.wasm ${(wasm.length / 1000).toFixed(1)} KB, gzipped ${(gz / 1000).toFixed(1)} KB (budget ${BUDGET_BYTES / 1000} KB: engine ${ENGINE_BYTES / 1000} + gazetteer ${GAZETTEER_BYTES / 1000})`;
if (gz > BUDGET_BYTES) {
  console.error(`${line}: OVER BUDGET`);
  process.exit(1);
}
console.log(line);
