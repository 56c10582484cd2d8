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

module.exports = { launchChromium };
