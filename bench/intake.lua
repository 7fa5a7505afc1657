-- wrk script: multipart submissions of a 异地代收代办 application with two small PDF files, each request with
-- its own file contents (so the file store really writes two files per submission).
-- Environment: ITEM_ID, MATERIALS (comma-separated material ids), FORM_FIELDS (the item's form field labels,
-- separated by |), AUTH (the Basic header value). A non-2xx answer shows in wrk's "Non-2xx" line.
local item = os.getenv("ITEM_ID")
local materials = {}
for id in string.gmatch(os.getenv("MATERIALS"), "[^,]+") do materials[#materials + 1] = id end
local auth = os.getenv("AUTH")
local labels = {}
for label in string.gmatch(os.getenv("FORM_FIELDS") or "", "[^|]+") do labels[#labels + 1] = label end
local boundary = "----onecitybench"
local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

request = function()
  counter = counter + 1
  local parts = {
    field("itemId", item), field("mode", "PROXY"), field("acceptCity", "430300"), field("handleCity", "430100"),
    field("applicantName", "张示例"), field("idNumber", "430304199211200073"), field("phone", "13900001111"),
  }
  for _, label in ipairs(labels) do
    parts[#parts + 1] = field("form[" .. label .. "]", "示例")
  end
  for i, m in ipairs(materials) do
    parts[#parts + 1] = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"material-" .. m ..
      "\"; filename=\"m" .. i .. ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% bench " ..
      tostring(tid) .. "-" .. counter .. "-" .. i .. "\n%%EOF\n\r\n"
  end
  parts[#parts + 1] = "--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/api/v1/services/applications",
    {["Content-Type"] = "multipart/form-data; boundary=" .. boundary, ["Authorization"] = auth}, table.concat(parts))
end
