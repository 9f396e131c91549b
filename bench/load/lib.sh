# Shared by bench/run-load.sh and bench/run-scale.sh: sourced, not run.
# Expects $root (the repository) and $out (a results folder) to be set.

BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"
started_pids=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

stop_started() {
  local pid
  for pid in "${started_pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  started_pids=()
}

stop_pid() {
  local pid="$1" i
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  wait "$pid" 2>/dev/null || true
  local kept=()
  for i in "${started_pids[@]:-}"; do [ "$i" != "$pid" ] && kept+=("$i"); done
  started_pids=("${kept[@]:-}")
}

ensure_wrk() {
  command -v wrk >/dev/null && return
  log "installing wrk (apt-get)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq wrk >/dev/null
}

build_distribution() {
  if [ "${SKIP_BUILD:-0}" = 1 ]; then
    log "SKIP_BUILD=1: using the existing build"
  else
    log "building: ./mvnw -B -q package -DskipTests"
    (cd "$root" && ./mvnw -B -q package -DskipTests)
  fi
  # The package build writes the class data archive the launcher starts with; an older build
  # (or -Dcoffer.cds.skip=true) has none: write it, so start-up is measured as users run it.
  if [ "${COFFER_CDS:-1}" != 0 ] && [ ! -f "$root/dist/target/coffer/coffer.jsa" ]; then
    log "writing the class data archive: ./coffer cds-archive"
    (cd "$root" && ./coffer cds-archive >&2)
  fi
  [ -d "$root/bench/target/classes/dev/coffer/bench/load" ] || {
    echo "bench classes missing; build first" >&2
    exit 1
  }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL [timeout seconds]: until the URL answers at all.
wait_http() {
  local url="$1" limit="${2:-60}" start
  start=$(date +%s)
  until curl -s -o /dev/null "$url"; do
    if [ $(($(date +%s) - start)) -ge "$limit" ]; then
      echo "no answer from $url after ${limit}s" >&2
      return 1
    fi
    sleep 0.05
  done
}

# write_config FILE PORT DB KEYFILE; STORAGE_OPTIONS="key: value, ..." adds sqlite options
# (e.g. STORAGE_OPTIONS="read_cache_mb: 0").
write_config() {
  local extra=""
  if [ -n "${STORAGE_OPTIONS:-}" ]; then
    extra=$(printf '%s\n' "$STORAGE_OPTIONS" | tr ',' '\n' | sed 's/^ */  /')
  fi
  cat >"$1" <<YAML
listener:
  address: 127.0.0.1:$2
storage:
  type: sqlite
  path: $3
$extra
seal:
  type: static
  key_path: $4
  generate: true
log_level: warn
YAML
}

# start_coffer CONFIG LOGFILE [extra JVM options]: starts the distribution; sets coffer_pid.
start_coffer() {
  local config="$1" logfile="$2"
  shift 2
  # shellcheck disable=SC2086
  JAVA_OPTS="$BENCH_JAVA_OPTS $*" "$root/coffer" server -config "$config" >"$logfile" 2>&1 &
  coffer_pid=$!
  started_pids+=("$coffer_pid")
}

# api METHOD PATH [BODY]: one call with the root token; fails on a non-2xx answer.
api() {
  local method="$1" path="$2" body="${3:-}"
  local args=(-sS -f -X "$method" -H "X-Vault-Token: ${COFFER_TOKEN:-}" "$base/v1/$path")
  [ -n "$body" ] && args+=(--data "$body")
  curl "${args[@]}"
}

describe_machine() {
  echo "- \`nproc\`: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
  echo "- \`java -version\`: $(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
  echo "- JVM options (Coffer and the ceiling alike): \`$BENCH_JAVA_OPTS\`"
  echo "- class data archive (\`coffer.jsa\`): $([ "${COFFER_CDS:-1}" != 0 ] && [ -f "$root/dist/target/coffer/coffer.jsa" ] && echo used || echo "not used")"
  echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- commit: $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo ' (with uncommitted changes)'); run $(date -u '+%Y-%m-%d %H:%M UTC')"
}

# replace_section FILE MARKER CONTENT_FILE: replaces what lies between
# <!-- MARKER:begin --> and <!-- MARKER:end --> (appending both if missing).
replace_section() {
  local file="$1" marker="$2" content="$3"
  if ! grep -q "<!-- $marker:begin -->" "$file"; then
    printf '\n<!-- %s:begin -->\n<!-- %s:end -->\n' "$marker" "$marker" >>"$file"
  fi
  awk -v b="<!-- $marker:begin -->" -v e="<!-- $marker:end -->" -v f="$content" '
    $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$file" >"$file.tmp"
  mv "$file.tmp" "$file"
}
