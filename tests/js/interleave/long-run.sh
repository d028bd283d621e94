#!/usr/bin/env bash
# The interleaving campaign's long run: thousands of schedules against the current Worker, with
# workerd kills, bounded in count and time; the log (every failing seed with its replay line, and
# the figures on the last line) goes to the file given (default /tmp/interleave-long.log).
#   bash tests/js/interleave/long-run.sh [count=3000] [budget_s=2400] [seed=random] [log]
# Set INTERLEAVE_CONFIG to a frozen copy's wrangler.toml to run a Worker that is not being edited
# (wrangler dev reloads the Worker when its files change).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
COUNT="${1:-3000}"
BUDGET="${2:-2400}"
SEED="${3:-$(( (RANDOM << 16) | RANDOM ))}"
LOG="${4:-/tmp/interleave-long.log}"
cd "$ROOT"
echo "interleave long run: $COUNT schedules at most, $BUDGET s at most, seed $SEED, log $LOG"
# A hard bound on top of the campaign's own budget: the budget, the last schedules' quiescence, and the stack's stop.
status=0
timeout --kill-after=30 "$((BUDGET + 300))" \
  node tests/js/interleave/campaign.mjs --api "${INTERLEAVE_API:-current}" --count "$COUNT" --budget "$BUDGET" --seed "$SEED" \
    --concurrency "${INTERLEAVE_CONCURRENCY:-16}" --kills ${INTERLEAVE_CONFIG:+--config "$INTERLEAVE_CONFIG"} > "$LOG" 2>&1 || status=$?
tail -n 1 "$LOG"
exit "$status"
