// Faults of the browser itself, in headless Chromium: a store that cannot be read is kept and
// offered (never replaced by the demo), a full disk (IndexedDB refusing writes with a
// QuotaExceededError) fails a write whole and loses nothing, and a tab opened before a deploy, whose chunk files are
// gone, reloads cleanly into the new build instead of staying broken. Screenshots go to $SHOTS.
//
//   DIST=dist SHOTS=target/e2e-screenshots node tests/e2e/store_faults.cjs
const { launchChromium } = require('./browser.cjs');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { serve } = require('./serve.cjs');
const { pinClock } = require('./clock.cjs');

const DIST = process.env.DIST || path.resolve(__dirname, '../../dist');
const SHOTS = process.env.SHOTS || path.resolve(__dirname, '../../target/e2e-screenshots');

function step(name) {
  console.log(`e2e store faults: ${name}`);
}

/// Every key of an object store of the app's database, read in the page.
function storeKeys(page, store) {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const open = indexedDB.open('callback-clock');
    open.onsuccess = () => {
      const request = open.result.transaction(store).objectStore(store).getAllKeys();
      request.onsuccess = () => { open.result.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
    open.onerror = () => reject(open.error);
  }), store);
}

async function unreadableStoreIsKept(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await pinClock(context);
  const page = await context.newPage();
  step('first start stores the demo');
  await page.goto(`${base}/queue`);
  await page.waitForSelector('.queue-row', { timeout: 30000 });
  const bundleBefore = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('callback-clock');
    open.onsuccess = () => {
      const get = open.result.transaction('state').objectStore('state').get('bundle');
      get.onsuccess = () => { open.result.close(); resolve(get.result); };
    };
  }));

  step('one action record is not JSON (a bug, a half-written record, another version)');
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('callback-clock');
    open.onsuccess = () => {
      const tx = open.result.transaction('actions', 'readwrite');
      tx.objectStore('actions').put('{ not an action', 'broken#1');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await page.waitForSelector('[data-testid="unreadable-store"]', { timeout: 30000 });
  const said = await page.innerText('[data-testid="unreadable-store"]');
  assert.ok(/could not be read/.test(said) && /Nothing was deleted/.test(said), `the app says so: ${said}`);
  assert.ok(!(await page.$('.queue-row')), 'no demo rows replaced the data');
  await page.screenshot({ path: path.join(SHOTS, 'store-faults-01-unreadable.png') });

  const keys = await storeKeys(page, 'state');
  const backup = keys.find((k) => String(k).startsWith('unreadable-'));
  assert.ok(backup, `a backup key was written: ${keys}`);
  const kept = await page.evaluate((backup) => new Promise((resolve) => {
    const open = indexedDB.open('callback-clock');
    open.onsuccess = () => {
      const tx = open.result.transaction('state').objectStore('state');
      const bundle = tx.get('bundle');
      const copy = tx.get(backup);
      copy.onsuccess = () => { open.result.close(); resolve({ bundle: bundle.result, copy: copy.result }); };
    };
  }), backup);
  assert.strictEqual(kept.bundle, bundleBefore, 'the stored bundle is untouched');
  const copy = JSON.parse(kept.copy);
  assert.strictEqual(copy.state.bundle, bundleBefore, 'the backup holds the bundle');
  assert.strictEqual(copy.actions['broken#1'], '{ not an action', 'the backup holds the broken record as it was');

  step('the person downloads the copy, then starts over');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="unreadable-store"] button:has-text("Download the stored data")'),
  ]);
  const downloaded = fs.readFileSync(await download.path(), 'utf8');
  assert.strictEqual(JSON.parse(downloaded).format, 'callback-clock-unreadable/1');
  await page.click('[data-testid="unreadable-store"] button:has-text("Start over with the demo")');
  await page.waitForSelector('.queue-row', { timeout: 30000 });
  assert.ok((await storeKeys(page, 'state')).includes(backup), 'the backup outlives the fresh start');
  await context.close();
}

