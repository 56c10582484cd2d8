// The benchmark page's script (www/bench.html): generates the bundle with the engine module's
// benchBundleJson, then times, round after round, the browser's JSON.parse of the text (the
// reference), triageJson (the pkg/ export a host calls) and the same work stage by stage
// (triageStages) and the run again with the voicemails remembered (rerunMs), then the two ways
// across the JS boundary. Fastest of the rounds: noise on a
// shared machine only ever adds time. Everything it shows is also in window.benchResults, and
// body[data-state] ends "done" or "error" (tests/bench_page.mjs reads both).
import init, { benchBundleJson, benchMessage, rerunMs, triage, triageJson, triageSerde, triageStages, version } from "./callback_clock.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const count = (name, fallback) => {
  const value = Number(params.get(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`?${name}= must be a whole number of at least 1`);
  return value;
};

const results = { stages: {}, boundary: {}, messages: {}, surfaces: {} };
window.benchResults = results;

/// Lets the page paint between rounds, so a long run shows its progress.
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

function timed(work) {
  const started = performance.now();
  const value = work();
  return [performance.now() - started, value];
}

function row(table, cells) {
  const tr = $(table).tBodies[0].insertRow();
  for (const [i, text] of cells.entries()) {
    const td = tr.insertCell();
    td.textContent = text;
    if (i > 0 && typeof text === "number") td.className = "n";
  }
  return tr;
}

const ms = (value) => Math.round(value * 10) / 10;
const fastest = (rounds) => Math.min(...rounds);

function showRounds(table, key, label, rounds) {
  row(table, [label, ms(fastest(rounds)), rounds.map(ms).join(", ")]).dataset.key = key;
}

async function run() {
  const contacts = count("contacts", 100000);
  const calls = count("calls", 10000);
  const rounds = count("rounds", 5);
  $("browser").textContent = `${navigator.userAgent}; ${navigator.hardwareConcurrency} logical cores; ` +
    `engine ${version()}; timer ${crossOriginIsolated ? "isolated (5 µs)" : "not isolated (100 µs steps)"}; ` +
    `run at ${new Date().toISOString()}`;

  $("status").textContent = `Generating the bundle: ${contacts} contacts, ${calls} calls…`;
  await nextFrame();
  const [generateMs, text] = timed(() => benchBundleJson(contacts, calls));
  // For a comparison with the native generator's bytes (tests/bench_page.mjs); not in the results.
  window.benchBundleText = text;
  const parsedOnce = JSON.parse(text);
  Object.assign(results, { contacts, calls, rounds, bytes: text.length, bundleCalls: parsedOnce.calls.length, generateMs });
  $("bundle").textContent = `Bundle: ${(text.length / 1e6).toFixed(1)} MB of JSON, ${parsedOnce.crm.contacts.length} contacts, ` +
    `${parsedOnce.crm.leads.length} leads, ${parsedOnce.crm.tickets.length} tickets, ${parsedOnce.calls.length} calls, ` +
    `generated in ${ms(generateMs)} ms.`;

  const stageNames = [
    ["jsonParse", "JSON.parse of the same text (the reference)"],
    ["triageJson", "triageJson(text): the whole call, as a host makes it"],
    ["copyIn", "the text copied into wasm memory (the browser's TextEncoder.encodeInto)"],
    ["parse", "engine: parse and validate"],
    ["setup", "engine: setup (zone, calendar, lexicon, owners, CRM index)"],
    ["run", "engine: run (every call's decision, the metrics)"],
    ["rerun", "engine: run again, every voicemail remembered from the last run (the app's re-triage)"],
    ["serialize", "engine: serialize the output"],
    ["free", "engine: free the bundle, setup and output"],
    ["boundary", "the rest of the boundary: the call, the output copied out (triageStages' whole call less its stages)"],
  ];
  const stages = Object.fromEntries(stageNames.map(([key]) => [key, []]));
  let output;
  for (let round = 1; round <= rounds; round++) {
    $("status").textContent = `Triage, round ${round} of ${rounds}…`;
    await nextFrame();
    stages.jsonParse.push(timed(() => JSON.parse(text))[0]);
    const [wholeMs, json] = timed(() => triageJson(text));
    stages.triageJson.push(wholeMs);
    output = json;
    const [stagedMs, staged] = timed(() => triageStages(text));
    const engineStages = ["copyIn", "parse", "setup", "run", "serialize", "free"];
    for (const key of engineStages) stages[key].push(staged[`${key}Ms`]);
    stages.boundary.push(engineStages.reduce((rest, key) => rest - staged[`${key}Ms`], stagedMs));
    if (staged.output !== json) throw new Error("triageStages and triageJson gave different outputs");
    stages.rerun.push(rerunMs(text));
  }
  for (const [key, label] of stageNames) {
    showRounds("stages", key, label, stages[key]);
    results.stages[key] = { fastestMs: fastest(stages[key]), roundsMs: stages[key] };
  }
  const ratio = fastest(stages.triageJson) / fastest(stages.jsonParse);
  results.ratio = ratio;
  $("ratio").textContent = `triageJson takes ${ratio.toFixed(2)}× the page's JSON.parse of the same text ` +
    `(fastest of ${rounds} each; issue 16 asks for ≤ 1.8×, goal ≤ 1.5×).`;
  const decisions = JSON.parse(output).decisions.length;
  results.decisions = decisions;
  $("decisions").textContent = `${decisions} decisions for the bundle's ${parsedOnce.calls.length} calls; ` +
    `output ${(output.length / 1e6).toFixed(1)} MB of JSON.`;

  const boundary = { jsonText: [], serde: [] };
  let sameOutput;
  for (let round = 1; round <= rounds; round++) {
    $("status").textContent = `Boundary, round ${round} of ${rounds}…`;
    await nextFrame();
    const [jsonMs, byJson] = timed(() => triage(parsedOnce));
    const [serdeMs, bySerde] = timed(() => triageSerde(parsedOnce));
    boundary.jsonText.push(jsonMs);
    boundary.serde.push(serdeMs);
    // Both paths must give the same decisions, or the comparison means nothing.
    sameOutput ??= JSON.stringify(byJson) === JSON.stringify(bySerde);
  }
  showRounds("boundary", "jsonText", "JSON text: triage(object)", boundary.jsonText);
  showRounds("boundary", "serde", "serde-wasm-bindgen: triageSerde(object)", boundary.serde);
  row("boundary", ["same output both ways", sameOutput ? "yes" : "NO"]);
  for (const key of ["jsonText", "serde"]) results.boundary[key] = { fastestMs: fastest(boundary[key]), roundsMs: boundary[key] };
  results.boundary.sameOutput = sameOutput;

  $("status").textContent = "Embed bridge messages…";
  await nextFrame();
  for (const [name, message] of Object.entries(bridgeMessages())) {
    const batches = [];
    for (let round = 1; round <= rounds; round++) batches.push(benchMessage(message, 2000));
    const best = (key) => Math.min(...batches.map((b) => b[key]));
    const figures = {
      jsonTextInUs: best("jsonTextInUs"), serdeInUs: best("serdeInUs"),
      jsonTextOutUs: best("jsonTextOutUs"), serdeOutUs: best("serdeOutUs"),
      sameValue: batches.every((b) => b.sameValue),
    };
    results.messages[name] = figures;
    const us = (value) => Math.round(value * 100) / 100;
    row("messages", [name, us(figures.jsonTextInUs), us(figures.serdeInUs), us(figures.jsonTextOutUs),
      us(figures.serdeOutUs), figures.sameValue ? "yes" : "NO"]);
  }
  $("status").textContent = `Done: ${rounds} rounds on ${contacts} contacts and ${calls} calls.`;
}

