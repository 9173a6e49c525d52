"use strict";
// The console shell: which page shows, and the 1 s refresh of the visible one (the clusters' status always).
KB.app = {
  pages: ["clusters", "recovery", "alerts", "history"],
  status: null,
  busy: false,

  page() {
    const wanted = window.location.hash.replace("#", "");
    return KB.app.pages.includes(wanted) ? wanted : "clusters";
  },

  show() {
    const current = KB.app.page();
    for (const p of KB.app.pages) {
      document.getElementById(`page-${p}`).hidden = p !== current;
      document.getElementById(`nav-${p}`).classList.toggle("active", p === current);
    }
    KB.app.tick(true);
  },

  async tick(force) {
    if (KB.app.busy) return;
    KB.app.busy = true;
    try {
      try {
        KB.app.status = await KB.get("status");
        KB.lastData = Date.now();
      } catch (err) {
        if (!KB.app.status) KB.error(document.getElementById("page-clusters"), err);
      }
      const status = KB.app.status;
      if (!status) return;
      KB.freshness(KB.clusters.newestReading(status), Number(status.nowUnixMs));
      const page = KB.app.page();
      if (page === "clusters") KB.clusters.render(status);
      if (page === "recovery") await KB.recovery.render(status.clusters.map(c => c.name));
      if (page === "alerts") await KB.alerts.render();
      // Charts change slowly: every 10 s, or at once when the node or range changes.
      if (page === "history" && (force || Date.now() - (KB.app.chartsAt || 0) > 10000)) {
        KB.app.chartsAt = Date.now();
        await KB.history.render(status.clusters.flatMap(c => [
          ...c.nodes.map(n => ({ cluster: c.name, name: n.name })),
          ...c.proxies.map(p => ({ cluster: c.name, name: p.name, backends: [...new Set(p.backends.map(b => b.endpoint))].sort() })),
        ]));
      }
    } finally {
      KB.app.busy = false;
    }
  },

  async start() {
    try {
      KB.session = await KB.get("session");
      document.getElementById("who").textContent = `${KB.session.name} (${KB.session.role})`;
    } catch (err) {
      return;
    }
    window.addEventListener("hashchange", KB.app.show);
    for (const id of ["event-since", "event-kind", "event-text", "history-node", "history-range"]) {
      document.getElementById(id).addEventListener("change", () => KB.app.tick(true));
    }
    KB.app.show();
    setInterval(() => KB.app.tick(false), 1000);
  },
};

document.addEventListener("DOMContentLoaded", KB.app.start);
