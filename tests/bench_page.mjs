// The benchmark page (www/bench.html, built into a site by scripts/build-bench-page) in the
// headless Chromium the e2e uses: it loads, generates its bundle, and reports every stage with a
// number, a decision for every call, the same output on both boundary paths, and no error. A
// smoke test: it never asserts on a timing. With BENCH_REFERENCE (the same sizes written by
// `examples/generate_bundle`), it also checks the page generated exactly the native bytes.
//   node tests/bench_page.mjs [SITE_DIR]      (default target/bench-site)
//   BENCH_QUERY="contacts=2000&calls=200&rounds=3"   the page's parameters (this default is small)
// Writes the page's figures to target/bench-page.json and a screenshot to target/bench-page.png.
// Run by scripts/test (step bench-page); the README's full-size figures come from it with
// BENCH_QUERY="contacts=100000&calls=10000&rounds=5".
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const { launchChromium, openPage } = require("./e2e/browser.cjs");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const site = path.resolve(process.argv[2] ?? path.join(root, "target", "bench-site"));
const query = process.env.BENCH_QUERY ?? "contacts=2000&calls=200&rounds=3";
const reference = process.env.BENCH_REFERENCE;
const port = 20000 + ((process.pid + 7919) % 20000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], {
  stdio: "ignore",
});

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};
const isTime = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0;

let browser;
try {
  browser = await launchChromium();
  const { page, errors } = await openPage(browser, `http://127.0.0.1:${port}/bench.html?${query}`, {
    viewport: { width: 1100, height: 900 },
  });
  // Full size takes a minute or two on a busy machine; the small default, seconds.
  await page.waitForSelector("body[data-state=done], body[data-state=error]", { timeout: 15 * 60 * 1000 });
  const results = await page.evaluate(() => window.benchResults);
  const shownError = await page.textContent("#error");
  writeFileSync(path.join(root, "target", "bench-page.json"), JSON.stringify(results, null, 2));
  await page.screenshot({ path: path.join(root, "target", "bench-page.png"), fullPage: true });

  check(!results.error && !shownError, `the page shows an error: ${results.error ?? shownError}`);
  check(errors.length === 0, `page errors:\n${errors.join("\n")}`);
  for (const stage of ["jsonParse", "triageJson", "copyIn", "parse", "setup", "run", "rerun", "serialize", "free", "boundary"]) {
    const figure = results.stages?.[stage];
    check(isTime(figure?.fastestMs) && figure.roundsMs.every(Number.isFinite), `stage ${stage} has no time: ${JSON.stringify(figure)}`);
  }
  check(Number.isFinite(results.ratio), `no ratio: ${results.ratio}`);
  check(results.decisions === results.bundleCalls && results.bundleCalls === results.calls,
    `${results.decisions} decisions for ${results.bundleCalls} calls in the bundle (${results.calls} asked for)`);
  for (const path of ["jsonText", "serde"]) check(isTime(results.boundary?.[path]?.fastestMs), `boundary ${path} has no time`);
  check(results.boundary?.sameOutput === true, "triage(object) and triageSerde(object) gave different outputs");
  for (const [name, figures] of Object.entries(results.messages ?? {})) {
    check(["jsonTextInUs", "serdeInUs", "jsonTextOutUs", "serdeOutUs"].every((k) => isTime(figures[k])), `message ${name} has no times`);
    check(figures.sameValue === true, `message ${name} reads differently by the two paths`);
  }
  check(Object.keys(results.messages ?? {}).length === 2, "the two bridge messages were not measured");
  if (reference) {
    const nativeBytes = readFileSync(reference, "utf8");
    const pageBytes = await page.evaluate(() => window.benchBundleText);
    check(pageBytes === nativeBytes, `the page's bundle (${pageBytes?.length} chars) is not examples/generate_bundle's (${nativeBytes.length})`);
  }
  const stages = Object.entries(results.stages ?? {}).map(([k, v]) => `${k} ${v.fastestMs?.toFixed(1)}`).join(", ");
  console.log(`bench page (${query}): ${(results.bytes / 1e6).toFixed(2)} MB; fastest ms: ${stages}; ` +
    `triageJson / JSON.parse ${results.ratio?.toFixed(2)}; boundary json ${results.boundary?.jsonText?.fastestMs?.toFixed(1)} ` +
    `serde ${results.boundary?.serde?.fastestMs?.toFixed(1)}; messages ${JSON.stringify(results.messages)}`);
} catch (e) {
  failures.push(`${e.stack ?? e}`);
} finally {
  await browser?.close();
  server.kill();
}
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(failures.length ? `${failures.length} failed` : "bench page reports every stage (figures: target/bench-page.json, screenshot: target/bench-page.png)");
process.exit(failures.length ? 1 : 0);
