-- wrk script: online verification of health codes by hospital staff (POST /api/v1/healthcard/verifications),
-- round-robin over the payloads and staff accounts given, and the five purposes.
-- Environment: PAYLOAD_FILE (one EHC1 payload per line: fresh codes, as each patient shows a new one), AUTHS
-- (comma-separated Basic header values),
-- DELAY_MS (optional pause before each request on a connection, to pace the load).
-- Prints "ok_responses N": the 200 answers wrk received, to compare with the use records written.
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

response = function(status, headers, body)
  if status == 200 then ok = ok + 1 end
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("ok") end
  io.write(string.format("ok_responses %d\n", total))
end
