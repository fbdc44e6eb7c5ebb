// Arriving from a search result (`/reports/…/?h=<query>#<section>`): mark the query's terms in the
// report with <mark>, folded as the search folds (engine.js: 总结 marks 總結), and offer a control
// that clears the marks. Loaded by assets/archive.js only when the URL has `h`. Any failure leaves
// the page as it was.

import { SearchEngine, foldWithMap, queryTerms } from "./engine.js";

const ROOT = new URL("../../", import.meta.url);
const DATA = new URL("search/data/", ROOT);
const MAX_MARKS = 500;
const SKIP = "script, style, noscript, textarea, template, svg, .archive-hl-bar";

async function foldTable() {
  const e = new SearchEngine(async (rel) => {
    const r = await fetch(new URL(rel, DATA));
    if (!r.ok) throw new Error(`${rel}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  await e.init();
  return e.table;
}

/** The text nodes below `root` in document order, and where each starts in their concatenation. */
function textNodes(root) {
  const nodes = [], starts = [];
  let text = "";
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n);
    starts.push(text.length);
    text += n.data;
  }
  return { nodes, starts, text };
}

/** [start, end) ranges of `text` (UTF-16 indices) whose folding contains one of the folded `terms`, merged. */
export function matchRanges(text, terms, table, max = MAX_MARKS) {
  const { folded, map } = foldWithMap(text, table);
  const ranges = [];
  for (const t of terms) {
    for (let at = folded.indexOf(t); at >= 0 && ranges.length < max; at = folded.indexOf(t, at + t.length)) {
      const last = map[at + t.length - 1];
      ranges.push([map[at], last + (text.codePointAt(last) > 0xffff ? 2 : 1)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const r of ranges) {
    const top = merged[merged.length - 1];
    if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** Wrap the ranges in <mark class="archive-hl">, text node by text node; returns the marks. */
function wrap({ nodes, starts }, ranges) {
  const marks = [];
  let r = 0;
  nodes.forEach((node, i) => {
    const start = starts[i], end = start + node.data.length;
    const local = [];
    while (r < ranges.length && ranges[r][1] <= start) r++;
    for (let k = r; k < ranges.length && ranges[k][0] < end; k++) {
      local.push([Math.max(ranges[k][0], start) - start, Math.min(ranges[k][1], end) - start]);
    }
    if (!local.length) return;
    const fragment = document.createDocumentFragment();
    let pos = 0;
    for (const [s, e] of local) {
      if (s > pos) fragment.append(node.data.slice(pos, s));
      const mark = document.createElement("mark");
      mark.className = "archive-hl";
      mark.textContent = node.data.slice(s, e);
      fragment.append(mark);
      marks.push(mark);
      pos = e;
    }
    if (pos < node.data.length) fragment.append(node.data.slice(pos));
    node.replaceWith(fragment);
  });
  return marks;
}

function clear(root, marks, bar) {
  for (const mark of marks) if (mark.isConnected) mark.replaceWith(document.createTextNode(mark.textContent));
  root.normalize();
  bar.remove();
  const url = new URL(location.href);
  url.searchParams.delete("h");
  history.replaceState(history.state, "", url.href);
}

function controls(root, marks, query) {
  const bar = document.createElement("div");
  bar.className = "archive-hl-bar";
  bar.setAttribute("role", "status");
  const label = document.createElement("span");
  label.textContent = marks.length ? `已标出“${query}” ${marks.length} 处` : `正文中没有“${query}”`;
  bar.append(label);
  let at = -1;
  if (marks.length > 1) {
    const next = document.createElement("button");
    next.type = "button";
    next.textContent = "下一处";
    next.addEventListener("click", () => {
      at = (at + 1) % marks.length;
      marks.forEach((m, i) => m.classList.toggle("archive-hl--current", i === at));
      marks[at].scrollIntoView({ block: "center" });
    });
    bar.append(next);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "archive-hl-bar__clear";
  button.textContent = "清除高亮";
  button.addEventListener("click", () => clear(root, marks, bar));
  bar.append(button);
  document.body.append(bar);
  return bar;
}

/** Highlight the terms of the URL's `h` in the report; returns the number of marks. */
export async function highlight() {
  const query = (new URLSearchParams(location.search).get("h") || "").trim().slice(0, 200);
  const root = document.querySelector("article.md-content__inner") || document.querySelector("article");
  if (!query || !root) return 0;
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("highlight.css", import.meta.url).href;
  document.head.append(style);
  const table = await foldTable();
  const terms = [...new Set(queryTerms(query, table))];
  if (!terms.length) return 0;
  const nodes = textNodes(root);
  const marks = wrap(nodes, matchRanges(nodes.text, terms, table));
  controls(root, marks, query);
  let target = null;
  try { target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null; } catch { target = null; }
  if (marks.length && !target) marks[0].scrollIntoView({ block: "center" });
  document.documentElement.dataset.archiveHighlight = String(marks.length);
  return marks.length;
}
