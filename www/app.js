// The page: search box, results, file drop and the document view. All
// text from documents and files goes into the DOM as text nodes
// (textContent), never as HTML.
import {
  TYPE_NAMES, articleBlocks, createClient, documentCount, entityGroups, formatBytes, formatMs, fragments, lineCount,
  markRuns, resultCount, similarCount, timelineHeights, variantList, withFilter,
} from './lib.js';

const $ = (id) => document.getElementById(id);
const els = {
  status: $('status'), q: $('q'), any: $('any'), summary: $('summary'), results: $('results'),
  drop: $('drop'), pickFiles: $('pick-files'), pickFolder: $('pick-folder'),
  progress: $('progress'), progressBar: $('progress-bar'), progressText: $('progress-text'), cancel: $('cancel'),
  errors: $('errors'), errorList: $('error-list'), download: $('download'),
  dialog: $('doc'), docTitle: $('doc-title'), docMeta: $('doc-meta'), docBody: $('doc-body'),
  docDuplicate: $('doc-duplicate'), removedToggle: $('doc-removed-toggle'), showRemoved: $('show-removed'),
  removedCount: $('doc-removed-count'),
  facets: $('facets'), timeline: $('timeline'), timelineSpan: $('timeline-span'), sources: $('sources'),
  entities: $('entities'), entitiesTitle: $('entities-title'), legend: $('doc-legend'),
};

// A site built with `fahras build` names its prebuilt index in a meta
// element; the worker loads it instead of the sample collection.
const prebuilt = document.querySelector('meta[name="fahras-index"]')?.content;
const workerUrl = new URL('./worker.js', import.meta.url);
if (prebuilt) workerUrl.searchParams.set('index', prebuilt);
const worker = new Worker(workerUrl, { type: 'module' });
const client = createClient(worker, (event) => {
  if (event.type === 'progress') showProgress(event.payload);
});

let documents = 0;
let searchSeq = 0;

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

/** Text with <mark> around the highlight ranges; only text nodes inside. */
function marked(tag, className, text, ranges) {
  const node = el(tag, { class: className });
  for (const f of fragments(text, ranges)) {
    node.append(f.marked ? el('mark', { text: f.text }) : document.createTextNode(f.text));
  }
  return node;
}

function setStatus() {
  els.status.textContent = `المجموعة: ${documentCount(documents)}`;
}

async function search() {
  const query = els.q.value;
  const seq = ++searchSeq;
  if (!query.trim()) {
    els.results.replaceChildren();
    els.results.dataset.query = query;
    els.summary.textContent = '';
    showCollectionEntities(seq);
    return;
  }
  let res;
  try {
    res = await client.call('search', { query, options: { limit: 20, combine: els.any.checked ? 'or' : 'and', snippets: true, facets: true } });
  } catch (e) {
    if (seq === searchSeq) {
      els.summary.textContent = e.message;
      els.results.dataset.query = query;
    }
    return;
  }
  if (seq !== searchSeq) return; // a newer query is on its way
  els.summary.textContent = `${resultCount(res.total)} (${formatMs(res.tookMs)})` +
    (res.total > res.hits.length ? ` — أفضل ${res.hits.length}` : '');
  els.results.replaceChildren(...res.hits.map(renderHit));
  renderFacets(res.facets);
  // The query the list answers (what tests and scripts wait for).
  els.results.dataset.query = query;
}

/** With no query: the timeline, sources, people, places and organisations
 * of the whole collection. */
async function showCollectionEntities(seq) {
  let facets = { months: [], sources: [], entities: [] };
  try {
    facets = await client.call('overview');
  } catch {
    // the facets stay hidden
  }
  if (seq !== searchSeq) return;
  renderFacets(facets, 'أعلام المجموعة');
}

/** The timeline of result months, the sources and the entities: each a
 * button that filters the query to it. */
