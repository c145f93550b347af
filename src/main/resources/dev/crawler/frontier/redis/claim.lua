-- Takes up to ARGV[3] URLs, each the next of the first host that is ready, under leases:
-- ARGV = prefix, lease ms, most URLs. First puts back what expired leases held (their process
-- died) and what retries are due. Returns {1, now, n, then n times: lease id, host, encoded
-- request}, or, with nothing ready, {0, now, earliest time something may be due (-1: none),
-- outstanding, live producers}.
local now = now_ms()
local lease_ms = tonumber(ARGV[2])
local most = tonumber(ARGV[3])
local woke = 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'leases', '-inf', now, 'LIMIT', 0, 100)) do
  woke = math.max(woke, unclaim(id, 0))
  redis.call('HINCRBY', LEDGER, 'expired', 1)
end
-- A due retry queues behind the fresh URLs of its priority: its score keeps the priority part
-- (-priority * 2^32) and takes a new admission number, as a URL found now would.
for _, m in ipairs(redis.call('ZRANGEBYSCORE', P .. 'retries', '-inf', now, 'LIMIT', 0, 100)) do
  local host, score, member = string.match(m, '^([^\n]*)\n([^\n]*)\n(.*)$')
  local prio_part = math.floor(tonumber(score) / 4294967296) * 4294967296
  local seq = redis.call('HINCRBY', LEDGER, 'seq', 1)
  redis.call('ZADD', P .. 'q:' .. host, prio_part + seq, member)
  redis.call('HINCRBY', LEDGER, 'queued', 1)
  redis.call('ZREM', P .. 'retries', m)
  woke = math.max(woke, schedule(host))
end
if redis.call('ZREMRANGEBYSCORE', P .. 'producers', '-inf', now) > 0 then
  check_done(now)
end
if woke == 1 then
  wake()
end
local out = {1, now, 0}
for _ = 1, most + 20 do
  if out[3] >= most then
    break
  end
  local ready = redis.call('ZRANGEBYSCORE', P .. 'hosts', '-inf', now, 'LIMIT', 0, 1)
  if #ready == 0 then
    break
  end
  local host = ready[1]
  local popped = redis.call('ZPOPMIN', P .. 'q:' .. host)
  if #popped == 0 then
    redis.call('ZREM', P .. 'hosts', host)
  else
    local member, score = popped[1], popped[2]
    local h = P .. 'h:' .. host
    redis.call('HINCRBY', h, 'inflight', 1)
    hold(host, now + tonumber(redis.call('HGET', h, 'delay') or '0'))
    redis.call('HINCRBY', LEDGER, 'queued', -1)
    local id = tostring(redis.call('HINCRBY', LEDGER, 'leaseseq', 1))
    redis.call('ZADD', P .. 'leases', now + lease_ms, id)
    redis.call('HSET', P .. 'lease', id, '1\n' .. host .. '\n' .. score .. '\n' .. member)
    schedule(host)
    out[3] = out[3] + 1
    out[#out + 1] = id
    out[#out + 1] = host
    out[#out + 1] = member
  end
end
if out[3] > 0 then
  return out
end
local due = -1
for _, key in ipairs({'hosts', 'retries', 'leases'}) do
  local first = redis.call('ZRANGE', P .. key, 0, 0, 'WITHSCORES')
  if #first > 0 then
    local t = tonumber(first[2])
    if due < 0 or t < due then
      due = t
    end
  end
end
local left = tonumber(redis.call('HGET', LEDGER, 'outstanding') or '0')
return {0, now, due, left, redis.call('ZCOUNT', P .. 'producers', now, '+inf')}
