-- GET /api/v1/orders/{ORDER} with the bearer token from $TOKEN.
-- With $PACE_MS set, each connection waits that long between requests (a fixed-rate run for latency at a
-- given load, instead of at saturation).
local token = os.getenv("TOKEN")
local order = os.getenv("ORDER") or "1001"
local pace = tonumber(os.getenv("PACE_MS") or "0")

request = function()
  return wrk.format("GET", "/api/v1/orders/" .. order, { ["Authorization"] = "Bearer " .. token })
end

if pace > 0 then
  delay = function() return pace end
end