async function aFullDiskLosesNothing(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await pinClock(context);
  const page = await context.newPage();
  step('the storage quota runs out while a person logs an attempt');
  await page.goto(`${base}/queue`);
  await page.waitForSelector('.queue-row', { timeout: 30000 });
  const callId = await page.$eval('.queue-row', (row) => row.dataset.callId);
  await page.click(`.queue-row[data-call-id="${callId}"]`);
  await page.waitForSelector('.call-detail');
  const actionsBefore = (await storeKeys(page, 'actions')).length;
  // Chromium's DevTools quota override does not reach IndexedDB here, so the page's IndexedDB
  // refuses every write as a full disk does, with a QuotaExceededError.
  await page.evaluate(() => {
    for (const name of ['add', 'put']) {
      IDBObjectStore.prototype[name] = function refuse() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
  });
  await page.click('button:has-text("Log callback attempt")');
  await page.waitForSelector('.notice.error', { timeout: 15000 });
  const said = await page.innerText('.notice.error');
  assert.ok(/storage/i.test(said), `the person is told the write failed: ${said}`);
  await page.screenshot({ path: path.join(SHOTS, 'store-faults-03-quota.png') });

  step('space again: nothing was half-written, nothing earlier was lost');
  await page.reload();
  await page.waitForSelector('.queue-row', { timeout: 30000 });
  assert.ok(!(await page.$('[data-testid="unreadable-store"]')), 'the store still reads');
  assert.strictEqual((await storeKeys(page, 'actions')).length, actionsBefore, 'the failed attempt left no record');
  await context.close();
}

async function aTabOpenedBeforeADeployReloadsIntoIt(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await pinClock(context);
  const page = await context.newPage();
  const errors = [];
  step('a tab is open on the queue');
  await page.goto(`${base}/queue`);
  await page.waitForSelector('.queue-row', { timeout: 30000 });
  const before = await page.$eval('meta[name="cc-build"]', (m) => m.content);
  assert.ok(/^[0-9a-f]{16}$/.test(before), `the page carries its build id: ${before}`);

  step('a deploy replaces the files: the old chunks are gone, the server has a new build');
  let deployed = false;
  let documents = 0;
  page.on('pageerror', (e) => errors.push(String(e)));
  // The reload's document request is the new deploy: from then on the chunks are there again.
  page.on('request', (r) => {
    if (r.resourceType() === 'document') {
      documents += 1;
      deployed = true;
    }
  });
  await page.route('**/build-id.txt', (route) => route.fulfill({ body: 'next-build\n' }));
  await page.route(/\/(split|chunk)_[^/]*\.wasm$/, (route) => (deployed ? route.continue() : route.fulfill({ status: 404 })));

  step('opening reports needs a chunk: it fails, the page reloads into the new build');
  const reloaded = page.waitForEvent('load', { timeout: 30000 });
  await page.click('nav.tabs a[href="/reports"]');
  await reloaded;
  assert.ok(documents >= 1, 'the page reloaded');
  await page.waitForSelector('.queue-row, [data-testid="reports"]', { timeout: 30000 });
  step('the reloaded tab runs the new build: reports open');
  if (!(await page.$('[data-testid="reports"]'))) await page.click('nav.tabs a[href="/reports"]');
  await page.waitForSelector('[data-testid="reports"]', { timeout: 30000 });
  await page.screenshot({ path: path.join(SHOTS, 'store-faults-02-after-deploy.png') });
  console.log(`e2e store faults: errors before the reload: ${JSON.stringify(errors)}`);
  await context.close();
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await serve(DIST, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    await unreadableStoreIsKept(browser, base);
    await aFullDiskLosesNothing(browser, base);
    await aTabOpenedBeforeADeployReloadsIntoIt(browser, base);
    console.log('e2e store faults: ok');
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