function renderFacets(facets, entitiesHeading = 'الأعلام في النتائج') {
  const months = facets?.months ?? [];
  const sources = facets?.sources ?? [];
  const groups = entityGroups(facets?.entities);
  els.facets.hidden = months.length === 0 && sources.length === 0 && groups.length === 0;
  els.entities.parentElement.hidden = groups.length === 0;
  els.entitiesTitle.textContent = entitiesHeading;
  els.entities.replaceChildren(...groups.map((g) => el('div', { class: 'entity-group' }, [
    el('h3', { text: g.heading }),
    el('div', { class: 'chips', role: 'group', 'aria-label': g.heading }, g.entities.map((e) => {
      // The spellings show on hover and are read out with the name.
      const spellings = variantList(e);
      const chip = el('button', {
        type: 'button', class: 'chip', 'data-type': e.type, title: spellings,
        'aria-label': `${e.name} (${resultCount(e.documents)}): ${spellings}`,
      }, [el('bdi', { text: e.name }), ` (${e.documents})`]);
      chip.addEventListener('click', () => filterBy('entity', e.name));
      return chip;
    })),
  ])));
  // A half with nothing to show (no dated result, no source) is left out.
  els.timeline.parentElement.hidden = months.length === 0;
  els.sources.parentElement.hidden = sources.length === 0;
  const heights = timelineHeights(months);
  els.timeline.replaceChildren(...months.map((m, i) => {
    const bar = el('button', { type: 'button', class: 'bar', title: `${m.value}: ${m.count}`, 'aria-label': `${m.value}: ${resultCount(m.count)}` });
    bar.style.setProperty('--h', String(Math.max(0.08, heights[i])));
    bar.addEventListener('click', () => filterBy('date', m.value));
    return bar;
  }));
  // The span of the timeline, under it, in the bars' order (the first month
  // on the right, as the page reads).
  const ends = months.length > 1 ? [months[0], months[months.length - 1]] : months;
  els.timelineSpan.replaceChildren(...ends.flatMap((m, i) => [
    ...(i ? [' ← '] : []),
    el('bdi', { dir: 'ltr', text: m.value }),
  ]));
  els.sources.replaceChildren(...sources.map((s) => {
    const chip = el('button', { type: 'button', class: 'chip' }, [el('bdi', { text: s.value }), ` (${s.count})`]);
    chip.addEventListener('click', () => filterBy('source', s.value));
    return chip;
  }));
}

function filterBy(field, value) {
  els.q.value = withFilter(els.q.value, field, value);
  search();
}

function renderHit(hit, i) {
  const title = marked('button', 'title', hit.title || hit.id, hit.titleHighlights);
  title.type = 'button';
  title.dataset.index = String(i);
  title.addEventListener('click', () => openDocument(hit.id));
  const parts = [
    title,
    metaLine(el('p', { class: 'meta' }), hit),
    marked('p', 'snippet', hit.snippet, hit.snippetHighlights),
  ];
  const similar = Array.isArray(hit.similar) ? hit.similar : [];
  if (similar.length) {
    // The same story from other pages, folded under this hit.
    const list = el('ul', {}, similar.map((s) => {
      const open = el('button', { type: 'button', class: 'link' }, [el('bdi', { text: s.title || s.id })]);
      open.addEventListener('click', () => openDocument(s.id));
      const source = s.source ? [' · ', el('bdi', { text: s.source })] : [];
      return el('li', {}, [open, ...source]);
    }));
    parts.push(el('details', { class: 'similar' }, [el('summary', { text: `+ ${similarCount(similar.length)}` }), list]));
  }
  return el('li', {}, parts);
}

/** Source · date · id, each isolated so Latin ids and dates keep their order in RTL. */
function metaLine(node, doc) {
  node.replaceChildren();
  for (const part of [doc.source, doc.date, doc.id].filter(Boolean)) {
    if (node.childNodes.length) node.append(' · ');
    node.append(el('bdi', { text: part }));
  }
  return node;
}

