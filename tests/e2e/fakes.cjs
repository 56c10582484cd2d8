// The fake Twilio and HubSpot for the e2e scripts (examples/fake_services.rs), started at the
// pinned clock, and the fake HubSpot's task search as the connector itself calls it.
const { spawn } = require('child_process');
const assert = require('assert');
const path = require('path');
const readline = require('readline');
const { e2eNow } = require('./clock.cjs');

const FAKES = process.env.FAKE_SERVICES || path.resolve(__dirname, '../../target/debug/examples/fake_services');

/// Starts the fakes; resolves with the child and the line of JSON it prints (addresses, credentials).
function startFakes() {
  const child = spawn(FAKES, ['--now', e2eNow().text], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) }));
    child.once('exit', (code) => reject(new Error(`fake_services exited (${code}) before it started`)));
  });
}

/// The fake HubSpot's tasks for a call, found by its call id (the test holds the fake's token).
async function tasksForCall(info, callId) {
  const response = await fetch(`${info.hubspot}/crm/v3/objects/tasks/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.hubspot_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      filterGroups: [{ filters: [{ propertyName: 'callback_clock_call_id', operator: 'EQ', value: callId }] }],
      properties: ['callback_clock_call_id', 'hubspot_owner_id', 'hs_task_status', 'hs_task_subject'],
      limit: 10,
    }),
  });
  assert.strictEqual(response.status, 200, `search answered ${response.status}`);
  return (await response.json()).results;
}

/// The fake HubSpot's notes that record actions on a call (marked `<call id>#<n>`), with their text.
async function actionNotesForCall(info, callId) {
  const response = await fetch(`${info.hubspot}/crm/v3/objects/notes/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.hubspot_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      filterGroups: [{ filters: [{ propertyName: 'callback_clock_call_id', operator: 'HAS_PROPERTY' }] }],
      properties: ['callback_clock_call_id', 'hs_note_body'],
      limit: 100,
    }),
  });
  assert.strictEqual(response.status, 200, `search answered ${response.status}`);
  return (await response.json()).results
    .filter((note) => (note.properties.callback_clock_call_id || '').startsWith(`${callId}#`));
}

module.exports = { startFakes, tasksForCall, actionNotesForCall };
