// A team on `callback-clock serve`, in headless Chromium: the real server (tests/e2e/served.cjs)
// in front of the fake Twilio and HubSpot, two people on two machines (two browser contexts,
// separate storage), and a mock CRM on another site framing the sidebar.
//
// - The intake lead opens the app: the server sends her to /signin, she signs in, the app adopts
//   the server's proxy by itself (no token typed anywhere), syncs through it, and a disposition
//   she logs is written to the fake HubSpot through it.
// - A reassignment she makes is written to the task's owner in HubSpot. Work done in HubSpot
//   itself (a task completed, a task reassigned) and a callback placed through Twilio reach her
//   queue with her next sync, as if they had been done in the app.
// - The rep opens the mock CRM on 127.0.0.1, which frames the sidebar from localhost (another
//   site, as a real CRM is): the sidebar signs in inside the frame, keeps its session in the
//   frame's partition (the same browser opening the app directly is not signed in), takes the
//   record in view from the CRM, and shows the rep's own queue.
// - The rep then opens the app itself on his laptop: after a sync the call reassigned to him in
//   HubSpot is in his My queue; he books it, and the lead's next sync shows it closed as booked.
// - Nothing any page, storage, cookie jar or server log line holds is a credential.
// Screenshots: $SHOTS/team-*.png.
//
//   DIST=dist SHOTS=target/e2e-screenshots FAKE_SERVICES=target/debug/examples/fake_services node tests/e2e/team_serve.cjs
const { launchChromium } = require('./browser.cjs');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { serve } = require('./serve.cjs');
const { startServed, signInThrough, TEAM } = require('./served.cjs');
const { pinClock } = require('./clock.cjs');
const { startFakes, tasksForCall, actionNotesForCall } = require('./fakes.cjs');

const REPO = path.resolve(__dirname, '../..');
const DIST = process.env.DIST || path.join(REPO, 'dist');
const SHOTS = process.env.SHOTS || path.join(REPO, 'target/e2e-screenshots');

function step(name) {
  console.log(`e2e team: ${name}`);
}


/// A change someone makes to a call's task in HubSpot itself (the fake's API, with its token).
async function changeTaskInHubSpot(info, callId, properties) {
  const [task] = await tasksForCall(info, callId);
  const response = await fetch(`${info.hubspot}/crm/v3/objects/tasks/${task.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${info.hubspot_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ properties }),
  });
  assert.strictEqual(response.status, 200, `the task of ${callId} changed in HubSpot`);
}

const completed = (task) => task.properties.hs_task_status === 'COMPLETED';

/// Reads the fake HubSpot until what it reads is `done` (a write leaves the outbox soon after
/// it is logged).
async function pollHubSpot(read, done, what) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const seen = await read();
    if (done(seen)) return;
    assert.ok(Date.now() < deadline, `${what}: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/// Until one of the call's tasks is `done`.
const waitForTask = (info, callId, done, what) =>
  pollHubSpot(() => tasksForCall(info, callId), (tasks) => tasks.some(done), what);

/// Until the bodies of the notes recording actions on the call are `done`.
const waitForNotes = (info, callId, done, what) =>
  pollHubSpot(async () => (await actionNotesForCall(info, callId)).map((n) => n.properties.hs_note_body), done, what);

/// Clicks "Sync now" on the Connections page and waits for its answer.
async function syncNow(page) {
  await page.click('nav.tabs a[href="/connections"]');
  await page.waitForSelector('.connections-page');
  const finished = () => page.$eval('[data-testid="sync-summary"]', (s) => s.dataset.finishedAt).catch(() => '');
  const before = await finished();
  await page.click('button:has-text("Sync now")');
  await page.waitForFunction((old) => {
    const summary = document.querySelector('[data-testid="sync-summary"]');
    return summary && summary.dataset.finishedAt !== old && !document.querySelector('.sync-progress');
  }, before, { timeout: 60000 });
}

/// Waits on the Connections page until every queued write has gone out.
async function waitForOutboxEmpty(page) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const counts = await page.innerText('[data-testid="outbox-counts"]');
    const [written, waiting] = counts.match(/\d+/g).map(Number);
    if (written > 0 && waiting === 0) return;
    if (Date.now() >= deadline) {
      const table = await page.innerText('table.outbox').catch(() => '(no outbox table)');
      assert.fail(`the outbox never emptied: ${counts}\n${table}`);
    }
    await page.waitForTimeout(250);
  }
}

