// Interim page script: runs triage() from pkg/ (built by scripts/build) on a bundle and lists
// the decisions. Plain DOM, no framework: the Leptos app in src/ui replaces this page.
import init, { triage } from "../pkg/callback_clock.js";

const $ = (id) => document.getElementById(id);

function cell(row, content, className) {
  const td = row.insertCell();
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? "";
  if (className) td.className = className;
  return td;
}

function evidence(urgency) {
  const span = document.createElement("span");
  span.append(urgency.level);
  for (const e of urgency.evidence ?? []) {
    span.append(document.createElement("br"));
    if (e.quote) {
      const q = document.createElement("q");
      q.textContent = e.quote;
      span.append(q);
    } else {
      span.append(`${e.signal} (${e.source})`);
    }
  }
  return span;
}

function render(bundle) {
  $("error").textContent = "";
  const started = performance.now();
  let out;
  try {
    out = triage(bundle);
  } catch (e) {
    $("decisions").hidden = true;
    $("status").textContent = "This bundle was not triaged.";
    $("error").textContent = e.message;
    return;
  }
  const ms = (performance.now() - started).toFixed(1);
  const tbody = $("decisions").querySelector("tbody");
  tbody.replaceChildren();
  for (const d of out.decisions) {
    const row = tbody.insertRow();
    row.dataset.callId = d.call_id;
    cell(row, d.call_id);
    cell(row, `${d.caller.e164 ?? d.caller.raw ?? ""} (${d.caller.status})${d.after_hours ? " · after hours" : ""}`);
    cell(row, d.excluded ? `none: ${d.excluded}` : d.action, d.action);
    cell(row, d.excluded ? "" : evidence(d.urgency));
    cell(row, d.match ? [d.match.kind, d.match.contact_id, d.match.lead_id, d.match.ticket_id].filter(Boolean).join(" ") : "");
    cell(row, d.owner ? `${d.owner} (${d.owner_rule})` : "");
    const due = cell(row, d.due_at ?? "");
    if (d.stale) {
      due.textContent = "";
      const s = document.createElement("span");
      s.className = "stale";
      s.textContent = `${d.due_at} stale`;
      due.append(s);
    }
    cell(row, (d.reasons ?? []).join(", "));
    cell(row, (d.summary ?? []).join(" … "), "muted");
  }
  $("decisions").hidden = false;
  const m = out.metrics ?? {};
  $("status").textContent =
    `${out.decisions.length} calls, ${m.missed_calls ?? "?"} missed, triaged in ${ms} ms. ` +
    (out.config_warnings?.length ? `Config warnings: ${out.config_warnings.map((w) => `${w.template_id}: ${w.problem}`).join("; ")}` : "");
}

async function main() {
  await init();
  const response = await fetch("demo-bundle.json");
  render(await response.json());
  $("file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    try {
      render(JSON.parse(await file.text()));
    } catch (e) {
      $("error").textContent = `${file.name}: ${e.message}`;
    }
  });
}

main().catch((e) => {
  $("status").textContent = "The engine did not load.";
  $("error").textContent = String(e?.stack ?? e);
});
