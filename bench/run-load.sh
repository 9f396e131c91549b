#!/usr/bin/env bash
# Load test of a real Coffer server (SQLite file storage, static seal, file audit device) with
# wrk, against a bare Javalin endpoint on the same machine as the ceiling. Writes the results
# table into docs/benchmarks.md (section "load-results") and keeps raw output in
# bench/target/load/<time>/.
#
#   bench/run-load.sh
#
# Environment (all optional):
#   DURATION=30     seconds measured per scenario      WARMUP=20 seconds of warm-up before each
#   BENCH_JAVA_OPTS JVM options of both servers (default -Xms1g -Xmx1g -XX:+UseG1GC)
#   PROFILE=1       record JFR per scenario and summarise hot methods into the results folder
#   SKIP_BUILD=1    use the existing build        DOC=<file>  where the table goes
#   LIST_KEYS=10000 keys in the listed folder     SCENARIOS="read-1 read-16 ..." a subset
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/target/load/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
# shellcheck source=load/lib.sh
source "$root/bench/load/lib.sh"
trap stop_started EXIT

DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-20}"
LIST_KEYS="${LIST_KEYS:-10000}"
DOC="${DOC:-$root/docs/benchmarks.md}"
SCENARIOS="${SCENARIOS:-read-1 read-16 read-64 write-16 lookup-self-16 token-create-16 list-16}"
lua="$root/bench/load/coffer.lua"
results="$out/results.txt"
: >"$results"

ensure_wrk
build_distribution
machine="$(describe_machine)"

# run_wrk LABEL CONNECTIONS: wrk against $base with the LOAD_* variables already exported.
run_wrk() {
  local label="$1" conns="$2" threads
  threads=$((conns < $(nproc) ? conns : $(nproc)))
  if [ "$WARMUP" -gt 0 ]; then
    LOAD_RESULT=/dev/null wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "$lua" "$base" >/dev/null 2>&1 || true
  fi
  if [ "${PROFILE:-0}" = 1 ] && [ -n "${profiled_pid:-}" ]; then
    jcmd "$profiled_pid" JFR.start name=scenario settings=profile >/dev/null
  fi
  local line
  line=$(LOAD_RESULT=/dev/null wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s -s "$lua" "$base" \
    2>>"$out/wrk-stderr.txt" | tee -a "$out/wrk-$label.txt" | sed -n 's/^RESULT //p')
  if [ "${PROFILE:-0}" = 1 ] && [ -n "${profiled_pid:-}" ]; then
    jcmd "$profiled_pid" JFR.stop name=scenario filename="$out/$label.jfr" >/dev/null
    java -cp "$root/bench/target/classes" dev.coffer.bench.load.JfrHotMethods "$out/$label.jfr" 30 \
      >"$out/profile-$label.md" 2>&1 || true
  fi
  echo "label=$label conns=$conns $line" | tee -a "$results" >&2
}

# scenario NAME AUDIT: sets LOAD_* for one scenario and runs it.
scenario() {
  local name="$1" audit="$2" conns="${1##*-}"
  export LOAD_METHOD=GET LOAD_BODY="" LOAD_PATH LOAD_UNIQUE=""
  unset LOAD_BODY LOAD_UNIQUE
  case "$name" in
    read-*) LOAD_PATH=/v1/secret/data/load/read ;;
    write-*)
      LOAD_METHOD=POST LOAD_PATH=/v1/secret/data/load/write-$audit/ LOAD_UNIQUE=all
      export LOAD_BODY="{\"data\":{\"password\":\"$(head -c 1000 /dev/zero | tr '\0' w)\"}}" LOAD_UNIQUE
      ;;
    lookup-self-*) LOAD_PATH=/v1/auth/token/lookup-self ;;
    token-create-*)
      LOAD_METHOD=POST LOAD_PATH=/v1/auth/token/create
      export LOAD_BODY='{"policies":["default"],"ttl":"10m"}'
      ;;
    # wrk refuses the LIST method; Vault (and Coffer) take GET ?list=true as the same request.
    list-*) LOAD_PATH="/v1/secret/metadata/load/list/?list=true" ;;
    *) echo "unknown scenario $name" >&2; exit 1 ;;
  esac
  export LOAD_METHOD LOAD_PATH
  run_wrk "$name-$audit" "$conns"
}

