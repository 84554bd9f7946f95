// The npm package as Node loads it (pkg/node): API shape, thrown errors,
// UTF-16 highlight ranges, hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { Index, analyze, extract, version } = require('../../pkg/node/fahras.js');
const sample = JSON.parse(readFileSync(new URL('../../www/sample/news.json', import.meta.url), 'utf8'));

const enc = (s) => new TextEncoder().encode(s);
const marked = (text, ranges) => ranges.map((r) => text.slice(r.start, r.end));

test('results are plain objects with highlights as UTF-16 ranges', () => {
  const ix = new Index();
  ix.add({ id: 1, title: '😀 قمّة أستانا', text: 'نص 🇰🇿 عن قمّة إقليميّة في العاصمة أستانا.', source: 'وكالة', date: '2024-07-03' });
  const r = ix.search('قمة استانا', { snippets: true });
  assert.equal(r.total, 1);
  assert.deepEqual(Object.keys(r).sort(), ['hits', 'total', 'warnings']);
  const [hit] = r.hits;
  assert.equal(hit.id, '1');
  assert.equal(hit.source, 'وكالة');
  assert.equal(hit.url, undefined);
  assert.deepEqual(marked(hit.title, hit.titleHighlights), ['قمّة', 'أستانا']);
  assert.deepEqual(marked(hit.snippet, hit.snippetHighlights), ['قمّة', 'أستانا']);
  assert.equal(typeof hit.score, 'number');
  ix.free();
});

test('the sample collection answers variant spellings', () => {
  const ix = new Index();
  assert.equal(ix.addAll(sample), sample.length);
  assert.equal(ix.size, sample.length);
  const total = (q) => ix.search(q).total;
  assert.equal(total('استانا'), total('أستانا'));
  assert.ok(total('الطاقة') > 0 && total('الطاقة') === total('الطاقه'));
  assert.ok(total('"طريق الحرير"') >= 1);
  // The gazetteer knows both spellings of Beijing: either finds both.
  assert.ok(total('بيجينغ') > 0);
  assert.equal(total('بكين'), total('بكين OR بيجينغ'));
  assert.equal(total('بيجينغ'), total('بكين'));
  assert.ok(total('كازاخ*') >= total('كازاخستان'));
  const page1 = ix.search('الصين', { limit: 3 });
  const page2 = ix.search('الصين', { limit: 3, offset: 3 });
  assert.equal(page1.hits.length, 3);
  assert.notDeepEqual(page1.hits.map((h) => h.id), page2.hits.map((h) => h.id));
  const bare = ix.search('الصين', { limit: 1 });
  assert.equal(bare.hits[0].snippet, '', 'snippets are opt-in');
  assert.deepEqual(bare.hits[0].snippetHighlights, []);
  assert.ok(ix.search('الصين قمة', { combine: 'or' }).total >= ix.search('الصين قمة').total);
});