/// Opens a call's detail in the queue.
async function openCall(page, callId) {
  await page.click('nav.tabs a[href="/queue"]');
  await page.selectOption('select[name="action"]', '').catch(() => {});
  await page.waitForSelector(`.queue-row[data-call-id="${callId}"]`, { timeout: 30000 });
  await page.click(`.queue-row[data-call-id="${callId}"]`);
  await page.waitForSelector(`.call-detail[data-call-id="${callId}"]`);
}

/// Everything a browser context could leak: each frame's text, local and session storage, and
/// the cookie jar. None of it may hold a credential.
async function assertNoSecretIn(context, secrets, where) {
  const seen = [];
  for (const page of context.pages()) {
    for (const frame of page.frames()) {
      seen.push(await frame.evaluate(() => {
        const dump = (storage) => { try { return JSON.stringify({ ...storage }); } catch (_) { return ''; } };
        return `${document.documentElement.outerHTML}\n${dump(localStorage)}\n${dump(sessionStorage)}`;
      }).catch(() => ''));
    }
  }
  seen.push(JSON.stringify(await context.cookies()));
  const all = seen.join('\n');
  for (const secret of secrets) assert.ok(!all.includes(secret), `${where} holds a credential`);
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const { child: fakes, info } = await startFakes();
  const crm = await serve(path.join(REPO, 'www'), 0);
  const crmBase = `http://127.0.0.1:${crm.address().port}`;
  const app = await startServed({ dist: DIST, crmOrigins: [crmBase], fakes: info });
  const browser = await launchChromium();
  const errors = [];
  const desk = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const laptop = await browser.newContext({ viewport: { width: 1180, height: 900 } });
  for (const context of [desk, laptop]) await pinClock(context);
  const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `team-${name}.png`), fullPage: true });

  try {
    step('the intake lead opens the app and is sent to sign in');
    const lead = await desk.newPage();
    lead.on('pageerror', (e) => errors.push(String(e)));
    const wasmFetched = [];
    lead.on('response', (r) => new URL(r.url()).pathname.endsWith('.wasm') && wasmFetched.push(r));
    await lead.goto(`${app.base}/queue`);
    await lead.waitForURL(/\/signin\?next=%2Fqueue/, { timeout: 30000 });
    await shot(lead, '01-sign-in');
    await signInThrough(lead, TEAM.intake);
    await lead.waitForURL(`${app.base}/queue`);
    await lead.waitForSelector('.queue-row', { timeout: 30000 });
    // The signed-in person is "me": her owner id from the user store, not the first owner listed.
    await lead.waitForFunction(() => document.querySelector('select[aria-label="Signed in as"]').value === 'o_desk');

    step('the server sent the wasm as the build precompressed it (brotli 11), not compressed again');
    // What Chromium itself fetched for this first start: each wasm file the build precompressed
    // (all but a few tiny chunks, which brotli would not shrink) came as brotli, and as many
    // bytes crossed the wire as the build's FILE.br holds. An answer with no body is the cache's
    // copy revalidated (the files are no-cache; the sign-in's redirect loads the app twice).
    const precompressed = (r) => fs.existsSync(path.join(DIST, `${path.basename(new URL(r.url()).pathname)}.br`));
    const transfers = [];
    for (const response of wasmFetched.filter(precompressed)) {
      const sizes = await response.request().sizes();
      if (sizes.responseBodySize > 0) transfers.push({ response, sizes });
    }
    assert.ok(transfers.length >= 2, `the first start fetched precompressed wasm (${transfers.length} files)`);
    let acceptEncoding;
    for (const { response, sizes } of transfers) {
      const name = path.basename(new URL(response.url()).pathname);
      const headers = await response.allHeaders();
      acceptEncoding = (await response.request().allHeaders())['accept-encoding'];
      assert.strictEqual(headers['content-encoding'], 'br', `${name} came to Chromium as brotli`);
      assert.strictEqual(sizes.responseBodySize, fs.statSync(path.join(DIST, `${name}.br`)).size,
        `Chromium received the build's ${name}.br`);
    }
    // The rest of the build's wasm, asked for as Chromium asked above: each comes as brotli,
    // with the length of the build's FILE.br, and decodes to the file.
    assert.ok(acceptEncoding, "Chromium's Accept-Encoding was seen");
    let checked = 0;
    for (const name of fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm') && fs.existsSync(path.join(DIST, `${f}.br`)))) {
      const answer = await fetch(`${app.base}/${name}`, { headers: { 'accept-encoding': acceptEncoding } });
      const body = Buffer.from(await answer.arrayBuffer());
      assert.strictEqual(answer.headers.get('content-encoding'), 'br', `${name} comes as brotli`);
      assert.strictEqual(Number(answer.headers.get('content-length')), fs.statSync(path.join(DIST, `${name}.br`)).size,
        `${name} is the build's ${name}.br`);
      assert.ok(body.equals(fs.readFileSync(path.join(DIST, name))), `${name} decodes to the file itself`);
      checked += 1;
    }
    assert.ok(checked >= 5, `the build's wasm was checked (${checked} files)`);
    console.log(`  ${transfers.length} wasm files fetched by Chromium and ${checked} asked directly come as the build's brotli`);

    step('the app adopted the server: Connections says so, with no token typed');
    await lead.click('nav.tabs a[href="/connections"]');
    await lead.waitForSelector('.server-panel:has-text("Signed in as Dana Desk (intake)")');
    assert.strictEqual(await lead.inputValue('input[type="password"] >> nth=0'), '', 'no token in any field');
    await shot(lead, '02-connections-through-server');

    step('behind the server the first sync runs by itself: the team\'s calls replace the demo, no click');
    const transcribed = 'CAfa4e0000000000000000000000000006';
    await lead.click('nav.tabs a[href="/queue"]');
    await lead.waitForSelector(`.queue-row[data-call-id="${transcribed}"]`, { timeout: 60000 });
    assert.strictEqual(await lead.$('.queue-row[data-call-id^="C0"]'), null, 'no demo call is left in the queue');
    await shot(lead, '02b-first-sync-by-itself');

    step('that sync went through the server to the fakes; tasks are written back through it');
    await lead.click('nav.tabs a[href="/connections"]');
    await lead.waitForSelector('[data-testid="sync-summary"]', { timeout: 60000 });
    await waitForOutboxEmpty(lead);
    const callId = await lead.$eval('table.outbox td:first-child', (td) => td.textContent.match(/callback task for call (\S+)/)[1]);
    assert.strictEqual((await tasksForCall(info, callId)).length, 1, `the task for ${callId} is in HubSpot`);
    await shot(lead, '03-synced-through-server');

    step('the synced voicemail has its Voice Intelligence text, through the server too');
    await lead.click('nav.tabs a[href="/queue"]');
    await lead.waitForSelector('.queue-row');
    await lead.click(`.queue-row[data-call-id="${transcribed}"]`);
    await lead.waitForSelector(`.call-detail[data-call-id="${transcribed}"]:has-text("my name is Ben Walsh")`);

    step('a disposition is written to HubSpot through the server');
    await lead.click(`.queue-row[data-call-id="${callId}"]`);
    await lead.waitForSelector(`.call-detail[data-call-id="${callId}"]`);
    await lead.selectOption('select[name="disposition"]', 'booked');
    await lead.click('button:has-text("Log disposition")');
    await lead.waitForSelector('.actions .badge.done:has-text("booked")');
    await waitForTask(info, callId, completed, `the task of ${callId} is completed`);
    await shot(lead, '04-disposition-written');
    assert.ok(app.log.some((line) => /^PATCH \/api\/hubspot\/crm\/v3\/objects\/tasks\/\S+ 200 user=dana@example.com/.test(line)),
      `the write went through the proxy as the signed-in person:\n${app.log.join('\n')}`);

    step('work done directly in HubSpot: one task completed, another reassigned to Marco');
    const written = await (async () => {
      await lead.click('nav.tabs a[href="/connections"]');
      await lead.waitForSelector('table.outbox');
      return lead.$$eval('table.outbox td:first-child', (tds) =>
        tds.map((td) => (td.textContent.match(/callback task for call (\S+)/) || [])[1]).filter(Boolean));
    })();
    const others = written.filter((id) => id !== callId);
    const completedThere = others[0];
    let reassignedThere = null;
    for (const id of others.slice(1)) {
      const [task] = await tasksForCall(info, id);
      if (task.properties.hubspot_owner_id !== 'o_marco') { reassignedThere = id; break; }
    }
    assert.ok(completedThere && reassignedThere, `two more written tasks to change: ${written}`);
    await changeTaskInHubSpot(info, completedThere, { hs_task_status: 'COMPLETED' });
    await changeTaskInHubSpot(info, reassignedThere, { hubspot_owner_id: 'o_marco' });

    step('a reassignment made in the app is written to the task in HubSpot');
    const movedHere = others.find((id) => id !== completedThere && id !== reassignedThere);
    await openCall(lead, movedHere);
    const [before] = await tasksForCall(info, movedHere);
    const newOwner = before.properties.hubspot_owner_id === 'o_lee' ? 'o_priya' : 'o_lee';
    await lead.selectOption('select[name="reassign"]', newOwner);
    await lead.click('.owner-box button:has-text("Reassign")');
    await waitForTask(info, movedHere, (t) => t.properties.hubspot_owner_id === newOwner,
      `the task of ${movedHere} went to ${newOwner}`);

    step('after the lead\'s next sync her queue shows both, as if done in the app');
    await syncNow(lead);
    await openCall(lead, completedThere);
    await lead.waitForSelector('.deadline .countdown.closed:has-text("Closed: reached")', { timeout: 15000 });
    await shot(lead, '05-completed-in-hubspot');
    await openCall(lead, reassignedThere);
    await lead.waitForFunction(() => document.querySelector('.call-detail .owner-name').textContent.startsWith('Marco Silva'));
    await shot(lead, '06-reassigned-in-hubspot');

    step('a callback placed through the phone system counts as the attempt after the next sync');
    const twilio = (pathAndQuery, init = {}) => fetch(`${info.twilio}/2010-04-01/Accounts/${info.twilio_account_sid}/${pathAndQuery}`, {
      ...init,
      headers: { ...(init.headers || {}), authorization: `Basic ${Buffer.from(`${info.twilio_key_sid}:${info.twilio_secret}`).toString('base64')}` },
    });
    const withCallerId = [];
    for (const id of others.filter((x) => ![completedThere, reassignedThere, movedHere].includes(x))) {
      const call = await (await twilio(`Calls/${id}.json`)).json();
      if (/^\+\d{8,15}$/.test(call.from || '')) withCallerId.push({ id, from: call.from });
    }
    assert.ok(withCallerId.length >= 2, `two written calls with a real caller id to call back: ${JSON.stringify(withCallerId)}`);
    const [{ id: calledBack, from: callerNumber }, loggedInHubSpot] = withCallerId;
    const placedCall = await twilio('Calls.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: callerNumber, From: '+13035550100', Url: 'https://example.com/twiml' }).toString(),
    });
    assert.strictEqual(placedCall.status, 201, 'the fake Twilio placed the call');
    await syncNow(lead);
    await openCall(lead, calledBack);
    await lead.waitForSelector('button:has-text("Log callback attempt (1)")', { timeout: 15000 });
    await shot(lead, '06b-callback-placed-through-twilio');

    step('a callback a rep logged in HubSpot itself counts as the attempt after the next sync');
    // When the rep logs it: the lead's browser clock (pinned, then flowing) says what "now" is.
    const loggedAt = new Date(await lead.evaluate(() => Date.now())).toISOString();
    const logged = await fetch(`${info.hubspot}/crm/v3/objects/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${info.hubspot_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: {
        hs_timestamp: loggedAt, hs_call_direction: 'OUTBOUND',
        hs_call_status: 'COMPLETED', hs_call_disposition: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
        hs_call_to_number: loggedInHubSpot.from, hs_call_title: 'Called back from my mobile',
      } }),
    });
    assert.strictEqual(logged.status, 201, `the fake HubSpot logged the call: ${await logged.text()}`);
    await syncNow(lead);
    await openCall(lead, loggedInHubSpot.id);
    await lead.waitForSelector('button:has-text("Log callback attempt (1)")', { timeout: 15000 });
    await shot(lead, '06c-callback-logged-in-hubspot');

    step('the rep opens the CRM on another site: the framed sidebar signs in inside the frame');
    const rep = await laptop.newPage();
    rep.on('pageerror', (e) => errors.push(String(e)));
    // The CRM has the caller whose callback was logged in HubSpot in view (by the number the
    // phone system recorded).
    const inView = JSON.stringify({ phone: loggedInHubSpot.from, name: 'The caller in view' });
    await rep.goto(`${crmBase}/host.html?app=${encodeURIComponent(`${app.base}/sidebar/`)}&record=${encodeURIComponent(inView)}`);
    const frameElement = await rep.waitForSelector('iframe#sidebar');
    const sidebar = await frameElement.contentFrame();
    await sidebar.waitForURL(/\/signin\?next=/, { timeout: 30000 });
    await shot(rep, '09-sidebar-sign-in-in-frame');
    await signInThrough(sidebar, TEAM.rep);
    await sidebar.waitForSelector('[data-testid="sidebar"]', { timeout: 30000 });
    await rep.waitForFunction(() => document.querySelector('#log').textContent.includes('callback-clock:ready'), null, { timeout: 15000 });

    step('the record in view comes from the CRM on the other site, and My queue is the rep\'s');
    await rep.click('#records button[data-key="maria"]');
    await sidebar.waitForFunction(() => document.querySelector('[data-testid="record-in-view"]').textContent.includes('Maria Alvarez'));
    await sidebar.waitForFunction(() => document.body.textContent.includes('Marco Silva'));
    await shot(rep, '10-sidebar-signed-in');

    step('the framed sidebar read the team\'s calls through the server by itself; the rep books the caller in view there');
    await rep.click('#records button[data-key="given"]');
    const inFrame = `.cc-sb-record .cc-card[data-call-id="${loggedInHubSpot.id}"]`;
    await sidebar.waitForSelector(inFrame, { timeout: 60000 });
    const refused = await sidebar.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open('probe-third-party-storage');
      open.onsuccess = () => { open.result.close(); resolve(false); };
      open.onerror = () => resolve(true);
    }));
    const notice = await sidebar.$('[data-testid="page-only-storage"]');
    assert.strictEqual(Boolean(notice), refused, `the memory-only notice shows exactly when storage is refused (refused: ${refused})`);
    await sidebar.locator(inFrame).getByRole('button', { name: 'Booked' }).click();
    await rep.waitForFunction((id) => new RegExp(`"call_id":"${id}","change":"disposition"`).test(document.querySelector('#log').textContent), loggedInHubSpot.id, { timeout: 30000 });
    await sidebar.waitForFunction((sel) => document.querySelector(sel).textContent.includes('done: booked'), inFrame);
    await waitForTask(info, loggedInHubSpot.id, completed, 'the booking made in the framed sidebar reached HubSpot through the server');
    await shot(rep, '11-sidebar-booked-in-the-crm');

    step('the lead\'s next sync shows the call the rep booked in the CRM\'s sidebar closed');
    await syncNow(lead);
    await openCall(lead, loggedInHubSpot.id);
    await lead.waitForSelector('.deadline .countdown.closed:has-text("Closed: booked")', { timeout: 15000 });
    await shot(lead, '11b-booked-in-the-sidebar-seen-by-the-lead');

    step('the session lives in the frame\'s partition: the same browser on the app itself is not signed in');
    const direct = await laptop.newPage();
    const answer = await direct.goto(`${app.base}/api/session`);
    assert.strictEqual(answer.status(), 401, 'first-party has no session');
    await direct.close();

    step('the rep on his own laptop signs in, syncs, finds the call in his sidebar\'s My queue and books it there');
    const repApp = await laptop.newPage();
    repApp.on('pageerror', (e) => errors.push(String(e)));
    await repApp.goto(`${app.base}/queue`);
    await repApp.waitForURL(/\/signin/, { timeout: 30000 });
    await signInThrough(repApp, TEAM.rep);
    await repApp.waitForSelector('.queue-row', { timeout: 30000 });
    await syncNow(repApp);
    // His tab writes the callback tasks back first. (A write cut off by a navigation is taken up
    // by the next page in the same tab: the claim is the tab's, `outbox_runner::tab_id`; the
    // booking below, made in the sidebar, is finished by the queue page he goes to next.)
    await waitForOutboxEmpty(repApp);
    await repApp.click('nav.tabs a[href="/queue"]');
    await repApp.goto(`${app.base}/sidebar`);
    await repApp.waitForSelector('.cc-sb-mine .cc-card, .cc-sb-mine .cc-sb-empty', { timeout: 30000 });
    const more = await repApp.$('.cc-sb-mine .cc-sb-more');
    if (more) await more.click();
    await repApp.waitForSelector(`.cc-sb-mine .cc-card[data-call-id="${reassignedThere}"]`, { timeout: 15000 });
    await shot(repApp, '07-rep-my-queue');
    const repCard = repApp.locator(`.cc-sb-mine .cc-card[data-call-id="${reassignedThere}"]`);
    await repCard.getByRole('button', { name: 'Booked' }).click();
    await waitForTask(info, reassignedThere, completed, 'the rep\'s disposition reached HubSpot');

    step('the lead\'s next sync shows the rep\'s call closed as booked');
    await syncNow(lead);
    await openCall(lead, reassignedThere);
    await lead.waitForSelector('.deadline .countdown.closed:has-text("Closed: booked")', { timeout: 15000 });
    await shot(lead, '08-booked-by-the-rep');

    step('a callback attempt the rep logs on his laptop becomes a note in HubSpot; the lead sees it after her next sync');
    await repApp.goto(`${app.base}/queue`);
    await repApp.waitForSelector('.queue-row', { timeout: 30000 });
    await openCall(repApp, movedHere);
    await repApp.click('button:has-text("Log callback attempt")');
    await waitForNotes(info, movedHere, (bodies) => bodies.some((b) => b.includes('Callback attempt:')),
      'the rep\'s attempt reached HubSpot');
    await syncNow(lead);
    await openCall(lead, movedHere);
    await lead.waitForSelector('button:has-text("Log callback attempt (1)")', { timeout: 15000 });
    await shot(lead, '12-attempt-logged-on-the-other-machine');

    step('the same disposition taken on both machines at once lands once in HubSpot');
    await openCall(lead, calledBack);
    await openCall(repApp, calledBack);
    await lead.selectOption('select[name="disposition"]', 'booked');
    await repApp.selectOption('select[name="disposition"]', 'booked');
    await Promise.all([lead, repApp].map((page) => page.click('button:has-text("Log disposition")')));
    await waitForTask(info, calledBack, completed, `the task of ${calledBack} is completed`);
    for (const page of [lead, repApp]) {
      await page.click('nav.tabs a[href="/connections"]');
      await waitForOutboxEmpty(page);
    }
    const outcomes = (await actionNotesForCall(info, calledBack))
      .filter((note) => note.properties.hs_note_body.includes('Callback outcome:'));
    assert.strictEqual(outcomes.length, 1, `one disposition note: ${JSON.stringify(outcomes)}`);
    for (const page of [lead, repApp]) {
      await syncNow(page);
      await openCall(page, calledBack);
      await page.waitForSelector('.deadline .countdown.closed:has-text("Closed: booked")', { timeout: 15000 });
    }
    await shot(repApp, '13-booked-on-both-machines-at-once');

    step('the manager\'s numbers are the same on both machines: time to callback and the rates come from the shared record');
    const numbers = async (page) => {
      await page.click('nav.tabs a[href="/reports"]');
      await page.waitForSelector('[data-testid="rates"]', { timeout: 15000 });
      return page.$eval('[data-testid="reports"]', (reports) => ['#cc-rp-callback-title', '#cc-rp-owner-title']
        .map((title) => reports.querySelector(title).closest('section').querySelector('.cc-rp-note').textContent)
        .concat([reports.querySelector('[data-testid="rates"]').innerText]));
    };
    const [leadNumbers, repNumbers] = [await numbers(lead), await numbers(repApp)];
    assert.ok(!/no data/.test(leadNumbers[0]), `callbacks counted: ${leadNumbers[0]}`);
    assert.deepStrictEqual(repNumbers, leadNumbers, 'both machines report the same');
    await shot(repApp, '14-reports-on-the-reps-machine');

    step('both machines show the same queue: the same calls, owners and outcomes, wherever the work was done');
    const queueOf = async (page) => {
      await page.click('nav.tabs a[href="/queue"]');
      await page.selectOption('select[name="action"]', '').catch(() => {});
      await page.waitForSelector('.queue-row');
      return page.$$eval('.queue-row', (rows) => rows.map((row) => [
        row.dataset.callId,
        row.querySelector('.row-title strong').textContent,
        (row.querySelector('.badge.done') || { textContent: 'open' }).textContent,
        row.querySelector('.row-sub span:last-child').textContent,
      ]).sort());
    };
    const [leadQueue, repQueue] = [await queueOf(lead), await queueOf(repApp)];
    assert.ok(leadQueue.some(([id, , outcome]) => id === completedThere && outcome !== 'open'),
      `the task completed in HubSpot closed the call: ${JSON.stringify(leadQueue)}`);
    assert.deepStrictEqual(repQueue, leadQueue, 'both machines show the same queue');
    await shot(lead, '15-the-same-queue-on-both-machines');
    await repApp.close();

    step('no page, storage, cookie or log line holds a credential');
    await assertNoSecretIn(desk, app.secretValues, 'the intake lead\'s browser');
    await assertNoSecretIn(laptop, app.secretValues, 'the rep\'s browser');
    for (const secret of app.secretValues) {
      assert.ok(!app.log.some((line) => line.includes(secret)), 'the server log holds a credential');
    }
    assert.deepStrictEqual(errors, [], 'no uncaught errors');
    step('passed');
  } finally {
    await browser.close();
    await app.stop();
    crm.close();
    fakes.stdin.end();
    fakes.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
