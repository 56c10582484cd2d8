// The e2e runs' one clock. The demo is generated relative to the browser's present minute and
// the fakes seed their calls relative to theirs, so which calls are open, stale or texted would
// depend on when the suite runs. Every browser context starts at E2E_NOW instead (Playwright's
// clock: Date, timers and performance.now are faked and then flow at real speed from there), and
// the fakes are started with the same instant (`fake_services --now`).
//
//   E2E_NOW=2026-11-28T23:45:00-06:00 tests/e2e/run      one run at another fixed time
//   E2E_NOWS="a b c" tests/e2e/run                          the whole suite at each of them
const DEFAULT_NOW = '2026-11-24T15:40:00-06:00'; // a Tuesday afternoon in Chicago, business hours

function e2eNow() {
  const text = process.env.E2E_NOW || DEFAULT_NOW;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`E2E_NOW=${text} is not an RFC 3339 time`);
  return { text: new Date(ms).toISOString(), ms };
}

/// Pins the clock of every page in `context` to E2E_NOW before anything loads.
async function pinClock(context) {
  await context.clock.install({ time: e2eNow().ms });
}

/// Pins only `Date` in every page of `context` (each page starts at E2E_NOW and runs at real
/// speed), leaving timers, animation frames and the performance timeline alone: Playwright's
/// clock replaces those too, and the load and frame timings read them.
async function pinDateOnly(context) {
  await context.addInitScript((start) => {
    const RealDate = Date;
    const offset = start - RealDate.now();
    class PinnedDate extends RealDate {
      constructor(...args) {
        super(...(args.length ? args : [RealDate.now() + offset]));
      }
      static now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = PinnedDate;
  }, e2eNow().ms);
}

module.exports = { e2eNow, pinClock, pinDateOnly };
