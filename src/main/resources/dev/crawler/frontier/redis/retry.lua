-- Holds a leased URL's next attempt until due (then it queues behind its host's fresh URLs of its
-- priority, see claim.lua): ARGV = prefix,
-- lease id, delay ms, encoded next attempt, then the fetch's hold ms ('-': none), delay ms and
-- concurrency. Returns 0 if the lease was gone.
local now = now_ms()
local id = ARGV[2]
local data = redis.call('HGET', P .. 'lease', id)
if not data then
  return 0
end
local host, score = end_fetch(data, 5, now)
drop_lease(id)
local m = host .. '\n' .. score .. '\n' .. ARGV[4]
redis.call('ZADD', P .. 'retries', now + tonumber(ARGV[3]), m)
return 1
