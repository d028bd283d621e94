-- wrk: GET /payments/<order> round-robin over the orders in $ORDERS (comma-separated); answers
-- counted by state.
dofile(os.getenv("LUA_DIR") .. "outcomes.lua")
local orders = {}
for id in string.gmatch(os.getenv("ORDERS") or "", "[^,]+") do orders[#orders + 1] = id end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "/payments/" .. orders[(i % #orders) + 1])
end