test('errors are thrown Errors whose message starts with fahras:', () => {
  const ix = new Index();
  ix.add({ id: 'a', title: 'قمة أستانا' });
  const fails = (fn, re) => assert.throws(fn, (e) => e instanceof Error && e.message.startsWith('fahras: ') && re.test(e.message));
  fails(() => ix.add({ title: 'بلا معرّف' }), /invalid document/);
  fails(() => ix.add({ id: '   ' }), /non-empty id/);
  fails(() => ix.addFile('junk.bin', new Uint8Array([0, 159, 146, 150, 0, 1])), /^fahras: junk\.bin: .*binary/);
  fails(() => ix.addFile('empty.txt', new Uint8Array()), /^fahras: empty\.txt: the file is empty/);
  fails(() => ix.addFile('bad.json', enc('{"id": 1,')), /^fahras: bad\.json: invalid JSON/);
  fails(() => ix.addFile('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])), /not valid UTF-8/);
  fails(() => ix.search('x', { limit: -1 }), /limit/);
  fails(() => ix.search('x', { combine: 'xor' }), /combine/);
  fails(() => ix.search('x', { limti: 3 }), /unknown search option "limti"/);
  fails(() => new Index({ stemming: false }), /unknown index option "stemming"/);
  fails(() => new Index({ b: 3 }), /option b/);
  const bytes = ix.serialize();
  fails(() => Index.load(bytes.slice(0, bytes.length - 3)), /corrupted|truncated/);
  fails(() => Index.load(new Uint8Array([1, 2, 3])), /not a fahras index/);
  const next = bytes.slice();
  next[4] = bytes[4] + 1; // the version after the one written
  fails(() => Index.load(next), new RegExp(`version ${next[4]} is not supported`));
  fails(() => Index.load('not bytes'), /Uint8Array/);
  // and the index still works
  assert.equal(ix.search('استانا').total, 1);
});

test('addAll checks every document first and adds none when one is bad', () => {
  const ix = new Index();
  assert.throws(() => ix.addAll([{ id: 'ok', text: 'نص' }, { text: 'بلا معرّف' }]), /index 1/);
  assert.equal(ix.size, 0);
  // Each kind of bad document, found before anything is added.
  const bad = [
    [null, /index 1: a document must be an object/],
    [['x'], /index 1: a document must be an object/],
    [{ id: ' ' }, /index 1: empty id/],
    [{ id: true }, /index 1: `id` must be a string or a number/],
    [{ id: 'b', title: 7 }, /index 1: `title` must be a string/],
    [{ id: 'b', source: { name: 'وكالة' } }, /index 1: `source` must be a string/],
  ];
  for (const [doc, re] of bad) {
    assert.throws(() => ix.addAll([{ id: 'ok', text: 'نص' }, doc]), re);
    assert.equal(ix.size, 0);
  }
  // Numbers as ids, null and absent fields, unknown fields ignored.
  const docs = [
    { id: 7, title: 'قافلة', text: null, tags: ['x'] },
    { id: 'b', text: 'قافلة في الصحراء', date: '2024-05-14', url: undefined },
  ];
  assert.equal(ix.addAll(docs), 2);
  assert.deepEqual(ix.ids(), ['7', 'b']);
  assert.equal(ix.document('b').date, '2024-05-14');
  assert.equal(ix.search('قافلة').total, 2);
  assert.throws(() => ix.addAll('not an array'), /array/);
});

test('addFile reads txt, UTF-16, md, json and jsonl and reports bad records', () => {
  const ix = new Index();
  assert.deepEqual(ix.addFile('a.txt', enc('عنوان\n\nنص عن الواحات')).added, ['a.txt']);
  const u16 = [0xff, 0xfe];
  for (const c of 'قافلة\nفي الصحراء') u16.push(c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8);
  assert.deepEqual(ix.addFile('b.txt', new Uint8Array(u16)).added, ['b.txt']);
  assert.deepEqual(ix.addFile('c.md', enc('# عنوان\n\n**نص** مهم')).added, ['c.md']);
  const r = ix.addFile('d.jsonl', enc('{"id":"x1","text":"تمور"}\n{bad\n{"id":"x2","title":"نخيل"}\n'));
  assert.deepEqual(r.added, ['x1', 'x2']);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0], /^d\.jsonl: line 2: invalid JSON/);
  assert.equal(ix.search('الصحراء').hits[0].id, 'b.txt');
  assert.equal(ix.document('c.md').text, 'نص مهم');
  assert.deepEqual(ix.ids(), ['a.txt', 'b.txt', 'c.md', 'x1', 'x2']);
  // Windows-1256: قمة أستانا \n وصل الوفد (bytes written by hand)
  const cp1256 = new Uint8Array([0xDE, 0xE3, 0xC9, 0x20, 0xC3, 0xD3, 0xCA, 0xC7, 0xE4, 0xC7, 0x0A, 0xE6, 0xD5, 0xE1, 0x20, 0xC7, 0xE1, 0xE6, 0xDD, 0xCF]);
  const r1256 = ix.addFile('old.txt', cp1256);
  assert.equal(r1256.encoding, 'windows-1256');
  assert.equal(ix.document('old.txt').title, 'قمة أستانا');
  assert.equal(ix.addFile('a2.txt', enc('نص')).encoding, 'UTF-8');
  // a dateline gives the place and the agency
  ix.addFile('wire.txt', enc('قمة الطاقة\nأستانا (كازاخستان) "أ ف ب": افتتح الزعماء قمة إقليمية لبحث الطاقة والنقل في المنطقة.'));
  assert.equal(ix.document('wire.txt').place, 'أستانا');
  assert.equal(ix.document('wire.txt').source, 'أ ف ب');
});

const page = (name) => readFileSync(new URL(`../../www/sample/pages/${name}`, import.meta.url));

