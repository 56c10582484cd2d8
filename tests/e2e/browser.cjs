// The Chromium every e2e script drives: Debian's /usr/bin/chromium (playwright-core downloads no
// browser), headless, as root, and kept off the network (../../shared/TOOLCHAIN.md).
const { chromium } = require('playwright-core');

const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

// Opens `url` in a new page, collecting page errors and console errors as they come, and
// retries the first load: a server started just before (python's http.server) takes a moment
// to listen.
async function openPage(browser, url, pageOptions = {}) {
  const page = await browser.newPage(pageOptions);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  for (let i = 0; ; i++) {
    try {
      await page.goto(url);
      return { page, errors };
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

module.exports = { launchChromium, openPage };
