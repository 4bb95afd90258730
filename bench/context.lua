-- GET /api/v1/customers/{CUSTOMER}/context with the bearer token from $TOKEN.
local token = os.getenv("TOKEN")
local customer = os.getenv("CUSTOMER") or "207119551"

request = function()
  return wrk.format("GET", "/api/v1/customers/" .. customer .. "/context", { ["Authorization"] = "Bearer " .. token })
end
