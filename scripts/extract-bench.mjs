#!/usr/bin/env node
// Extraction speed on the bench corpus, as scraped pages: every record of
// the corpus becomes a plain-text scrape and an HTML page with the usual
// debris around it (logo, menu, share bar, teasers, footer). Measured with
// the Node build of the package:
//   - extract(name, bytes) alone: MB/s for .txt and for .html;
//   - Index.addFile(name, bytes) (extract + analyse + index): MB/s, and the
//     share of it that extraction takes.
//   node scripts/extract-bench.mjs [corpus.jsonl] [--limit N]
// The corpus defaults to <tmp>/fahras-bench/arcorpus/hadith-all.jsonl,
// which `npm run bench` creates.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const corpus = args.find((a, i) => !a.startsWith('--') && (limitAt < 0 || i !== limitAt + 1))
  || join(tmpdir(), 'fahras-bench', 'arcorpus', 'hadith-all.jsonl');
if (!existsSync(corpus)) {
  console.error(`extract-bench: no corpus at ${corpus} (run npm run bench once, or give a .jsonl path)`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const { Index, extract } = require(join(root, 'pkg', 'node', 'fahras.js'));

const records = readFileSync(corpus, 'utf8').split('\n').filter(Boolean).slice(0, limit).map((l) => JSON.parse(l));
const enc = new TextEncoder();
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const paras = (text) => text.split(/(?<=[.؟!])\s+/).reduce((out, s) => {
  // Sentences grouped into paragraphs of about 400 characters.
  if (!out.length || out[out.length - 1].length > 400) out.push(s);
  else out[out.length - 1] += ` ${s}`;
  return out;
}, []);

const txt = (r, i) => enc.encode([
  'موقع المكتبة logo',
  'الرئيسية | أخبار | تراث | مقالات | اتصل بنا',
  r.title,
  r.title,
  'Loading...',
  'صورة من أرشيف المكتبة (أرشيف)',
  'شارك الخبر:',
  'FacebookTwitterLinkedInEmail',
  ...paras(r.text),
  `شاهد ايضاً: ${records[(i + 1) % records.length].title}`,
  'تعليق (0)',
  'قراءة المزيد',
  records[(i + 2) % records.length].title,
  records[(i + 3) % records.length].title,
].join('\n'));

const html = (r, i) => enc.encode(`<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>${esc(r.title)} | موقع المكتبة</title><meta property="og:site_name" content="موقع المكتبة">
<script>var a = 1;</script><style>body{margin:0}</style></head><body>
<header><div class="logo">موقع المكتبة</div><nav><a href="/">الرئيسية</a> <a href="/n">أخبار</a> <a href="/t">تراث</a></nav></header>
<main><article><h1>${esc(r.title)}</h1><figure><img src="a.jpg"><figcaption>صورة من الأرشيف</figcaption></figure>
${paras(r.text).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="share">شارك الخبر: فيسبوك إكس واتساب</div></article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/1">${esc(records[(i + 1) % records.length].title)}</a></li>
<li><a href="/2">${esc(records[(i + 2) % records.length].title)}</a></li></ul></aside></main>
<footer><p>جميع الحقوق محفوظة © موقع المكتبة</p></footer></body></html>`);

const mb = (bytes) => bytes / 1024 / 1024;
function measure(kind, make) {
  const pages = records.map(make);
  const bytes = pages.reduce((s, p) => s + p.length, 0);
  const name = (i) => `site/${i}.${kind}`;
  // Each timing is the best of three runs (this kind of machine is noisy).
  const best = (f) => Math.min(...[0, 1, 2].map(() => { const t = performance.now(); f(); return (performance.now() - t) / 1000; }));
  for (let i = 0; i < Math.min(200, pages.length); i++) extract(name(i), pages[i]);
  const extractS = best(() => { for (let i = 0; i < pages.length; i++) extract(name(i), pages[i]); });
  const addS = best(() => {
    const index = new Index();
    for (let i = 0; i < pages.length; i++) index.addFile(name(i), pages[i]);
    index.free();
  });
  // The same documents, already extracted, indexed with addAll: what
  // addFile costs beyond extraction.
  const docs = pages.map((p, i) => extract(name(i), p).documents[0]).map((d) => ({
    id: d.id, title: d.title, text: d.text, source: d.source, place: d.place, date: d.date,
  }));
  const indexS = best(() => { const plain = new Index(); plain.addAll(docs); plain.free(); });
  return { kind, pages: pages.length, mb: mb(bytes), extractS, addS, indexS };
}

if (process.env.FAHRAS_WRITE_PAGES) {
  // Writes the pages to a folder instead, for profiling the CLI on them.
  const { mkdirSync, writeFileSync } = await import('node:fs');
  for (const [kind, make] of [['txt', txt], ['html', html]]) {
    const dir = join(process.env.FAHRAS_WRITE_PAGES, kind);
    mkdirSync(dir, { recursive: true });
    records.forEach((r, i) => writeFileSync(join(dir, `${i}.${kind}`), make(r, i)));
  }
  process.exit(0);
}
const order = (process.env.FAHRAS_ORDER || 'txt,html').split(',');
const makers = { txt, html };
const rows = order.map((k) => measure(k, makers[k]));
console.log(`corpus: ${corpus} (${records.length} records), Node ${process.version}\n`);
console.log('| pages | count | MB | extract() s | extract() MB/s | addFile s | addFile MB/s | addAll of the extracted docs s | extraction share of addFile |');
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  const share = Math.max(0, 1 - r.indexS / r.addS);
  console.log(`| ${r.kind} | ${r.pages} | ${r.mb.toFixed(1)} | ${r.extractS.toFixed(2)} | ${(r.mb / r.extractS).toFixed(1)} | ${r.addS.toFixed(2)} | ${(r.mb / r.addS).toFixed(1)} | ${r.indexS.toFixed(2)} | ${(100 * share).toFixed(0)} % |`);
}
console.log('\nextract() includes handing the result to JavaScript (paragraphs and removed lines as objects).');
console.log('addFile() is extraction + analysis + indexing + near-duplicate and template-line detection;');
console.log('the extraction share is 1 - (addAll of the same documents, already extracted) / addFile.');
