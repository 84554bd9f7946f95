// A 40 MB JSON Lines file dropped on the page: the worker indexes it a few
// documents at a time, in pieces; the progress moves at least every 250 ms,
// the search box answers meanwhile, and indexing can be stopped (what was
// added stays searchable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './fixture.mjs';

/** Makes a 40 MB JSON Lines file in the page (window.__big) and returns its size. */
async function makeFile(page, prefix) {
  const size = await page.evaluate((prefix) => {
    const words = ['وصل', 'الرئيس', 'إلى', 'العاصمة', 'لبحث', 'التعاون', 'الاقتصادي', 'والطاقة', 'مع', 'نظيره'];
    const body = Array.from({ length: 180 }, (_, i) => words[i % words.length]).join(' ');
    const lines = [];
    let bytes = 0;
    for (let i = 0; bytes < 40e6; i++) {
      const line = JSON.stringify({ id: `${prefix}-${i}`, title: `خبر رقم ${i}`, text: `${body} ${i}.` }) + '\n';
      lines.push(line);
      bytes += new TextEncoder().encode(line).length;
    }
    window.__big = new File(lines, `${prefix}.jsonl`);
    window.__lines = lines.length;
    return bytes;
  }, prefix);
  await page.waitForTimeout(500); // the page settles after making the file
  return size;
}

/** Drops window.__big on the page and records the times of progress updates. */
async function dropBig(page) {
  await page.evaluate(() => {
    window.__progress = [];
    window.__observer?.disconnect();
    window.__observer = new MutationObserver(() => window.__progress.push(performance.now()));
    window.__observer.observe(document.querySelector('#progress-text'), { childList: true, characterData: true, subtree: true });
    const dt = new DataTransfer();
    dt.items.add(window.__big);
    document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForSelector('#cancel:not([hidden])');
}

async function gaps(page) {
  const g = await page.evaluate(() => window.__progress.slice(1).map((t, i) => t - window.__progress[i]));
  assert.ok(g.length >= 5, `${g.length} progress updates`);
  assert.ok(Math.max(...g) <= 250, `gaps between progress updates (ms): ${g.map((x) => x.toFixed(0)).join(' ')}`);
}

test('indexing forty megabytes keeps the page responsive and can be cancelled', async () => {
  const { page, problems, close } = await openPage();
  const count = async () => Number((await page.textContent('#status')).replace(/[^\d]/g, ''));
  try {
    const before = await count();

    // The whole file: the progress never stalls, every record is added.
    const size = await makeFile(page, 'big');
    assert.ok(size >= 40e6);
    const lines = await page.evaluate(() => window.__lines);
    await dropBig(page);
    await page.waitForSelector('#cancel[hidden]', { state: 'attached', timeout: 120_000 });
    await gaps(page);
    assert.equal(await count(), before + lines);
    assert.equal(await page.evaluate(() => document.querySelector('#progress-bar').value), size);

    // Another one, stopped early; the search box answers meanwhile.
    await makeFile(page, 'more');
    await dropBig(page);
    await page.waitForTimeout(300);
    await page.fill('#q', 'أستانا');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.length > 0, null, { timeout: 5000 });
    await page.click('#cancel');
    await page.waitForFunction(() => document.querySelector('#progress-text').textContent.includes('أُوقفت'), null, { timeout: 10_000 });
    await gaps(page);
    const after = await count();
    assert.ok(after > before + lines && after < before + 2 * lines, `${after}: what was added before the stop stays`);
    assert.ok(await page.evaluate(() => document.querySelector('#progress-bar').value) < 2 * size);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
