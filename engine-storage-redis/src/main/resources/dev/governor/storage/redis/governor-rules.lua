-- Governor's Redis store: every operation is one call of one Redis Function, atomic on the server.
-- The library is this file, governor-ledger.lua, governor-catalog.lua and governor-dispatch.lua,
-- joined in that order after the shebang line that names the library (Script.java); args[1] names
-- the operation. Loaded once per server (FUNCTION LOAD), the library's chunk runs once: a call runs
-- only its operation, where a script sent by EVALSHA would run this whole file on every call.
-- This part holds the rules the operations share. The ledger operations port
-- dev.governor.spi.LedgerRules line for line; keep the two in step (the conformance suites hold
-- both to the same behaviour).
--
-- Every operation reads all it needs before it writes anything, so an error changes nothing.
--
-- Numbers: Lua numbers are doubles, exact only to 2^53, so every 64-bit quantity (usage, limits,
-- amounts) travels and is stored as two exact parts, hi = v >>> 32 and lo = v & 0xFFFFFFFF.
-- Versions and times (milliseconds) stay below 2^53 and travel as plain integers.
--
-- Replies start with a LedgerStatus ordinal: OK 0, GRANTED 1, DENIED 2, DUPLICATE 3,
-- KEY_CONFLICT 4, STALE 5 (then the owner's current version), OVERFLOW 6, UNKNOWN 7 (no such reservation).

-- The current call's keys and arguments, set by the registered function (governor-dispatch.lua).
local KEYS, ARGV

local B32 = 4294967296
local HI_MAX = 2147483647 -- Long.MAX_VALUE >>> 32
local OK, GRANTED, DENIED, DUPLICATE, KEY_CONFLICT, STALE, OVERFLOW, UNKNOWN = 0, 1, 2, 3, 4, 5, 6, 7

-- ---------------------------------------------------------------- 64-bit values as (hi, lo)

local function add(ah, al, bh, bl)
  local h, l = ah + bh, al + bl
  if l >= B32 then
    return h + 1, l - B32
  end
  return h, l
end

local function atMost(ah, al, bh, bl)
  return ah < bh or (ah == bh and al <= bl)
end

-- LedgerRules.hasRoom: an unlimited budget (limit hi -1) always has room.
local function hasRoom(lh, ll, uh, ul, ah, al)
  if lh < 0 then
    return true
  end
  local sh, sl = add(uh, ul, ah, al)
  return atMost(sh, sl, lh, ll)
end

-- LedgerRules.overflows: usage + amount past Long.MAX_VALUE.
local function overflows(uh, ul, ah, al)
  local sh = add(uh, ul, ah, al)
  return sh > HI_MAX
end

-- ---------------------------------------------------------------- counters: 16 bytes

-- A counter is packed by struct (one C call each way, where text would cost a pattern match and
-- three conversions per budget): the period start as a big-endian double (exact below 2^53), then
-- the usage's hi and lo parts as unsigned 32-bit integers. A counter never written has no period
-- (LedgerRules' Long.MIN_VALUE): nil here.
local COUNTER = '>dII'

-- A counter some reservation holds carries a tail after its 16 bytes: the summary of its holds
-- (governor-holds.lua), kept by every write of the counter. Returns the period start, the usage's
-- parts and the tail ('' for none).
local function parseCounter(raw)
  if not raw then
    return nil, 0, 0, ''
  end
  local p, h, l = struct.unpack(COUNTER, raw)
  if #raw > 16 then
    return p, h, l, string.sub(raw, 17)
  end
  return p, h, l, ''
end

local function formatCounter(p, h, l)
  return struct.pack(COUNTER, p, h, l)
end

-- LedgerRules.usageIn: a counter of an older period counts 0, of a later one as it is.
local function usageIn(cp, ch, cl, period)
  if cp ~= nil and cp >= period then
    return ch, cl
  end
  return 0, 0
end

-- ---------------------------------------------------------------- versions

-- KEYS[1] is the owner's meta hash (field v: catalog version; field g: on Cluster, this owner's
-- copy of the engine-wide version). KEYS[3] holds the engine-wide version in field g: the global
-- meta hash on a single server, the owner's own meta hash on Cluster (mirror = 1), where a script
-- may touch one slot only. Returns nil when current, else the owner's version (LedgerRules.isCurrent).
local function staleVersion(plannedOwner, plannedGlobal, mirror)
  local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
  if v ~= plannedOwner then
    return v
  end
  if plannedGlobal >= 0 then
    local g = tonumber(redis.call('HGET', KEYS[3], 'g') or '0')
    if g > plannedGlobal then
      return v
    end
    if g < plannedGlobal then
      if mirror == 0 then
        return v
      end
      -- An engine planned on an engine-wide version this owner's copy has not reached yet: the
      -- version exists (the engine read it from the store), so the copy catches up.
      redis.call('HSET', KEYS[3], 'g', string.format('%.0f', plannedGlobal))
    end
  end
  return nil
end

-- ---------------------------------------------------------------- idempotency keys: "fingerprint:expiresAt"

local ABSENT, SAME_REQUEST, OTHER_REQUEST = 0, 1, 2

-- LedgerRules.keyMatch with LedgerRules.holds: expiry is decided on the engine's clock (now).
local function keyMatch(key, fingerprint, now)
  local raw = redis.call('GET', key)
  if not raw then
    return ABSENT
  end
  local fp, expires = string.match(raw, '^([^:]+):([^:]+)$')
  if tonumber(expires) <= now then
    return ABSENT
  end
  if fp == fingerprint then
    return SAME_REQUEST
  end
  return OTHER_REQUEST
end

-- Claims a key until expiresAt on the engine's clock; Redis drops it after the same span.
local function claim(key, fingerprint, expires, now)
  local ttl = expires - now
  if ttl < 1 then
    ttl = 1
  end
  redis.call('SET', key, fingerprint .. ':' .. string.format('%.0f', expires), 'PX', string.format('%.0f', ttl))
end
