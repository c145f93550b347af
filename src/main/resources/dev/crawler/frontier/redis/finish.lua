-- Records a leased URL's final state: ARGV = prefix, lease id, outcome (fetched, failed or
-- skipped), url, detail, then the fetch's hold ms ('-': none), delay ms and concurrency. Returns
-- the outstanding count, or -1 if the lease was gone (it expired and its URL went back to the
-- queue: the copy fetched from there completes it).
local now = now_ms()
local id = ARGV[2]
local data = redis.call('HGET', P .. 'lease', id)
if not data then
  return -1
end
end_fetch(data, 6, now)
drop_lease(id)
redis.call('HINCRBY', LEDGER, ARGV[3], 1)
if ARGV[3] == 'failed' then
  redis.call('HSET', P .. 'failed', ARGV[4], ARGV[5])
end
local left = redis.call('HINCRBY', LEDGER, 'outstanding', -1)
if left <= 0 then
  check_done(now)
end
return left
