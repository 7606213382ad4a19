-- wrk script for bench/web.py. Arguments after "--": METHOD [BODY_FILE]. A body's "{{uuid}}" becomes a fresh
-- random UUID in every request, so each public submission is a new report rather than a retry of the first.
-- done() prints one line "BENCH_JSON {...}" that bench/wrk.py parses; latencies are in microseconds.
local template

local function uuid()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

function init(args)
  wrk.method = args[1] or "GET"
  if args[2] then
    local file = assert(io.open(args[2], "rb"))
    template = file:read("*a")
    file:close()
  end
  -- Threads start in the same second: mix in the table's address so they draw different UUIDs.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
end

function request()
  local body = template and template:gsub("{{uuid}}", uuid)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
