-- One wrk script for every scenario of bench/run-load.sh, driven by environment variables:
--   COFFER_TOKEN   sent as X-Vault-Token (omitted when empty)
--   LOAD_METHOD    GET (default), POST, LIST, ...
--   LOAD_PATH      request path, e.g. /v1/secret/data/load/read
--   LOAD_BODY      request body (optional)
--   LOAD_UNIQUE    if set, "<thread>-<n>" is appended to LOAD_PATH, n counting up per thread
--                  (modulo LOAD_UNIQUE when it is a number > 0: a fixed set of keys)
--   LOAD_SCALE_KEYS if set to N, each request reads a random one of the N secrets that
--                  ScaleData wrote: LOAD_PATH .. "f<i/1000>/k<i>" (bench/run-scale.sh)
--   LOAD_RESULT    file the done() summary is appended to (one line, key=value pairs)
local token = os.getenv("COFFER_TOKEN") or ""
local method = os.getenv("LOAD_METHOD") or "GET"
local path = os.getenv("LOAD_PATH") or "/"
local body = os.getenv("LOAD_BODY")
local unique = os.getenv("LOAD_UNIQUE")
local result_file = os.getenv("LOAD_RESULT")
local scale_keys = tonumber(os.getenv("LOAD_SCALE_KEYS") or "")

local next_id = 0

function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local headers = {}
if token ~= "" then headers["X-Vault-Token"] = token end
if body then headers["Content-Type"] = "application/json" end

local counter = 0
local modulo = tonumber(unique or "") or 0

function request()
  local p = path
  if scale_keys then
    local i = math.random(0, scale_keys - 1)
    p = string.format("%sf%d/k%d", path, math.floor(i / 1000), i)
  end
  if unique then
    local n = counter
    if modulo > 0 then n = n % modulo end
    p = path .. id .. "-" .. n
    counter = counter + 1
  end
  return wrk.format(method, p, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local line = string.format(
    "requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status)
  print("RESULT " .. line)
  if result_file then
    local f = io.open(result_file, "a")
    f:write(line .. "\n")
    f:close()
  end
end
