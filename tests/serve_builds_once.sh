#!/usr/bin/env bash
# An idle `scripts/serve` builds the app once and then waits: nothing a build writes may look
# like an edit to Trunk's watcher (it once rebuilt for ever, replacing the chunk files under
# every open tab). Starts scripts/serve on a free port, waits for the first build, stays idle for
# IDLE_SECONDS (default 60) and counts Trunk's build completions. Stops the server either way.
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${IDLE_SECONDS:-60}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
# Into a dist of its own: trunk serve adds its live-reload script to the page, which must not
# end up in the dist/ that the e2e tests and `callback-clock serve` use.
TRUNK_BUILD_DIST=target/serve-idle-dist PORT=$port setsid scripts/serve >"$log" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT

builds() { grep -c 'success' "$log" || true; }
for _ in $(seq 1 900); do
  [ "$(builds)" -ge 1 ] && break
  kill -0 $server 2>/dev/null || { cat "$log"; echo "scripts/serve exited before its first build"; exit 1; }
  sleep 1
done
[ "$(builds)" -ge 1 ] || { tail -n 40 "$log"; echo "no build finished in 15 minutes"; exit 1; }
# Read the whole page before looking in it: `curl | grep -q` fails under pipefail when grep
# stops reading at its first match and curl cannot write the rest (curl exit 23).
page=$(curl -fsS "http://127.0.0.1:$port/")
grep -q '/app.js' <<<"$page" || { echo "the served page is not the app:"; head -c 400 <<<"$page"; exit 1; }
sleep "$idle"
count=$(builds)
if [ "$count" -ne 1 ]; then
  grep -E 'change|build|success' "$log" | tail -n 20
  echo "an idle scripts/serve built $count times in ${idle}s after its first build; expected once"
  exit 1
fi
echo "an idle scripts/serve built once and stayed idle for ${idle}s"
