-- POST /webhooks/acme with pre-signed Standard Webhooks deliveries (bench/webhooks.sh makes them): each request
-- a new webhook-id, so none is a duplicate. $DELIVERIES holds "id timestamp signature" lines, $BODY the body.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  local n = tonumber(os.getenv("THREADS") or "2")
  lines = {}
  local i = 0
  for line in io.lines(os.getenv("DELIVERIES")) do
    if i % n == tid - 1 then lines[#lines + 1] = line end
    i = i + 1
  end
  local file = io.open(os.getenv("BODY"), "rb")
  body = file:read("*a")
  file:close()
  index = 0
end

function request()
  index = index % #lines + 1
  local id, timestamp, signature = lines[index]:match("(%S+) (%S+) (%S+)")
  return wrk.format("POST", "/webhooks/acme", {
    ["webhook-id"] = id,
    ["webhook-timestamp"] = timestamp,
    ["webhook-signature"] = "v1," .. signature,
    ["Content-Type"] = "application/json"
  }, body)
end
