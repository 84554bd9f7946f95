// Pure helpers of the page: no DOM, no worker, so Node's test runner covers
// them (www/test/lib.test.js).

const NUM = new Intl.NumberFormat('ar-u-nu-latn');

/**
 * Splits `text` into runs for rendering, from highlight ranges in UTF-16 code
 * units (as the package returns them). Out-of-range, empty, unordered or
 * overlapping ranges are clamped or dropped, never trusted.
 * @returns {{text: string, marked: boolean}[]}
 */
export function fragments(text, ranges = []) {
  const out = [];
  let at = 0;
  const sorted = [...ranges]
    .filter((r) => r && Number.isInteger(r.start) && Number.isInteger(r.end))
    .sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/** The Arabic name of an entity or mark type. */
export const TYPE_NAMES = { PER: 'شخص', LOC: 'مكان', ORG: 'منظمة', DATE: 'تاريخ' };

/** The headings of the entity facet groups, in order. */
export const ENTITY_GROUPS = [['PER', 'أشخاص'], ['LOC', 'أماكن'], ['ORG', 'منظمات']];

/**
 * Entity facets grouped by type, in the order of `ENTITY_GROUPS`; groups
 * with no entity are left out.
 * @returns {{type: string, heading: string, entities: object[]}[]}
 */
export function entityGroups(entities = []) {
  const list = Array.isArray(entities) ? entities : [];
  return ENTITY_GROUPS
    .map(([type, heading]) => ({ type, heading, entities: list.filter((e) => e && e.type === type) }))
    .filter((g) => g.entities.length > 0);
}

/** "بيجينغ (3)، بكين (2)": the spellings of an entity, for its tooltip. */
export function variantList(entity) {
  const variants = Array.isArray(entity?.variants) ? entity.variants : [];
  return variants.map((v) => `${v.text} (${NUM.format(v.count)})`).join('، ');
}

/**
 * Splits a paragraph into runs around its entity and date marks (UTF-16
 * ranges); bad, overlapping or out-of-range marks are dropped.
 * @returns {{text: string, mark: object | null}[]}
 */
export function markRuns(text, marks = []) {
  const out = [];
  let at = 0;
  const sorted = (Array.isArray(marks) ? marks : [])
    .filter((m) => m && Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end)
    .sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start), mark: null });
    out.push({ text: text.slice(m.start, m.end), mark: m });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}

/** "نتيجة واحدة", "نتيجتان", "5 نتائج", "12 نتيجة": Arabic number agreement. */
export function resultCount(n) {
  if (n === 0) return 'لا نتائج';
  if (n === 1) return 'نتيجة واحدة';
  if (n === 2) return 'نتيجتان';
  const mod = n % 100;
  return `${NUM.format(n)} ${mod >= 3 && mod <= 10 ? 'نتائج' : 'نتيجة'}`;
}

/** "مستند واحد", "مستندان", "7 مستندات", "30 مستنداً". */
export function documentCount(n) {
  if (n === 0) return 'لا مستندات';
  if (n === 1) return 'مستند واحد';
  if (n === 2) return 'مستندان';
  const mod = n % 100;
  if (mod >= 3 && mod <= 10) return `${NUM.format(n)} مستندات`;
  return `${NUM.format(n)} ${mod === 0 || mod > 99 ? 'مستند' : 'مستنداً'}`;
}

