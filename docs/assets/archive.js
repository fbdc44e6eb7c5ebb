/* The archive's small scripts: copy a citation; filter units by first character or pinyin initials.
   Everything they do is also reachable without JavaScript. */
(function () {
  "use strict";

  var script = document.currentScript;

  /* The header search box's result list (partials/search.html leaves it out of every page's
     markup): drawn at once, as this script ends the page, so that docs/assets/search/ui.js, a
     module and so run after it, finds it. */
  var output = document.querySelector(".archive-search .md-search__output");
  var form = document.querySelector(".archive-search form");
  if (output && form && !output.firstChild) {
    output.innerHTML = '<div class="md-search__scrollwrap" tabindex="0"><div class="md-search-result" ' +
      'data-archive-search="dropdown"><div class="md-search-result__meta">输入词语检索全部报告；按 Enter 打开第一条</div>' +
      '<ol class="md-search-result__list" role="presentation"></ol></div></div>';
    output.querySelector("[data-archive-search]").setAttribute("data-search-page", form.getAttribute("action"));
  }

  /* The citation is copied as the page shows it: GB/T 7714-2025 gives a report no access date
     (pages/report.py `citation`), so nothing depends on the day it is copied. */

  function setupCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".archive-cite__status");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      function done(ok) { if (status) status.textContent = ok ? "已复制：" + text : "无法自动复制，请手动选择上面的文字。"; }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function setupUnitFilter(box) {
    var input = box.querySelector("input");
    var list = box.querySelector(".archive-unitfilter__results");
    var status = box.querySelector(".archive-unitfilter__status");
    var url = box.getAttribute("data-units");
    var base = box.getAttribute("data-base").replace(/\/?$/, "/").replace(/^\.\/$/, "");
    var units = null, timer = null;
    box.hidden = false;

    function load(then) {
      if (units) return then();
      fetch(url).then(function (r) { return r.json(); }).then(function (data) { units = data; then(); },
        function () { status.textContent = "单位列表加载失败。"; });
    }

    function render() {
      var q = input.value.trim().toLowerCase();
      list.textContent = "";
      if (!q) { status.textContent = ""; return; }
      var found = units.filter(function (u) {
        return u.name.indexOf(q) === 0 || u.initials.indexOf(q) === 0 || (q.length > 1 && u.name.indexOf(q) >= 0);
      });
      status.textContent = "找到 " + found.length + " 个单位" + (found.length > 100 ? "，显示前 100 个" : "") + "。";
      found.slice(0, 100).forEach(function (u) {
        var li = document.createElement("li"), a = document.createElement("a"), n = document.createElement("span");
        a.href = base + u.url;
        a.textContent = u.name;
        n.className = "archive-count";
        n.textContent = u.count;
        li.appendChild(a); li.appendChild(document.createTextNode(" ")); li.appendChild(n);
        list.appendChild(li);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(render); }, 120);
    });
  }

  /* Material's search overlay is a dialog without a name (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])");
    if (dialog) dialog.setAttribute("aria-label", "搜索");
  }

  /* Arriving from a search result (?h=<query>): the highlighter loads only then. */
  function highlightOnArrival() {
    if (!/[?&]h=/.test(location.search)) return;
    var own = script && script.src ? script.src : (document.querySelector('script[src*="assets/archive.js"]') || {}).src;
    if (!own) return;
    import(new URL("search/highlight.js", own).href).then(function (m) { return m.highlight(); })
      .catch(function (e) { if (window.console) console.warn("search highlight:", e); });
  }

  function init() {
    nameSearchDialog();
    highlightOnArrival();
    document.querySelectorAll("[data-copy]").forEach(setupCopy);
    document.querySelectorAll(".archive-unitfilter").forEach(setupUnitFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
