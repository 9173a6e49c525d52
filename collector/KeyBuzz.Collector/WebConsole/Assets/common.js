"use strict";
// Shared by every page: data fetches, DOM building (text only: nothing from the collector is parsed as HTML).
const KB = {
  session: null,
  lastData: 0,

  async get(what, params) {
    const query = new URLSearchParams(params || {}).toString();
    const response = await fetch(`/console/api/${what}${query ? "?" + query : ""}`, { credentials: "same-origin", cache: "no-store" });
    if (response.status === 401) {
      window.location.assign("/");
      throw new Error("session ended");
    }
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || `${what}: HTTP ${response.status}`);
    }
    return body;
  },

  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value; else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  table(headers, rows, rowAttrs) {
    return KB.el("table", {},
      KB.el("thead", {}, KB.el("tr", {}, headers.map(h => KB.el("th", {}, h)))),
      KB.el("tbody", {}, rows.map((cells, i) => KB.el("tr", rowAttrs ? rowAttrs(i) : {}, cells.map(c => KB.el("td", {}, c))))));
  },

  replace(container, ...children) {
    container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  },

  num(value) { return value === undefined || value === null || value === "" ? null : Number(value); },

  time(ms) { return ms && Number(ms) > 0 ? new Date(Number(ms)).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : "-"; },

  age(ms, now) {
    if (!ms || Number(ms) <= 0) return "never";
    const s = Math.max(0, (Number(now) - Number(ms)) / 1000);
    return s < 60 ? `${s.toFixed(1)}s ago` : s < 3600 ? `${Math.round(s / 60)}m ago` : `${(s / 3600).toFixed(1)}h ago`;
  },

  // "data is N s old" once the newest reading (or the last successful fetch) is more than 3 s behind.
  freshness(newestReadingMs, collectorNowMs) {
    const badge = document.getElementById("freshness");
    const lagReading = newestReadingMs > 0 ? (collectorNowMs - newestReadingMs) / 1000 : Infinity;
    const lagFetch = KB.lastData > 0 ? (Date.now() - KB.lastData) / 1000 : 0;
    const lag = Math.max(lagReading, lagFetch);
    badge.className = lag > 3 ? "stale" : "fresh";
    badge.textContent = lag > 3 ? (Number.isFinite(lag) ? `data is ${Math.round(lag)} s old` : "no readings yet") : "live";
  },

  error(container, err) {
    KB.replace(container, KB.el("p", { class: "banner bad" }, `Cannot load: ${err.message}`));
  },
};
