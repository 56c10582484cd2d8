// The built JS module (pkg/) against the native CLI: for every worked example the module's
// output, parsed, is exactly the CLI's, and a bad bundle throws an Error with the CLI's line.
// usage: node tests/pkg_node.mjs CLI_BINARY EXAMPLES_DIR   (run by scripts/test after scripts/build)
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import init, { triage, triageJson } from "../pkg/callback_clock.js";

const [cli, examples] = process.argv.slice(2);
if (!cli || !examples) {
  console.error("usage: node tests/pkg_node.mjs CLI_BINARY EXAMPLES_DIR");
  process.exit(64);
}
const wasm = readFileSync(fileURLToPath(new URL("../pkg/callback_clock_bg.wasm", import.meta.url)));
await init({ module_or_path: wasm });

let failures = 0;
const fail = (msg) => {
  failures++;
  console.log(`FAIL ${msg}`);
};

const inputs = readdirSync(examples).filter((f) => f.endsWith(".input.json")).sort();
if (inputs.length === 0) fail(`no worked examples in ${examples}`);
for (const name of inputs) {
  const text = readFileSync(`${examples}/${name}`, "utf8");
  const fromCli = JSON.stringify(JSON.parse(execFileSync(cli, ["triage"], { input: text, encoding: "utf8" })));
  const fromObject = JSON.stringify(triage(JSON.parse(text)));
  const fromText = JSON.stringify(JSON.parse(triageJson(text)));
  if (fromObject !== fromCli) fail(`${name}: triage(object) differs from the CLI`);
  else if (fromText !== fromCli) fail(`${name}: triageJson(text) differs from the CLI`);
  else console.log(`ok   ${name}: pkg output equals the CLI's (${fromCli.length} bytes)`);
}

// Invalid bundles: same one-line message as the CLI's stderr, thrown as an Error.
const base = JSON.parse(readFileSync(`${examples}/${inputs[0]}`, "utf8"));
const bad = [
  ["bad time", (b) => (b.calls[0].started_at = "yesterday")],
  ["unknown zone", (b) => (b.config.timezone = "Mars/Olympus_Mons")],
  ["calls not an array", (b) => (b.calls = {})],
];
for (const [label, edit] of bad) {
  const bundle = structuredClone(base);
  edit(bundle);
  const text = JSON.stringify(bundle);
  const cliRun = spawnSync(cli, ["triage"], { input: text, encoding: "utf8" });
  const expected = cliRun.stderr.trim();
  if (cliRun.status !== 2) {
    fail(`${label}: the CLI exited ${cliRun.status}, expected 2`);
    continue;
  }
  try {
    triage(bundle);
    fail(`${label}: triage() did not throw (CLI says ${expected})`);
  } catch (e) {
    if (!(e instanceof Error)) fail(`${label}: threw a ${typeof e}, not an Error`);
    else if (e.message !== expected) fail(`${label}: threw ${JSON.stringify(e.message)}, CLI says ${JSON.stringify(expected)}`);
    else console.log(`ok   ${label}: throws ${JSON.stringify(e.message)}`);
  }
}

console.log(failures ? `${failures} failed` : "pkg/ agrees with the CLI");
process.exit(failures ? 1 : 0);
