-- Admits URLs: ARGV = prefix, max pages (0: none), max per host (0: none), default host
-- concurrency, seed host key ("" unless seeds), then per URL: url, host, priority, encoded request.
-- Returns per URL: 1 admitted, 0 seen before, 2 over the page budget, 3 over the host budget.
local max_pages = tonumber(ARGV[2])
local max_per_host = tonumber(ARGV[3])
local maxc = ARGV[4]
if ARGV[5] ~= '' then
  redis.call('SADD', P .. 'seedhosts', ARGV[5])
end
local out = {}
local woke = 0
for i = 6, #ARGV, 4 do
  local url, host, prio, member = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3]
  local h = P .. 'h:' .. host
  local code = 1
  if redis.call('SADD', P .. 'seen', url) == 0 then
    code = 0
  elseif max_pages > 0 and tonumber(redis.call('HGET', LEDGER, 'admitted') or '0') >= max_pages then
    code = 2
  elseif max_per_host > 0 and redis.call('HINCRBY', h, 'admitted', 1) > max_per_host then
    redis.call('HINCRBY', h, 'admitted', -1)
    code = 3
  end
  if code == 1 then
    redis.call('HSETNX', h, 'maxc', maxc)
    local seq = redis.call('HINCRBY', LEDGER, 'seq', 1)
    redis.call('ZADD', P .. 'q:' .. host, -prio * 4294967296 + seq, member)
    redis.call('HINCRBY', LEDGER, 'admitted', 1)
    redis.call('HINCRBY', LEDGER, 'outstanding', 1)
    redis.call('HINCRBY', LEDGER, 'queued', 1)
    if schedule(host) == 1 then
      woke = 1
    end
  end
  out[#out + 1] = code
end
if woke == 1 then
  wake()
end
return out
