"use strict";
// Alerts and events page: firing/pending alerts with summary and description; event history with a filter.
KB.alerts = {
  async render() {
    const alertList = document.getElementById("alert-list");
    const eventList = document.getElementById("event-list");
    try {
      const alerts = (await KB.get("alerts")).alerts;
      const order = { critical: 0, warning: 1, info: 2 };
      alerts.sort((a, b) => (order[a.severity] ?? 3) - (order[b.severity] ?? 3));
      KB.replace(alertList, alerts.length === 0
        ? KB.el("p", { class: "ok", id: "no-alerts" }, "No alert pending or firing.")
        : KB.table(["Severity", "State", "Alert", "Node", "Since", "Summary", "What to check"],
          alerts.map(a => [KB.el("span", { class: a.severity === "critical" ? "bad" : a.severity === "warning" ? "warn" : "muted" }, a.severity),
            a.state, a.name, a.node || "-", KB.time(a.activeSinceUnixMs), a.summary, a.description]),
          i => ({ "data-alert": alerts[i].name })));
    } catch (err) {
      KB.error(alertList, err);
    }
    try {
      const since = document.getElementById("event-since").value;
      const kind = document.getElementById("event-kind").value;
      const text = document.getElementById("event-text").value.trim().toLowerCase();
      const reply = await KB.get("events", { since, kind });
      const events = reply.events.filter(e => !text || `${e.name} ${e.node} ${e.summary} ${e.state}`.toLowerCase().includes(text)).reverse();
      KB.replace(eventList,
        reply.truncated ? KB.el("p", { class: "warn" }, "Only the newest events are shown: narrow the range.") : null,
        events.length === 0 ? KB.el("p", { class: "muted" }, "No event in this range.")
          : KB.table(["At", "Kind", "Name", "Node", "State", "Summary"], events.map(e => [KB.time(e.atUnixMs), e.kind, e.name, e.node || "-", e.state, e.summary])));
    } catch (err) {
      KB.error(eventList, err);
    }
  },
};
