-- A fetch ended: frees its host slot and holds the host off. ARGV = prefix, lease id, hold ms,
-- the host's current delay ms, the host's concurrency (0: unchanged). Returns 0 if the lease is gone.
local now = now_ms()
local id = ARGV[2]
local data = redis.call('HGET', P .. 'lease', id)
if not data then
  return 0
end
local slot, host = parse_lease(data)
local h = P .. 'h:' .. host
if slot == '1' then
  free_slot(host)
  redis.call('HSET', P .. 'lease', id, '0' .. string.sub(data, 2))
end
redis.call('HSET', h, 'delay', ARGV[4])
if tonumber(ARGV[5]) > 0 then
  redis.call('HSET', h, 'maxc', ARGV[5])
end
hold(host, now + tonumber(ARGV[3]))
if schedule(host) == 1 then
  wake()
end
return 1
