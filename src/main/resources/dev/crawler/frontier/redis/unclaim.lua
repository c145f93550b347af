-- Puts leased URLs back in their queues unfinished (a robots.txt arrived first, or the process
-- stops): ARGV = prefix, hold ms (0: none), lease ids. Returns how many went back.
local now = now_ms()
local hold_ms = tonumber(ARGV[2])
local woke = 0
local n = 0
for i = 3, #ARGV do
  if redis.call('HEXISTS', P .. 'lease', ARGV[i]) == 1 then
    n = n + 1
  end
  woke = math.max(woke, unclaim(ARGV[i], hold_ms > 0 and now + hold_ms or 0))
end
if woke == 1 then
  wake()
end
return n
