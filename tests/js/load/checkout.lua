-- wrk: one new order per request (ids unique per thread and run); answers counted by state.
dofile(os.getenv("LUA_DIR") .. "outcomes.lua")
local counter = 0
function request()
  counter = counter + 1
  local orderId = string.format("ld%d%d%d", tid, os.time(), counter)
  local body = '{"orderId":"' .. orderId .. '","amount":"1200","description":"load"}'
  return wrk.format("POST", "/checkout", { ["Content-Type"] = "application/json", ["User-Agent"] = "wrk AlipayClient/10" }, body)
end
