import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor } from './fixture.mjs';

let ctx;
before(async () => { ctx = await openPage(); });
after(async () => { await ctx?.close(); });

test('the page is Arabic, right-to-left, and loads the built-in sample', async () => {
  const { page } = ctx;
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  // 30 sample articles and 3 scraped sample pages
  assert.match(await page.textContent('#status'), /33/);
});

test('a query answers with a count, a time and highlighted whole words', async () => {
  const { page } = ctx;
  // hamza and teh marbuta written differently from most documents
  await searchFor(page, 'قمه استانا');
  const summary = await page.textContent('#summary');
  assert.match(summary, /نتائج|نتيجة/);
  assert.match(summary, /ملّي ثانية/);
  const hits = await page.$$eval('#results li', (li) => li.length);
  assert.ok(hits >= 3, `expected several hits, got ${hits}`);
  const marks = await page.$$eval('#results mark', (m) => m.map((x) => x.textContent));
  assert.ok(marks.length > 0, 'no highlights');
  // Every mark is a whole word of the original text (with its hamza or
  // diacritics), so Arabic letters keep joining: the mark is never followed
  // or preceded by another Arabic letter.
  const cut = await page.$$eval('#results mark', (ms) => ms.filter((m) => {
    const arabic = /[\u0621-\u064A]/;
    const before = m.previousSibling?.textContent?.slice(-1) ?? '';
    const afterText = m.nextSibling?.textContent?.slice(0, 1) ?? '';
    return arabic.test(before) || arabic.test(afterText);
  }).length);
  assert.equal(cut, 0, 'a highlight cuts a word in two');
  assert.ok(marks.some((m) => /أستانا|استانا/.test(m)), `marks: ${marks.join(', ')}`);
  assert.ok(marks.some((m) => /قم/.test(m)), `marks: ${marks.join(', ')}`);
  assert.deepEqual(ctx.problems, []);
});

test('a query of only punctuation shows no results and no error', async () => {
  const { page } = ctx;
  await searchFor(page, '؟!،"-*');
  assert.match(await page.textContent('#summary'), /لا نتائج/);
  assert.equal(await page.$$eval('#results li', (li) => li.length), 0);
  assert.deepEqual(ctx.problems, []);
});
