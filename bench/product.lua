-- GET /api/v1/products/{SKU} with the bearer token from $TOKEN (the local run's sandbox catalog).
-- With $PACE_MS set, each connection waits that long between requests.
local token = os.getenv("TOKEN")
local sku = os.getenv("SKU") or "IPOD2008GREEN"
local pace = tonumber(os.getenv("PACE_MS") or "0")

request = function()
  return wrk.format("GET", "/api/v1/products/" .. sku, { ["Authorization"] = "Bearer " .. token })
end

if pace > 0 then
  delay = function() return pace end
end
