-- Shared by checkout.lua and status.lua: counts the Worker's answers by the order state they
-- report, per thread, and prints the totals when wrk is done (load.mjs asserts them).
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end
awaiting, other = 0, 0
function response(status, headers, body)
  if (status == 200 or status == 201) and string.find(body, '"state":"awaitingShopper"', 1, true) then
    awaiting = awaiting + 1
  else
    other = other + 1
  end
end
function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("awaiting")
    o = o + t:get("other")
  end
  io.write(string.format("outcomes: awaitingShopper=%d other=%d\n", a, o))
end
