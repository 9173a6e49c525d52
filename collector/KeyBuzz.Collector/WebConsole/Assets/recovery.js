"use strict";
// Recovery page: the active round as a timeline, the planner's per-node positions and why, past rounds.
KB.recovery = {
  steps: ["outage confirmed", "positions per node", "decision", "grant", "bootstrap", "others started", "done"],
  reachedByPhase: { Deciding: 1, AwaitingApproval: 2, Granted: 3, Bootstrapping: 4, StartingOthers: 5, Done: 6 },

  async render(clusters) {
    const page = document.getElementById("page-recovery");
    try {
      const parts = [];
      for (const name of clusters) {
        // One cluster's error (e.g. only ProxySQL nodes report, so there is no plan) never hides the others.
        try {
          parts.push(KB.recovery.cluster(name, await KB.get("recovery", { cluster: name })));
        } catch (err) {
          parts.push(KB.el("section", { class: "round" }, KB.el("h2", {}, `Cluster ${name}`), KB.el("p", { class: "bad" }, err.message)));
        }
      }
      KB.replace(page, parts.length ? parts : [KB.el("p", {}, "No cluster has reported yet.")]);
    } catch (err) {
      KB.error(page, err);
    }
  },

  cluster(name, data) {
    const plan = data.plan;
    const active = plan.activeRound && plan.activeRound.id !== "0" ? plan.activeRound : null;
    return KB.el("div", { class: "recovery", "data-cluster": name },
      KB.el("h2", {}, `Cluster ${name}`),
      active ? KB.recovery.round(active, true) : KB.el("p", { class: "muted", id: "no-round" }, "No recovery round is open."),
      KB.recovery.plan(plan),
      data.commands.length ? KB.el("div", { id: "admin-commands" }, KB.el("h3", {}, "Commands you may run (admin)"), KB.el("pre", { class: "commands" }, data.commands.join("\n"))) : null,
      KB.el("h3", {}, "Past rounds"),
      KB.el("div", {}, data.history.rounds.filter(r => !active || r.id !== active.id).map((r, i) =>
        KB.el("details", { open: !active && i === 0 }, KB.el("summary", {}, `Round ${r.id}, opened ${KB.time(r.openedAtUnixMs)}: ${r.phase} — ${r.status}`), KB.recovery.round(r, false)))));
  },

  round(r, isActive) {
    const reached = KB.recovery.reachedByPhase[r.phase] ?? KB.recovery.failedAt(r);
    const timeline = KB.el("ol", { class: "timeline", id: isActive ? "round-timeline" : null },
      KB.recovery.steps.map((step, i) => {
        const label = i === 2 && r.rule ? `decision: ${r.rule}` : i === 2 && r.phase === "AwaitingApproval" ? "decision: waiting for a human" : step;
        const cls = r.phase === "Failed" && i === reached ? "failed" : i < reached ? "reached" : i === reached ? (r.phase === "Done" ? "reached" : "current") : "";
        return KB.el("li", { class: cls }, label);
      }));
    const grants = r.grants.map(g => KB.el("li", {}, `grant ${g.id} (${g.by}) → ${g.node} from ${g.position}: ${g.answer || "no answer yet"}`));
    const commands = r.commands.map(c => KB.el("li", {}, `${c.kind} ${c.node}: attempt ${c.attempt}, sent ${c.sends}×, ${c.answer || (c.abandoned ? "abandoned" : "no answer yet")}`));
    const events = r.events.map(e => KB.el("li", {}, KB.el("span", { class: "mono" }, KB.time(e.atUnixMs)), " ", e.text));
    return KB.el("div", { class: "round", "data-round": r.id },
      isActive ? KB.el("p", {}, KB.el("strong", {}, `Round ${r.id}`), `, opened ${KB.time(r.openedAtUnixMs)}: ${r.phase} — ${r.status}`) : null,
      timeline,
      r.started.length ? KB.el("p", {}, `Started: ${r.started.join(", ")}`) : null,
      grants.length ? KB.el("ul", {}, grants) : null,
      commands.length ? KB.el("ul", {}, commands) : null,
      KB.el("ul", { class: "events" }, events));
  },

  failedAt(r) {
    if (r.grants.some(g => g.accepted)) return 4;
    if (r.grants.length) return 3;
    return r.rule ? 2 : 1;
  },

  plan(plan) {
    return KB.el("div", { id: "plan" },
      KB.el("h3", {}, "What the planner decides now"),
      KB.el("p", { id: "plan-decision" }, KB.el("strong", {}, plan.kind || "-"), plan.rule ? ` (${plan.rule})` : "", plan.reason ? `: ${plan.reason}` : ""),
      plan.candidate ? KB.el("p", {}, `Candidate: ${plan.candidate}`) : null,
      plan.waitingFor.length ? KB.el("p", { class: "warn" }, `Waiting for: ${plan.waitingFor.join(", ")}`) : null,
      KB.table(["Node", "State", "Position", "Source", "Why (not) the candidate"],
        plan.lines.map(l => [l.node, l.state || "-", l.position || "-", l.source || "-", l.note || "-"]),
        i => ({ class: plan.lines[i].node === (plan.candidate || plan.node) ? "candidate" : null })));
  },
};
