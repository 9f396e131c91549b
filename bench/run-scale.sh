#!/usr/bin/env bash
# Scale runs: Coffer on SQLite holding 1,000, 100,000 (and, with SIZES, 1,000,000) KV v2 secrets.
# For each size: start-up time of `coffer server` to the first served KV read, heap used after
# start (after a full GC), and read / list latency with wrk (read also at one connection, the
# latency of a request on its own; CONNS connections saturate the machine). Writes the table into
# docs/benchmarks.md (section "scale-results"); raw output in bench/target/scale/.
#
#   bench/run-scale.sh                       # 1,000 and 100,000 secrets
#   SIZES="1000 100000 1000000" bench/run-scale.sh
#
# Data folders are generated once (bench/target/scale/data-<size>/, ScaleData through the core)
# and reused by later runs; delete them to regenerate. Environment: DURATION=20 (seconds per
# measurement), WARMUP=60 (seconds of the same load before each measurement: at 1,000,000 secrets
# the JIT was still compiling after 20 s, see docs/benchmarks.md "Fifth pass"), CONNS=16,
# BENCH_JAVA_OPTS, SKIP_BUILD=1, DOC=<file>.
#
# Latencies are steady-state figures: after start-up is timed, the database file is read once into
# the operating system's file cache (as on a server that has been running; a cold cache measures
# the disk's random reads, not Coffer) and each measurement follows a warm-up with the same load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/target/scale/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
# shellcheck source=load/lib.sh
source "$root/bench/load/lib.sh"
trap stop_started EXIT

SIZES="${SIZES:-1000 100000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-60}"
CONNS="${CONNS:-16}"
DOC="${DOC:-$root/docs/benchmarks.md}"
lua="$root/bench/load/coffer.lua"
cp="$root/bench/target/classes:$root/dist/target/coffer/lib/*"

ensure_wrk
build_distribution
machine="$(describe_machine)"
rows="$out/rows.md"
: >"$rows"

measure() { # LABEL [CONNECTIONS [WARMUP]]: wrk with LOAD_* set, after a warm-up; prints rps p50 p99 errors
  local line conns="${2:-$CONNS}" warm="${3:-$WARMUP}" threads
  threads=$(( conns < $(nproc) ? conns : $(nproc) ))
  if [ "$warm" -gt 0 ]; then
    LOAD_RESULT=/dev/null wrk -t"$threads" -c"$conns" -d"${warm}s" -s "$lua" "$base" >/dev/null 2>&1 || true
  fi
  line=$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s -s "$lua" "$base" 2>>"$out/wrk-stderr.txt" |
    tee "$out/wrk-$1.txt" | sed -n 's/^RESULT //p')
  echo "$line" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%.0f %d %d %d\n", v["rps"], v["p50_us"], v["p99_us"], v["non2xx"] + v["errors_timeout"] }'
}
ms() { awk -v us="$1" 'BEGIN { printf (us >= 1000 ? "%.1f ms" : "%d µs"), (us >= 1000 ? us / 1000 : us) }'; }

for size in $SIZES; do
  data="$root/bench/target/scale/data-$size"
  if [ ! -f "$data/root-token" ]; then
    rm -rf "$data"
    log "generating $size secrets in $data"
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -cp "$cp" dev.coffer.bench.scale.ScaleData "$data" "$size" 32 | tee "$out/generate-$size.txt" >&2
  fi
  export COFFER_TOKEN
  COFFER_TOKEN=$(cat "$data/root-token")
  db_mb=$(du -m "$data/coffer.db" | cut -f1)

  port=$(free_port)
  base="http://127.0.0.1:$port"
  write_config "$out/coffer-$size.yaml" "$port" "$data/coffer.db" "$data/seal.key"
  t0=$(date +%s%N)
  start_coffer "$out/coffer-$size.yaml" "$out/coffer-$size.log"
  until curl -sf -o /dev/null -H "X-Vault-Token: $COFFER_TOKEN" "$base/v1/secret/data/scale/f0/k0"; do
    kill -0 "$coffer_pid" 2>/dev/null || { cat "$out/coffer-$size.log" >&2; exit 1; }
    sleep 0.01
  done
  startup_ms=$((($(date +%s%N) - t0) / 1000000))
  jcmd "$coffer_pid" GC.run >/dev/null
  heap_mb=$(jcmd "$coffer_pid" GC.heap_info | awk '/used/ && /heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit } }')
  log "$size secrets: start-up ${startup_ms} ms, heap ${heap_mb} MiB after GC"
  cat "$data"/coffer.db* >/dev/null # into the file cache: steady state, not the disk's seek time

  export LOAD_METHOD=GET LOAD_PATH=/v1/secret/data/scale/ LOAD_SCALE_KEYS="$size"
  read -r r_rps r_p50 r_p99 r_err < <(measure "read-$size")
  # One connection, right after the warm server's run: the latency of one request on its own.
  read -r _ r1_p50 r1_p99 r1_err < <(measure "read-1conn-$size" 1 10)
  unset LOAD_SCALE_KEYS
  export LOAD_PATH="/v1/secret/metadata/scale/f0/?list=true"
  read -r l_rps l_p50 l_p99 l_err < <(measure "list-$size")
  jcmd "$coffer_pid" GC.run >/dev/null
  heap_after=$(jcmd "$coffer_pid" GC.heap_info | awk '/used/ && /heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit } }')
  stop_pid "$coffer_pid"
  printf '| %s | %s MB | %s ms | %s MiB / %s MiB | %s / %s | %s | %s | %s | %s | %s | %s |\n' \
    "$size" "$db_mb" "$startup_ms" "$heap_mb" "$heap_after" "$(ms "$r1_p50")" "$(ms "$r1_p99")" \
    "$r_rps" "$(ms "$r_p50")" "$(ms "$r_p99")" \
    "$l_rps" "$(ms "$l_p50")" "$(ms "$l_p99")" | tee -a "$rows" >&2
  [ "$r_err$r1_err$l_err" = 000 ] || log "WARNING: $size: $r_err + $r1_err read / $l_err list errors"
done

table="$out/table.md"
{
  echo "Run with \`SIZES=\"$SIZES\" DURATION=$DURATION WARMUP=$WARMUP bench/run-scale.sh\` ($CONNS connections; raw output in \`bench/target/scale/\`)."
  echo
  echo "$machine"
  echo
  echo "| secrets | database | start-up to first read | heap used after start / after the runs (after GC) | read p50 / p99, 1 connection | read req/s | read p50 | read p99 | list req/s | list p50 | list p99 |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$rows"
  echo
  echo "Start-up: from launching \`coffer server -config\` (JVM start included) until a KV read of"
  echo "\`secret/scale/f0/k0\` answers 200. Read: GET of a random one of all the secrets. List: LIST"
  echo "(as GET ?list=true) of \`secret/metadata/scale/f0/\`, a folder of 1,000 keys at every size."
  echo "Both after the database file was read into the OS file cache and $WARMUP s of warm-up load."
  echo "Read req/s, p50 and p99 and the list columns are at $CONNS connections, where the machine is"
  echo "saturated and the p50 is mostly queueing (about connections / req/s); \"1 connection\" is one"
  echo "request at a time (after 10 s more of warm-up at one connection): the latency of a request on"
  echo "its own."
} >"$table"
if [ -f "$DOC" ]; then
  replace_section "$DOC" scale-results "$table"
  log "table written to $DOC"
fi
cat "$table"
