-- The shared ledger: ARGV = prefix. Returns {admitted, fetched, failed, skipped, outstanding,
-- queued, retries, ready hosts, leases, live producers, expired leases}.
local now = now_ms()
local v = redis.call('HMGET', LEDGER, 'admitted', 'fetched', 'failed', 'skipped', 'outstanding',
  'queued', 'expired')
return {tonumber(v[1] or '0'), tonumber(v[2] or '0'), tonumber(v[3] or '0'),
  tonumber(v[4] or '0'), tonumber(v[5] or '0'), tonumber(v[6] or '0'),
  redis.call('ZCARD', P .. 'retries'), redis.call('ZCARD', P .. 'hosts'),
  redis.call('ZCARD', P .. 'leases'), redis.call('ZCOUNT', P .. 'producers', now, '+inf'),
  tonumber(v[7] or '0')}
