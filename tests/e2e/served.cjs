// The real `callback-clock serve` for the e2e scripts: a throwaway folder with a
// callback-clock.toml and a user store made with `callback-clock users add`, the server started
// on 127.0.0.1 with its public URL on `localhost` (another site than 127.0.0.1, so a host page
// served on 127.0.0.1 frames it cross-site, as a CRM does), the credentials in its environment
// only, and every log line kept so a script can check that none holds a secret.
//
//   const app = await startServed({ dist, crmOrigins: ['http://127.0.0.1:4000'], hubspot, twilio });
//   app.base            // http://localhost:PORT
//   await app.stop();   // SIGTERM, then waits for the process to end
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
const BINARY = process.env.CALLBACK_CLOCK_BIN || path.join(REPO, 'target/debug/callback-clock');
const PASSWORD = 'a long e2e password';
/// The team the e2e signs in as; owner ids are the demo's and the fake HubSpot's.
const TEAM = {
  admin: { email: 'ada@example.com', name: 'Ada Admin', role: 'admin', owner: null },
  intake: { email: 'dana@example.com', name: 'Dana Desk', role: 'intake', owner: 'o_desk' },
  rep: { email: 'marco@example.com', name: 'Marco Silva', role: 'rep', owner: 'o_marco' },
  manager: { email: 'mia@example.com', name: 'Mia Manager', role: 'manager', owner: null },
};
const SESSION_KEY = 'e2e-session-key-0123456789abcdef-0123456789abcdef';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child, log) {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`callback-clock serve exited ${child.exitCode}:\n${log.join('\n')}`);
    try {
      const answer = await fetch(`${base}/healthz`);
      if (answer.ok) return;
    } catch (_) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`callback-clock serve did not answer /healthz:\n${log.join('\n')}`);
}

/// Starts the server for `dist`. `hubspot` and `twilio` are the fakes' bases (and Twilio's
/// account SID); `secrets` their credentials, passed in the environment as an operator would.
async function startServed({ dist, crmOrigins = [], fakes = null }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-serve-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const toml = [
    `listen = "127.0.0.1:${port}"`,
    `public_url = "${base}"`,
    `dist = ${JSON.stringify(path.resolve(dist))}`,
    `crm_origins = ${JSON.stringify(crmOrigins)}`,
    'users = "users.json"',
  ];
  if (fakes) {
    // The fake serves Voice Intelligence on the same host.
    toml.push('', '[twilio]', `base = "${fakes.twilio}"`, `intelligence_base = "${fakes.twilio}"`,
      `account_sid = "${fakes.twilio_account_sid}"`);
    toml.push('', '[hubspot]', `base = "${fakes.hubspot}"`);
  }
  const config = path.join(dir, 'callback-clock.toml');
  fs.writeFileSync(config, `${toml.join('\n')}\n`);
  for (const member of Object.values(TEAM)) {
    const args = ['users', 'add', '--email', member.email, '--name', member.name, '--role', member.role, '--config', config];
    if (member.owner) args.push('--owner-id', member.owner);
    const added = spawnSync(BINARY, args, { input: `${PASSWORD}\n`, encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`users add ${member.email}: ${added.stderr}`);
  }
  const secrets = {
    CALLBACK_CLOCK_SESSION_KEY: SESSION_KEY,
    ...(fakes ? {
      CALLBACK_CLOCK_TWILIO_KEY_SID: fakes.twilio_key_sid,
      CALLBACK_CLOCK_TWILIO_KEY_SECRET: fakes.twilio_secret,
      CALLBACK_CLOCK_HUBSPOT_TOKEN: fakes.hubspot_token,
    } : {}),
  };
  const child = spawn(BINARY, ['serve', '--config', config], {
    env: { ...process.env, ...secrets },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      log.push(...lines);
    });
  }
  await waitForHealth(base, child, log);
  const secretValues = Object.values(secrets).concat([PASSWORD]);
  return {
    base,
    log,
    /// Every credential the server holds and the users' password, to search pages and logs for.
    secretValues,
    async stop() {
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await ended;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/// Signs `member` in through the server's own /signin page in `page` (or a frame), as a person does.
async function signInThrough(frameOrPage, member) {
  await frameOrPage.waitForSelector('form input[name="email"]', { timeout: 30000 });
  await frameOrPage.fill('input[name="email"]', member.email);
  await frameOrPage.fill('input[name="password"]', PASSWORD);
  await frameOrPage.click('form button');
}

module.exports = { startServed, signInThrough, TEAM, PASSWORD };
