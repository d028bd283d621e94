-- wrk: one new order per request (each with an Idempotency-Key unique per thread, run and
-- request); answers counted by state.
dofile(os.getenv("LUA_DIR") .. "outcomes.lua")
local counter = 0
function request()
  counter = counter + 1
  local key = string.format("load-%d-%d-%d-xxxxxxxx", tid, os.time(), counter)
  return wrk.format("POST", "/orders", { ["Content-Type"] = "application/json", ["User-Agent"] = "wrk AlipayClient/10", ["Idempotency-Key"] = key },
    '{"amount":"1200","description":"load"}')
end
