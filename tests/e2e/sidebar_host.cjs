// The sidebar inside the plain host page (www/host.html), in headless Chromium: the host switches
// the record in view by postMessage (the app's own protocol and Chatwoot's appContext), a message
// from a disallowed origin (a sandboxed frame, origin "null") is ignored, one-click logging tells
// the host what changed, and the host's signed-in owner drives "My queue". Screenshots go to
// $SHOTS (target/e2e-screenshots/) as sidebar-host-*.png.
//
//   DIST=dist SHOTS=target/e2e-screenshots node tests/e2e/sidebar_host.cjs
const { launchChromium } = require('./browser.cjs');
const assert = require('assert');
const fs = require('fs');
const { serve: serveDist } = require('./serve.cjs');
const path = require('path');
const { pinClock } = require('./clock.cjs');

const REPO = path.resolve(__dirname, '../..');
const DIST = process.env.DIST || path.join(REPO, 'dist');
const SHOTS = process.env.SHOTS || path.join(REPO, 'target/e2e-screenshots');
const HOST_PAGE = path.join(REPO, 'www/host.html');
/// dist/ as built, plus www/host.html at /host.html (same origin as the app, which the sidebar trusts).
const serve = () => serveDist(DIST, 0, { '/host.html': HOST_PAGE });

