#!/usr/bin/env bash
# Start-up runs: time from launching `./coffer server ...` (JVM start included) to the first
# served request, for the dev server (`sys/health`) and for a server on the 100,000-secret
# SQLite file of bench/run-scale.sh (a KV read of `secret/scale/f0/k0`). Each run prints the
# wall time, the CPU time the JVM used until then (all threads) and the server's own phase line
# (`StartupPhases`); the end prints the medians. Runs alternate between the two modes.
#
#   bench/run-startup.sh                 # 5 runs of each
#   RUNS=9 MODES=dev bench/run-startup.sh
#
# Environment: RUNS=5, MODES="dev scale", BENCH_JAVA_OPTS, COFFER_CDS=0 (without the class data
# archive), NICE=<n> (run the server under `nice -n <n>`, to keep a shared machine's other work
# out of the way), SKIP_BUILD=1. The scale data folder must exist (bench/run-scale.sh makes it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/target/startup/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
# shellcheck source=load/lib.sh
source "$root/bench/load/lib.sh"
trap stop_started EXIT

RUNS="${RUNS:-5}"
MODES="${MODES:-dev scale}"
data="$root/bench/target/scale/data-100000"
build_distribution

one_run() { # MODE N: prints "MODE wall_ms cpu_ms | phases"
  local mode="$1" n="$2" port url token t0 ms cpu
  port=$(free_port)
  local args=(server -dev "-dev-listen-address=127.0.0.1:$port" -dev-root-token-id=startup)
  url="http://127.0.0.1:$port/v1/sys/health"
  token=startup
  if [ "$mode" = scale ]; then
    [ -f "$data/root-token" ] || { echo "no $data: run bench/run-scale.sh once" >&2; exit 1; }
    printf 'listener:\n  address: 127.0.0.1:%s\nstorage:\n  type: sqlite\n  path: %s\nseal:\n  type: static\n  key_path: %s\n  generate: true\nlog_level: info\n' \
      "$port" "$data/coffer.db" "$data/seal.key" >"$out/coffer-$n.yaml"
    args=(server -config "$out/coffer-$n.yaml")
    url="http://127.0.0.1:$port/v1/secret/data/scale/f0/k0"
    token=$(cat "$data/root-token")
  fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  JAVA_OPTS="$BENCH_JAVA_OPTS" nice -n "${NICE:-0}" "$root/coffer" "${args[@]}" >"$out/$mode-$n.log" 2>&1 &
  coffer_pid=$!
  started_pids+=("$coffer_pid")
  until curl -sf -o /dev/null -H "X-Vault-Token: $token" "$url"; do
    kill -0 "$coffer_pid" 2>/dev/null || { cat "$out/$mode-$n.log" >&2; exit 1; }
    sleep 0.01
  done
  ms=$((($(date +%s%N) - t0) / 1000000))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$coffer_pid/stat")
  sleep 0.3
  stop_pid "$coffer_pid"
  echo "$mode ${ms} ${cpu} | $(grep -o 'started [0-9]* ms after.*' "$out/$mode-$n.log" || true)"
}

log "$(describe_machine | tr '\n' ' ')"
for n in $(seq 1 "$RUNS"); do
  for mode in $MODES; do
    one_run "$mode" "$n" | tee -a "$out/runs.txt"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%d ms (min %d, max %d)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
for mode in $MODES; do
  wall=$(awk -v m="$mode" '$1 == m { print $2 }' "$out/runs.txt" | median)
  cpu=$(awk -v m="$mode" '$1 == m { print $3 }' "$out/runs.txt" | median)
  echo "$mode: first answer $wall; JVM CPU until then $cpu; $RUNS runs"
done | tee "$out/medians.txt"
