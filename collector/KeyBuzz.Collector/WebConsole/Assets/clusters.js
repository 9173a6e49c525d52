"use strict";
// Clusters page: the same assessment as `kbctl status` (problems in words), nodes, and each ProxySQL node's routing.
KB.clusters = {
  render(status) {
    const page = document.getElementById("page-clusters");
    const now = Number(status.nowUnixMs);
    if (status.clusters.length === 0) {
      KB.replace(page, KB.el("p", { class: "banner" }, "No agent has reported to this collector yet."));
      return;
    }
    KB.replace(page, status.clusters.map(c => KB.clusters.cluster(c, now)));
  },

  cluster(c, now) {
    const healthy = c.problems.length === 0 && !c.fork && c.nodes.every(n => n.problems.length === 0) && c.proxies.every(p => p.problems.length === 0 && !p.error);
    return KB.el("div", { class: "cluster", "data-cluster": c.name },
      KB.el("h2", {}, `Cluster ${c.name} `, KB.el("span", { class: healthy ? "ok" : "bad", id: `health-${c.name}` }, healthy ? "healthy" : "needs attention")),
      c.fork ? KB.el("p", { class: "banner bad", id: "fork" }, c.fork) : null,
      c.recovery ? KB.el("p", { class: "banner", id: "recovery-line" }, `Recovery: ${c.recovery}`) : null,
      c.problems.length ? KB.el("ul", { class: "problems" }, c.problems.map(p => KB.el("li", { class: "bad" }, p))) : null,
      c.latestComponent ? KB.el("p", { class: "muted" }, `Latest Primary Component: ${c.latestComponent}`) : null,
      KB.clusters.nodes(c.nodes, now),
      c.proxies.length ? KB.clusters.proxies(c.proxies, now) : null);
  },

  nodes(nodes, now) {
    const rows = nodes.map(n => {
      const problem = n.problems.length ? n.problems.join("; ") : "-";
      const fc = n.flowControlPausedPct === undefined || n.flowControlPausedPct === null ? "-" : `${Number(n.flowControlPausedPct).toFixed(1)}%`;
      const repair = n.repairState && n.repairState !== "idle" ? `${n.repairState}${n.repairReason ? ": " + n.repairReason : ""}` : (n.repairState || "-");
      const down = !n.mariadbRunning || !n.reporting;
      return [
        n.name, n.role,
        KB.el("span", { class: down ? "bad" : "ok" }, !n.reporting ? "not reporting" : n.mariadbRunning ? "up" : "down"),
        n.clusterStatus || "-", n.localState || "-", n.clusterSize || "-", n.confId || "-", n.lastCommitted || "-",
        n.recvQueue, n.sendQueue, fc, repair, n.maintenance ? "on" : "-", KB.age(n.lastSeenUnixMs, now),
        n.mariadbRunning ? (n.proxysqlRole ? `${n.proxysqlRole}${n.proxysqlRoleReason ? " (" + n.proxysqlRoleReason + ")" : ""}` : "-") : (n.evidence || n.recoveredPosition || "-"),
        KB.el("span", { class: n.problems.length ? "bad" : "muted", id: `problem-${n.name}` }, problem),
      ];
    });
    return KB.el("div", {},
      KB.el("h3", {}, "Nodes"),
      KB.table(["Node", "Role", "MariaDB", "Cluster", "State", "Size", "Conf", "Last committed", "Recv Q", "Send Q", "FC paused", "Repair", "Maint.", "Last seen", "ProxySQL role / position", "Problem"],
        rows, i => ({ id: `node-${nodes[i].name}`, "data-state": nodes[i].mariadbRunning && nodes[i].reporting ? nodes[i].localState : "down" })));
  },

  proxies(proxies, now) {
    const writers = [...new Set(proxies.filter(p => p.reporting && !p.error).map(p => p.writer || "none"))];
    const agreement = writers.length <= 1
      ? KB.el("p", { class: "ok", id: "proxy-agreement" }, writers.length ? `The proxies agree: writes go to ${writers[0]}.` : "No proxy reporting.")
      : KB.el("p", { class: "bad", id: "proxy-agreement" }, `The proxies disagree: ${proxies.map(p => `${p.name} → ${p.writer || "none"}`).join(", ")}.`);
    const rows = proxies.map(p => [
      p.name,
      KB.el("span", { class: p.reporting ? "ok" : "bad" }, p.reporting ? KB.age(p.lastSeenUnixMs, now) : "not reporting"),
      p.writer || KB.el("span", { class: "bad" }, "none"),
      KB.table(["Backend", "Role", "Status", "Weight", "Reason"], p.backends.map(b => [b.endpoint, b.role, b.status, b.weight, b.reason || "-"])),
      [p.error ? KB.el("div", { class: "bad" }, p.error) : null, ...p.problems.map(x => KB.el("div", { class: "bad" }, x))],
    ]);
    return KB.el("div", {}, KB.el("h3", {}, "ProxySQL"), agreement,
      KB.table(["Proxy", "Reporting", "Writer", "Backends", "Problems"], rows, i => ({ id: `proxy-${proxies[i].name}` })));
  },

  newestReading(status) {
    let newest = 0;
    for (const c of status.clusters) for (const n of c.nodes) newest = Math.max(newest, Number(n.lastSeenUnixMs) || 0);
    return newest;
  },
};
