-- Extends this process's leases and producer registrations: ARGV = prefix, lease ms, number of
-- producer ids, the producer ids, then lease ids. Returns how many leases were already gone.
local now = now_ms()
local until_ms = now + tonumber(ARGV[2])
local k = tonumber(ARGV[3])
for i = 4, 3 + k do
  redis.call('ZADD', P .. 'producers', 'XX', until_ms, ARGV[i])
end
local lost = 0
for i = 4 + k, #ARGV do
  if redis.call('ZADD', P .. 'leases', 'XX', 'CH', until_ms, ARGV[i]) == 0 then
    if not redis.call('ZSCORE', P .. 'leases', ARGV[i]) then
      lost = lost + 1
    end
  end
end
return lost
