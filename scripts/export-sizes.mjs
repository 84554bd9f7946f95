#!/usr/bin/env node
// The sizes of fahras' serialized index with and without the stored text
// and the word positions, on a bench corpus: builds the index as the bench
// adapter does (id, title, text of each JSON Lines record), serializes it
// three ways, gzips each (level 6, as ../shared/bench does) and times
// `Index.load` of each. Run by `npm run bench -- --report` after each
// corpus's peers run; BENCHMARKS.md compares these with the peers' exports.
//   node scripts/export-sizes.mjs --corpus FILE.jsonl [--pkg DIR] [--out FILE.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const corpus = opt('--corpus', null);
if (!corpus) {
  console.error('usage: node scripts/export-sizes.mjs --corpus FILE.jsonl [--pkg DIR] [--out FILE.json]');
  process.exit(2);
}
const pkg = resolve(opt('--pkg', join(root, 'pkg', 'node')));
const { Index } = createRequire(import.meta.url)(join(pkg, 'fahras.js'));

const docs = readFileSync(corpus, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
  const d = JSON.parse(l);
  return { id: String(d.id), title: d.title ?? '', text: d.text ?? '' };
});
const index = new Index();
index.addAll(docs);
const VARIANTS = [
  ['full', {}],
  ['without text', { text: false }],
  ['without text and positions', { text: false, positions: false }],
];
const out = { corpus: resolve(corpus), docs: docs.length, variants: [] };
for (const [name, options] of VARIANTS) {
  const bytes = index.serialize(options);
  const t = performance.now();
  const loaded = Index.load(bytes);
  const loadMs = performance.now() - t;
  loaded.free();
  const row = { name, options, bytes: bytes.length, gz_bytes: gzipSync(bytes, { level: 6 }).length, load_ms: loadMs };
  out.variants.push(row);
  console.error(`${name}: ${(row.bytes / 1e6).toFixed(1)} MB, gzip ${(row.gz_bytes / 1e6).toFixed(1)} MB, load ${loadMs.toFixed(0)} ms`);
}
const file = opt('--out', null);
if (file) writeFileSync(file, JSON.stringify(out, null, 1));
else console.log(JSON.stringify(out, null, 1));
