-- wrk: GET /orders/<order> with its secret, round-robin over the "id:secret" pairs in $ORDERS
-- (comma-separated); answers counted by state.
dofile(os.getenv("LUA_DIR") .. "outcomes.lua")
local orders = {}
for id, secret in string.gmatch(os.getenv("ORDERS") or "", "([^,:]+):([^,]+)") do orders[#orders + 1] = { id, secret } end
local i = 0
function request()
  i = i + 1
  local o = orders[(i % #orders) + 1]
  return wrk.format("GET", "/orders/" .. o[1], { ["Authorization"] = "Bearer " .. o[2] })
end
