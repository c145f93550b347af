-- Registers (ARGV[2] = 'start') or ends ('finish') a producer: ARGV = prefix, op, id, lease ms.
-- A producer of a process that died expires with its lease. Returns 1 if the crawl is over.
local now = now_ms()
if ARGV[2] == 'start' then
  redis.call('ZADD', P .. 'producers', now + tonumber(ARGV[4]), ARGV[3])
  return 0
end
redis.call('ZREM', P .. 'producers', ARGV[3])
return check_done(now)
