#!/usr/bin/env node
// Fails when the gzipped wasm of the package is over its budget: 200 KB for
// the engine, 110 KB for entity recognition: the compiled gazetteer
// (place, organisation and people names with their spellings, ids and
// canonical forms, triggers; src/entity/tables.rs), the recognizer and the
// collection's entity table (about 76 KB gzipped over the engine alone,
// measured when the index began to store entities), and 10 KB for reading
// an index in parts (the manifest, term, positions and document parts and
// the bookkeeping of what a query needs; about 9 KB gzipped when it came),
// and 5 KB for loading a large index fast: the SIMD UTF-8 check (simdutf8
// with simd128) and the XXH64 checksum, 3.8 KB gzipped when they came, for
// a load about twice as fast, raised to 9 KB for the document store's arenas
// (strings, token maps and entity pairs in three buffers, documents read in
// place or copied out; 3.3 KB gzipped when they came, for a loaded large
// index freed about seven times faster and loaded about a fifth faster),
// and 5 KB for query planning: the rarest part of
// an all-words query scored first and the others only within its documents,
// with a one-pass reading of posting lists (4.2 KB gzipped when it came, for
// the slowest queries on a large collection about twice as fast), raised to
// 8 KB for the dense tables of very common words, the pairwise merge of a
// word's lists and the one-pass choice of a page of hits (2.4 KB gzipped
// when they came, for those queries another third faster), and 4 KB for the
// Huffman codes of the stored bodies (3.2 KB gzipped when they came, for the
// bench's 39 MB collection 7.6 MB less memory after the build and an export
// of 35 MB rather than 44).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE_BYTES = 200 * 1000;
const ENTITY_BYTES = 110 * 1000;
const PARTS_BYTES = 10 * 1000;
const LOAD_BYTES = 9 * 1000;
const PLAN_BYTES = 8 * 1000;
const CODES_BYTES = 4 * 1000;
const BUDGET_BYTES = ENGINE_BYTES + ENTITY_BYTES + PARTS_BYTES + LOAD_BYTES + PLAN_BYTES + CODES_BYTES; // gzipped
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = readFileSync(join(root, 'pkg', 'web', 'fahras_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;
const line = `size: fahras_bg.wasm ${(wasm.length / 1000).toFixed(1)} KB, gzipped ${(gz / 1000).toFixed(1)} KB (budget ${BUDGET_BYTES / 1000} KB: engine ${ENGINE_BYTES / 1000} + entities ${ENTITY_BYTES / 1000} + parts ${PARTS_BYTES / 1000} + fast load ${LOAD_BYTES / 1000} + query planning ${PLAN_BYTES / 1000} + stored text codes ${CODES_BYTES / 1000})`;
if (gz > BUDGET_BYTES) {
  console.error(`${line}: OVER BUDGET`);
  process.exit(1);
}
console.log(line);