test('extract works without an index and lists the removed lines with reasons in place', () => {
  const got = extract('museum.html', page('silk-road-museum.html'));
  assert.equal(got.encoding, 'UTF-8');
  assert.deepEqual(got.warnings, []);
  const [doc] = got.documents;
  assert.equal(doc.title, 'متحف لطريق الحرير يفتح أبوابه في سمرقند');
  assert.equal(doc.source, 'بوابة القوافل');
  assert.equal(doc.place, 'سمرقند');
  assert.equal(doc.date, '2024-09-16');
  assert.equal(doc.paragraphs.length, 4);
  assert.equal(doc.text, doc.paragraphs.join('\n\n'));
  assert.equal(doc.duplicateOf, undefined);
  const reasons = new Set(doc.removed.map((r) => r.reason));
  for (const r of ['navigation', 'duplicate-title', 'caption', 'share-bar', 'ad', 'sidebar', 'page-chrome']) assert.ok(reasons.has(r), r);
  const share = doc.removed.find((r) => r.reason === 'share-bar');
  assert.equal(share.before, 2);
  assert.equal(share.label, 'شريط المشاركة');
  assert.ok(doc.removed.every((r) => typeof r.text === 'string' && r.before >= 0 && r.before <= 4));
  assert.throws(() => extract('empty.txt', new Uint8Array()), /^Error: fahras: empty\.txt: /);
});

test('a place name finds its other spellings, highlighted, the asked one first', () => {
  const ix = new Index();
  ix.addAll([
    { id: 'a', title: 'قمة في بكين', text: 'وصل الوفد إلى بكين صباح الاثنين.' },
    { id: 'b', title: 'معرض في بيجينغ', text: 'افتتح في بيجينغ معرض للكتاب.' },
  ]);
  const r = ix.search('بيجينغ', { snippets: true });
  assert.deepEqual(r.hits.map((h) => h.id), ['b', 'a']);
  const a = r.hits[1];
  assert.deepEqual(marked(a.snippet, a.snippetHighlights), ['بكين']);
});

test('filters and facets: source, date, and the counts of all matches', () => {
  const ix = new Index();
  ix.addAll(sample);
  const all = ix.search('الصين', { facets: true, limit: 1 });
  assert.ok(all.facets.sources.length >= 2 && all.facets.months.length >= 2);
  assert.equal(all.facets.sources.reduce((n, s) => n + s.count, 0) <= all.total, true);
  const top = all.facets.sources[0];
  const bySource = ix.search(`الصين source:"${top.value}"`);
  assert.equal(bySource.total, top.count);
  const month = all.facets.months[0];
  assert.equal(ix.search(`الصين date:${month.value}`).total, month.count);
  assert.equal(ix.search('الصين').facets, undefined);
  const bad = ix.search('الصين date:أمس');
  assert.match(bad.warnings[0], /date:أمس was ignored/);
  assert.equal(bad.total, ix.search('الصين').total);
});

test('near-duplicate pages fold into one hit with the copies in similar', () => {
  const ix = new Index();
  ix.addFile('alwaha.txt', page('desalination-alwaha.txt'));
  ix.addFile('alsahl.txt', page('desalination-alsahl.txt'));
  assert.equal(ix.document('alsahl.txt').duplicateOf, 'alwaha.txt');
  const folded = ix.search('محطة تحلية');
  assert.equal(folded.total, 1);
  assert.deepEqual(folded.hits[0].similar.map((s) => s.id), ['alsahl.txt']);
  assert.equal(folded.hits[0].similar[0].source, 'وكالة السهل للأنباء');
  const all = ix.search('محطة تحلية', { collapse: false });
  assert.equal(all.total, 2);
  assert.ok(all.hits.every((h) => h.similar.length === 0));
  assert.throws(() => ix.search('محطة', { colapse: false }), /unknown search option "colapse"/);
  const back = Index.load(ix.serialize());
  assert.equal(back.document('alsahl.txt').duplicateOf, 'alwaha.txt');
  assert.ok(back.document('alwaha.txt').removed.length > 0);
});

test('serialize and load round-trip; remove, document and stats', () => {
  const ix = new Index();
  ix.addAll(sample);
  assert.equal(ix.remove(sample[0].id), true);
  assert.equal(ix.remove(sample[0].id), false);
  assert.equal(ix.document(sample[0].id), undefined);
  const bytes = ix.serialize();
  assert.ok(bytes instanceof Uint8Array);
  const back = Index.load(bytes);
  const again = Index.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  for (const q of ['الصين', 'استانا -قمة', '"منظمة شنغهاي"', 'طاق*']) {
    assert.deepEqual(back.search(q, { snippets: true }).hits, ix.search(q, { snippets: true }).hits, q);
    assert.deepEqual(again.search(q).hits.map((h) => h.id), ix.search(q).hits.map((h) => h.id), q);
  }
  const d = back.document(sample[1].id);
  assert.equal(d.title, sample[1].title);
  assert.equal(d.url, sample[1].url);
  const s = back.stats();
  assert.equal(s.documents, sample.length - 1);
  for (const k of ['terms', 'stems', 'postingsBytes', 'positionsBytes', 'storedTextBytes', 'tokenMapBytes', 'heapBytes', 'memoryBytes']) {
    assert.ok(s[k] > 0, k);
  }
});