/** Bytes as "512 بايت", "1.5 ك.ب", "3.2 م.ب". */
export function formatBytes(n) {
  if (n < 1024) return `${NUM.format(n)} بايت`;
  if (n < 1024 * 1024) return `${NUM.format(Math.round((n / 1024) * 10) / 10)} ك.ب`;
  return `${NUM.format(Math.round((n / 1024 / 1024) * 10) / 10)} م.ب`;
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(ms) {
  const digits = ms < 1 ? 2 : ms < 10 ? 1 : 0;
  return `${NUM.format(Number(ms.toFixed(digits)))} ملّي ثانية`;
}

/** Paragraphs of a document body: blank lines separate them. */
export function paragraphs(text) {
  return String(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * A request/response client over a worker-like object ({postMessage,
 * addEventListener}). Requests are `{id, type, payload}`; replies are
 * `{id, ok, result}` or `{id, ok: false, error}`; messages without an id are
 * events, passed to `onEvent`.
 */
export function createClient(worker, onEvent = () => {}) {
  let next = 1;
  const pending = new Map();
  worker.addEventListener('message', (e) => {
    const msg = e.data || {};
    if (msg.id == null) {
      onEvent(msg);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error || 'fahras: the worker failed'));
  });
  worker.addEventListener('error', (e) => {
    const err = new Error(`fahras: the worker stopped (${e.message || 'error'})`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  return {
    call(type, payload, transfer = []) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, type, payload }, transfer);
      });
    },
    get pending() {
      return pending.size;
    },
  };
}

/**
 * The document view's blocks: the article's paragraphs with the removed
 * lines in their places (`before` = paragraphs above them). Removed lines
 * with a `before` out of range go to the end.
 * @returns {{kind: 'paragraph' | 'removed', text: string, label?: string, reason?: string}[]}
 */
export function articleBlocks(doc) {
  const paras = Array.isArray(doc.paragraphs) ? doc.paragraphs : paragraphs(doc.text ?? '');
  const removed = (Array.isArray(doc.removed) ? doc.removed : [])
    .map((r, i) => ({ r, i, at: Number.isInteger(r.before) && r.before >= 0 ? Math.min(r.before, paras.length) : paras.length }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const out = [];
  let k = 0;
  for (let p = 0; p <= paras.length; p++) {
    while (k < removed.length && removed[k].at === p) {
      const { r } = removed[k++];
      out.push({ kind: 'removed', text: String(r.text ?? ''), label: String(r.label ?? r.reason ?? ''), reason: String(r.reason ?? '') });
    }
    if (p < paras.length) {
      const marks = Array.isArray(doc.marks) && Array.isArray(doc.marks[p]) ? doc.marks[p] : [];
      out.push({ kind: 'paragraph', text: paras[p], marks });
    }
  }
  return out;
}

/** "نسخة مشابهة", "نسختان مشابهتان", "3 نسخ مشابهة", "11 نسخة مشابهة". */
export function similarCount(n) {
  if (n === 1) return 'نسخة مشابهة';
  if (n === 2) return 'نسختان مشابهتان';
  const mod = n % 100;
  return `${NUM.format(n)} ${mod >= 3 && mod <= 10 ? 'نسخ مشابهة' : 'نسخة مشابهة'}`;
}

/** "سطر واحد", "سطران", "5 أسطر", "12 سطراً": lines removed from a page. */
export function lineCount(n) {
  if (n === 0) return 'لا أسطر';
  if (n === 1) return 'سطر واحد';
  if (n === 2) return 'سطران';
  const mod = n % 100;
  if (mod >= 3 && mod <= 10) return `${NUM.format(n)} أسطر`;
  return `${NUM.format(n)} ${mod === 0 || mod > 99 ? 'سطر' : 'سطراً'}`;
}

/**
 * The query with a `field:value` filter set: an earlier filter on the same
 * field is replaced; a value with spaces is quoted. Clicking a facet twice
 * does not stack filters.
 */
export function withFilter(query, field, value) {
  const token = /\s/.test(value) ? `${field}:"${value.replace(/"/g, '')}"` : `${field}:${value}`;
  const rest = String(query)
    .replace(new RegExp(`(^|\\s)-?${field}:("[^"]*"?|\\S*)`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return rest ? `${rest} ${token}` : token;
}

/** Bar heights (0–1) for a timeline of `{value, count}` months. */
export function timelineHeights(months) {
  const max = Math.max(1, ...months.map((m) => m.count));
  return months.map((m) => m.count / max);
}
