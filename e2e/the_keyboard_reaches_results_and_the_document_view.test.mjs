import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, searchFor } from './fixture.mjs';

let ctx;
before(async () => { ctx = await openPage(); });
after(async () => { await ctx?.close(); });

test('slash focuses the box, arrows walk the results, Enter opens a document, Escape closes it', async () => {
  const { page } = ctx;
  await page.click('h1');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await searchFor(page, 'بيجينغ');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.ok((await page.textContent('#doc-body')).length > 100);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog').open);
  assert.deepEqual(ctx.problems, []);
});