/// Messages of docs/EMBEDDING.md, as a host posts them (objects, by structured clone).
function bridgeMessages() {
  return {
    "callback-clock:record": { type: "callback-clock:record", record: { contact_id: "C000", phone: "(312) 555-0100", name: "Maria Alvarez" } },
    "Chatwoot appContext": {
      event: "appContext",
      data: {
        conversation: { id: 42, inbox_id: 3, status: "open", labels: ["callback"], meta: { sender: { id: 7 } } },
        contact: { id: 7, name: "Nina Quinn", email: "nina@example.com", phone_number: "+13125550196", custom_attributes: {} },
        currentAgent: { id: 3, name: "Marco Silva", email: "marco@example.com" },
      },
    },
  };
}

/// Loads `url` in a visible frame here and sums what it requested before its first contentful
/// paint (Resource Timing of the frame's own document, same origin). Resolves null if the
/// surface does not paint within 20 s (not served here, or an error in it).
function measureSurface(label, url) {
  return new Promise((resolve) => {
    const frame = Object.assign(document.createElement("iframe"), { src: url, title: label });
    const giveUp = setTimeout(() => finish(null), 20000);
    const finish = (figures) => {
      clearTimeout(giveUp);
      clearInterval(poll);
      resolve(figures);
    };
    const poll = setInterval(() => {
      let timeline;
      try {
        timeline = frame.contentWindow.performance;
      } catch {
        return finish(null);
      }
      const paint = timeline.getEntriesByName("first-contentful-paint")[0];
      if (!paint) return;
      const navigation = timeline.getEntriesByType("navigation")[0];
      const before = timeline.getEntriesByType("resource").filter((e) => e.startTime < paint.startTime);
      const entries = [navigation, ...before].filter(Boolean);
      const sum = (key) => entries.reduce((total, e) => total + (e[key] ?? 0), 0);
      finish({
        files: entries.length,
        transferred: sum("transferSize"),
        encoded: sum("encodedBodySize"),
        decoded: sum("decodedBodySize"),
        paintMs: paint.startTime,
        names: entries.map((e) => new URL(e.name).pathname),
      });
    }, 50);
    $("frames").append(frame);
  });
}

async function measureSurfaces() {
  $("measure-surfaces").disabled = true;
  $("surfaces").hidden = false;
  for (const [label, url] of [["app /", "/"], ["sidebar /sidebar/", "/sidebar/?embed=sidebar"]]) {
    $("status").textContent = `Loading ${url} in a frame…`;
    const figures = await measureSurface(label, url);
    results.surfaces[label] = figures;
    if (!figures) {
      row("surfaces", [label, "did not paint within 20 s (is the app served here?)"]);
      continue;
    }
    row("surfaces", [label, figures.files, figures.transferred, figures.encoded, figures.decoded, ms(figures.paintMs)])
      .title = figures.names.join("\n");
  }
  $("status").textContent = "Surfaces measured.";
  $("measure-surfaces").disabled = false;
}

$("measure-surfaces").addEventListener("click", () => measureSurfaces().catch(fail));

function fail(error) {
  $("error").textContent = `Error: ${error?.message ?? error}`;
  $("status").textContent = "Stopped by an error.";
  results.error = String(error?.message ?? error);
  document.body.dataset.state = "error";
}

try {
  await init();
  document.body.dataset.state = "running";
  await run();
  if (params.has("surfaces")) await measureSurfaces();
  document.body.dataset.state = "done";
} catch (error) {
  fail(error);
}
