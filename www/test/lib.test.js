import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  articleBlocks, createClient, documentCount, entityGroups, formatBytes, fragments, lineCount, markRuns, paragraphs,
  resultCount, similarCount, timelineHeights, variantList, withFilter,
} from '../lib.js';

test('fragments split text at highlight ranges in UTF-16 units', () => {
  const text = 'قمّة أستانا 😀 CNN';
  const start = text.indexOf('CNN');
  assert.deepEqual(fragments(text, [{ start: 0, end: 4 }, { start, end: start + 3 }]), [
    { text: 'قمّة', marked: true },
    { text: ' أستانا 😀 ', marked: false },
    { text: 'CNN', marked: true },
  ]);
});

test('fragments never trust ranges: out of bounds, overlapping, unordered or junk', () => {
  const text = 'أستانا';
  const got = fragments(text, [{ start: 4, end: 99 }, { start: 0, end: 2 }, { start: 1, end: 3 }, { start: 'x', end: 2 }, null, { start: 5, end: 5 }]);
  assert.equal(got.map((f) => f.text).join(''), text);
  assert.deepEqual(got.filter((f) => f.marked).map((f) => f.text), ['أس', 'ت', 'نا']);
  assert.deepEqual(fragments('', [{ start: 0, end: 3 }]), []);
});

test('Arabic counts agree with their number', () => {
  assert.equal(resultCount(0), 'لا نتائج');
  assert.equal(resultCount(1), 'نتيجة واحدة');
  assert.equal(resultCount(2), 'نتيجتان');
  assert.equal(resultCount(7), '7 نتائج');
  assert.equal(resultCount(11), '11 نتيجة');
  assert.equal(resultCount(103), '103 نتائج');
  assert.equal(documentCount(30), '30 مستنداً');
  assert.equal(documentCount(5), '5 مستندات');
  assert.equal(documentCount(100), '100 مستند');
});

test('sizes and paragraphs', () => {
  assert.equal(formatBytes(512), '512 بايت');
  assert.equal(formatBytes(1536), '1.5 ك.ب');
  assert.equal(formatBytes(5 * 1024 * 1024), '5 م.ب');
  assert.deepEqual(paragraphs('أولى\n\n\nثانية\n  \nثالثة'), ['أولى', 'ثانية', 'ثالثة']);
});

test('the worker client matches replies to requests and passes events on', async () => {
  const listeners = {};
  const sent = [];
  const fake = {
    addEventListener: (type, fn) => { listeners[type] = fn; },
    postMessage: (msg) => sent.push(msg),
  };
  const events = [];
  const client = createClient(fake, (e) => events.push(e));
  const a = client.call('search', { query: 'قمة' });
  const b = client.call('document', { id: 'x' });
  assert.equal(client.pending, 2);
  listeners.message({ data: { type: 'progress', payload: { filesDone: 1 } } });
  listeners.message({ data: { id: sent[1].id, ok: false, error: 'fahras: no such document' } });
  listeners.message({ data: { id: sent[0].id, ok: true, result: { total: 3 } } });
  assert.deepEqual(await a, { total: 3 });
  await assert.rejects(b, /no such document/);
  assert.deepEqual(events, [{ type: 'progress', payload: { filesDone: 1 } }]);
  assert.deepEqual(sent.map((m) => m.type), ['search', 'document']);
  assert.equal(client.pending, 0);
});

test('removed lines go back in their places between the paragraphs', () => {
  const doc = {
    paragraphs: ['الفقرة الأولى', 'الفقرة الثانية'],
    removed: [
      { text: 'شارك الخبر:', reason: 'share-bar', label: 'شريط المشاركة', before: 1 },
      { text: 'بوابة القوافل', reason: 'logo', label: 'شعار الموقع', before: 0 },
      { text: 'قراءة المزيد', reason: 'teasers', label: 'أخبار أخرى بعد نهاية المقال', before: 2 },
      { text: '<img src=x onerror=alert(1)>', reason: 'ad', label: 'إعلان', before: 99 },
    ],
  };
  const blocks = articleBlocks(doc);
  assert.deepEqual(blocks.map((b) => `${b.kind}:${b.text}`), [
    'removed:بوابة القوافل',
    'paragraph:الفقرة الأولى',
    'removed:شارك الخبر:',
    'paragraph:الفقرة الثانية',
    'removed:قراءة المزيد',
    'removed:<img src=x onerror=alert(1)>',
  ]);
  assert.equal(blocks[0].label, 'شعار الموقع');
  assert.deepEqual(articleBlocks({ text: 'أ\n\nب' }).map((b) => b.text), ['أ', 'ب']);
});

