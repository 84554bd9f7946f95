#!/usr/bin/env node
// Indexing throughput with and without entity recognition, on the bench
// corpus, in the Node package (the same wasm as the page):
//   node scripts/entity-bench.mjs [corpus.jsonl] [--rounds N]
// The corpus defaults to <tmp>/fahras-bench/arcorpus/hadith-all.jsonl, which
// `npm run bench` downloads and builds. Each round indexes the whole corpus
// twice with `addAll`, once with `{entities: true}` (the default) and once
// with `{entities: false}`, in alternating order; the best round of each is
// reported, and their ratio.
import { readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const corpus = args.find((a, i) => !a.startsWith('--') && (roundsAt < 0 || i !== roundsAt + 1))
  || join(tmpdir(), 'fahras-bench', 'arcorpus', 'hadith-all.jsonl');
if (!existsSync(corpus)) {
  console.error(`entity-bench: no corpus at ${corpus} (run npm run bench once, or give a .jsonl path)`);
  process.exit(1);
}
const { Index } = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'fahras.js'));
const text = readFileSync(corpus, 'utf8');
const mb = Buffer.byteLength(text) / 1e6;
const docs = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

function build(entities) {
  const index = new Index({ entities });
  const t0 = performance.now();
  index.addAll(docs);
  const s = (performance.now() - t0) / 1000;
  const found = entities ? index.entities({ limit: 1_000_000 }).length : 0;
  index.free();
  return { s, found };
}

const best = { true: Infinity, false: Infinity };
let found = 0;
for (let r = 0; r < rounds; r++) {
  for (const entities of r % 2 ? [true, false] : [false, true]) {
    const { s, found: f } = build(entities);
    best[entities] = Math.min(best[entities], s);
    if (entities) found = f;
  }
}
const rate = (s) => (mb / s).toFixed(1);
console.log(`corpus ${corpus}: ${docs.length} documents, ${mb.toFixed(1)} MB; best of ${rounds} rounds`);
console.log(`without entities: ${best.false.toFixed(2)} s, ${rate(best.false)} MB/s`);
console.log(`with entities:    ${best.true.toFixed(2)} s, ${rate(best.true)} MB/s (${found} entities)`);
console.log(`ratio: ${(best.false / best.true * 100).toFixed(0)}% of the throughput without them`);
