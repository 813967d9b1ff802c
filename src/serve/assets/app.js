// The page of `yanbao serve`: one page, hash routes, plain DOM.
//
// Every piece of text from the index goes into the page through text nodes
// (h() below, textContent, createTextNode); nothing is parsed as HTML, so a
// report cannot inject markup.
"use strict";

(function () {
  const FACETS = ["broker", "rating", "month", "section", "ticker"];
  // Filters the API takes as query parameters (section is repeatable).
  const FILTERS = ["section", "broker", "analyst", "since", "until", "rating", "ticker"];
  // `month` is the page's own filter: the month facet turns into since/until.
  const PAGE_FILTERS = FILTERS.concat(["month"]);
  const DEBOUNCE_MS = 200;
  const SECTION_NAMES = {
    summary: "摘要",
    advice: "投资建议",
    risk: "风险提示",
    forecast: "盈利预测",
    analyst: "分析师",
    disclaimer: "免责声明",
    "rating-scale": "评级说明",
    body: "正文",
    cover: "封面",
    toc: "目录",
    furniture: "页眉页脚",
  };
  const LEVELS = ["sell", "underperform", "neutral", "outperform", "buy"];
  const LEVEL_NAMES = {
    buy: "买入 buy",
    outperform: "增持 outperform",
    neutral: "中性 neutral",
    underperform: "减持 underperform",
    sell: "卖出 sell",
  };
  const CHANGE_NAMES = {
    initiate: "首次",
    maintain: "维持",
    upgrade: "上调",
    downgrade: "下调",
  };

  const $ = (sel) => document.querySelector(sel);
  const view = $("#view");
  const facetsPane = $("#facets");
  const chipsPane = $("#chips");
  const box = $("#q");
  const statusLine = $("#status");

  // ---------- DOM helpers ----------

  // h("a", {href: ..., class: ...}, child, ...): strings become text nodes.
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === "class") node.className = v;
        else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
        else if (k === "dataset") Object.assign(node.dataset, v);
        else node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children) {
      if (c === undefined || c === null || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    }
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  function s(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const c of children) {
      if (c === undefined || c === null) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // `text` with the [start, end) ranges (offsets in characters, i.e. code
  // points, as the API gives them) wrapped in <mark>.
  function marked(text, ranges) {
    const chars = Array.from(text || "");
    const spans = (ranges || [])
      .map((r) => [Math.max(0, r[0]), Math.min(chars.length, r[1])])
      .filter((r) => r[0] < r[1])
      .sort((a, b) => a[0] - b[0]);
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [start, end] of spans) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      if (from > at) frag.appendChild(document.createTextNode(chars.slice(at, from).join("")));
      frag.appendChild(h("mark", null, chars.slice(from, end).join("")));
      at = end;
    }
    if (at < chars.length) frag.appendChild(document.createTextNode(chars.slice(at).join("")));
    return frag;
  }

  function sectionBadge(section) {
    if (!section) return null;
    return h("span", { class: "badge sec-" + section, title: section }, SECTION_NAMES[section] || section);
  }

  function price(p) {
    if (!p || p.value === undefined || p.value === null) return "";
    return p.value.toFixed(2) + (p.currency ? " " + p.currency : "");
  }

  function ratingText(rating, level, change) {
    const parts = [];
    if (rating) parts.push(rating);
    const extra = [level, change ? CHANGE_NAMES[change] || change : null].filter(Boolean);
    if (extra.length) parts.push("(" + extra.join(", ") + ")");
    return parts.join(" ");
  }

  function count(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function analystNames(analysts) {
    return (analysts || []).map((a) => (typeof a === "string" ? a : a.name)).join("、");
  }

  // ---------- routes ----------

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const q = raw.indexOf("?");
    const route = (q < 0 ? raw : raw.slice(0, q)) || "search";
    const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
    return { route, params };
  }

  function hashOf(route, params) {
    const qs = params.toString();
    return "#/" + route + (qs ? "?" + qs : "");
  }

  function reportHref(path, line, query) {
    const p = new URLSearchParams();
    p.set("path", path);
    if (line) p.set("line", line);
    if (query) p.set("q", query);
    return hashOf("report", p);
  }

  function tickerHref(code) {
    return hashOf("ticker", new URLSearchParams({ code }));
  }

  // The page's filters of a route's parameters, in a fixed order.
  function pageFilters(params) {
    const out = new URLSearchParams();
    for (const k of PAGE_FILTERS) for (const v of params.getAll(k)) if (v) out.append(k, v);
    return out;
  }

  // The API's filter parameters: a month becomes its first and last day.
  function apiFilters(params) {
    const out = new URLSearchParams();
    for (const k of FILTERS) for (const v of params.getAll(k)) if (v) out.append(k, v);
    const month = params.get("month");
    if (month && /^\d{4}-\d{2}$/.test(month)) {
      const [y, m] = month.split("-").map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (!out.has("since")) out.set("since", month + "-01");
      if (!out.has("until")) out.set("until", month + "-" + String(last).padStart(2, "0"));
    }
    return out;
  }

  // ---------- the API ----------

  class ApiError extends Error {}

  async function api(path, params, signal) {
    const url = path + (params && params.toString() ? "?" + params.toString() : "");
    let res;
    try {
      res = await fetch(url, { signal, headers: { Accept: "application/json" } });
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new ApiError("the server does not answer (" + e.message + ")");
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      if (e.name === "AbortError") throw e;
      throw new ApiError("HTTP " + res.status + ": not JSON");
    }
    if (!res.ok) throw new ApiError((body && body.error) || "HTTP " + res.status);
    return body;
  }

  // One request per view at a time: a newer one aborts the older, and an
  // answer that arrives after a newer request started is dropped.
  let currentRequest = null;
  let requestSeq = 0;
  async function latest(path, params) {
    if (currentRequest) currentRequest.abort();
    const ctrl = new AbortController();
    currentRequest = ctrl;
    const seq = ++requestSeq;
    const started = performance.now();
    statusLine.textContent = "…";
    try {
      const data = await api(path, params, ctrl.signal);
      if (seq !== requestSeq) return null;
      statusLine.textContent = Math.round(performance.now() - started) + " ms";
      return data;
    } catch (e) {
      if (seq !== requestSeq || e.name === "AbortError") return null;
      statusLine.textContent = "";
      throw e;
    } finally {
      if (currentRequest === ctrl) currentRequest = null;
    }
  }

  function showError(e) {
    view.replaceChildren(h("div", { class: "error" }, e instanceof ApiError ? e.message : "error: " + e));
  }

  // The answer of `latest`, or null when a newer request took over or this one failed
  // (its error then shown in place of the view).
  async function latestOrError(path, params) {
    try {
      return await latest(path, params);
    } catch (e) {
      showError(e);
      return null;
    }
  }

  // ---------- keyboard selection ----------

  let selected = -1;
  let selectFirstWhenRendered = false;

  function navItems() {
    return Array.from(view.querySelectorAll("[data-nav]"));
  }

  function select(i) {
    const items = navItems();
    if (!items.length) {
      selected = -1;
      return;
    }
    selected = Math.max(0, Math.min(items.length - 1, i));
    items.forEach((el, j) => el.classList.toggle("selected", j === selected));
    items[selected].scrollIntoView({ block: "nearest" });
  }

  function openSelected() {
    const items = navItems();
    if (selected < 0 || selected >= items.length) return false;
    location.hash = items[selected].dataset.nav;
    return true;
  }

  function rendered() {
    selected = -1;
    if (selectFirstWhenRendered) {
      selectFirstWhenRendered = false;
      if (navItems().length) {
        view.focus({ preventScroll: true });
        select(0);
      }
    }
  }

  // ---------- citations ----------

  function citation(title, broker, date, page, line) {
    const parts = [title, broker, date].filter(Boolean);
    if (page) parts.push("p." + page);
    else if (line) parts.push("line " + line);
    return parts.join(", ");
  }

  let toastTimer = 0;
  function toast(message) {
    const t = $("#toast");
    t.textContent = message;
    t.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => t.classList.remove("show"), 1800);
  }

  // The clipboard API needs a focused document and a permission, which a
  // headless or embedded browser may refuse: then a selected textarea and
  // execCommand, and in the worst case the citation shown for copying by hand.
  function copyText(text) {
    const fallback = () => {
      let ok = false;
      const area = h("textarea", { readonly: true, class: "offscreen" });
      area.value = text;
      document.body.appendChild(area);
      try {
        area.select();
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      area.remove();
      toast(ok ? "已复制 Copied: " + text : "Copy this: " + text);
      document.body.dataset.lastCitation = text;
    };
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          () => {
            toast("已复制 Copied: " + text);
            document.body.dataset.lastCitation = text;
          },
          fallback
        );
        return;
      }
    } catch (e) {
      // fall through to the textarea
    }
    fallback();
  }

  function copyButton(text) {
    return h(
      "button",
      {
        type: "button",
        class: "copy",
        title: "Copy citation",
        onclick: (ev) => {
          ev.stopPropagation();
          copyText(text);
        },
      },
      "Copy citation"
    );
  }

  // ---------- filters: chips and facets ----------

  function setRoute(route, params, replace) {
    const hash = hashOf(route, params);
    if (hash === location.hash) return false;
    if (replace) history.replaceState(null, "", hash);
    else location.hash = hash;
    return true;
  }

  function renderChips(route, params) {
    chipsPane.replaceChildren();
    if (route !== "search" && route !== "mentions") return;
    const filters = pageFilters(params);
    for (const [k, v] of filters) {
      const label = k === "section" ? SECTION_NAMES[v] || v : v;
      chipsPane.appendChild(
        h(
          "span",
          { class: "chip", dataset: { filter: k, value: v } },
          k + ": " + label,
          h(
            "button",
            {
              type: "button",
              title: "Remove this filter",
              "aria-label": "Remove filter " + k + " " + v,
              onclick: () => {
                const next = new URLSearchParams(params);
                const kept = next.getAll(k).filter((x) => x !== v);
                next.delete(k);
                for (const x of kept) next.append(k, x);
                setRoute(route, next, false);
              },
            },
            "×"
          )
        )
      );
    }
  }

  function renderFacets(facets, params) {
    facetsPane.replaceChildren();
    if (!facets) return;
    for (const name of FACETS) {
      const counts = facets[name];
      if (!counts) continue;
      const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (!entries.length) continue;
      if (name === "month") entries.sort((a, b) => b[0].localeCompare(a[0]));
      const active = params.getAll(name);
      const list = h("ul");
      for (const [value, count] of entries) {
        const label = name === "section" ? (SECTION_NAMES[value] || value) + " " + value : value;
        // "(none)" counts reports without the field: there is no filter for it.
        if (value === "(none)" || active.includes(value)) {
          list.appendChild(h("li", null, h("span", { class: "facet-fixed" }, label, h("span", { class: "count" }, count))));
          continue;
        }
        list.appendChild(
          h(
            "li",
            null,
            h(
              "button",
              {
                type: "button",
                class: "facet-value",
                dataset: { facet: name, value },
                onclick: () => {
                  const next = new URLSearchParams(params);
                  if (name === "section") next.append(name, value);
                  else next.set(name, value);
                  setRoute("search", next, false);
                },
              },
              h("span", null, label),
              h("span", { class: "count" }, count)
            )
          )
        );
      }
      facetsPane.appendChild(h("div", { class: "facet", dataset: { facet: name } }, h("h3", null, name), list));
    }
  }

  // ---------- search ----------

  const searchCache = new Map();
  const CACHE_MS = 30000;

  async function renderSearch(params) {
    const q = (params.get("q") || "").trim();
    if (document.activeElement !== box && box.value.trim() !== q) box.value = q;
    if (!q) {
      facetsPane.replaceChildren();
      return renderHome();
    }
    const apiParams = new URLSearchParams({
      q,
      n: "20",
      per_report: "2",
      facets: FACETS.join(","),
    });
    for (const [k, v] of apiFilters(params)) apiParams.append(k, v);
    const key = apiParams.toString();
    let data;
    const cached = searchCache.get(key);
    if (cached && performance.now() - cached.at < CACHE_MS) {
      data = cached.data;
      if (currentRequest) currentRequest.abort();
      requestSeq++;
    } else {
      data = await latestOrError("/api/search", apiParams);
      if (!data) return;
      searchCache.set(key, { at: performance.now(), data });
      if (searchCache.size > 50) searchCache.delete(searchCache.keys().next().value);
    }
    // The box may have moved on while this answer was cached or in flight.
    const now = parseHash();
    if (now.route !== "search" || (now.params.get("q") || "").trim() !== q) return;
    renderFacets(data.facets, params);
    renderHits(data, q);
  }

  function renderHits(data, q) {
    const hits = data.hits || [];
    const groups = [];
    const byReport = new Map();
    for (const hit of hits) {
      const key = (hit.root || "") + "\u0000" + hit.path;
      let g = byReport.get(key);
      if (!g) {
        g = { head: hit, hits: [] };
        byReport.set(key, g);
        groups.push(g);
      }
      g.hits.push(hit);
    }
    const summary = [count(hits.length, "passage") + " in " + count(groups.length, "report")];
    if (data.report_level) summary.push(data.report_level + " report-level");
    if (data.hidden_boilerplate) summary.push(data.hidden_boilerplate + " boilerplate passages hidden");
    const out = [h("p", { class: "summary", id: "result-summary" }, summary.join(" · "))];
    if (!hits.length) {
      out.push(h("div", { class: "empty" }, "没有结果 — nothing found for “" + q + "”."));
    }
    for (const g of groups) out.push(renderGroup(g, q));
    view.replaceChildren(...out);
    rendered();
  }

  function reportMeta(report, extra) {
    const r = report || {};
    return h(
      "div",
      { class: "meta" },
      r.broker && h("span", { class: "broker" }, r.broker),
      r.date && h("span", { class: "date" }, r.date),
      r.rating && h("span", { class: "rating" }, r.rating),
      analystNames(r.analysts) && h("span", null, analystNames(r.analysts)),
      (r.tickers || []).slice(0, 4).map((t) => h("a", { href: tickerHref(t) }, t)),
      extra
    );
  }

  function renderGroup(g, q) {
    const head = g.head;
    const more = g.hits.reduce((n, x) => n + (x.more || 0), 0);
    const title = head.title || head.path;
    return h(
      "article",
      { class: "group", dataset: { path: head.path } },
      h(
        "div",
        { class: "group-head" },
        h("a", { class: "title", href: reportHref(head.path, null, q) }, title),
        reportMeta(head.report, more ? h("span", { class: "more" }, "+" + more + " more in this report") : null)
      ),
      g.hits.map((hit) => renderHit(hit, q))
    );
  }

  function renderHit(hit, q) {
    const r = hit.report || {};
    const href = reportHref(hit.path, hit.line, q);
    const where = hit.page ? "p." + hit.page : "line " + hit.line;
    const also = (hit.also || []).length;
    return h(
      "div",
      { class: "hit", dataset: { nav: href, match: hit.match || "passage" } },
      h(
        "div",
        null,
        sectionBadge(hit.section),
        " ",
        hit.layout === "table" && h("span", { class: "badge table" }, "表格 table"),
        " ",
        (hit.match === "report" || hit.report_level === true) &&
          h("span", { class: "note report-level" }, "report-level match: the terms are in different passages of this report"),
        hit.match === "title" && h("span", { class: "note" }, "matched in the title")
      ),
      h("div", { class: "text" }, marked(hit.text, hit.highlights)),
      h(
        "div",
        { class: "hit-foot" },
        h("a", { href, class: "open" }, where),
        also ? h("span", { class: "also", title: (hit.also || []).join("\n") }, "also in " + count(also, "report")) : null,
        copyButton(citation(hit.title, r.broker, r.date, hit.page, hit.line))
      )
    );
  }

  async function renderHome() {
    view.replaceChildren(h("p", { class: "summary" }, "…"));
    const st = await latestOrError("/api/stats", null);
    if (!st || parseHash().route !== "search" || (parseHash().params.get("q") || "").trim()) return;
    const brokers = Object.entries(st.brokers || {}).sort((a, b) => b[1] - a[1]);
    view.replaceChildren(
      h(
        "div",
        { class: "card stats-home" },
        h("h1", null, "研报检索"),
        h(
          "p",
          { class: "summary" },
          "Type in the box above. ",
          h("kbd", null, "/"),
          " search · ",
          h("kbd", null, "j"),
          "/",
          h("kbd", null, "k"),
          " move · ",
          h("kbd", null, "Enter"),
          " open · ",
          h("kbd", null, "Esc"),
          " back"
        ),
        h(
          "div",
          { class: "figures" },
          figure(st.reports, "reports"),
          figure(st.passages, "passages"),
          figure(brokers.length, "brokers"),
          st.indexed_at && figure(st.indexed_at.replace("T", " ").replace("Z", " UTC"), "indexed")
        ),
        brokers.length
          ? h(
              "p",
              { class: "summary" },
              brokers.map(([b, n], i) => [i ? " · " : "", b + " " + n])
            )
          : null
      )
    );
    rendered();
  }

  function figure(value, label) {
    return h("div", null, h("b", null, value === undefined || value === null ? "—" : value), h("span", null, label));
  }

  // ---------- mentions ----------

  async function renderMentions(params) {
    facetsPane.replaceChildren();
    const term = (params.get("term") || "").trim();
    const names = params.get("names") === "1";
    const loose = params.get("loose") === "1";
    const input = h("input", { type: "search", id: "term", value: term, placeholder: "0700.HK, 腾讯控股, Mini LED…", "aria-label": "Term" });
    const option = (key, on, label) =>
      h(
        "label",
        null,
        h("input", {
          type: "checkbox",
          checked: on,
          onchange: (ev) => {
            const next = new URLSearchParams(params);
            if (ev.target.checked) next.set(key, "1");
            else next.delete(key);
            setRoute("mentions", next, false);
          },
        }),
        " " + label
      );
    const form = h(
      "form",
      {
        class: "card",
        onsubmit: (ev) => {
          ev.preventDefault();
          const next = new URLSearchParams(params);
          next.set("term", input.value.trim());
          setRoute("mentions", next, false);
        },
      },
      h("h1", null, "Mentions"),
      input,
      " ",
      h("button", { type: "submit", class: "tool" }, "Find"),
      " ",
      option("names", names, "company names ↔ ticker"),
      " ",
      option("loose", loose, "other Latin spellings")
    );
    if (!term) {
      view.replaceChildren(form);
      return rendered();
    }
    const apiParams = new URLSearchParams({ term, limit: "200" });
    if (names) apiParams.set("names", "1");
    if (loose) apiParams.set("loose", "1");
    for (const [k, v] of apiFilters(params)) apiParams.append(k, v);
    view.replaceChildren(form, h("p", { class: "summary" }, "…"));
    let data;
    try {
      data = await latest("/api/mentions", apiParams);
    } catch (e) {
      view.replaceChildren(form, h("div", { class: "error" }, e.message));
      return;
    }
    if (!data) return;
    const reports = data.reports || [];
    const mentions = data.mentions || [];
    const reportTable = h(
      "table",
      { class: "rows", id: "mention-reports" },
      h("thead", null, h("tr", null, h("th", null, "report"), h("th", null, "count"))),
      h(
        "tbody",
        null,
        reports.map((r) =>
          h(
            "tr",
            null,
            h("td", null, h("a", { href: reportHref(r.path) }, r.title || r.path)),
            h("td", { class: "num count" }, r.count)
          )
        )
      )
    );
    const list = h(
      "div",
      { class: "group", id: "mention-list" },
      mentions.map((m) => {
        const r = m.report || {};
        const href = reportHref(m.path, m.line);
        return h(
          "div",
          { class: "mention hit", dataset: { nav: href } },
          h(
            "div",
            { class: "meta" },
            h("a", { href }, m.title || m.path),
            r.broker && h("span", null, r.broker),
            r.date && h("span", null, r.date),
            sectionBadge(m.section),
            h("span", null, m.page ? "p." + m.page : "line " + m.line)
          ),
          h("div", { class: "ctx" }, marked(m.context, m.context_match ? [m.context_match] : []))
        );
      })
    );
    const shown = mentions.length < (data.total || 0) ? " (first " + mentions.length + " listed)" : "";
    view.replaceChildren(
      form,
      h(
        "p",
        { class: "summary", id: "mention-total" },
        count(data.total || 0, "occurrence") + " of “" + (data.term || term) + "” in " + count(reports.length, "report") + shown
      ),
      reports.length
        ? h("div", { class: "two-col" }, h("div", null, h("h2", null, "Per report"), reportTable), h("div", null, h("h2", null, "Contexts"), list))
        : h("div", { class: "empty" }, "没有结果 — no occurrence.")
    );
    rendered();
  }

  // ---------- the report reader ----------

  async function renderReport(params) {
    facetsPane.replaceChildren();
    const path = params.get("path") || "";
    const line = parseInt(params.get("line") || "0", 10) || 0;
    const q = params.get("q") || "";
    const doc = await latestOrError("/api/show", new URLSearchParams({ path, text: "1" }));
    if (!doc) return;
    const passages = doc.text || [];
    // The hit: the passage that starts at the line, or the last one before it.
    let target = -1;
    if (line) {
      passages.forEach((p, i) => {
        if (p.line <= line) target = i;
      });
    }
    const outline = [];
    const body = [];
    let prevSection = null;
    passages.forEach((p, i) => {
      if (p.section !== prevSection) {
        const id = "sec-" + outline.length;
        const first = Array.from(p.text || "").slice(0, 14).join("");
        outline.push({ id, section: p.section, first });
        body.push(h("div", { class: "section-start", id }, sectionBadge(p.section)));
        prevSection = p.section;
      }
      body.push(
        h(
          "div",
          {
            class: "passage layout-" + (p.layout || "prose") + (i === target ? " target" : ""),
            id: "p-" + i,
            dataset: { line: p.line, page: p.page || "" },
          },
          h("span", { class: "where", title: p.page ? "page " + p.page + ", line " + p.line : "line " + p.line }, p.page ? "p." + p.page : p.line),
          h("div", { class: "ptext" }, i === target && q ? markTerms(p.text, q) : p.text)
        )
      );
    });
    const hit = target >= 0 ? passages[target] : null;
    const cite = citation(doc.title, doc.broker, doc.date, hit ? hit.page : null, hit ? hit.line : null);
    const header = h(
      "div",
      { class: "doc-head" },
      h("h1", { id: "doc-title" }, doc.title || doc.path),
      h(
        "div",
        { class: "meta" },
        doc.broker && h("span", null, doc.broker),
        analystNames(doc.analysts) && h("span", null, analystNames(doc.analysts)),
        doc.date && h("span", null, doc.date),
        (doc.rating || doc.rating_level) && h("span", { class: "rating" }, ratingText(doc.rating, doc.rating_level, doc.rating_change)),
        doc.target_price && h("span", null, "目标价 " + price(doc.target_price)),
        doc.current_price && h("span", null, "现价 " + price(doc.current_price)),
        doc.report_type && h("span", null, doc.report_type),
        (doc.tickers || []).map((t) => h("a", { href: tickerHref(t) }, t))
      ),
      h("div", { class: "path" }, (doc.root ? doc.root + "/" : "") + doc.path),
      h("div", { class: "hit-foot" }, copyButton(cite), hit && h("span", null, "hit at " + (hit.page ? "p." + hit.page + ", " : "") + "line " + hit.line))
    );
    const outlinePane = h(
      "nav",
      { class: "outline", "aria-label": "Outline" },
      h("h3", null, "Outline"),
      h(
        "ol",
        null,
        outline.map((o) =>
          h(
            "li",
            null,
            h(
              "a",
              {
                href: "#",
                title: o.first,
                dataset: { target: o.id },
                onclick: (ev) => {
                  ev.preventDefault();
                  const el = document.getElementById(o.id);
                  if (el) el.scrollIntoView({ block: "start" });
                },
              },
              SECTION_NAMES[o.section] || o.section || "—"
            )
          )
        )
      )
    );
    view.replaceChildren(
      h("div", { class: "reader" }, outlinePane, h("div", { class: "doc" }, header, h("div", { class: "passages" }, body)))
    );
    rendered();
    const el = target >= 0 ? document.getElementById("p-" + target) : null;
    if (el) el.scrollIntoView({ block: "center" });
    else window.scrollTo(0, 0);
  }

  // The query's plain terms marked in a passage (the reader gets no
  // highlights from /api/show; the search's own are on the results page).
  function markTerms(text, q) {
    const terms = q
      .replace(/"/g, " ")
      .split(/\s+/)
      .filter((t) => t && t !== "OR" && !t.startsWith("-"))
      .map((t) => t.toLowerCase());
    const chars = Array.from(text || "");
    const lower = chars.map((c) => c.toLowerCase());
    const ranges = [];
    for (const t of terms) {
      const tc = Array.from(t);
      for (let i = 0; i + tc.length <= lower.length; i++) {
        let ok = true;
        for (let j = 0; j < tc.length && ok; j++) ok = lower[i + j] === tc[j];
        if (ok) ranges.push([i, i + tc.length]);
      }
    }
    return marked(text, ranges);
  }

  // ---------- the ticker page ----------

  async function renderTicker(params) {
    facetsPane.replaceChildren();
    const code = (params.get("code") || "").trim();
    const data = await latestOrError("/api/ticker", new URLSearchParams({ code, mentions: "1" }));
    if (!data) return;
    const rows = data.rows || [];
    const sum = data.summary || {};
    const ratings = Object.entries(sum.ratings || {}).map(([k, v]) => k + " " + v).join(" · ");
    view.replaceChildren(
      h(
        "div",
        { class: "card" },
        h("h1", { id: "ticker-title" }, (data.name ? data.name + " " : "") + data.ticker),
        h(
          "div",
          { class: "figures", id: "ticker-summary" },
          figure(sum.reports, "reports"),
          figure(sum.mentions, "mentions"),
          figure(ratings || "—", "ratings"),
          figure(price(sum.median_target) || "—", "median target"),
          figure(sum.targets, "target prices"),
          sum.since && figure(sum.since, "since")
        ),
        h(
          "p",
          { class: "summary" },
          h("a", { href: hashOf("mentions", new URLSearchParams({ term: data.ticker })) }, "all mentions of " + data.ticker),
          " · ",
          h("a", { href: hashOf("search", new URLSearchParams({ q: data.ticker })) }, "search " + data.ticker)
        )
      ),
      h("div", { class: "card chart", id: "ticker-chart" }, h("h2", null, "Ratings and target prices"), chart(rows)),
      rowsTable(rows)
    );
    rendered();
  }

  function rowsTable(rows) {
    return h(
      "table",
      { class: "rows", id: "ticker-rows" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["date", "broker", "analysts", "rating", "target", "EPS next", "title"].map((c) => h("th", null, c))
        )
      ),
      h(
        "tbody",
        null,
        rows.map((r) => {
          const href = reportHref(r.path);
          return h(
            "tr",
            { dataset: { nav: href }, class: r.about === false ? "mention-row" : null },
            h("td", null, r.date || "—"),
            h("td", null, r.broker || ""),
            h("td", null, analystNames(r.analysts)),
            h("td", null, h("i", { class: "dot lv-" + (r.level || "none") }), ratingText(r.rating, r.level, r.change)),
            h("td", { class: "num" }, price(r.target_price)),
            h("td", { class: "num" }, r.eps_next === undefined || r.eps_next === null ? "" : r.eps_next),
            h("td", null, h("a", { href }, r.title || r.path), r.about === false ? h("span", { class: "badge", title: "mentions the ticker, not about it" }, "mention") : null)
          );
        })
      )
    );
  }

  // Dates on x; target prices on y (points coloured by rating level); below,
  // the rating level as a step line over the same dates.
  function chart(rows) {
    // Drawn at the pane's own pixel width, so that labels keep their size.
    const W = Math.max(480, Math.round(view.clientWidth - 34));
    const H = 310;
    const left = 96;
    const right = 20;
    const priceTop = 24;
    const priceBottom = 200;
    const levelTop = 232;
    const levelBottom = 296;
    // A report that only mentions the company rates something else (its
    // industry, its strategy): the chart is of the reports about it.
    const dated = rows
      .filter((r) => r.about !== false && r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date))
      .map((r) => ({ r, t: Date.parse(r.date + "T00:00:00Z") }))
      .sort((a, b) => a.t - b.t);
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": "rating and target price timeline" });
    if (!dated.length) {
      svg.appendChild(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated report about this company"));
      return svg;
    }
    let t0 = dated[0].t;
    let t1 = dated[dated.length - 1].t;
    if (t1 === t0) {
      t0 -= 30 * 86400000;
      t1 += 30 * 86400000;
    }
    const pad = (t1 - t0) * 0.05;
    t0 -= pad;
    t1 += pad;
    const x = (t) => left + ((t - t0) / (t1 - t0)) * (W - left - right);

    const priced = dated.filter((d) => d.r.target_price && typeof d.r.target_price.value === "number");
    const currency = priced.length ? priced[0].r.target_price.currency || "" : "";
    let p0 = Math.min(...priced.map((d) => d.r.target_price.value));
    let p1 = Math.max(...priced.map((d) => d.r.target_price.value));
    if (!priced.length) {
      p0 = 0;
      p1 = 1;
    } else if (p1 === p0) {
      p0 = p0 * 0.9;
      p1 = p1 * 1.1 || 1;
    } else {
      const pp = (p1 - p0) * 0.1;
      p0 -= pp;
      p1 += pp;
    }
    const y = (v) => priceBottom - ((v - p0) / (p1 - p0)) * (priceBottom - priceTop);

    // Price grid and axis.
    for (let i = 0; i <= 4; i++) {
      const v = p0 + ((p1 - p0) * i) / 4;
      const yy = y(v);
      svg.appendChild(s("line", { class: "grid", x1: left, x2: W - right, y1: yy, y2: yy }));
      if (priced.length) svg.appendChild(s("text", { x: left - 6, y: yy + 4, "text-anchor": "end" }, v.toFixed(v >= 100 ? 0 : 2)));
    }
    svg.appendChild(s("text", { x: left, y: priceTop - 10, "text-anchor": "middle" }, currency ? "target " + currency : "target"));
    svg.appendChild(s("line", { class: "axis", x1: left, x2: left, y1: priceTop, y2: priceBottom }));
    svg.appendChild(s("line", { class: "axis", x1: left, x2: W - right, y1: priceBottom, y2: priceBottom }));
    if (!priced.length) {
      svg.appendChild(s("text", { x: W / 2, y: (priceTop + priceBottom) / 2, "text-anchor": "middle" }, "no target prices"));
    }

    // Date ticks: the first and last report, and up to four between.
    const ticks = [];
    const n = Math.min(6, dated.length);
    for (let i = 0; i < n; i++) ticks.push(dated[Math.round((i * (dated.length - 1)) / Math.max(1, n - 1))]);
    let lastX = -1e9;
    for (const d of ticks) {
      const xx = x(d.t);
      if (xx - lastX < 80) continue;
      lastX = xx;
      svg.appendChild(s("line", { class: "axis", x1: xx, x2: xx, y1: priceBottom, y2: priceBottom + 4 }));
      svg.appendChild(s("text", { x: xx, y: priceBottom + 17, "text-anchor": "middle" }, d.r.date));
    }

    // Level band and its step line.
    const ly = (level) => levelBottom - (LEVELS.indexOf(level) / (LEVELS.length - 1)) * (levelBottom - levelTop);
    LEVELS.forEach((lv) => {
      svg.appendChild(s("line", { class: "grid", x1: left, x2: W - right, y1: ly(lv), y2: ly(lv) }));
      svg.appendChild(s("text", { x: left - 6, y: ly(lv) + 4, "text-anchor": "end" }, lv));
    });
    const leveled = dated.filter((d) => LEVELS.includes(d.r.level));
    if (leveled.length) {
      let dpath = `M${x(leveled[0].t).toFixed(1)},${ly(leveled[0].r.level).toFixed(1)}`;
      for (const d of leveled.slice(1)) dpath += ` H${x(d.t).toFixed(1)} V${ly(d.r.level).toFixed(1)}`;
      dpath += ` H${(W - right).toFixed(1)}`;
      svg.appendChild(s("path", { class: "step", d: dpath }));
      for (const d of leveled) svg.appendChild(s("circle", { class: "lv lv-" + d.r.level, cx: x(d.t), cy: ly(d.r.level), r: 3 }));
    }

    // Price points over a faint line joining them in date order.
    if (priced.length > 1) {
      const pl = priced.map((d, i) => (i ? "L" : "M") + x(d.t).toFixed(1) + "," + y(d.r.target_price.value).toFixed(1)).join(" ");
      svg.appendChild(s("path", { class: "price-line", d: pl }));
    }
    for (const d of priced) {
      const r = d.r;
      const label = [r.date, r.broker, ratingText(r.rating, r.level, r.change), price(r.target_price)].filter(Boolean).join(" · ");
      svg.appendChild(
        s(
          "circle",
          { class: "pt lv-" + (r.level || "none"), cx: x(d.t), cy: y(r.target_price.value), r: 6, "data-date": r.date },
          s("title", null, label)
        )
      );
    }
    const legend = h(
      "div",
      { class: "legend" },
      LEVELS.slice()
        .reverse()
        .map((lv) => h("span", null, h("i", { class: "lv-" + lv }), LEVEL_NAMES[lv]))
    );
    const frag = document.createDocumentFragment();
    frag.appendChild(svg);
    frag.appendChild(legend);
    return frag;
  }

  // ---------- wiring ----------

  let debounceTimer = 0;

  function searchParamsFor(q) {
    const { route, params } = parseHash();
    const next = route === "search" ? pageFilters(params) : new URLSearchParams();
    const out = new URLSearchParams();
    if (q) out.set("q", q);
    for (const [k, v] of next) out.append(k, v);
    return out;
  }

  // Typing replaces the history entry (one entry per search, not per key);
  // arriving from another view pushes one, so Esc/back returns there.
  function searchNow() {
    clearTimeout(debounceTimer);
    const q = box.value.trim();
    const onSearch = parseHash().route === "search";
    const changed = setRoute("search", searchParamsFor(q), onSearch);
    if (changed && onSearch) route();
    return changed;
  }

  box.addEventListener("input", () => {
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(searchNow, DEBOUNCE_MS);
  });

  $("#search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    selectFirstWhenRendered = true;
    if (!searchNow() && navItems().length) {
      selectFirstWhenRendered = false;
      view.focus({ preventScroll: true });
      select(0);
    }
  });

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev.target)) {
      if (ev.target === box && ev.key === "Escape") {
        ev.preventDefault();
        if (box.value) {
          box.value = "";
          searchNow();
        } else box.blur();
      } else if (ev.target === box && ev.key === "ArrowDown" && navItems().length) {
        ev.preventDefault();
        box.blur();
        view.focus({ preventScroll: true });
        select(0);
      } else if (ev.key === "Escape") {
        ev.target.blur();
      }
      return;
    }
    switch (ev.key) {
      case "/":
        ev.preventDefault();
        box.focus();
        box.select();
        break;
      case "j":
      case "ArrowDown":
        if (!navItems().length) return;
        ev.preventDefault();
        select(selected + 1);
        break;
      case "k":
      case "ArrowUp":
        if (!navItems().length) return;
        ev.preventDefault();
        select(selected < 0 ? 0 : selected - 1);
        break;
      case "Enter":
        // A focused link or button keeps its own Enter.
        if (ev.target && (ev.target.tagName === "A" || ev.target.tagName === "BUTTON")) return;
        if (openSelected()) ev.preventDefault();
        break;
      case "Escape":
        ev.preventDefault();
        if (parseHash().route !== "search") {
          // Back within the page; a report opened from outside has nothing
          // to go back to here, so Esc leads to the search instead.
          if (routesSeen > 0) history.back();
          else location.hash = "#/search";
        }
        else if (selected >= 0) {
          navItems().forEach((el) => el.classList.remove("selected"));
          selected = -1;
        } else if (box.value) {
          box.value = "";
          searchNow();
        }
        break;
      default:
    }
  });

  // A click on a hit's text opens it, as Enter does; links and buttons keep theirs.
  view.addEventListener("click", (ev) => {
    const t = ev.target;
    if (t.closest("a, button, input, label, svg")) return;
    if (window.getSelection && String(window.getSelection())) return;
    const item = t.closest("[data-nav]");
    if (item && item.classList.contains("hit")) location.hash = item.dataset.nav;
  });

  // Hash navigations inside the page (typing replaces its entry instead).
  let routesSeen = 0;
  function route() {
    const { route: name, params } = parseHash();
    document.querySelectorAll("#top nav a").forEach((a) => a.classList.toggle("active", a.dataset.route === name));
    renderChips(name, params);
    $("#toast").classList.remove("show");
    const run =
      {
        search: renderSearch,
        mentions: renderMentions,
        report: renderReport,
        ticker: renderTicker,
      }[name] || renderSearch;
    document.title = name === "search" && params.get("q") ? params.get("q") + " · yanbao" : "yanbao";
    Promise.resolve(run(params)).catch(showError);
  }

  window.addEventListener("hashchange", () => {
    routesSeen++;
    route();
  });
  route();
})();