test('a thousand hostile queries never throw', () => {
  const ix = new Index();
  ix.addAll(sample.slice(0, 5));
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 1000; i++) {
    const q = String.fromCharCode(...Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 0xffff)));
    ix.search(q);
  }
  for (const q of ['', '   ', '!!!', '؟', '"', '""""', '-', 'OR', '*', '\u0000', 'a'.repeat(100000), undefined, null, 42]) {
    const r = ix.search(q);
    assert.ok(Array.isArray(r.hits));
  }
  assert.equal(ix.search('؟!،').total, 0);
});

test('analyze exposes normalized words, stems and UTF-16 ranges', () => {
  const text = '😀 وصل الرئيسُ إلى أستانا';
  const tokens = analyze(text);
  assert.deepEqual(tokens.map((t) => t.term), ['وصل', 'الرييس', 'الي', 'استانا']);
  assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['وصل', 'الرئيسُ', 'إلى', 'أستانا']);
  assert.equal(tokens[1].stem, 'رييس');
  assert.equal(tokens[0].altStem, undefined);
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test('entities: the collection list, facets of a search, filters and marks in a document', () => {
  const ix = new Index();
  ix.addAll([
    { id: 'a', title: 'زيارة رسمية', text: 'وصل الرئيس الصيني شي جين بينغ إلى أستانا يوم 14 مايو 2024.\n\nوقال شي جينبينغ إن بكين شريك موثوق.', date: '2024-05-14' },
    { id: 'b', title: 'قمة ثنائية', text: 'التقى الرئيس شي جين بينج نظيره الكازاخستاني في بيجينغ.', date: '2024-06-01' },
    { id: 'c', title: 'طقس', text: 'أمطار غزيرة على العاصمة خلال عطلة نهاية الأسبوع.' },
  ]);
  const people = ix.entities({ type: 'PER' });
  assert.equal(people.length, 1);
  assert.equal(people[0].name, 'شي جين بينغ');
  assert.equal(people[0].documents, 2);
  assert.deepEqual(people[0].variants.map((v) => v.text).sort(), ['شي جين بينج', 'شي جين بينغ', 'شي جينبينغ']);
  const places = ix.entities({ type: 'LOC', limit: 2 });
  assert.equal(places.length, 2);
  assert.equal(places[0].name, 'بكين'); // بيجينغ merged into it, in two documents
  assert.equal(places[0].documents, 2);
  assert.throws(() => ix.entities({ type: 'XYZ' }), /fahras: unknown entity type/);
  assert.throws(() => ix.entities({ kind: 'PER' }), /fahras: unknown entities option/);

  const ids = (q) => ix.search(q).hits.map((h) => h.id).sort();
  assert.deepEqual(ids('entity:"شي جين بينج"'), ['a', 'b']);
  assert.deepEqual(ids('type:PER'), ['a', 'b']);
  assert.deepEqual(ids('-type:LOC'), ['c']);
  assert.deepEqual(ids('شي جينبينج'), ['a', 'b']); // written joined, with ج: every spelling

  const facets = ix.search('الرئيس', { facets: true }).facets;
  assert.deepEqual([...new Set(facets.entities.map((e) => e.type))], ['PER', 'LOC']);

  const doc = ix.document('a');
  assert.equal(doc.marks.length, doc.paragraphs.length);
  const first = doc.marks[0].map((m) => [m.type, doc.paragraphs[0].slice(m.start, m.end), m.label]);
  assert.deepEqual(first, [
    ['LOC', 'الصيني', 'الصين'],
    ['PER', 'شي جين بينغ', 'شي جين بينغ'],
    ['LOC', 'أستانا', 'أستانا'],
    ['DATE', '14 مايو 2024', '2024-05-14'],
  ]);
  assert.equal(extract('a.txt', new TextEncoder().encode('عنوان\n\nنص عن بكين.')).documents[0].marks, undefined);

  // Without entities: no list, no filters, documents still searchable.
  const plain = new Index({ entities: false });
  plain.add({ id: 'x', text: 'زار شي جين بينغ بكين.' });
  assert.deepEqual(plain.entities(), []);
  assert.deepEqual(plain.search('بكين').hits.map((h) => h.id), ['x']);
  assert.deepEqual(plain.search('type:PER').hits, []);
  const loaded = Index.load(ix.serialize());
  assert.deepEqual(loaded.entities({ type: 'PER' }), people);
});

test('a file job adds a JSON Lines file a few documents at a time, whole or in pieces', () => {
  const ix = new Index();
  const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `خبر رقم ${i} عن أستانا` })).join('\n') + '\n';
  const job = ix.addFileJob('news.jsonl', enc(lines));
  let steps = 0;
  while (!job.step(ix, 3)) steps++;
  assert.equal(steps, 3);
  assert.equal(job.done, true);
  assert.equal(job.progress, 1);
  assert.equal(job.report().added.length, 10);
  job.free();
  // In pieces cut after a newline: the records number on across pieces.
  const ix2 = new Index();
  const text = '{"text":"أ"}\n{"text":"ب"}\n{bad\n{"text":"ج"}\n';
  const cut = text.indexOf('{bad');
  const pieces = ix2.beginFileJob('p.jsonl', enc(text.slice(0, cut)));
  assert.equal(pieces.step(ix2, 10), true);
  assert.equal(pieces.done, false);
  pieces.append(enc(text.slice(cut)), true);
  while (!pieces.step(ix2, 10));
  assert.deepEqual(pieces.report().added, ['p.jsonl#1', 'p.jsonl#2', 'p.jsonl#4']);
  assert.match(pieces.report().warnings[0], /^p\.jsonl: line 3: invalid JSON/);
  assert.throws(() => pieces.append(enc('{}'), true), /fahras: p\.jsonl: no more of this file was expected/);
  pieces.free();
  assert.throws(() => ix2.beginFileJob('a.txt', enc('نص')), /only a JSON Lines file/);
  assert.throws(() => ix2.addFileJob('e.txt', new Uint8Array()), /fahras: e\.txt: the file is empty/);
});

