// The intake lead's day on the demo data, in headless Chromium (playwright-core, /usr/bin/chromium):
// open the queue, filter to escalations, open one, see the highlighted evidence, reassign, log an
// attempt and a booked disposition, reload and find it persisted, see the reports change. Then the
// settings' inline errors and live template verdicts, the sidebar's time to interactive, and a
// queue of 10,000 calls (filter latency and scroll frame times). Screenshots of each surface go to
// $SHOTS; measured timings to $SHOTS/timings.json.
const { launchChromium } = require('./browser.cjs');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { serve } = require('./serve.cjs');
const { pinClock, pinDateOnly } = require('./clock.cjs');

const DIST = process.env.DIST || path.resolve(__dirname, '../../dist');
const SHOTS = process.env.SHOTS || path.resolve(__dirname, '../../target/e2e-screenshots');
const timings = {};

function step(name) {
  console.log(`e2e: ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/// Makes `page` note, in the page, the moment `readySelector` is in the DOM with no `.loading`
/// left (ms since the first navigation: `window.ccReadyAt`) and the files whose fetch had
/// finished by then (`window.ccFetchedBeforeReady`: resource timing lists a file once it has
/// arrived, so what is asked for after that moment, such as write-back's chunk, is not counted).
async function recordReadyMoment(page, readySelector) {
  await page.addInitScript((selector) => {
    if (!sessionStorage.ccFirstOrigin) {
      sessionStorage.ccFirstOrigin = String(performance.timeOrigin);
      sessionStorage.ccFirstUrl = location.href;
    }
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector) && !document.querySelector('.loading')) {
        window.ccReadyAt = performance.timeOrigin + performance.now() - Number(sessionStorage.ccFirstOrigin);
        window.ccFetchedBeforeReady = [sessionStorage.ccFirstUrl, location.href,
          ...performance.getEntriesByType('resource').map((e) => e.name)];
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, readySelector);
}

/// Opens `url` in a new page and measures, in the page, the moment `readySelector` is in the DOM
/// with no `.loading` left (ms since navigation), and which files from dist/ were requested by
/// then. Their gzip -9 sizes add up to what that surface loaded before it was interactive. A
/// redirect (the app's ?embed=sidebar goes to the lean bundle) counts from the first navigation.
async function measureLoad(context, url, readySelector) {
  const probe = await context.newPage();
  await recordReadyMoment(probe, readySelector);
  const s0 = Date.now();
  await probe.goto(url);
  await probe.waitForSelector(readySelector, { state: 'visible', timeout: 10000 });
  await probe.waitForFunction(() => window.ccReadyAt !== undefined, null, { timeout: 10000 });
  const wallMs = Date.now() - s0;
  const finalUrl = probe.url();
  const { readyMs, fetched } = await probe.evaluate(() => ({
    readyMs: Math.round(window.ccReadyAt),
    fetched: window.ccFetchedBeforeReady,
  }));
  await probe.close();
  return { readyMs, wallMs, finalUrl, ...loadedSizes(fetched) };
}

/// The gzip -9 sizes of the dist/ files behind `urls` (a page's own URL counts as its index.html),
/// and what `callback-clock serve` sends for them to a browser that accepts brotli: the build's
/// FILE.br (scripts/precompress), else the file as it is.
function loadedSizes(urls) {
  const files = [...new Set(urls.map((u) => new URL(u).pathname))].map((p) => {
    let file = path.join(DIST, decodeURIComponent(p));
    if (p.endsWith('/') || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(DIST, p.startsWith('/sidebar/') ? 'sidebar' : '', 'index.html');
    const served = fs.existsSync(`${file}.br`) ? `${file}.br` : file;
    return { path: p, gzip: zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length, brotli: fs.statSync(served).size };
  });
  // The `_kb` figures are KiB (1,024 bytes), rounded up, as this e2e has always written them;
  // the `_bytes` ones are exact, and the budgets below are checked on them in KB of 1,000.
  const bytesOf = (key) => files.reduce((sum, f) => sum + f[key], 0);
  const kbOf = (key) => Math.ceil(bytesOf(key) / 1024);
  return {
    kb: kbOf('gzip'), brotliKb: kbOf('brotli'), bytes: bytesOf('gzip'), brotliBytes: bytesOf('brotli'),
    files: files.map((f) => `${f.path} ${f.gzip}`),
  };
}

/// A 10,000-call bundle: one month of calls over 5 tracking numbers, voicemails of a few kinds.
function bigBundle() {
  const kinds = [
    'I smell gas in the basement, please call right away.',
    'Our furnace stopped working, can someone come today?',
    'I would like to schedule a tune-up next month.',
    'How much do you charge for a drain cleaning?',
    'This is the second time nobody showed up, I am very disappointed.',
  ];
  const now = Date.parse('2026-11-24T22:00:00Z');
  const calls = [];
  for (let i = 0; i < 10000; i++) {
    const at = new Date(now - (i * 4 + 1) * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    calls.push({
      id: `BIG${i}`, from: `+1${['312', '773', '872', '708', '630'][i % 5]}555${String(i).padStart(4, '0')}`,
      caller_name: `Caller ${i}`, to: `+1312555010${i % 5}`, started_at: at, status: i % 3 ? 'voicemail' : 'no-answer',
      voicemail: i % 3 ? { transcript: kinds[i % kinds.length], confidence: 0.9 } : null,
    });
  }
  return {
    now: '2026-11-24T22:00:00Z',
    config: {
      timezone: 'America/Chicago',
      business_hours: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '17:00']] },
      sources: [0, 1, 2, 3, 4].map((k) => ({ number: `+1312555010${k}`, name: `Source ${k}` })),
      owners: [{ id: 'a', name: 'Alex' }, { id: 'b', name: 'Blair' }],
      routing: { default_owner: 'a', after_hours_owner: 'b' },
    },
    calls,
  };
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = await serve(DIST, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  await pinClock(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  try {
    step('first start loads the demo into IndexedDB');
    await page.goto(`${base}/queue`);
    await page.waitForSelector('.queue-row', { timeout: 30000 });

    step('reports before the day');
    await page.click('nav.tabs a[href="/reports"]');
    await page.waitForSelector('[data-testid="reports"]', { timeout: 15000 });
    await page.waitForTimeout(300);
    const reportsBefore = await page.innerText('[data-testid="reports"]');
    await shot(page, '01-reports-before');

    step('queue, filtered to escalations');
    await page.click('nav.tabs a[href="/queue"]');
    await page.waitForSelector('.queue-row');
    await shot(page, '02-queue');
    await page.selectOption('select[name="action"]', 'escalate');
    // Until the filter has redrawn the list (a fixed pause flakes on a busy machine).
    await page.waitForFunction(() => {
      const badges = [...document.querySelectorAll('.queue-row .row-title .badge:first-of-type')];
      return badges.length > 0 && badges.every((b) => b.textContent === 'Escalate');
    }, null, { timeout: 10000 });
    const badges = await page.$$eval('.queue-row .row-title .badge:first-of-type', (els) => els.map((e) => e.textContent));
    assert.ok(badges.length > 0, 'there are escalations in the demo');
    assert.ok(badges.every((b) => b === 'Escalate'), `only escalations: ${badges}`);

    step('open the first escalation with a voicemail, see highlighted evidence');
    const rows = await page.$$('.queue-row');
    let callId = null;
    for (const row of rows) {
      await row.click();
      await page.waitForSelector('.call-detail');
      if (await page.$('.call-detail mark.ev')) {
        callId = await row.getAttribute('data-call-id');
        break;
      }
    }
    assert.ok(callId, 'an escalation with highlighted evidence');
    assert.ok(page.url().includes(`call=${callId}`), 'the open call is in the URL');
    const marks = await page.$$eval('.call-detail mark.ev', (els) => els.map((e) => [e.textContent, e.dataset.labels]));
    const tags = await page.$$eval('.call-detail .ev-tag', (els) => els.map((e) => e.textContent));
    assert.ok(marks.length > 0 && tags.length > 0, 'evidence highlighted and labeled');
    console.log(`e2e: ${callId}: evidence ${JSON.stringify(marks)}`);
    await shot(page, '03-call-detail-escalation');

    step('reassign');
    const before = await page.innerText('.call-detail .owner-name');
    const options = await page.$$eval('select[name="reassign"] option', (os) => os.map((o) => [o.value, o.textContent]));
    const target = options.find(([v, t]) => v && !t.startsWith(before));
    await page.selectOption('select[name="reassign"]', target[0]);
    await page.click('.owner-box button:has-text("Reassign")');
    await page.waitForFunction((name) => document.querySelector('.call-detail .owner-name').textContent.startsWith(name),
      target[1].replace(' (away)', ''), { timeout: 5000 });

    step('log an attempt and a booked disposition');
    await page.click('button:has-text("Log callback attempt")');
    await page.waitForSelector('button:has-text("Log callback attempt (1)")');
    await page.selectOption('select[name="disposition"]', 'booked');
    await page.click('button:has-text("Log disposition")');
    await page.waitForSelector('.actions .badge.done:has-text("booked")');
    // The clock stopped: the detail says how the call ended, its queue row no longer counts down.
    await page.waitForSelector('.deadline .countdown.closed:has-text("Closed: booked")');
    const openedId = await page.$eval('.queue-row.selected', (row) => row.dataset.callId);
    await page.waitForFunction((id) => document.querySelector(`.queue-row[data-call-id="${id}"] .row-due`).textContent === '', openedId);
    const audit = await page.$$eval('.audit li', (els) => els.length);
    assert.ok(audit >= 3, `audit trail has the actions (${audit})`);
    await shot(page, '04-call-detail-worked');

    step('reload: everything persisted');
    await page.reload();
    await page.waitForSelector('.call-detail');
    assert.ok((await page.innerText('.call-detail .owner-name')).startsWith(target[1].replace(' (away)', '')));
    await page.waitForSelector('.actions .badge.done:has-text("booked")');
    assert.ok((await page.$$eval('.audit li', (els) => els.length)) >= 3);

    step('undo the last action, then redo it');
    await page.click('button:has-text("Undo last action")');
    await page.waitForFunction(() => !document.querySelector('.actions .badge.done'), null, { timeout: 5000 });
    await page.selectOption('select[name="disposition"]', 'booked');
    await page.click('button:has-text("Log disposition")');
    await page.waitForSelector('.actions .badge.done:has-text("booked")');

    step('reports changed');
    await page.click('nav.tabs a[href="/reports"]');
    await page.waitForSelector('[data-testid="reports"]');
    await page.waitForFunction((before) => document.querySelector('[data-testid="reports"]').innerText !== before, reportsBefore, { timeout: 10000 });
    const reportsAfter = await page.innerText('[data-testid="reports"]');
    assert.notStrictEqual(reportsAfter, reportsBefore, 'the reports reflect the day');
    await shot(page, '05-reports-after');

    step('settings: inline errors and live template verdicts');
    await page.click('nav.tabs a[href="/settings"]');
    await page.waitForSelector('.settings-page');
    await page.fill('input[name="hours-mon"]', '09:00-08:00');
    await page.waitForSelector('.field-error');
    await page.fill('textarea[name="template-0"]', 'Hi! A technician can be there within 2 hours for $49.');
    await page.waitForSelector('[data-verdict="blocked"]');
    await shot(page, '06-settings-invalid');
    await page.click('button:has-text("Save settings")');
    await page.waitForSelector('.settings-page .notice.error');
    await page.fill('input[name="hours-mon"]', '07:00-12:00, 12:30-18:00');
    await page.fill('textarea[name="template-0"]', 'Hi, this is Northside. Sorry we missed your call. We will call you back.');
    await page.waitForSelector('[data-verdict="approved"]');

    step('settings: an owner added in the table is offered as the default owner, and removed again');
    await page.click('button:has-text("Add owner")');
    await page.locator('input[aria-label="Owner id"]').last().fill('o_nia');
    await page.locator('input[aria-label="Owner id"]').last().press('Tab');
    await page.locator('input[aria-label="Owner name"]').last().fill('Nia Park');
    await page.locator('input[aria-label="Owner name"]').last().press('Tab');
    const niaOption = 'select[aria-label="Default owner"] option:has-text("Nia Park (o_nia)")';
    await page.waitForSelector(niaOption, { state: 'attached' });
    await page.locator('tr:has(input[aria-label="Owner id"][value="o_nia"]) button:has-text("Remove")').click();
    await page.waitForSelector(niaOption, { state: 'detached' });

    step('time to interactive and bytes loaded before it: the queue on a repeat visit, both sidebars');
    // Each on a fresh page with the store seeded (the stored queue is shown while the engine's
    // chunk loads). The lean sidebar loads cold; the app's ?embed=sidebar then redirects to it
    // (its files are in the HTTP cache by then, so that figure is the redirect's cost).
    // Timings need the browser's real timers, animation frames and resource timing, which
    // Playwright's clock replaces: this context pins only Date, at the same instant.
    const perfContext = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    await pinDateOnly(perfContext);
    const perf = await perfContext.newPage();
    perf.on('pageerror', (e) => errors.push(String(e)));
    perf.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await recordReadyMoment(perf, '.queue-row');
    const t0 = Date.now();
    await perf.goto(`${base}/queue`);
    await perf.waitForSelector('.queue-row', { timeout: 30000 });
    timings.queue_first_start_ms = Date.now() - t0;
    // The very first start has no stored queue: it generates the demo and triages before the
    // queue shows, so it loads the demo's and the engine's chunks and the phone metadata too.
    // What had arrived when the rows showed, measured in the page (write-back's chunk is asked
    // for after that, and a poll from here would count it).
    await perf.waitForFunction(() => window.ccReadyAt !== undefined, null, { timeout: 10000 });
    timings.queue_first_start_in_page_ms = Math.round(await perf.evaluate(() => window.ccReadyAt));
    const firstStart = loadedSizes(await perf.evaluate(() => window.ccFetchedBeforeReady));
    timings.queue_first_start_loaded_kb = firstStart.kb;
    timings.queue_first_start_brotli_as_served_kb = firstStart.brotliKb;
    timings.queue_first_start_loaded_bytes = firstStart.bytes;
    timings.queue_first_start_brotli_as_served_bytes = firstStart.brotliBytes;
    timings.queue_first_start_file_count = firstStart.files.length;
    timings.queue_first_start_files = firstStart.files;
    // Write-back (in the admin surfaces' module) starts after the rows: fetched beside the
    // engine, it had arrived long before them (141 KB of a first start until 2026-12-04).
    assert.ok(!firstStart.files.some((f) => f.includes('write_back')),
      `write-back's code arrived before the first start's rows: ${firstStart.files}`);
    // Issue 16's first start: at most 25 files before the rows, and 500 KB as `serve` sends them
    // (the build's brotli). Bytes fail only past SIZE_MARGIN_PERCENT, as in scripts/size-report,
    // so a toolchain's few KB never fail CI and a real regression does.
    const marginPercent = Number(process.env.SIZE_MARGIN_PERCENT ?? 5);
    assert.ok(firstStart.files.length <= 25,
      `the first start fetched ${firstStart.files.length} files before its rows (budget 25): ${firstStart.files}`);
    assert.ok(firstStart.brotliBytes <= 500_000 * (1 + marginPercent / 100),
      `the first start fetched ${firstStart.brotliBytes} bytes as served before its rows (budget 500 KB, margin ${marginPercent}%)`);
    const queueLoad = await measureLoad(perfContext, `${base}/queue`, '.queue-row');
    timings.queue_repeat_visit_interactive_ms = queueLoad.readyMs;
    timings.queue_repeat_visit_loaded_before_interactive_kb = queueLoad.kb;
    timings.queue_repeat_visit_brotli_as_served_kb = queueLoad.brotliKb;
    timings.queue_repeat_visit_files = queueLoad.files;
    for (const [key, url] of [['sidebar', `${base}/sidebar/?embed=sidebar`], ['full_app_sidebar', `${base}/?embed=sidebar`]]) {
      const load = await measureLoad(perfContext, url, '.cc-sidebar');
      assert.ok(new URL(load.finalUrl).pathname === '/sidebar/', `${url} is served by the lean sidebar bundle`);
      timings[`${key}_interactive_ms`] = load.readyMs;
      timings[`${key}_wall_ms_polled_from_outside`] = load.wallMs;
      timings[`${key}_loaded_before_interactive_kb`] = load.kb;
      timings[`${key}_brotli_as_served_kb`] = load.brotliKb;
      timings[`${key}_loaded_before_interactive_bytes`] = load.bytes;
      timings[`${key}_files`] = load.files;
    }
    const sidebar = await context.newPage();
    await sidebar.goto(`${base}/sidebar/?embed=sidebar`);
    await sidebar.waitForSelector('.cc-sidebar', { state: 'visible', timeout: 10000 });
    await sidebar.setViewportSize({ width: 380, height: 760 });
    await shot(sidebar, '07-sidebar');
    await sidebar.close();

    step('queue with 10,000 calls: import, filter latency, scroll frame times');
    const bigFile = path.join(SHOTS, 'bundle-10k.json');
    fs.writeFileSync(bigFile, JSON.stringify(bigBundle()));
    // Each triage's own time, from the app's console lines around the engine's run.
    await perf.evaluate(() => {
      window.ccTriageRuns = [];
      const debug = console.debug;
      console.debug = (...args) => {
        const line = String(args[0]);
        if (line === 'callback-clock: triage: running') window.ccTriageRuns.push({ started: performance.now() });
        const last = window.ccTriageRuns[window.ccTriageRuns.length - 1];
        if (line === 'callback-clock: triage: done' && last && last.done === undefined) last.done = performance.now();
        return debug.apply(console, args);
      };
    });
    await perf.click('.data-menu > button');
    // An import replaces what is stored, so it asks first.
    perf.once('dialog', (d) => d.accept());
    const i0 = Date.now();
    await perf.setInputFiles('.data-menu input[type="file"]', bigFile);
    await perf.waitForFunction(() => /^10000 calls/.test(document.querySelector('.queue-count').textContent), null, { timeout: 60000 });
    timings.import_and_triage_10k_ms = Date.now() - i0;
    const lastRun = () => perf.evaluate(() => {
      const run = window.ccTriageRuns[window.ccTriageRuns.length - 1];
      return run && run.done !== undefined ? Math.round(run.done - run.started) : null;
    });
    timings.triage_10k_imported_ms = await lastRun();
    timings.rows_in_dom_10k = await perf.$$eval('.queue-row', (els) => els.length);
    await shot(perf, '08-queue-10k');
    timings.filter_latency_ms = await perf.evaluate(async () => {
      const select = document.querySelector('select[name="urgency"]');
      const samples = [];
      for (const value of ['emergency', 'routine', 'urgent', '']) {
        const start = performance.now();
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        samples.push(Math.round(performance.now() - start));
      }
      return samples;
    });
    timings.search_latency_ms = await perf.evaluate(async () => {
      const input = document.querySelector('input.search');
      const start = performance.now();
      input.value = 'caller 99';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const took = Math.round(performance.now() - start);
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return took;
    });
    timings.scroll_frames = await perf.evaluate(async () => {
      const list = document.querySelector('.queue-list');
      const frames = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        list.scrollTop += 640;
        list.dispatchEvent(new Event('scroll'));
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      return { count: frames.length, median_ms: +frames[60].toFixed(1), p95_ms: +frames[114].toFixed(1), max_ms: +frames[119].toFixed(1) };
    });
    step('keyboard: j/k move and open');
    await perf.click('.queue-count');
    await perf.keyboard.press('j');
    await perf.keyboard.press('j');
    await perf.waitForSelector('.call-detail');

    step('an action on the 10,000-call queue triages again, its voicemails taken as already read');
    const runsBefore = await perf.evaluate(() => window.ccTriageRuns.length);
    await perf.click('.call-detail button:has-text("Log callback attempt")');
    await perf.waitForFunction((n) => window.ccTriageRuns.length > n && window.ccTriageRuns[window.ccTriageRuns.length - 1].done !== undefined,
      runsBefore, { timeout: 30000 });
    timings.retriage_10k_after_action_ms = await lastRun();
    assert.ok(timings.retriage_10k_after_action_ms !== null, 'the action triaged the queue again');

    step('reset to the demo');
    perf.once('dialog', (d) => d.accept());
    await perf.click('.data-menu > button');
    await perf.click('button:has-text("Reset to demo data")');
    await perf.waitForFunction(() => !/^10000 calls/.test(document.querySelector('.queue-count').textContent), null, { timeout: 30000 });

    step('a caller from abroad: a triage that needs the phone metadata waits for it and triages again');
    // The demo's numbers are all read without the metadata; this bundle's London caller is not.
    // A new browser (empty store) starts on the demo, with the metadata's file held back; the
    // London bundle is imported. Its first pass must not show a row (it read him without the
    // metadata); once the file is let through, the second pass matches him to his contact. No
    // stored row names her in this browser, so her name can only come from that second pass.
    const abroad = bigBundle();
    abroad.calls = [{
      id: 'UK1', from: '+44 20 7946 0958', to: '+13125550100', started_at: '2026-11-24T21:30:00Z', status: 'voicemail',
      voicemail: { transcript: 'Hi, calling from London about the quote you sent, please call me back.', confidence: 0.9 },
    }];
    abroad.crm = { contacts: [{ id: 'k1', name: 'Harriet Vale', phones: ['+442079460958'], customer: true, sms_consent: 'unknown' }] };
    const abroadFile = path.join(SHOTS, 'bundle-abroad.json');
    fs.writeFileSync(abroadFile, JSON.stringify(abroad));
    const abroadContext = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    await pinDateOnly(abroadContext);
    let letMetadataThrough;
    const metadataHeld = new Promise((resolve) => { letMetadataThrough = resolve; });
    await abroadContext.route('**/phone/metadata.bin', async (route) => { await metadataHeld; await route.continue(); });
    const fresh = await abroadContext.newPage();
    const traces = [];
    fresh.on('console', (m) => traces.push(m.text()));
    fresh.on('pageerror', (e) => errors.push(String(e)));
    await fresh.goto(`${base}/queue`);
    await fresh.waitForSelector('.queue-row', { timeout: 30000 });
    const demoCount = await fresh.innerText('.queue-count');
    await fresh.click('.data-menu > button');
    fresh.once('dialog', (d) => d.accept());
    await fresh.setInputFiles('.data-menu input[type="file"]', abroadFile);
    const deadline = Date.now() + 20000;
    while (!traces.some((t) => t.includes('triage: a number needs the phone metadata')) && Date.now() < deadline) {
      await fresh.waitForTimeout(50);
    }
    assert.ok(traces.some((t) => t.includes('triage: a number needs the phone metadata')),
      `the import read a number without the metadata: ${traces}`);
    // Held here, the import's bundle is not on screen yet (the demo's rows stay until its triage
    // is shown): the pass that read him without the metadata showed nothing.
    await fresh.waitForTimeout(300);
    assert.strictEqual(await fresh.innerText('.queue-count'), demoCount,
      'the pass that read him without the metadata is not shown');
    letMetadataThrough();
    await fresh.waitForSelector('.queue-row:has-text("Harriet Vale")', { timeout: 20000 });
    assert.match(await fresh.innerText('.queue-count'), /^1 call/, 'the bundle\'s one call, matched to her');
    await abroadContext.close();

    fs.writeFileSync(path.join(SHOTS, 'timings.json'), JSON.stringify(timings, null, 2));
    assert.deepStrictEqual(errors, [], 'no errors in the page');
    console.log(`e2e: timings ${JSON.stringify(timings)}`);
    console.log('e2e: ok');
  } catch (e) {
    await shot(page, 'failure').catch(() => {});
    console.error(`e2e: page errors: ${JSON.stringify(errors)}`);
    throw e;
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
