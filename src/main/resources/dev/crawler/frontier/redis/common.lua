-- Prepended to every script of the shared frontier. ARGV[1] is the crawl's key prefix,
-- "crawler:{NAME}:"; every key of one crawl carries the hash tag {NAME} (see the README).
-- Times are the Redis server's clock in milliseconds, so the processes' clocks never matter.
local P = ARGV[1]
local LEDGER = P .. 'ledger'

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A lease's data: "<slot held 1|0>\n<host>\n<queue score>\n<encoded request>".
local function parse_lease(data)
  return string.match(data, '^(%d)\n([^\n]*)\n([^\n]*)\n(.*)$')
end

-- Puts a host in the ready set at its next allowed time when it has queued URLs and a free
-- slot, and takes it out otherwise. Returns 1 when the host was not in the ready set before.
local function schedule(host)
  local h = P .. 'h:' .. host
  local v = redis.call('HMGET', h, 'inflight', 'maxc', 'next')
  local inflight = tonumber(v[1] or '0')
  local maxc = tonumber(v[2] or '1')
  local nxt = tonumber(v[3] or '0')
  if inflight < maxc and redis.call('ZCARD', P .. 'q:' .. host) > 0 then
    return redis.call('ZADD', P .. 'hosts', nxt, host)
  end
  redis.call('ZREM', P .. 'hosts', host)
  return 0
end

local function free_slot(host)
  local h = P .. 'h:' .. host
  if redis.call('HINCRBY', h, 'inflight', -1) < 0 then
    redis.call('HSET', h, 'inflight', 0)
  end
end

local function hold(host, until_ms)
  local h = P .. 'h:' .. host
  local nxt = tonumber(redis.call('HGET', h, 'next') or '0')
  if until_ms > nxt then
    redis.call('HSET', h, 'next', until_ms)
  end
end

local function drop_lease(id)
  redis.call('ZREM', P .. 'leases', id)
  redis.call('HDEL', P .. 'lease', id)
end

-- Puts a leased request back at its place in its host's queue. Returns 1 when that made the host
-- newly ready.
local function unclaim(id, hold_until)
  local data = redis.call('HGET', P .. 'lease', id)
  if not data then
    return 0
  end
  local slot, host, score, member = parse_lease(data)
  redis.call('ZADD', P .. 'q:' .. host, score, member)
  redis.call('HINCRBY', LEDGER, 'queued', 1)
  if slot == '1' then
    free_slot(host)
  end
  if hold_until > 0 then
    hold(host, hold_until)
  end
  drop_lease(id)
  return schedule(host)
end

local function wake()
  redis.call('PUBLISH', P .. 'events', 'work')
end

-- The crawl is over when no admitted URL is outstanding and no producer is live.
local function check_done(now)
  local left = tonumber(redis.call('HGET', LEDGER, 'outstanding') or '0')
  if left <= 0 and redis.call('ZCOUNT', P .. 'producers', now, '+inf') == 0 then
    redis.call('PUBLISH', P .. 'events', 'done')
    return 1
  end
  return 0
end

-- Frees a lease's host slot, if it still holds one, and applies what the fetch taught about the
-- host (ARGV[i..i+2]: hold ms, delay ms, concurrency or 0; hold '-' when nothing was learned).
local function end_fetch(data, i, now)
  local slot, host, score = parse_lease(data)
  if slot == '1' then
    free_slot(host)
  end
  if ARGV[i] ~= '-' then
    local h = P .. 'h:' .. host
    redis.call('HSET', h, 'delay', ARGV[i + 1])
    if tonumber(ARGV[i + 2]) > 0 then
      redis.call('HSET', h, 'maxc', ARGV[i + 2])
    end
    hold(host, now + tonumber(ARGV[i]))
  end
  if schedule(host) == 1 then
    wake()
  end
  return host, score
end