async function openDocument(id) {
  let doc;
  try {
    doc = await client.call('document', { id });
  } catch (e) {
    els.summary.textContent = e.message;
    return;
  }
  if (!doc) return;
  els.docTitle.textContent = doc.title || doc.id;
  metaLine(els.docMeta, doc);
  if (doc.url && /^https?:\/\//i.test(doc.url)) {
    els.docMeta.append(' · ', el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank', text: 'المصدر' }));
  }
  els.docDuplicate.hidden = !doc.duplicateOf;
  if (doc.duplicateOf) {
    const original = el('button', { type: 'button', class: 'link' }, [el('bdi', { text: doc.duplicateOf })]);
    original.addEventListener('click', () => openDocument(doc.duplicateOf));
    els.docDuplicate.replaceChildren('نسخة مشابهة من ', original);
  }
  const removed = Array.isArray(doc.removed) ? doc.removed.length : 0;
  els.removedToggle.hidden = removed === 0;
  els.removedCount.textContent = `إظهار ما أُزيل من الصفحة (${lineCount(removed)})`;
  const blocks = articleBlocks(doc);
  els.legend.hidden = !blocks.some((b) => b.marks?.length);
  els.docBody.replaceChildren(...blocks.map((b) => (b.kind === 'paragraph'
    ? markedParagraph(b.text, b.marks)
    : el('p', { class: 'removed', 'data-reason': b.reason }, [el('span', { class: 'reason', text: b.label }), ' ', el('bdi', { text: b.text })]))));
  showRemoved();
  if (!els.dialog.open) els.dialog.showModal();
}

/** A paragraph with its people, places, organisations and dates marked:
 * each a button that searches for it. */
function markedParagraph(text, marks) {
  const p = el('p');
  for (const run of markRuns(text, marks)) {
    if (!run.mark) {
      p.append(document.createTextNode(run.text));
      continue;
    }
    const { type, label } = run.mark;
    const mark = el('button', { type: 'button', class: 'ent', 'data-type': type, title: `${TYPE_NAMES[type] ?? type}: ${label}` }, [run.text]);
    mark.addEventListener('click', () => {
      els.dialog.close();
      if (type === 'DATE') filterBy('date', label.slice(0, 7));
      else filterBy('entity', label);
      els.q.focus();
    });
    p.append(mark);
  }
  return p;
}

/** The removed lines are in the view, shown or hidden by the toggle. */
function showRemoved() {
  els.docBody.classList.toggle('with-removed', els.showRemoved.checked);
}
els.showRemoved.addEventListener('change', showRemoved);

function showProgress({ filesDone, filesTotal, bytesDone, bytesTotal }) {
  els.progress.hidden = false;
  els.progressBar.max = Math.max(bytesTotal, 1);
  els.progressBar.value = bytesDone;
  els.progressText.textContent = `الملفات ${filesDone} من ${filesTotal} · ${formatBytes(bytesDone)} من ${formatBytes(bytesTotal)}`;
}

async function addFiles(files) {
  if (!files.length) return;
  els.cancel.hidden = false;
  els.cancel.disabled = false;
  let res;
  try {
    res = await client.call('addFiles', { files });
  } finally {
    els.cancel.hidden = true;
  }
  documents = res.documents;
  setStatus();
  els.progressText.textContent += (res.cancelled ? ' — أُوقفت الفهرسة' : '') +
    ` — أضيف ${documentCount(res.added.length)}` +
    (res.errors.length ? `، وتعذّرت قراءة ${res.errors.length}` : '');
  for (const { name, message } of res.errors) {
    els.errorList.append(el('li', {}, [el('span', { class: 'file', text: name }), document.createTextNode(`: ${message}`)]));
  }
  for (const w of res.warnings) els.errorList.append(el('li', { text: w }));
  els.errors.hidden = els.errorList.childElementCount === 0;
  search();
}

// Stops the indexing between two steps; what was added stays searchable.
els.cancel.addEventListener('click', () => {
  els.cancel.disabled = true;
  client.call('cancel');
});

// Folders dropped on the page: walk the entries, keeping relative paths.
async function filesFromDrop(dataTransfer) {
  const entries = [...(dataTransfer.items || [])].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...(dataTransfer.files || [])].map((file) => ({ name: file.name, file }));
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ name: prefix + file.name, file });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        for (const child of batch) if (!child.name.startsWith('.')) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}

els.drop.addEventListener('dragover', (e) => { e.preventDefault(); els.drop.classList.add('over'); });
els.drop.addEventListener('dragleave', () => els.drop.classList.remove('over'));
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', async (e) => {
  e.preventDefault();
  els.drop.classList.remove('over');
  addFiles(await filesFromDrop(e.dataTransfer));
});
els.drop.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); els.pickFiles.click(); }
});
for (const input of [els.pickFiles, els.pickFolder]) {
  input.addEventListener('change', () => {
    const files = [...input.files].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
    input.value = '';
    addFiles(files);
  });
}

let timer;
els.q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 40); });
els.any.addEventListener('change', search);

// Keyboard: "/" focuses the search box, arrows move through the results,
// Escape clears the box.
document.addEventListener('keydown', (e) => {
  const titles = [...els.results.querySelectorAll('.title')];
  const at = titles.indexOf(document.activeElement);
  if (e.key === '/' && document.activeElement !== els.q && !els.dialog.open) {
    e.preventDefault();
    els.q.focus();
  } else if (e.key === 'ArrowDown' && titles.length && (document.activeElement === els.q || at >= 0)) {
    e.preventDefault();
    titles[Math.min(at + 1, titles.length - 1)].focus();
  } else if (e.key === 'ArrowUp' && at >= 0) {
    e.preventDefault();
    (at === 0 ? els.q : titles[at - 1]).focus();
  } else if (e.key === 'Escape' && document.activeElement === els.q) {
    els.q.value = '';
    search();
  }
});

els.download.addEventListener('click', async () => {
  const bytes = await client.call('serialize');
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = el('a', { href: url, download: 'collection.fhrs' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
});

client.call('info').then((info) => {
  documents = info.documents;
  setStatus();
  els.q.disabled = false;
  // An index in parts is read-only and never whole here: nothing to add
  // files to, nothing to save (a file dropped anyway gets the reason).
  els.download.disabled = Boolean(info.parts);
  els.download.hidden = Boolean(info.parts);
  els.drop.hidden = Boolean(info.parts);
  document.documentElement.dataset.ready = 'true';
  if (!els.q.value) els.q.focus();
  search();
}, (e) => {
  els.status.textContent = `تعذّر تشغيل فهرس: ${e.message}`;
});
