import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor, dropFiles } from './fixture.mjs';

let ctx;
before(async () => { ctx = await openPage(); });
after(async () => { await ctx?.close(); });

test('markup in titles, text and ids is shown as text and never runs', async () => {
  const { page } = ctx;
  const evil = '<img src=x onerror="window.__pwned=1">';
  const record = {
    id: `<b id=evil-id>${evil}</b>`,
    title: `عنوان خبيث ${evil}`,
    text: `نص يحوي وسماً ${evil} <script>window.__pwned=2</script> ومحاولة حقن`,
    source: `<i>${evil}</i>`,
    url: 'javascript:window.__pwned=3',
  };
  await dropFiles(page, [{ name: `${evil}.json`, bytes: new TextEncoder().encode(JSON.stringify([record])) }]);
  await page.waitForFunction(() => /34/.test(document.querySelector('#status').textContent));
  await searchFor(page, 'خبيث حقن');
  assert.equal(await page.$$eval('#results li', (li) => li.length), 1);
  assert.equal(await page.$$eval('img, script:not([src]), b#evil-id', (n) => n.length), 0);
  assert.match(await page.textContent('#results .title'), /<img src=x onerror=/);
  assert.match(await page.textContent('#results .snippet'), /<script>/);
  await page.click('#results .title');
  await page.waitForSelector('dialog[open]');
  assert.match(await page.textContent('#doc-body'), /<script>window.__pwned=2<\/script>/);
  assert.equal(await page.$$eval('#doc-meta a', (a) => a.length), 0, 'a javascript: url became a link');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(ctx.problems, []);
});
