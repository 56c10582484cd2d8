// Connecting the real systems, in headless Chromium against local fakes of Twilio and HubSpot
// (examples/fake_services.rs, which speak the APIs' shapes and answer CORS as the business's
// proxy must): enter the addresses and tokens, send an approved text and find it in Twilio, sync with a progress bar, see the queue fill,
// see each owner's callback task written back to the fake HubSpot and found there by its call
// id exactly once (despite an injected 500 and a cut-off answer), log a booked disposition and
// find the task completed, reload and find the outbox and connections kept, check that no
// token reached IndexedDB, then drop a CallRail call log and a HubSpot contacts export. Screenshots go to $SHOTS.
const { launchChromium } = require('./browser.cjs');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { serve } = require('./serve.cjs');
const { pinClock } = require('./clock.cjs');
const { startFakes, tasksForCall } = require('./fakes.cjs');

const DIST = process.env.DIST || path.resolve(__dirname, '../../dist');
const SHOTS = process.env.SHOTS || path.resolve(__dirname, '../../target/e2e-screenshots');

function step(name) {
  console.log(`e2e connections: ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}


async function armFault(base, fault) {
  const response = await fetch(`${base}/__faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault),
  });
  assert.ok(response.ok, `fault armed (${response.status})`);
}

async function outboxCounts(page) {
  const text = await page.innerText('[data-testid="outbox-counts"]');
  const [written, waiting, attention] = text.match(/\d+/g).map(Number);
  return { written, waiting, attention, text };
}