function step(name) {
  console.log(`e2e sidebar: ${name}`);
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 } });
  await pinClock(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, `sidebar-host-${name}.png`) });

  try {
    step('host page loads the sidebar, which says ready');
    await page.goto(`${base}/host.html`);
    const frameHandle = await page.waitForSelector('iframe#sidebar');
    const sidebar = await frameHandle.contentFrame();
    await sidebar.waitForSelector('[data-testid="sidebar"]', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('#log').textContent.includes('callback-clock:ready'), null, { timeout: 15000 });
    const recordText = () => sidebar.innerText('[data-testid="record-in-view"]');
    assert.match(await recordText(), /None yet/);

    step('switch to Maria Alvarez by contact id');
    await page.click('#records button[data-key="maria"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('Maria Alvarez'));
    await sidebar.waitForSelector('.cc-sb-record .cc-card');
    const mariaCalls = await sidebar.$$eval('.cc-sb-record .cc-card-who', (els) => els.map((e) => e.textContent));
    assert.ok(mariaCalls.length > 0, 'Maria has missed calls');
    // Calls from another number whose caller name is hers (any case) are listed as possible matches.
    assert.ok(mariaCalls.every((who) => who.toLowerCase().includes('maria alvarez')), `only Maria's calls: ${mariaCalls}`);
    await shot('01-maria');

    step('switch to Carlos Patel: his escalated open-lead calls replace Maria\'s');
    await page.click('#records button[data-key="carlos"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('Carlos Patel'));
    // At least one card, all his: an empty list between two renders would pass `every` vacuously.
    await sidebar.waitForFunction(() => {
      const cards = [...document.querySelectorAll('.cc-sb-record .cc-card-who')];
      return cards.length > 0 && cards.every((e) => e.textContent.toLowerCase().includes('carlos patel'));
    });
    await shot('02-carlos');
    await sidebar.waitForSelector('.cc-sb-record .cc-tag-escalate', { timeout: 5000 });
    await shot('02-carlos');

    step('a message from another frame (a sandboxed sibling, origin "null") is ignored, not even read');
    await page.click('#evil');
    await page.waitForFunction(() => document.querySelector('#log').textContent.includes('from origin "null"'));
    await page.waitForTimeout(1000);
    assert.match(await recordText(), /Carlos Patel/, 'the record in view did not change');
    assert.doesNotMatch(await recordText(), /Mallory/);
    await shot('03-disallowed-ignored');

    step('by phone only: Julia Kowalski\'s number finds her calls');
    await page.click('#records button[data-key="julia"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('773-555-0166'));
    await sidebar.waitForFunction(() => [...document.querySelectorAll('.cc-sb-record .cc-card-who')].some((e) => e.textContent.includes('Julia Kowalski')));

    step('Chatwoot appContext (JSON text) sets the record by phone');
    await page.click('#records button[data-key="nina"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('Nina Quinn'));
    await sidebar.waitForFunction(() => [...document.querySelectorAll('.cc-sb-record .cc-card-who')].some((e) => e.textContent.includes('Nina Quinn')));

    step('log an attempt and a disposition in one click each; the host is told');
    const card = sidebar.locator('.cc-sb-record .cc-card').first();
    const callId = await card.getAttribute('data-call-id');
    await card.getByRole('button', { name: 'Log attempt' }).click();
    await page.waitForFunction((id) => document.querySelector('#log').textContent.includes(`"call_id":"${id}","change":"attempt"`), callId, { timeout: 30000 });
    await card.getByRole('button', { name: 'Booked' }).click();
    // The notice is a JSON object with sorted keys: contact_id may sit between change and outcome.
    await page.waitForFunction((id) => new RegExp(`"call_id":"${id}","change":"disposition"[^}]*"outcome":"booked"`).test(document.querySelector('#log').textContent), callId, { timeout: 30000 });
    await sidebar.waitForFunction((id) => document.querySelector(`.cc-card[data-call-id="${id}"]`).textContent.includes('done: booked'), callId);
    await shot('04-logged');

    step('the host\'s signed-in owner drives My queue, with countdowns');
    await page.selectOption('#owner', 'o_priya');
    await sidebar.waitForFunction(() => document.querySelector('.cc-sb-mine h2').textContent.includes('Priya Shah'));
    const countdowns = await sidebar.$$eval('.cc-sb-mine .cc-card-clock', (els) => els.map((e) => e.textContent));
    assert.ok(countdowns.length > 0 && countdowns.every((t) => /due in|overdue by|no deadline/.test(t)), `countdowns: ${countdowns}`);
    // Countdowns days away show days and hours; one that shows seconds must tick.
    const ticking = countdowns.findIndex((t) => /\d+s\b/.test(t));
    if (ticking >= 0) {
      await page.waitForTimeout(1500);
      const later = await sidebar.$$eval('.cc-sb-mine .cc-card-clock', (els) => els.map((e) => e.textContent));
      assert.notStrictEqual(later[ticking], countdowns[ticking], 'the countdown is live');
    }
    await shot('05-my-queue');

    step('closing the record clears it');
    await page.click('#clear');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('None yet'));

    step('the sidebar at 320 px stays readable');
    await page.setViewportSize({ width: 1180, height: 900 });
    await frameHandle.evaluate((f) => { f.style.width = '320px'; });
    await page.click('#records button[data-key="carlos"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('Carlos Patel'));
    const overflow = await sidebar.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 320 px (overflow ${overflow}px)`);
    await shot('06-narrow');

    step('a hostile ?app= address is refused, never framed: no script runs with the app\'s origin');
    for (const hostile of ['javascript:top.ccPwned=1//', 'data:text/html,<script>top.ccPwned=1</script>', 'JaVaScRiPt:top.ccPwned=1']) {
      const attacked = await context.newPage();
      await attacked.goto(`${base}/host.html?app=${encodeURIComponent(hostile)}`);
      await attacked.waitForFunction(() => document.querySelector('#log').textContent.includes('refused'));
      const framed = await attacked.$eval('iframe#sidebar', (f) => f.src);
      assert.strictEqual(new URL(framed).pathname, '/sidebar/', `framed ${framed} instead of the sidebar`);
      assert.strictEqual(await attacked.evaluate(() => window.ccPwned), undefined, `${hostile} ran`);
      await attacked.close();
    }

    assert.deepStrictEqual(errors, [], 'no page errors');
    console.log('e2e sidebar: ok');
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
