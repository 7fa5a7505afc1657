-- wrk script: online verification of health codes by hospital staff (POST /api/v1/healthcard/verifications),
-- round-robin over the payloads and staff accounts given, and the five purposes.
-- Environment: PAYLOAD_FILE (one EHC1 payload per line: fresh codes, as each patient shows a new one), AUTHS
-- (comma-separated Basic header values),
-- DELAY_MS (optional pause before each request on a connection, to pace the load).
-- Prints "ok_responses N": the 2xx answers wrk received (the only 2xx is 200), to compare with the use records written.
local payloads, auths = {}, {}
for line in io.lines(os.getenv("PAYLOAD_FILE")) do payloads[#payloads + 1] = line end
for a in string.gmatch(os.getenv("AUTHS"), "[^,]+") do auths[#auths + 1] = a end
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local purposes = {"挂号", "就诊", "缴费", "取药", "检查"}
local threads = {}
local n = 0
ok = 0

function setup(thread)
  threads[#threads + 1] = thread
end

request = function()
  n = n + 1
  local body = '{"payload":"' .. payloads[n % #payloads + 1] .. '","purpose":"' .. purposes[n % #purposes + 1] ..
    '","department":"bench"}'
  return wrk.format("POST", "/api/v1/healthcard/verifications",
    {["Content-Type"] = "application/json", ["Authorization"] = auths[n % #auths + 1]}, body)
end

function delay()
  return pause
end

-- no response() callback: wrk then skips handing each response to Lua, which matters as wrk shares the 2 cores
-- with the server; the 200 answers are the completed requests less the errors and non-2xx answers
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("ok_responses %d\n", summary.requests - e.connect - e.read - e.write - e.status - e.timeout))
end
