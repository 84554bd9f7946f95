import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor, dropFiles } from './fixture.mjs';

let ctx;
before(async () => { ctx = await openPage(); });
after(async () => { await ctx?.close(); });

const enc = (s) => new TextEncoder().encode(s);

test('dropped files are indexed, unreadable ones are listed by name, and the rest still searches', async () => {
  const { page } = ctx;
  const utf16 = [0xff, 0xfe];
  for (const u of 'مهرجان الزيتون في جرش\nافتتح مهرجان الزيتون السنوي أبوابه أمس.') utf16.push(u.charCodeAt(0) & 0xff, u.charCodeAt(0) >> 8);
  await dropFiles(page, [
    { name: 'تقارير/قافلة.txt', bytes: enc('قافلة الجمال تعبر الصحراء\n\nوصلت قافلة تضم مئة جمل إلى واحة سيوة بعد رحلة استمرت أسبوعين.') },
    { name: 'olive.txt', bytes: utf16 },
    { name: 'records.jsonl', bytes: enc('{"id":"r1","title":"سباق الهجن","text":"انطلق سباق الهجن السنوي بمشاركة واسعة."}\n{broken\n') },
    { name: 'junk.bin', bytes: Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256) },
    { name: 'empty.txt', bytes: new Uint8Array() },
    { name: 'page.html', bytes: enc('<html><head><title>سوق الذهب | موقع</title><script>var bait = "فخ";</script></head><body><nav>الرئيسية</nav><h1>سوق الذهب يزدحم</h1><p>ازدحم سوق الذهب بالمشترين قبل العيد.</p><footer>حقوق</footer></body></html>') },
  ]);
  await page.waitForFunction(() => /37/.test(document.querySelector('#status').textContent));
  const errors = await page.$$eval('#error-list li', (li) => li.map((x) => x.textContent));
  assert.ok(errors.some((e) => e.startsWith('junk.bin: ') && /binary/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('empty.txt: ') && /empty/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /records\.jsonl: line 2: invalid JSON/.test(e)), errors.join('\n'));
  const progress = await page.textContent('#progress-text');
  assert.match(progress, /الملفات 6 من 6/);

  await searchFor(page, 'القافلة');
  assert.deepEqual(await page.$$eval('#results .meta bdi:last-child', (b) => b.map((x) => x.textContent)), ['تقارير/قافلة.txt']);
  await searchFor(page, 'الزيتون');
  assert.match(await page.textContent('#results'), /جرش/);
  await searchFor(page, 'الذهب');
  assert.match(await page.textContent('#results .title'), /سوق الذهب يزدحم/);
  await searchFor(page, 'فخ');
  assert.equal(await page.$$eval('#results li', (li) => li.length), 0, 'script text was indexed');
  await searchFor(page, 'الهجن');
  assert.match(await page.textContent('#results'), /سباق الهجن/);
  // the sample collection is still there
  await searchFor(page, 'شنغهاي');
  assert.ok((await page.$$eval('#results li', (li) => li.length)) > 3);
  assert.deepEqual(ctx.problems, []);
});
