-- POST /webhooks/$SOURCE with pre-signed deliveries (bench/webhooks.sh makes them): "acme" (Standard Webhooks, the
-- default) or "order-status" (the in-house order source's headers). Each request a new delivery id, so none is a
-- duplicate. $DELIVERIES holds "id timestamp signature" lines, $BODY the body.
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
  source = os.getenv("SOURCE") or "acme"
  index = 0
end

function request()
  index = index % #lines + 1
  local id, timestamp, signature = lines[index]:match("(%S+) (%S+) (%S+)")
  if source == "order-status" then
    return wrk.format("POST", "/webhooks/order-status", {
      ["X-Webhook-Id"] = id,
      ["X-Webhook-Timestamp"] = timestamp,
      ["X-Webhook-Signature"] = signature,
      ["X-Webhook-Event"] = "order.status_changed",
      ["Content-Type"] = "application/json"
    }, body)
  end
  return wrk.format("POST", "/webhooks/acme", {
    ["webhook-id"] = id,
    ["webhook-timestamp"] = timestamp,
    ["webhook-signature"] = signature,
    ["Content-Type"] = "application/json"
  }, body)
end