test('similar copies and removed lines are counted in Arabic', () => {
  assert.equal(similarCount(1), 'نسخة مشابهة');
  assert.equal(similarCount(2), 'نسختان مشابهتان');
  assert.equal(similarCount(4), '4 نسخ مشابهة');
  assert.equal(similarCount(12), '12 نسخة مشابهة');
  assert.equal(lineCount(1), 'سطر واحد');
  assert.equal(lineCount(2), 'سطران');
  assert.equal(lineCount(6), '6 أسطر');
  assert.equal(lineCount(14), '14 سطراً');
});

test('facet clicks set one filter per field, quoting names with spaces', () => {
  assert.equal(withFilter('مترو', 'date', '2024-05'), 'مترو date:2024-05');
  assert.equal(withFilter('مترو date:2024-05', 'date', '2024-06'), 'مترو date:2024-06');
  assert.equal(withFilter('مترو source:"وكالة السهوب" قطار', 'source', 'الرائد'), 'مترو قطار source:الرائد');
  assert.equal(withFilter('', 'source', 'وكالة السهوب للأنباء'), 'source:"وكالة السهوب للأنباء"');
  assert.equal(withFilter('-source:الرائد', 'source', 'المرفأ'), 'source:المرفأ');
  assert.deepEqual(timelineHeights([{ value: '2024-05', count: 1 }, { value: '2024-06', count: 4 }]), [0.25, 1]);
  assert.deepEqual(timelineHeights([]), []);
});

test('entity facets are grouped by type in a fixed order, empty groups left out', () => {
  const groups = entityGroups([
    { type: 'LOC', name: 'بكين' }, { type: 'PER', name: 'شي جين بينغ' }, { type: 'LOC', name: 'أستانا' }, null, { type: 'X' },
  ]);
  assert.deepEqual(groups.map((g) => [g.type, g.heading, g.entities.map((e) => e.name)]), [
    ['PER', 'أشخاص', ['شي جين بينغ']],
    ['LOC', 'أماكن', ['بكين', 'أستانا']],
  ]);
  assert.deepEqual(entityGroups(undefined), []);
  assert.equal(variantList({ variants: [{ text: 'بيجينغ', count: 3 }, { text: 'بكين', count: 2 }] }), 'بيجينغ (3)، بكين (2)');
  assert.equal(variantList({}), '');
});

test('mark runs keep every character and drop bad or overlapping marks', () => {
  const text = 'زار شي جين بينغ بكين في 14 مايو.';
  const marks = [
    { start: 16, end: 20, type: 'LOC', label: 'بكين' },
    { start: 4, end: 15, type: 'PER', label: 'شي جين بينغ' },
    { start: 10, end: 18, type: 'LOC', label: 'overlap' },
    { start: 30, end: 99, type: 'DATE', label: 'past the end' },
    { start: 'x', end: 3 },
  ];
  const runs = markRuns(text, marks);
  assert.equal(runs.map((r) => r.text).join(''), text);
  assert.deepEqual(runs.filter((r) => r.mark).map((r) => [r.text, r.mark.type]), [['شي جين بينغ', 'PER'], ['بكين', 'LOC']]);
  const blocks = articleBlocks({ paragraphs: ['أ', 'ب'], marks: [[{ start: 0, end: 1, type: 'LOC', label: 'أ' }]] });
  assert.deepEqual(blocks.map((b) => b.marks.length), [1, 0]);
});
