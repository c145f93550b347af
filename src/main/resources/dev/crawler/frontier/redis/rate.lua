-- The shared rate limit (GCRA, one request per interval, no burst): ARGV = prefix, interval in
-- microseconds. Reserves the next slot and returns how many microseconds to wait for it. Times
-- count from a base second kept with the limiter, so they stay exact in Lua's doubles.
local t = redis.call('TIME')
local key = P .. 'rate'
local base = tonumber(redis.call('HGET', key, 'base') or '0')
if base == 0 then
  base = tonumber(t[1])
  redis.call('HSET', key, 'base', base)
end
local now = (tonumber(t[1]) - base) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('HGET', key, 'tat') or '0')
local start = math.max(now, tat)
redis.call('HSET', key, 'tat', start + tonumber(ARGV[2]))
return math.floor(start - now)
