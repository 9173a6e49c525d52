"use strict";
// History page: per node, what an operator checks first, drawn client-side as SVG from the stepped history.
KB.history = {
  // kind: "value" plots the bucket's last value; "rate" and "increase" difference consecutive buckets (counters).
  metrics: [
    { metric: "wsrep_last_committed", title: "Commits per second", kind: "rate" },
    { metric: "kb_flow_control_paused_pct", title: "Flow control paused (%)", kind: "value" },
    { metric: "wsrep_local_recv_queue", title: "Receive queue", kind: "value" },
    { metric: "wsrep_local_send_queue", title: "Send queue", kind: "value" },
    { metric: "wsrep_local_cert_failures", title: "Certification failures", kind: "increase" },
    { metric: "threads_connected", title: "Connections", kind: "value" },
  ],
  steps: { "15m": 10, "1h": 30, "24h": 600, "7d": 3600 },

  // A ProxySQL node: per backend the connections in use and the connection errors, then its frontend.
  proxyMetrics(backends) {
    return [
      ...backends.flatMap(b => [
        { metric: `ConnUsed:${b}`, title: `ConnUsed ${b}`, kind: "value" },
        { metric: `ConnERR:${b}`, title: `Connection errors ${b}`, kind: "increase" },
      ]),
      { metric: "Client_Connections_connected", title: "Client connections", kind: "value" },
      { metric: "Questions", title: "Queries per second", kind: "rate" },
    ];
  },

  // nodes: [{ cluster, name }] for MariaDB nodes, [{ cluster, name, backends }] for ProxySQL nodes. A name may
  // exist in several clusters: options are "cluster/name", and every query names its cluster.
  async render(nodes) {
    const select = document.getElementById("history-node");
    const keys = nodes.map(n => `${n.cluster}/${n.name}`);
    if ([...select.options].map(o => o.value).join() !== keys.join()) {
      const keep = select.value;
      const several = new Set(nodes.map(n => n.cluster)).size > 1;
      KB.replace(select, nodes.map((n, i) => KB.el("option", { value: keys[i], selected: keys[i] === keep }, several ? keys[i] : n.name)));
    }
    const node = nodes.find((n, i) => keys[i] === select.value);
    const range = document.getElementById("history-range").value;
    const charts = document.getElementById("charts");
    if (!node) {
      KB.replace(charts, KB.el("p", {}, "No node has reported yet."));
      return;
    }
    const drawn = [];
    for (const m of node.backends ? KB.history.proxyMetrics(node.backends) : KB.history.metrics) {
      try {
        const reply = await KB.get("history", { cluster: node.cluster, node: node.name, metric: m.metric, since: range, step: KB.history.steps[range] });
        drawn.push(KB.history.chart(m, reply));
      } catch (err) {
        drawn.push(KB.el("div", { class: "chart", "data-metric": m.metric }, KB.el("h3", {}, m.title), KB.el("p", { class: "bad" }, err.message)));
      }
    }
    KB.replace(charts, KB.el("div", { class: "charts" }, drawn));
  },

  series(m, buckets, stepSeconds) {
    const points = [];
    for (let i = 0; i < buckets.length; i++) {
      const at = Number(buckets[i].startUnixMs);
      const last = Number(buckets[i].last);
      if (m.kind === "value") { points.push([at, last]); continue; }
      if (i === 0) continue;
      const delta = Math.max(0, last - Number(buckets[i - 1].last)); // a restart resets counters: never negative
      points.push([at, m.kind === "rate" ? delta / stepSeconds : delta]);
    }
    return points;
  },

  chart(m, reply) {
    const points = KB.history.series(m, reply.buckets || [], Number(reply.stepSeconds) || 1);
    const box = KB.el("div", { class: "chart", "data-metric": m.metric }, KB.el("h3", {}, m.title));
    if (points.length === 0) {
      box.append(KB.el("p", { class: "muted" }, "No data in this range."));
      return box;
    }
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 400 140");
    svg.setAttribute("preserveAspectRatio", "none");
    const x0 = points[0][0], x1 = points[points.length - 1][0] || x0 + 1;
    const top = Math.max(...points.map(p => p[1]));
    const max = top > 0 ? top : 1;
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.map(([x, y]) => `${(30 + 365 * (x - x0) / Math.max(1, x1 - x0)).toFixed(1)},${(125 - 115 * y / max).toFixed(1)}`).join(" "));
    const axis = document.createElementNS(ns, "line");
    for (const [k, v] of Object.entries({ x1: 30, y1: 125, x2: 395, y2: 125, class: "axis" })) axis.setAttribute(k, v);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "2"); label.setAttribute("y", "14");
    label.textContent = top <= 0 ? "0" : top >= 100 ? top.toFixed(0) : top.toPrecision(3);
    svg.append(axis, line, label);
    box.append(svg, KB.el("p", { class: "muted" }, `${KB.time(x0)} → ${KB.time(x1)}, ${reply.source} history, step ${reply.stepSeconds}s; last ${points[points.length - 1][1].toFixed(2)}`));
    return box;
  },
};