async function waitForOutbox(page, done, what) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const counts = await outboxCounts(page);
    if (done(counts)) return counts;
    if (Date.now() > deadline) throw new Error(`outbox never ${what}: ${counts.text}`);
    await page.waitForTimeout(250);
  }
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const { child, info } = await startFakes();
  const server = await serve(DIST, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await pinClock(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  try {
    step('the demo loads first');
    await page.goto(`${base}/queue`);
    await page.waitForSelector('.queue-row', { timeout: 30000 });

    step('enter the connections');
    await page.click('nav.tabs a[href="/connections"]');
    await page.waitForSelector('.connections-page');
    await page.getByLabel('Twilio (missed calls and voicemails)', { exact: true }).check();
    await page.getByLabel('Twilio address', { exact: true }).fill(info.twilio);
    await page.getByLabel('Account SID', { exact: true }).fill('not-a-sid');
    await page.click('button:has-text("Save connections")');
    await page.waitForSelector('.connections-page .field-error:has-text("must start with AC")');
    await page.getByLabel('Account SID', { exact: true }).fill(info.twilio_account_sid);
    await page.getByLabel('API key SID (optional)', { exact: true }).fill(info.twilio_key_sid);
    await page.getByLabel('Twilio secret', { exact: true }).fill(info.twilio_secret);
    // The fake serves Voice Intelligence too (Twilio's is another host, so a proxy names it).
    await page
      .getByLabel("Voice Intelligence address (voicemail text; your proxy's, if you use one)", { exact: true })
      .fill(info.twilio);
    await page.getByLabel('HubSpot (contacts, deals, tickets, owners; tasks written back)', { exact: true }).check();
    await page.getByLabel('HubSpot address', { exact: true }).fill(info.hubspot);
    await page.getByLabel('HubSpot token', { exact: true }).fill(info.hubspot_token);
    await page.getByLabel('SMS consent property (optional)', { exact: true }).fill('SMS consent');
    await page.click('button:has-text("Save connections")');
    await page.waitForSelector('.connections-page .field-error:has-text("internal name")');
    await page.getByLabel('SMS consent property (optional)', { exact: true }).fill('sms_consent');
    await page.click('button:has-text("Save connections")');
    await page.waitForSelector('.connections-page .saved');

    step('send an approved text: it goes out through Twilio and is found there');
    await page.click('nav.tabs a[href="/queue"]');
    await page.waitForSelector('.queue-row');
    await page.selectOption('select[name="action"]', 'callback_task');
    let texted = null;
    for (const id of await page.$$eval('.queue-row', (rows) => rows.map((r) => r.dataset.callId))) {
      await page.click(`.queue-row[data-call-id="${id}"]`);
      await page.waitForSelector(`.call-detail[data-call-id="${id}"]`);
      if (await page.$('.text-box button:has-text("Send this text")')) {
        texted = id;
        break;
      }
    }
    assert.ok(texted, 'the demo has a callback whose contact opted in to texts');
    const words = await page.innerText('.text-box blockquote.sms');
    await page.click('.text-box button:has-text("Send this text")');
    await page.waitForSelector('.text-box button:has-text("Text sent")');
    await page.click('nav.tabs a[href="/connections"]');
    await waitForOutbox(page, (c) => c.written === 1 && c.waiting === 0, 'sent the text');
    const sentRow = await page.innerText('table.outbox tbody tr');
    const sid = (sentRow.match(/SM[0-9a-f]{32}/) || [])[0];
    assert.ok(sentRow.includes(`follow-up text for call ${texted}`) && sid, `the text's row: ${sentRow}`);
    const basic = Buffer.from(`${info.twilio_key_sid}:${info.twilio_secret}`).toString('base64');
    const listed = await fetch(`${info.twilio}/2010-04-01/Accounts/${info.twilio_account_sid}/Messages.json`, {
      headers: { authorization: `Basic ${basic}` },
    }).then((r) => r.json());
    const message = listed.messages.find((m) => m.sid === sid);
    assert.ok(message, `message ${sid} is in Twilio`);
    assert.strictEqual(message.body, words, 'the exact approved words went out');

    step('a STOP reply (Twilio 21610) opts the contact out: no text is offered for the call any more');
    await armFault(info.twilio, { method: 'POST', path_ends_with: '/Messages.json', kind: 'unsubscribed', times: 1 });
    await page.click('nav.tabs a[href="/queue"]');
    await page.waitForSelector('.queue-row');
    let stopped = null;
    for (const id of await page.$$eval('.queue-row', (rows) => rows.map((r) => r.dataset.callId))) {
      if (id === texted) continue;
      await page.click(`.queue-row[data-call-id="${id}"]`);
      await page.waitForSelector(`.call-detail[data-call-id="${id}"]`);
      if (await page.$('.text-box button:has-text("Send this text")')) {
        stopped = id;
        break;
      }
    }
    assert.ok(stopped, 'a second callback whose contact opted in');
    await page.click('.text-box button:has-text("Send this text")');
    await page.waitForSelector('.audit li:has-text("replied STOP")', { timeout: 30000 });
    await page.waitForSelector('.text-box:has-text("No text")');
    assert.ok(!(await page.$('.text-box button:has-text("Send this text")')), 'no text offered after STOP');
    assert.ok(!(await page.$('.audit li:has-text("replied STOP") button')), 'the opt-out is not undone from here');
    await page.click('nav.tabs a[href="/connections"]');
    const afterStop = await waitForOutbox(page, (c) => c.attention === 1 && c.waiting === 0, 'recorded the STOP');
    assert.ok((await page.innerText('table.outbox')).includes('replied STOP'), 'the outbox says why nothing was sent');
    assert.strictEqual(afterStop.written, 1, 'nothing more was sent');
    await shot(page, '19-outbox-after-stop');

    step('faults armed: the first task create fails twice with 500, the next answer is cut off');
    await armFault(info.hubspot, { method: 'POST', path_ends_with: '/crm/v3/objects/tasks', kind: 'server_error', times: 2 });
    await armFault(info.hubspot, { method: 'POST', path_ends_with: '/crm/v3/objects/tasks', kind: 'truncated', times: 1 });

    step('sync with a progress bar');
    await page.click('button:has-text("Sync now")');
    await page.waitForSelector('.sync-progress progress', { timeout: 10000 });
    await shot(page, '20-connections-syncing');
    await page.waitForSelector('[data-testid="sync-summary"]', { timeout: 60000 });
    const summary = await page.innerText('[data-testid="sync-summary"]');
    const newCalls = Number(summary.match(/(\d+) new calls/)[1]);
    assert.ok(newCalls >= 5, `the sync brought the fake's calls: ${summary}`);
    assert.ok(/demo data was replaced/.test(summary), 'the first sync replaced the demo');

    step('tasks are written back, each once');
    // The first sync replaced the demo, and with it the demo's actions and outbox (the texts).
    const counts = await waitForOutbox(page, (c) => c.written > 0 && c.waiting === 0, 'emptied');
    assert.strictEqual(counts.attention, 0, counts.text);
    await shot(page, '21-connections-written-back');
    const callIds = await page.$$eval('table.outbox td:first-child', (tds) =>
      tds.map((td) => (td.textContent.match(/callback task for call (\S+)/) || [])[1]).filter(Boolean));
    const texts = await page.$$eval('table.outbox tbody tr', (rows) =>
      rows.filter((r) => r.cells[0].textContent.includes('follow-up text') && r.cells[1].textContent.startsWith('written')).length);
    assert.strictEqual(texts, 0, 'the demo\'s texts left with the demo');
    assert.strictEqual(callIds.length, counts.written, 'one outbox row per written task');
    let owned = 0;
    for (const callId of callIds) {
      const tasks = await tasksForCall(info, callId);
      assert.strictEqual(tasks.length, 1, `exactly one task for ${callId}, found ${tasks.length}`);
      if (tasks[0].properties.hubspot_owner_id) owned += 1;
    }
    assert.ok(owned > 0, 'at least one task went to its owner');

    step('no token in IndexedDB; the tokens are in this tab\'s session storage');
    const stored = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('callback-clock');
      open.onsuccess = () => {
        const tx = open.result.transaction(['state', 'outbox'], 'readonly');
        const meta = tx.objectStore('state').get('meta');
        const outbox = tx.objectStore('outbox').getAll();
        tx.oncomplete = () => resolve(JSON.stringify([meta.result, outbox.result]));
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    }));
    assert.ok(!stored.includes(info.hubspot_token) && !stored.includes(info.twilio_secret), 'no token stored in IndexedDB');
    assert.ok(stored.includes(info.hubspot), 'the connection settings are stored');
    const session = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(session.includes(info.hubspot_token), 'the HubSpot token is in session storage');

    step('the queue holds the synced calls');
    await page.click('nav.tabs a[href="/queue"]');
    await page.waitForSelector('.queue-row');
    const rowIds = await page.$$eval('.queue-row', (rows) => rows.map((r) => r.dataset.callId));
    assert.ok(callIds.every((id) => rowIds.includes(id)), 'every written task is a queue row');
    assert.ok((await page.innerText('.origin-tag')).includes('Synced'));
    await shot(page, '22-queue-after-sync');

    step('a call forwarded with <Dial> that nobody answered is in the queue, and a voicemail has its Voice Intelligence text');
    // The seed's forwarded calls: the caller's call is `completed`, the missed ring a child leg.
    const forwarded = 'CAfa4e0000000000000000000000000008';
    const transcribed = 'CAfa4e0000000000000000000000000006';
    assert.ok(rowIds.includes(forwarded), `the forwarded missed call is a queue row: ${rowIds.join(', ')}`);
    await page.click(`.queue-row[data-call-id="${transcribed}"]`);
    await page.waitForSelector(`.call-detail[data-call-id="${transcribed}"]`);
    const detail = await page.innerText(`.call-detail[data-call-id="${transcribed}"]`);
    assert.ok(detail.includes('my name is Ben Walsh'), `the Voice Intelligence transcript is shown: ${detail}`);

    step('log a booked disposition: the HubSpot task is completed');
    const target = callIds[0];
    await page.click(`.queue-row[data-call-id="${target}"]`);
    await page.waitForSelector('.call-detail');
    await page.selectOption('select[name="disposition"]', 'booked');
    await page.click('button:has-text("Log disposition")');
    await page.waitForSelector('.actions .badge.done:has-text("booked")');
    await page.click('nav.tabs a[href="/connections"]');
    await waitForOutbox(page, (c) => c.written === counts.written + 1 && c.waiting === 0, 'wrote the disposition');
    const [task] = await tasksForCall(info, target);
    assert.strictEqual(task.properties.hs_task_status, 'COMPLETED', `task ${task.id} completed`);

    step('reload: connections, last sync and outbox kept');
    await page.reload();
    await page.waitForSelector('[data-testid="sync-summary"]');
    const after = await outboxCounts(page);
    assert.strictEqual(after.written, counts.written + 1, after.text);
    assert.strictEqual(await page.getByLabel('HubSpot address', { exact: true }).inputValue(), info.hubspot);
    assert.strictEqual(await page.getByLabel('SMS consent property (optional)', { exact: true }).inputValue(), 'sms_consent');
    assert.strictEqual(await page.getByLabel('HubSpot token', { exact: true }).inputValue(), '', 'a stored token is never shown');
    await shot(page, '23-connections-after-reload');

    step('drop a CallRail export: the mapping and preview show, the import adds its calls');
    const rowsBefore = rowIds.length;
    await page.setInputFiles('input[aria-label="CSV export file"]', path.resolve(__dirname, '../data/csv/callrail_calls.csv'));
    await page.waitForSelector('[data-testid="csv-preview"]');
    const preview = await page.innerText('[data-testid="csv-preview"]');
    const imported = /CallRail call log: (\d+) calls to import, (\d+) rows left out/.exec(preview);
    assert.ok(imported, `preview names the system and counts: ${preview}`);
    assert.strictEqual(
      await page.inputValue('select[aria-label="Column for caller number"]'), 'Customer Phone Number', 'mapping detected',
    );
    // An answered call imports (it is part of the log) but makes no queue item.
    const missed = await page.$$eval('[data-testid="csv-preview"] tbody tr', (rows) =>
      rows.filter((r) => r.cells[3].innerText.trim() !== 'completed').length);
    assert.ok(preview.includes('row 6, column "Customer Phone Number"'), 'a bad row is named with its column');
    await page.locator('.csv-drop').screenshot({ path: path.join(SHOTS, '24-csv-preview.png') });
    await page.click('button:has-text("Import these calls")');
    await page.waitForSelector('.notice:has-text("Imported callrail_calls.csv")');
    await page.click('nav.tabs a[href="/queue"]');
    await page.waitForSelector('.queue-row');
    const total = await page.innerText('.queue-count');
    assert.ok(total.includes(`${rowsBefore + missed} calls`), `queue grew by the import: ${total}`);

    step('drop a HubSpot contacts export: recognized as contacts, merged into the CRM by id');
    await page.click('nav.tabs a[href="/connections"]');
    await page.setInputFiles('input[aria-label="CSV export file"]', path.resolve(__dirname, '../data/csv/hubspot_contacts.csv'));
    await page.waitForSelector('[data-testid="csv-preview"]');
    assert.strictEqual(await page.inputValue('select[aria-label="This file holds"]'), 'contacts', 'kind guessed from the headers');
    const contactsPreview = await page.innerText('[data-testid="csv-preview"]');
    const contacts = /Contacts export: (\d+) contacts to import/.exec(contactsPreview);
    assert.ok(contacts && Number(contacts[1]) > 0, `contacts preview: ${contactsPreview}`);
    await page.locator('.csv-drop').screenshot({ path: path.join(SHOTS, '25-csv-contacts-preview.png') });
    await page.click('button:has-text("Import these contacts")');
    await page.waitForSelector('.notice:has-text("Imported hubspot_contacts.csv")');
    const said = /(\d+) new contacts, (\d+) updated/.exec(await page.innerText('.notice'));
    assert.ok(said && Number(said[1]) + Number(said[2]) === Number(contacts[1]), `every contact merged: ${said}`);

    assert.deepStrictEqual(errors, [], `no page errors: ${errors.join('; ')}`);
    console.log('e2e connections: passed');
  } finally {
    await browser.close();
    server.close();
    child.kill();
  }
}

main().catch((error) => {
  console.error(`FAIL ${error.stack || error}`);
  process.exit(1);
});
