-- wrk script: hospitals report uses they verified offline, in batches (POST /api/v1/healthcard/uses), round-robin
-- over the staff accounts. Every item is a new use (its own code, purpose and second of use), never a duplicate.
-- Environment: PAYLOAD_FILE (one EHC1 payload per line), AUTHS (comma-separated Basic header values), BATCH (items
-- per request, default 100), FROM (epoch seconds: the earliest time of use; the codes must be valid then), M0 (where
-- each thread's item count starts: a run after another one starts beyond the items that one sent).
local payloads, auths = {}, {}
for line in io.lines(os.getenv("PAYLOAD_FILE")) do payloads[#payloads + 1] = line end
for a in string.gmatch(os.getenv("AUTHS"), "[^,]+") do auths[#auths + 1] = a end
local batch = tonumber(os.getenv("BATCH") or "100")
local from = tonumber(os.getenv("FROM"))
local purposes = {"挂号", "就诊", "缴费", "取药", "检查"}
local SECONDS = 50      -- each thread has its own 50 seconds of use, so two threads never send the same item
local count = 0
local m, r = tonumber(os.getenv("M0") or "0"), 0

function setup(thread)
  thread:set("tid", count)
  count = count + 1
end

request = function()
  r = r + 1
  local items = {}
  for i = 1, batch do
    m = m + 1
    local second = from + tid * SECONDS + m % SECONDS
    local p = math.floor(m / SECONDS) % #payloads + 1
    local u = math.floor(m / (SECONDS * #payloads)) % #purposes + 1
    items[i] = '{"payload":"' .. payloads[p] .. '","purpose":"' .. purposes[u] .. '","department":"bench-offline",'
      .. '"usedAt":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ", second) .. '"}'
  end
  return wrk.format("POST", "/api/v1/healthcard/uses",
    {["Content-Type"] = "application/json", ["Authorization"] = auths[r % #auths + 1]},
    '{"uses":[' .. table.concat(items, ",") .. ']}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("ok_responses %d\n", summary.requests - e.connect - e.read - e.write - e.status - e.timeout))
end