test('serialize({text: false}) writes a smaller index that ranks the same, without bodies', () => {
  const ix = new Index();
  ix.addAll(sample);
  const full = ix.serialize();
  const small = ix.serialize({ text: false });
  assert.ok(small.length * 4 < full.length * 3, `${small.length} vs ${full.length}`);
  const loaded = Index.load(small);
  for (const q of ['الصين', 'قمة أستانا', 'entity:بكين', '"طريق الحرير"']) {
    assert.deepEqual(loaded.search(q, { limit: 50 }).hits.map((h) => h.id), ix.search(q, { limit: 50 }).hits.map((h) => h.id), q);
  }
  const hit = loaded.search('الصين', { snippets: true }).hits[0];
  assert.equal(hit.snippet, '');
  assert.equal(loaded.document(hit.id).text, '');
  assert.throws(() => ix.serialize({ txt: false }), /fahras: unknown serialize option "txt"/);
});

test('without word positions (saved or built so) words rank the same and a phrase matches its words, with a warning', () => {
  const ix = new Index();
  ix.addAll(sample);
  const small = ix.serialize({ text: false });
  const lean = ix.serialize({ text: false, positions: false });
  assert.ok(lean.length < small.length, `${lean.length} vs ${small.length}`);
  const built = new Index({ positions: false });
  built.addAll(sample);
  assert.equal(built.stats().positionsBytes, 0);
  for (const other of [Index.load(lean), built]) {
    for (const q of ['الصين', 'قمة أستانا', 'entity:بكين', 'كازاخ*']) {
      const want = ix.search(q, { limit: 50 });
      const got = other.search(q, { limit: 50 });
      assert.deepEqual(got.hits.map((h) => [h.id, h.score]), want.hits.map((h) => [h.id, h.score]), q);
      assert.deepEqual(got.warnings, [], q);
    }
    const phrase = other.search('"طريق الحرير"', { limit: 50 });
    const exact = ix.search('"طريق الحرير"', { limit: 50 });
    assert.ok(phrase.total >= exact.total && exact.total > 0);
    for (const id of exact.hits.map((h) => h.id)) assert.ok(phrase.hits.some((h) => h.id === id), id);
    assert.equal(phrase.warnings.length, 1);
    assert.match(phrase.warnings[0], /no word positions/);
  }
});
