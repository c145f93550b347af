-- Holds a leased URL's next attempt until due, ahead of its host's newer URLs: ARGV = prefix,
-- lease id, delay ms, encoded next attempt. Returns 0 if the lease was gone.
local now = now_ms()
local id = ARGV[2]
local data = redis.call('HGET', P .. 'lease', id)
if not data then
  return 0
end
local slot, host, score = parse_lease(data)
if slot == '1' then
  free_slot(host)
  if schedule(host) == 1 then
    wake()
  end
end
drop_lease(id)
local m = host .. '\n' .. (tonumber(score) - 2147483648) .. '\n' .. ARGV[4]
redis.call('ZADD', P .. 'retries', now + tonumber(ARGV[3]), m)
return 1