# --- the ceiling: bare Javalin, same JVM options --------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
log "ceiling: bare Javalin on $base"
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -cp "$root/bench/target/classes:$root/dist/target/coffer/lib/*" \
  dev.coffer.bench.load.BareJavalinServer "$port" >"$out/javalin.log" 2>&1 &
javalin_pid=$!
started_pids+=("$javalin_pid")
wait_http "$base/v1/x"
export COFFER_TOKEN="" LOAD_METHOD=GET LOAD_PATH=/v1/secret/data/load/read
for c in 1 16 64; do run_wrk "ceiling-$c" "$c"; done
stop_pid "$javalin_pid"

# --- Coffer: SQLite file, static seal --------------------------------------------------------
port=$(free_port)
base="http://127.0.0.1:$port"
write_config "$out/coffer.yaml" "$port" "$out/data/coffer.db" "$out/data/seal.key"
log "coffer on $base (data in $out/data)"
start_coffer "$out/coffer.yaml" "$out/coffer.log"
profiled_pid=$coffer_pid
wait_http "$base/v1/sys/health"
COFFER_TOKEN=$(api PUT sys/init '{}' | sed -n 's/.*"root_token":"\([^"]*\)".*/\1/p')
export COFFER_TOKEN
api POST sys/mounts/secret '{"type":"kv","options":{"version":"2"}}' >/dev/null
api POST secret/data/load/read "{\"data\":{\"password\":\"$(head -c 1000 /dev/zero | tr '\0' x)\",\"user\":\"app\"}}" >/dev/null

log "prefilling secret/load/list/ with $LIST_KEYS keys"
python3 "$root/bench/load/prefill.py" "$base" "$COFFER_TOKEN" secret/data/load/list/ "$LIST_KEYS" 8
listed=$(api LIST secret/metadata/load/list/ | grep -o '"k[^"]*"' | wc -l)
log "the folder holds $listed keys"

for audit in none file; do
  if [ "$audit" = file ]; then
    api PUT sys/audit/file "{\"type\":\"file\",\"options\":{\"file_path\":\"$out/audit.log\"}}" >/dev/null
  fi
  for s in $SCENARIOS; do scenario "$s" "$audit"; done
done
api DELETE sys/audit/file >/dev/null || true
stop_pid "$coffer_pid"

# --- the table --------------------------------------------------------------------------------
table="$out/table.md"
{
  echo "Run with \`$(printf '%s' "DURATION=$DURATION WARMUP=$WARMUP bench/run-load.sh")\` (raw output in \`bench/target/load/\`)."
  echo
  echo "$machine"
  echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| scenario | conns | audit | req/s | of ceiling | p50 | p99 | p99.9 | errors |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
  awk '
    function field(k,   i, kv) { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return "" }
    function ms(us) { return us >= 1000 ? sprintf("%.1f ms", us / 1000) : sprintf("%d µs", us) }
    {
      label = field("label"); conns = field("conns"); rps = field("rps")
      errs = field("errors_connect") + field("errors_read") + field("errors_write") + field("errors_timeout") + field("non2xx")
      if (label ~ /^ceiling-/) { ceiling[conns] = rps; name = "bare Javalin (ceiling)"; audit = "—" }
      else { n = split(label, parts, "-"); audit = parts[n]; name = label; sub("-[0-9]+-" audit "$", "", name) }
      ratio = (label ~ /^ceiling-/ || ceiling[conns] == "") ? "—" : sprintf("%.0f%%", 100 * rps / ceiling[conns])
      printf "| %s | %s | %s | %.0f | %s | %s | %s | %s | %d |\n", name, conns, audit, rps, ratio, ms(field("p50_us")), ms(field("p99_us")), ms(field("p99.9_us") == "" ? field("p999_us") : field("p99.9_us")), errs
    }' "$results"
  echo
  echo "Scenarios: \`read\` = GET of a 1 KiB KV v2 secret; \`write\` = POST of a new 1 KiB secret (durable:"
  echo "SQLite WAL fsync'd before the answer); \`lookup-self\` = GET auth/token/lookup-self; \`token-create\` ="
  echo "POST auth/token/create (default policy, 10m); \`list\` = LIST (sent as GET ?list=true) of a folder of $listed keys. The ratio"
  echo "compares with the ceiling at the same number of connections (a constant 1.3 KB JSON answer to"
  echo "any method: note that a LIST answer is ~170 KB). audit \`file\`: one file audit device enabled."
} >"$table"
if [ -f "$DOC" ]; then
  replace_section "$DOC" load-results "$table"
  log "table written to $DOC"
fi
cat "$table"
