-- wrk script for bench/web.py and bench/soak.py. Arguments after "--":
--   METHOD [BODY_FILE]   one request, again and again;
--   PLAN PLAN_FILE       the plan's requests in turn, one per line: METHOD, path, headers joined by "\31", body
--                        file or nothing, separated by tabs (bench/soak.py writes it).
-- A body's "{{uuid}}" becomes a fresh random UUID in every request, so each public submission is a new report rather
-- than a retry of the first. done() prints one line "BENCH_JSON {...}" that bench/wrk.py parses (microseconds).
local template
local plan, turn = nil, 0

local function uuid()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

local function split(text, separator)
  local parts = {}
  for part in (text .. separator):gmatch("(.-)" .. separator) do table.insert(parts, part) end
  return parts
end

local function load_plan(path)
  local steps = {}
  for line in read(path):gmatch("[^\n]+") do
    local fields = split(line, "\t")
    local headers = {}
    for _, header in ipairs(fields[3] ~= "" and split(fields[3], "\31") or {}) do
      local name, value = header:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    table.insert(steps, {method = fields[1], path = fields[2], headers = headers,
                         body = fields[4] ~= "" and read(fields[4]) or nil})
  end
  return steps
end

function init(args)
  if args[1] == "PLAN" then
    plan = load_plan(args[2])
  else
    wrk.method = args[1] or "GET"
    if args[2] then template = read(args[2]) end
  end
  -- Threads start in the same second: mix in the table's address so they draw different UUIDs and start the plan
  -- at different steps.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
  if plan then turn = math.random(0, #plan - 1) end
end

function request()
  if plan then
    turn = turn % #plan + 1
    local step = plan[turn]
    return wrk.format(step.method, step.path, step.headers, step.body and step.body:gsub("{{uuid}}", uuid))
  end
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
