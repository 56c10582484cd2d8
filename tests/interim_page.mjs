// The interim page (www/interim.html on the optimized pkg/) in headless Chromium: it loads the
// wasm, triages the demo bundle and lists one row per call, with no page errors. Checks that
// the wasm-opt'd module really runs in a browser (binaryen 108's output passed every other check
// and then failed there). Run by scripts/test after scripts/build pkg; playwright-core comes from
// scripts/setup's tools dir through NODE_PATH.
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { mkdirSync, symlinkSync, rmSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const require = createRequire(import.meta.url);
const { launchChromium, openPage } = require("./e2e/browser.cjs");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const site = path.join(root, "target", "interim-test-site");
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
symlinkSync(path.join(root, "www"), path.join(site, "www"));
symlinkSync(path.join(root, "pkg"), path.join(site, "pkg"));

const port = 20000 + (process.pid % 20000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], {
  stdio: "ignore",
});
const demoCalls = JSON.parse(readFileSync(path.join(root, "www", "demo-bundle.json"), "utf8")).calls.length;

let browser;
let failures = 0;
try {
  browser = await launchChromium();
  const { page, errors } = await openPage(browser, `http://127.0.0.1:${port}/www/interim.html`);
  await page.waitForSelector("#decisions:not([hidden]) tbody tr", { timeout: 20000 });
  const rows = await page.locator("#decisions tbody tr").count();
  const status = await page.textContent("#status");
  const gasLeak = await page.textContent('tr[data-call-id="CA13"]');
  console.log(`status: ${status}`);
  if (rows !== demoCalls) { failures++; console.log(`FAIL ${rows} rows for ${demoCalls} demo calls`); }
  if (!/escalate/.test(gasLeak) || !/emergency/.test(gasLeak)) { failures++; console.log(`FAIL the gas leak row: ${gasLeak}`); }
  if (errors.length) { failures++; console.log(`FAIL page errors:\n${errors.join("\n")}`); }
  await page.screenshot({ path: path.join(root, "target", "interim-page.png"), fullPage: true });
} catch (e) {
  failures++;
  console.log(`FAIL ${e.stack ?? e}`);
} finally {
  await browser?.close();
  server.kill();
}
console.log(failures ? `${failures} failed` : "interim page renders every demo decision (screenshot: target/interim-page.png)");
process.exit(failures ? 1 : 0);
