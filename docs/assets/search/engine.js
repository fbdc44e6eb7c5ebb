// Full-text search over the archive's static index (built by hooks/archive/search/index.py; its
// postings in segments of documents, hooks/archive/search/segments.py).
// The same module runs in the browser (ui.js) and under Node (scripts/search_cli); the caller
// passes `load(relativePath) -> Promise<Uint8Array>` so no network or file code lives here.
// Folding is the one of hooks/archive/search/fold.py, step by step.

const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
const SYLLABLE = `[a-zü${TONED}]{1,6}`;
const PINYIN_NOTE = new RegExp(`(?<=[^\\s(（])[(（](?=[^)）]*[${TONED}])${SYLLABLE}(?: ${SYLLABLE}){0,3}[)）]`, "gu");
const KEPT = /[\p{L}\p{N}]/u;
const FNV_OFFSET = 2166136261, FNV_PRIME = 16777619;
const SPARSE = 0, BITMAP = 1, EXTERNAL = 2;
const FORMAT = 4; // hooks/archive/search/layout.py FORMAT: the index this code reads

/**
 * The bytes written straight into the stream, not through a Blob: a Blob goes through the
 * browser's blob registry (another process), 5-10 times slower for the index's small files.
 */
async function gunzip(bytes) {
  const stream = new DecompressionStream("gzip");
  const writer = stream.writable.getWriter();
  // a corrupt file fails the read below; the writer's own promises would only repeat it
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

const utf8 = new TextDecoder("utf-8");

/** Per folding table, what each code point folds to ("" when dropped): worked out once a character. */
const FOLDED = new WeakMap();

function foldedChar(cp, table, memo) {
  let ch = memo.get(cp);
  if (ch === undefined) {
    ch = String.fromCodePoint(cp);
    if (cp >= 0xff01 && cp <= 0xff5e) ch = String.fromCharCode(cp - 0xfee0);
    const c0 = ch.charCodeAt(0);
    if (c0 >= 65 && c0 <= 90 && ch.length === 1) ch = String.fromCharCode(c0 + 32);
    const mapped = table.get(ch);
    if (mapped !== undefined) ch = mapped;
    if (!KEPT.test(ch)) ch = "";
    memo.set(cp, ch);
  }
  return ch;
}

/**
 * Folding of one text: returns the folded string and, for each folded character, its index in
 * `text` (`withMap` false: the string alone, map null).
 */
export function foldWithMap(text, table, withMap = true) {
  let source = text;
  let offsets = null;
  if (source.includes("(") || source.includes("（")) {
    // drop pinyin notes, remembering where the kept characters were
    const kept = [];
    let last = 0, out = "";
    for (const m of source.matchAll(PINYIN_NOTE)) {
      for (let i = last; i < m.index; i++) kept.push(i);
      out += source.slice(last, m.index);
      last = m.index + m[0].length;
    }
    if (kept.length || last) {
      for (let i = last; i < source.length; i++) kept.push(i);
      out += source.slice(last);
      offsets = kept;
      source = out;
    }
  }
  let memo = FOLDED.get(table);
  if (!memo) FOLDED.set(table, (memo = new Map()));
  let folded = "";
  const map = withMap ? [] : null;
  for (let i = 0; i < source.length; ) {
    const cp = source.codePointAt(i);
    const ch = foldedChar(cp, table, memo);
    if (ch) {
      folded += ch;
      if (withMap) {
        const at = offsets ? offsets[i] : i;
        for (let k = 0; k < ch.length; k++) map.push(at);
      }
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return { folded, map };
}

export function fold(text, table) {
  return foldWithMap(text, table, false).folded;
}

/** The terms of a query: split at whitespace, folded, empty ones dropped (fold.py `query_terms`). */
export function queryTerms(query, table) {
  return query.split(/\s+/u).map((part) => fold(part, table)).filter((t) => t.length > 0);
}

function codePoints(s) {
  return Array.from(s, (c) => c.codePointAt(0));
}

/** FNV-1a over the code points of a gram (index.py `gram_hash`): both postings of a gram share a shard. */
export function gramHash(cps) {
  let h = FNV_OFFSET;
  for (const v of cps) h = Math.imul(h ^ v, FNV_PRIME) >>> 0;
  return h;
}

class Reader {
  constructor(bytes) { this.b = bytes; this.i = 0; }
  varint() {
    let v = 0, shift = 0, byte;
    do { byte = this.b[this.i++]; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return v;
  }
}

/** Doc ids and tf of a posting as parallel arrays. */
function decodePosting(kind, payload, nDocs) {
  if (kind === BITMAP) {
    const docs = [];
    for (let byte = 0; byte < payload.length; byte++) {
      let bits = payload[byte];
      while (bits) {
        const low = bits & -bits;
        docs.push(byte * 8 + 31 - Math.clz32(low));
        bits ^= low;
      }
    }
    const ids = Uint32Array.from(docs.filter((d) => d < nDocs));
    return { ids, tf: new Uint8Array(ids.length).fill(1) };
  }
  const r = new Reader(payload);
  const ids = [], tf = [];
  let doc = -1;
  while (r.i < payload.length) {
    const v = r.varint();
    doc += Math.floor(v / 4);
    ids.push(doc);
    tf.push((v % 4) + 1);
  }
  return { ids: Uint32Array.from(ids), tf: Uint8Array.from(tf) };
}

function intersect(a, b) {
  // a, b: Map-free sorted Uint32Array; returns indices of common values in a and b
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { out.push(a[i]); i++; j++; }
  }
  return Uint32Array.from(out);
}

/**
 * A shard file: varint(count), the headers of all entries, then their payloads in the same order.
 * An entry is looked up by reading the headers (no string or map made for the others: a query
 * wants one or two entries of a shard of hundreds).
 */
class Shard {
  constructor(data) { this.data = data; }

  /** The entry of a gram (its code points) over all text (head 0) or the head (1): {kind, df, payload}, or null. */
  get(head, cps) {
    const r = new Reader(this.data);
    const count = r.varint();
    let found = null, before = 0;
    for (let e = 0; e < count; e++) {
      const flags = r.varint();
      const n = flags >> 3;
      let same = found === null && n === cps.length && ((flags >> 2) & 1) === head;
      for (let k = 0; k < n; k++) if (r.varint() !== cps[k]) same = false;
      const df = r.varint(), len = r.varint();
      if (same) found = { kind: flags & 3, df, at: before, len };
      before += len;
    }
    if (!found) return null;
    const at = r.i + found.at;
    return { kind: found.kind, df: found.df, payload: this.data.subarray(at, at + found.len) };
  }
}

export class SearchEngine {
  /** `load(path)`: the raw bytes of a file below the index folder (e.g. "s/12.gz"). */
  constructor(load) {
    this.load = load;
    this.cache = new Map();
    this.ready = null;
  }

  async init() {
    if (!this.ready) {
      this.ready = (async () => {
        this.manifest = JSON.parse(utf8.decode(await this.load("manifest.json")));
        if (this.manifest.format !== FORMAT) throw new Error(`search index format ${this.manifest.format}, this code reads ${FORMAT}`);
        const pairs = Array.from(await this.json("fold.gz"));
        this.table = new Map();
        for (let k = 0; k + 1 < pairs.length; k += 2) this.table.set(pairs[k], pairs[k + 1]);
      })();
    }
    return this.ready;
  }

  memo(key, make) {
    if (!this.cache.has(key)) {
      const p = make();
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
    }
    return this.cache.get(key);
  }

  async bytes(path) {
    return this.memo("b:" + path, async () => gunzip(await this.load(path)));
  }

  async json(path) {
    return JSON.parse(utf8.decode(await this.bytes(path)));
  }

  terms(query) {
    return queryTerms(query, this.table);
  }

  /** One shard of a segment ("g/4096/"), its file unpacked (`Shard`). */
  shard(folder, number) {
    return this.memo("s:" + folder + number, async () => new Shard(await this.bytes(`${folder}s/${number}.gz`)));
  }

  /**
   * The posting of one gram (up to maxGram folded characters), over all text or the head only:
   * one shard of each segment (manifest.segments: [first id, documents, shards], in id order),
   * their local ids shifted to global ones and joined.
   */
  posting(gram, head) {
    return this.memo(`p:${head ? 1 : 0}|${gram}`, async () => {
      const cps = codePoints(gram);
      const hash = gramHash(cps);
      const parts = await Promise.all(this.manifest.segments.map(async ([start, docs, shards]) => {
        const folder = `g/${start}/`;
        const entry = (await this.shard(folder, hash % shards)).get(head ? 1 : 0, cps);
        if (!entry) return null;
        let { kind, payload } = entry;
        if (kind === EXTERNAL) {
          const file = await this.bytes(`${folder}p/${hash}-${new Reader(payload).varint()}.gz`);
          kind = file[0];
          payload = file.subarray(1);
        }
        const p = decodePosting(kind, payload, docs);
        if (start) for (let i = 0; i < p.ids.length; i++) p.ids[i] += start;
        return p;
      }));
      const found = parts.filter((p) => p !== null);
      if (found.length === 1) return found[0];
      const size = found.reduce((sum, p) => sum + p.ids.length, 0);
      const ids = new Uint32Array(size), tf = new Uint8Array(size);
      let at = 0;
      for (const p of found) { ids.set(p.ids, at); tf.set(p.tf, at); at += p.ids.length; }
      return { ids, tf };
    });
  }

  /** Candidate docs of one folded term: exact when the term fits in one gram. */
  async termPosting(term, head) {
    const max = this.manifest.maxGram;
    const cps = codePoints(term);
    if (cps.length <= max) return { ...(await this.posting(term, head)), exact: true };
    // grams that cover the term (every maxGram-th, and the last): the candidates are verified
    // against the text anyway, and each gram costs a shard of every segment
    const grams = [];
    for (let k = 0; k + max < cps.length; k += max) grams.push(String.fromCodePoint(...cps.slice(k, k + max)));
    grams.push(String.fromCodePoint(...cps.slice(cps.length - max)));
    const postings = await Promise.all(grams.map((g) => this.posting(g, head)));
    postings.sort((a, b) => a.ids.length - b.ids.length);
    let ids = postings[0].ids;
    for (const p of postings.slice(1)) ids = intersect(ids, p.ids);
    // tf of a long term: at most the smallest tf of its grams
    const tf = new Uint8Array(ids.length).fill(4);
    for (const p of postings) {
      let j = 0;
      for (let i = 0; i < ids.length; i++) {
        while (p.ids[j] < ids[i]) j++;
        tf[i] = Math.min(tf[i], p.tf[j]);
      }
    }
    return { ids, tf, exact: false };
  }

  /** Per-document facet columns, loaded on first need. */
  columns() {
    return this.memo("cols", async () => {
      const n = this.manifest.docs;
      const raw = await this.bytes("cols.gz");
      const facets = await this.json("facets.gz");
      const year = raw.subarray(0, n), category = raw.subarray(n, 2 * n);
      const region = new Uint16Array(raw.buffer.slice(raw.byteOffset + 2 * n, raw.byteOffset + 4 * n));
      const columns = { year, category, region, facets };
      this.cache.set("cols:sync", columns);
      return columns;
    });
  }

  units() {
    return this.memo("units", async () => {
      const n = this.manifest.docs, width = this.manifest.unitBytes;
      const raw = await this.bytes("units.gz");
      const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + n * width);
      const column = width === 2 ? new Uint16Array(buf) : new Uint32Array(buf);
      const names = JSON.parse(utf8.decode(raw.subarray(n * width)));
      return { column, names };
    });
  }

  /**
   * Document ids passing the filters (null when there are none). `filters`: {year, region,
   * category, unit, from, to, undated}: `from`–`to` is a range of years (either end may be
   * missing); `undated` ("1"/"0", true/false) keeps or drops the reports of 年份不详, by default
   * kept when no range is given and dropped when one is.
   */
  async filterSet(filters) {
    const given = (v) => v !== undefined && v !== null && v !== "";
    const active = Object.entries(filters || {}).filter(([, v]) => given(v));
    if (!active.length) return null;
    const { year, category, region, facets } = await this.columns();
    const n = this.manifest.docs;
    const keep = new Uint8Array(n).fill(1);
    const range = yearRange(filters);
    if (range) {
      const inRange = facets.years.map((y) => (y === null ? range.undated : y >= range.from && y <= range.to));
      for (let d = 0; d < n; d++) if (!inRange[year[d]]) keep[d] = 0;
    }
    for (const [name, value] of active) {
      if (name === "from" || name === "to" || name === "undated") continue;
      if (name === "year") {
        const wanted = String(value) === "unknown" || value === "年份不详" ? 0 : facets.years.indexOf(Number(value));
        for (let d = 0; d < n; d++) if (year[d] !== wanted) keep[d] = 0;
      } else if (name === "category") {
        const wanted = facets.categories.indexOf(String(value));
        for (let d = 0; d < n; d++) if (category[d] !== wanted) keep[d] = 0;
      } else if (name === "region") {
        const under = this.regionMatcher(facets.regions, String(value));
        for (let d = 0; d < n; d++) if (!under[region[d]]) keep[d] = 0;
      } else if (name === "unit") {
        const { column, names } = await this.units();
        const wanted = names.indexOf(String(value));
        for (let d = 0; d < n; d++) if (column[d] !== wanted) keep[d] = 0;
      } else {
        throw new Error(`unknown filter ${name} (year, region, category, unit, from, to, undated)`);
      }
    }
    return keep;
  }

  /** For each region index: is it the named region (code, name or path) or below it? */
  regionMatcher(regions, value) {
    const path = (i) => {
      const names = [];
      for (let k = i; k >= 0; k = regions[k][2]) names.unshift(regions[k][1]);
      return names;
    };
    const targets = new Set();
    regions.forEach(([code, name], i) => {
      if (i === 0) { if (value === "unknown" || value === name) targets.add(0); return; }
      const p = path(i);
      if (code === value || name === value || p.join("/") === value || (value.includes("/") && p.join("/").endsWith("/" + value))) targets.add(i);
    });
    return regions.map((_, i) => {
      for (let k = i; k >= 0; k = i === 0 ? -1 : regions[k][2]) {
        if (targets.has(k)) return true;
        if (k === 0) break;
      }
      return false;
    });
  }

  /**
   * Search. Returns {terms, hits: [{id, score, head, exact}], listing} in rank order; hits with
   * exact=false still need `verify`. `sort`: one of SORTS ("relevance", the default; "year-desc",
   * newest first, also called "year"; "year-asc"); 年份不详 comes last in both year orders.
   */
  async search(query, { filters = {}, sort = "relevance" } = {}) {
    await this.init();
    if (!SORTS.includes(sort)) throw new Error(`unknown sort ${sort} (${SORTS.join(", ")})`);
    const terms = [...new Set(this.terms(query))];
    const n = this.manifest.docs;
    const keep = await this.filterSet(filters);
    if (sort !== "relevance") await this.columns();
    if (!terms.length) {
      // facet listing: every (filtered) document, newest first
      const hits = [];
      if (keep) for (let d = 0; d < n; d++) { if (keep[d]) hits.push({ id: d, score: 0, head: 0, exact: true }); }
      return { terms, hits: this.order(hits, sort), listing: true };
    }
    const [all, heads] = await Promise.all([
      Promise.all(terms.map((t) => this.termPosting(t, false))),
      Promise.all(terms.map((t) => this.termPosting(t, true))),
    ]);
    const order = terms.map((_, i) => i).sort((a, b) => all[a].ids.length - all[b].ids.length);
    let ids = all[order[0]].ids;
    for (const i of order.slice(1)) ids = intersect(ids, all[i].ids);
    if (keep) ids = ids.filter((d) => keep[d]);
    const exact = terms.every((_, i) => all[i].exact);
    const scores = new Float64Array(ids.length);
    const headCount = new Uint8Array(ids.length);
    terms.forEach((term, t) => {
      const p = all[t], h = heads[t];
      const idf = Math.log(1 + (n - p.ids.length + 0.5) / (p.ids.length + 0.5));
      let j = 0, k = 0;
      for (let i = 0; i < ids.length; i++) {
        while (p.ids[j] < ids[i]) j++;
        const tf = p.tf[j];
        scores[i] += idf * (tf * 2.2) / (tf + 1.2);
        while (k < h.ids.length && h.ids[k] < ids[i]) k++;
        if (h.ids[k] === ids[i]) headCount[i]++;
      }
    });
    const hits = Array.from(ids, (id, i) => ({ id, score: scores[i], head: headCount[i], exact }));
    return { terms, hits: this.order(hits, sort), listing: false };
  }

  /**
   * Hits sorted in place: by relevance (head matches, then score), or by year first (then by
   * relevance); ties by document id. A year order needs the columns loaded (`search` does it).
   */
  order(hits, sort = "relevance") {
    const relevance = (a, b) => b.head - a.head || b.score - a.score || a.id - b.id;
    if (sort === "relevance") return hits.sort(relevance);
    // year column: 1 is the newest year, 0 年份不详 (last either way)
    const year = this.cache.get("cols:sync").year;
    const sign = sort === "year-asc" ? -1 : 1;
    const key = (id) => (year[id] === 0 ? Infinity : sign * year[id]);
    return hits.sort((a, b) => key(a.id) - key(b.id) || relevance(a, b));
  }

  /** A document's row of its text file: [segments, sections]. */
  row(id) {
    const per = this.manifest.texts, g = Math.floor(id / per);
    return this.json(`t/${Math.floor(g / 1000)}/${g}.gz`).then((texts) => texts[id % per]);
  }

  /** A document's segments (original script). */
  async text(id) {
    return (await this.row(id))[0];
  }

  /** A document's segments folded (kept for later queries: a document verified once is read again often). */
  foldedText(id) {
    return this.memo("f:" + id, async () => (await this.text(id)).map((s) => fold(s, this.table)));
  }

  /** A document's body folded, with the map back to the original characters (`foldWithMap`), kept. */
  foldedBody(id) {
    return this.memo("fb:" + id, async () => {
      const segments = await this.text(id);
      return { body: segments[segments.length - 1], ...foldWithMap(segments[segments.length - 1], this.table) };
    });
  }

  /** A document's sections: [{offset, anchor, heading}], anchor being the id on the page. */
  async sections(id) {
    const prefix = this.manifest.anchorPrefix;
    return (await this.row(id))[1].map(([offset, anchor, heading]) =>
      ({ offset, anchor: anchor.startsWith(prefix) ? anchor : prefix + anchor, heading }));
  }

  /** Does the document contain every term within one segment? (ranks the head count exactly too) */
  async verify(hit, terms) {
    if (hit.exact) return true;
    const folded = await this.foldedText(hit.id);
    const ok = terms.every((t) => folded.some((f) => f.includes(t)));
    if (ok) hit.head = terms.filter((t) => folded.slice(0, 2).some((f) => f.includes(t))).length;
    hit.exact = true;
    return ok;
  }

  /** Keep the hits that verify, in order, until `want` are found (all when want is Infinity). */
  async resolve(result, want = Infinity, batch = 24) {
    const out = [];
    const hits = result.hits;
    let i = 0;
    while (i < hits.length && out.length < want) {
      const slice = hits.slice(i, i + Math.min(batch, Math.max(1, want - out.length)));
      const ok = await Promise.all(slice.map((h) => this.verify(h, result.terms)));
      slice.forEach((h, k) => { if (ok[k]) out.push(h); });
      i += slice.length;
    }
    return { done: i >= hits.length, verified: out, next: i };
  }

  /** Fully verified results, re-ranked by the exact head counts. */
  async all(query, options = {}) {
    const result = await this.search(query, options);
    const { verified } = await this.resolve(result);
    return { ...result, hits: this.order(verified, options.sort || "relevance") };
  }

  /** Display metadata of a document: {url, path, title, unit, year, region, category}. */
  async meta(id) {
    const block = this.manifest.block;
    const rows = await this.json(`m/${Math.floor(id / block)}.gz`);
    const [url, path, title, unit, year, region, category] = rows[id % block];
    return { id, url, path, title, unit, year, region, category };
  }

  /** Counts per facet value over hits: {year: [[value, label, count]], category, region (per level), unit}. */
  async facetCounts(hits, { units = true } = {}) {
    const { year, category, region, facets } = await this.columns();
    const count = (column, size) => {
      const c = new Uint32Array(size);
      for (const h of hits) c[column[h.id]]++;
      return c;
    };
    const years = count(year, facets.years.length);
    const cats = count(category, facets.categories.length);
    const regionCounts = new Uint32Array(facets.regions.length);
    for (const h of hits) {
      for (let k = region[h.id]; ; k = facets.regions[k][2]) {
        regionCounts[k]++;
        if (k === 0 || facets.regions[k][2] < 0) break;
      }
    }
    const out = {
      year: facets.years.map((y, i) => [y === null ? "unknown" : String(y), y === null ? "年份不详" : `${y}年`, years[i]])
        .filter((e) => e[2] > 0).sort((a, b) => (a[0] === "unknown") - (b[0] === "unknown") || Number(b[0]) - Number(a[0])),
      category: facets.categories.map((c, i) => [c, c, cats[i]]).filter((e) => e[2] > 0),
      region: facets.regions.map(([code, name, parent], i) => ({ code: i === 0 ? "unknown" : code, name, parent, count: regionCounts[i], index: i }))
        .filter((r) => r.count > 0),
    };
    if (units) {
      const { column, names } = await this.units();
      const c = new Map();
      for (const h of hits) c.set(column[h.id], (c.get(column[h.id]) || 0) + 1);
      out.unit = [...c.entries()].map(([i, k]) => [names[i], names[i], k]).sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    }
    return out;
  }

  /** An excerpt of the document around the first match, in its original script, as safe HTML with <mark>. */
  async excerpt(id, terms, width = 80) {
    return (await this.place(id, terms, width)).excerpt;
  }

  /**
   * Where a hit's first match in the body is: {excerpt, section}. `excerpt` is safe HTML around
   * the match with <mark>; `section` is the section holding the match ({offset, anchor, heading}),
   * null when the match is before the first heading or only in the title and metadata.
   */
  async place(id, terms, width = 80) {
    const [{ body, folded, map }, sections] = await Promise.all([this.foldedBody(id), this.sections(id)]);
    const spans = [];
    for (const t of terms) {
      let at = folded.indexOf(t);
      while (at >= 0 && spans.length < 50) {
        spans.push([map[at], map[at + t.length - 1] + 1]);
        at = folded.indexOf(t, at + t.length);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const first = spans.length ? spans[0][0] : 0;
    let section = null;
    if (spans.length) for (const s of sections) { if (s.offset <= first) section = s; else break; }
    const start = Math.max(0, first - Math.floor(width / 3));
    const end = Math.min(body.length, start + width);
    let html = start > 0 ? "…" : "";
    let pos = start;
    for (const [s, e] of spans) {
      if (e <= pos || s >= end) continue;
      html += escapeHtml(body.slice(pos, Math.max(pos, s))) + "<mark>" + escapeHtml(body.slice(Math.max(pos, s), Math.min(e, end))) + "</mark>";
      pos = Math.min(e, end);
    }
    html += escapeHtml(body.slice(pos, end)) + (end < body.length ? "…" : "");
    // Markdown's heading marks (## at the start of a line) and backslash escapes are not text a reader sees
    html = html.replace(/(^|\n)#{1,6}[ \t]+/g, "$1").replace(/\\([\\`*_{}[\]()#+\-.!|]|&gt;)/g, "$1");
    return { excerpt: html.replace(/\s+/g, " "), section };
  }

  /** Highlight terms in a short text (a title), as safe HTML. */
  highlight(text, terms) {
    const { folded, map } = foldWithMap(text, this.table);
    const marks = new Uint8Array(text.length + 1);
    for (const t of terms) {
      for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
        for (let k = map[at]; k <= map[at + t.length - 1]; k++) marks[k] = 1;
      }
    }
    let html = "", open = false;
    for (let i = 0; i < text.length; i++) {
      if (marks[i] && !open) { html += "<mark>"; open = true; }
      if (!marks[i] && open) { html += "</mark>"; open = false; }
      html += escapeHtml(text[i]);
    }
    return html + (open ? "</mark>" : "");
  }
}

/** The orders `search` knows ("year" is "year-desc", its older name). */
export const SORTS = ["relevance", "year-desc", "year-asc", "year"];

/**
 * The year range of a set of filters, or null when it sets none: {from, to, undated}, the ends
 * whole years (a missing end is open), undated whether 年份不详 is in (by default: only when no
 * range is given). Throws on a value that is not a year.
 */
export function yearRange(filters = {}) {
  const given = (v) => v !== undefined && v !== null && v !== "";
  const year = (name) => {
    const v = String(filters[name]).trim();
    if (!/^\d{4}$/.test(v)) throw new Error(`${name}=${filters[name]}: a year is four digits, such as 2015`);
    return Number(v);
  };
  const from = given(filters.from) ? year("from") : -Infinity;
  const to = given(filters.to) ? year("to") : Infinity;
  const ranged = from !== -Infinity || to !== Infinity;
  let undated = !ranged;
  if (given(filters.undated)) {
    const v = String(filters.undated);
    if (!["1", "0", "true", "false"].includes(v)) throw new Error(`undated=${v}: 1 (年份不详 in) or 0 (out)`);
    undated = v === "1" || v === "true";
  }
  if (!ranged && undated) return null;
  return { from: Math.min(from, to), to: Math.max(from, to), undated };
}

export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
