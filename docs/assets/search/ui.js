// The search interface: the header box on every page, and the full search page (/search/).
// Loaded as a small module on every page; the engine and the index load on first use.

const ROOT = new URL("../../", import.meta.url);
const DATA = new URL("search/data/", ROOT);
let enginePromise = null;

function engine() {
  if (!enginePromise) {
    enginePromise = import("./engine.js").then(async ({ SearchEngine }) => {
      const e = new SearchEngine(async (rel) => {
        const r = await fetch(new URL(rel, DATA));
        if (!r.ok) throw new Error(`${rel}: HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      });
      await e.init();
      return e;
    });
  }
  return enginePromise;
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/**
 * Results as you type, with no wait added: an input runs `fn` at once when no run is under way;
 * the inputs that come during a run make one run more, for the text as it is when that run ends.
 * (A timer would hold back the last keystroke's results by its delay, however fast the index.)
 * `fn` returns a promise that settles when its results are shown.
 */
function typing(fn) {
  let running = false, again = false;
  const call = async () => {
    if (running) { again = true; return; }
    running = true;
    try {
      await fn();
    } catch (error) {
      console.error(error);
    } finally {
      running = false;
    }
    if (again) { again = false; call(); }
  };
  return call;
}

/**
 * Where a result links: the report, with the query in `?h=` (its terms are highlighted there by
 * highlight.js) and the section holding the first match as the fragment.
 */
function hitHref(m, query, section) {
  const url = new URL(m.url, ROOT);
  if (query.trim()) url.searchParams.set("h", query.trim());
  if (section) url.hash = section.anchor;
  return url.href;
}

function sectionHtml(e, section, terms) {
  return section ? `<span class="archive-hit__section-label">章节</span>${e.highlight(section.heading, terms)}` : "";
}

function hitHtml(e, m, terms, query, place) {
  const facts = [m.unit, m.year ? `${m.year}年` : "年份不详", m.region, m.category].map(esc).join(" · ");
  const section = place ? place.section : null;
  return `<li class="md-search-result__item archive-hit"><a href="${esc(hitHref(m, query, section))}" class="md-search-result__link" tabindex="-1">` +
    `<article class="md-search-result__article md-typeset"><h1>${e.highlight(m.title, terms)}</h1>` +
    `<p class="archive-hit__section"${section ? "" : " hidden"}>${sectionHtml(e, section, terms)}</p>` +
    `<p class="archive-hit__facts">${facts}</p>${place === null ? "" : `<p class="archive-hit__excerpt">${place ? place.excerpt : ""}</p>`}</article></a></li>`;
}

/** Fill in a listed hit's section and excerpt once its text has arrived. */
function placeHit(e, item, m, terms, query, place) {
  item.querySelector("a").href = hitHref(m, query, place.section);
  const line = item.querySelector(".archive-hit__section");
  line.innerHTML = sectionHtml(e, place.section, terms);
  line.hidden = !place.section;
  item.querySelector(".archive-hit__excerpt").innerHTML = place.excerpt;
}

/**
 * Start loading the metadata of the first `count` hits while they are verified (a query term
 * longer than a gram is checked against the texts): the list then needs no round trip more. The
 * few hits that fail the check cost a small block each.
 */
function prefetchMeta(e, hits, count) {
  for (const h of hits.slice(0, count)) e.meta(h.id).catch(() => {});
}

async function renderHit(e, hit, terms, query) {
  const [m, place] = await Promise.all([e.meta(hit.id), terms.length ? e.place(hit.id, terms) : null]);
  return hitHtml(e, m, terms, query, place);
}

/** Sub-queries worth suggesting when a query finds nothing: each term alone, then shorter terms. */
async function suggestions(e, terms) {
  const tries = [];
  if (terms.length > 1) tries.push(...terms);
  for (const t of terms) {
    const cps = Array.from(t);
    if (cps.length > 2) tries.push(cps.slice(0, 2).join(""), cps.slice(-2).join(""), cps.slice(0, cps.length - 1).join(""));
  }
  const out = [];
  for (const q of [...new Set(tries)]) {
    const r = await e.search(q);
    if (r.hits.length) out.push([q, r.hits.length]);
    if (out.length >= 4) break;
  }
  return out;
}

// -- the header box -------------------------------------------------------------------------------

function headerBox() {
  const box = document.querySelector('[data-archive-search="box"]');
  const dropdown = document.querySelector('[data-archive-search="dropdown"]');
  const toggle = document.getElementById("__search");
  if (!box || !dropdown) return;
  const meta = dropdown.querySelector(".md-search-result__meta");
  const list = dropdown.querySelector(".md-search-result__list");
  const page = dropdown.dataset.searchPage;
  let first = null, seq = 0, inputAt = 0;

  const open = () => { if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } };
  const close = () => { if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); } box.blur(); };

  // dataset.ms: milliseconds from the input event to the frame showing its results, for the query
  // in dataset.msFor (the search benchmark reads them)
  const shown = (query, since) => {
    dropdown.dataset.query = query;
    requestAnimationFrame(() => {
      if (dropdown.dataset.query !== query) return;
      dropdown.dataset.ms = (performance.now() - since).toFixed(1);
      dropdown.dataset.msFor = query;
    });
  };

  const run = async () => {
    const mine = ++seq;
    const query = box.value, since = inputAt;
    const e = await engine();
    const terms = e.terms(query);
    if (!terms.length) { meta.textContent = "输入词语检索全部报告；按 Enter 打开第一条"; list.innerHTML = ""; first = null; return; }
    const result = await e.search(query);
    prefetchMeta(e, result.hits, 8);
    const { verified, done } = await e.resolve(result, 8);
    if (mine !== seq) return;
    first = verified.length ? (await e.meta(verified[0].id)).url : null;
    const more = `${page}?q=${encodeURIComponent(query)}`;
    if (!verified.length) {
      const tips = await suggestions(e, terms);
      if (mine !== seq) return;
      meta.innerHTML = `没有找到含“${esc(query)}”的报告。` + (tips.length ? "试试：" + tips.map(([q, n]) =>
        `<a href="${page}?q=${encodeURIComponent(q)}" data-suggest="${esc(q)}">${esc(q)}</a>（${n}）`).join("、") : "换个说法，或减少词语。");
      list.innerHTML = "";
      shown(query, since);
      for (const a of meta.querySelectorAll("a[data-suggest]")) a.addEventListener("click", (ev) => { ev.preventDefault(); box.value = a.dataset.suggest; inputAt = performance.now(); run(); });
      return;
    }
    const total = done ? `${verified.length}` : (result.hits.every((h) => h.exact) ? `${result.hits.length}` : `约 ${result.hits.length}`);
    // the list first (titles and facts), the excerpts as their texts arrive
    const metas = await Promise.all(verified.map((h) => e.meta(h.id)));
    if (mine !== seq) return;
    meta.innerHTML = `找到 ${total} 篇 · <a href="${more}">全部结果与筛选</a>`;
    list.innerHTML = metas.map((m) => hitHtml(e, m, terms, query, undefined)).join("");
    shown(query, since);
    const items = list.querySelectorAll(".archive-hit");
    // the excerpts once the list is painted (their texts' unpacking and folding would hold up
    // that frame), and without holding up the next query
    requestAnimationFrame(() => setTimeout(() => {
      if (mine !== seq) return;
      Promise.all(verified.map(async (h, i) => {
        const place = await e.place(h.id, terms);
        if (mine === seq) placeHit(e, items[i], metas[i], terms, query, place);
      })).then(() => { if (mine === seq) dropdown.dataset.excerpts = query; }, (error) => console.error(error));
    }, 0));
  };
  const typed = typing(run);

  box.addEventListener("focus", () => { open(); engine(); });
  box.addEventListener("input", (ev) => {
    open();
    // while an input method composes (pinyin letters in the box), nothing to search yet: the
    // committed text comes with compositionend
    if (ev.isComposing) return;
    inputAt = ev.timeStamp;
    typed();
  });
  box.addEventListener("compositionend", (ev) => {
    inputAt = ev.timeStamp;
    typed();
  });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      const top = list.querySelector(".archive-hit a");
      if (first && top) location.href = top.href;
      else if (first) location.href = new URL(first, ROOT).href;
      else if (box.value.trim()) location.href = `${page}?q=${encodeURIComponent(box.value)}`;
    } else if (ev.key === "Escape") close();
  });
  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && (ev.key === "/" || ev.key === "s" || ev.key === "S")) {
      ev.preventDefault();
      open();
      box.focus();
    }
  });
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) setTimeout(() => box.focus(), 50); });
}

// -- the search page ------------------------------------------------------------------------------

const FILTERS = ["year", "region", "category", "unit", "from", "to", "undated"];
const PAGE = 20;
const SORT_NAMES = { year: "year-desc" };
/** What the URL may hold for a filter: anything for the facets; a year; 1 or 0. */
const VALID = { from: /^\d{4}$/, to: /^\d{4}$/, undated: /^[01]$/ };

function searchPage() {
  const root = document.querySelector('[data-archive-search="page"]');
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.querySelector('input[name="q"]');
  const sortSel = form.querySelector('select[name="sort"]');
  const fromSel = form.querySelector('select[name="from"]');
  const toSel = form.querySelector('select[name="to"]');
  const undatedBox = form.querySelector('input[name="undated"]');
  const status = root.querySelector(".archive-search__status");
  const list = root.querySelector(".archive-search__results");
  const facetsBox = root.querySelector(".archive-search__facets");
  const moreBtn = root.querySelector(".archive-search__more");
  let seq = 0, shown = 0, current = null;

  const state = () => {
    const p = new URLSearchParams(location.search);
    const filters = {};
    for (const f of FILTERS) if (p.get(f) && (!VALID[f] || VALID[f].test(p.get(f)))) filters[f] = p.get(f);
    let sort = p.get("sort") || "relevance";
    sort = SORT_NAMES[sort] || sort;
    if (![...sortSel.options].some((o) => o.value === sort)) sort = "relevance";
    return { q: p.get("q") || "", sort, filters };
  };
  // the year range as the form sets it; 年份不详 is written only when it differs from the default
  // (in without a range, out with one), so a new range starts without it unless it was asked for
  const withYears = (s) => ({ ...s, filters: { ...s.filters, from: fromSel.value || undefined, to: toSel.value || undefined } });
  const withUndated = (s) => {
    const byDefault = !(s.filters.from || s.filters.to);
    const undated = undatedBox.checked === byDefault ? undefined : (undatedBox.checked ? "1" : "0");
    return { ...s, filters: { ...s.filters, undated } };
  };
  const showRange = (e, s) => {
    const years = e.cache.get("cols:sync").facets.years.filter((y) => y !== null).sort((a, b) => a - b);
    for (const sel of [fromSel, toSel]) {
      if (sel.options.length === 1) sel.insertAdjacentHTML("beforeend", years.map((y) => `<option value="${y}">${y}年</option>`).join(""));
    }
    fromSel.value = s.filters.from || "";
    toSel.value = s.filters.to || "";
    // a year the archive lacks still counts as the URL says it
    for (const [sel, v] of [[fromSel, s.filters.from], [toSel, s.filters.to]]) {
      if (v && sel.value !== v) { sel.insertAdjacentHTML("beforeend", `<option value="${esc(v)}">${esc(v)}年</option>`); sel.value = v; }
    }
    const ranged = Boolean(s.filters.from || s.filters.to);
    undatedBox.checked = s.filters.undated ? s.filters.undated === "1" : !ranged;
  };
  const href = (s) => {
    const p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    for (const f of FILTERS) if (s.filters[f]) p.set(f, s.filters[f]);
    if (s.sort !== "relevance") p.set("sort", s.sort);
    const qs = p.toString();
    return location.pathname + (qs ? "?" + qs : "");
  };
  const go = (s, replace = false) => {
    history[replace ? "replaceState" : "pushState"](null, "", href(s));
    return render();
  };

  const facetLink = (s, name, value, label, count) => {
    const on = s.filters[name] === value;
    const next = { ...s, filters: { ...s.filters, [name]: on ? undefined : value } };
    return `<li><a href="${esc(href(next))}" data-facet="${name}" data-value="${esc(value)}" class="${on ? "archive-facet--on" : ""}">${esc(label)}</a> <span class="archive-count">${count}</span></li>`;
  };

  async function drawFacets(e, s, hits) {
    const f = await e.facetCounts(hits);
    const regionsShown = [];
    const chosen = s.filters.region;
    // provinces, and the children of the chosen region (any level)
    const byIndex = new Map(f.region.map((r) => [r.index, r]));
    const chosenNode = f.region.find((r) => r.code === chosen || r.name === chosen);
    for (const r of f.region) {
      if (r.index === 0 || r.parent === -1 || (chosenNode && (r.parent === chosenNode.index || r.index === chosenNode.index))) regionsShown.push(r);
      else if (chosenNode) {
        for (let k = chosenNode.index; k >= 0; k = byIndex.get(k) ? byIndex.get(k).parent : -1) if (r.index === k) regionsShown.push(r);
      }
    }
    const section = (title, name, items) => items.length ? `<section><h2>${title}</h2><ul>${items.join("")}</ul></section>` : "";
    facetsBox.innerHTML =
      section("年份", "year", f.year.map(([v, l, c]) => facetLink(s, "year", v, l, c))) +
      section("地区", "region", [...new Set(regionsShown)].map((r) => facetLink(s, "region", r.code, (r.parent >= 0 && r.parent !== undefined && byIndex.get(r.parent) ? "　" : "") + r.name, r.count))) +
      section("类别", "category", f.category.map(([v, l, c]) => facetLink(s, "category", v, l, c))) +
      section("单位", "unit", f.unit.slice(0, 15).map(([v, l, c]) => facetLink(s, "unit", v, l, c)));
    for (const a of facetsBox.querySelectorAll("a[data-facet]")) {
      a.addEventListener("click", (ev) => { ev.preventDefault(); history.pushState(null, "", a.getAttribute("href")); render(); });
    }
  }

  async function showMore(e) {
    const { hits, terms } = current;
    const slice = hits.slice(shown, shown + PAGE);
    shown += slice.length;
    const html = await Promise.all(slice.map((h) => renderHit(e, h, terms, current.query)));
    list.insertAdjacentHTML("beforeend", html.join(""));
    moreBtn.hidden = shown >= hits.length;
  }

  async function render() {
    const mine = ++seq;
    const s = state();
    input.value = s.q;
    sortSel.value = s.sort;
    const e = await engine();
    await e.columns();
    if (mine !== seq) return;
    showRange(e, s);
    const active = Object.keys(s.filters).length;
    if (!e.terms(s.q).length && !active) {
      status.textContent = "输入词语，或在左侧选择年份、地区、类别、单位浏览。";
      list.innerHTML = "";
      moreBtn.hidden = true;
      await drawFacets(e, s, Array.from({ length: e.manifest.docs }, (_, id) => ({ id })));
      return;
    }
    status.textContent = "检索中…";
    const result = await e.search(s.q, { filters: s.filters, sort: s.sort });
    prefetchMeta(e, result.hits, PAGE);
    const first = await e.resolve(result, PAGE);
    if (mine !== seq) return;
    current = { hits: first.verified, terms: result.terms, query: s.q };
    shown = 0;
    list.innerHTML = "";
    await showMore(e);
    const exact = first.done || result.hits.every((h) => h.exact);
    status.textContent = exact ? `找到 ${first.done ? first.verified.length : result.hits.length} 篇` : `约 ${result.hits.length} 篇，核对中…`;
    if (!exact) {
      const rest = await e.resolve({ ...result, hits: result.hits.slice(first.next) });
      if (mine !== seq) return;
      current.hits = first.verified.concat(rest.verified);
      e.order(current.hits, s.sort);
      status.textContent = `找到 ${current.hits.length} 篇`;
      moreBtn.hidden = shown >= current.hits.length;
    } else {
      current.hits = first.done ? first.verified : result.hits;
      moreBtn.hidden = shown >= current.hits.length;
    }
    if (!current.hits.length) {
      const tips = await suggestions(e, result.terms);
      if (mine !== seq) return;
      status.innerHTML = `没有找到符合条件的报告。` + (active ? `<a href="${esc(href({ ...s, filters: {} }))}">去掉筛选条件</a>。` : "") +
        (tips.length ? "试试：" + tips.map(([q, n]) => `<a href="${esc(href({ ...s, q }))}">${esc(q)}</a>（${n}）`).join("、") : "");
    }
    await drawFacets(e, s, current.hits);
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); go({ ...state(), q: input.value }); });
  const typed = typing(() => go({ ...state(), q: input.value }, true));
  input.addEventListener("input", (ev) => { if (!ev.isComposing) typed(); });
  input.addEventListener("compositionend", () => typed());
  sortSel.addEventListener("change", () => go({ ...state(), sort: sortSel.value }));
  for (const sel of [fromSel, toSel]) sel.addEventListener("change", () => go(withYears(state())));
  undatedBox.addEventListener("change", () => go(withUndated(state())));
  moreBtn.addEventListener("click", async () => showMore(await engine()));
  window.addEventListener("popstate", render);
  render();
}

headerBox();
searchPage();
