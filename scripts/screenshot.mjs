#!/usr/bin/env node
// Takes the README screenshot: the page with a query and its highlights.
//   node scripts/screenshot.mjs [query] [out.png]
import { openPage, searchFor } from '../e2e/fixture.mjs';

const query = process.argv[2] || 'قمة أستانا';
const out = process.argv[3] || 'docs/screenshot.png';
const { page, close } = await openPage();
await page.setViewportSize({ width: 1200, height: 760 });
await searchFor(page, query);
await page.screenshot({ path: out });
await close();
console.log(`wrote ${out}`);
