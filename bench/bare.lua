-- The bare endpoint, paced like order.lua when $PACE_MS is set.
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  delay = function() return pace end
end
