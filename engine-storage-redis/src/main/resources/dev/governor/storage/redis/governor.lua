-- Governor's Redis store: every operation is one call of this script, atomic on the server.
-- ARGV[1] names the operation. The ledger operations port dev.governor.spi.LedgerRules line for
-- line; keep the two in step (the conformance suites hold both to the same behaviour).
--
-- Every operation reads all it needs before it writes anything, so an error (OOM, a read-only
-- replica: Redis refuses a script's first write in both cases) changes nothing. (No shebang: with
-- one, Redis 7.0 spends about a third more time on every call.)
--
-- Numbers: Lua numbers are doubles, exact only to 2^53, so every 64-bit quantity (usage, limits,
-- amounts) travels and is stored as two exact parts, hi = v >>> 32 and lo = v & 0xFFFFFFFF.
-- Versions and times (milliseconds) stay below 2^53 and travel as plain integers.
--
-- Replies start with a LedgerStatus ordinal: OK 0, GRANTED 1, DENIED 2, DUPLICATE 3,
-- KEY_CONFLICT 4, STALE 5 (then the owner's current version), OVERFLOW 6.

local B32 = 4294967296
local HI_MAX = 2147483647 -- Long.MAX_VALUE >>> 32
local OK, GRANTED, DENIED, DUPLICATE, KEY_CONFLICT, STALE, OVERFLOW = 0, 1, 2, 3, 4, 5, 6

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

local function parseCounter(raw)
  if not raw then
    return nil, 0, 0
  end
  local p, h, l = struct.unpack(COUNTER, raw)
  return p, h, l
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

-- LedgerRules.periodAfterAdd
local function periodAfterAdd(cp, period)
  if cp ~= nil and cp > period then
    return cp
  end
  return period
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

-- ---------------------------------------------------------------- ledger operations

-- Budgets travel as groups of 4 arguments from ARGV[at]: counter field, limit hi (-1: unlimited),
-- limit lo, period start.
local function readBudgets(at, n)
  local fields, lh, ll, periods = {}, {}, {}, {}
  for i = 1, n do
    local a = at + (i - 1) * 4
    fields[i] = ARGV[a]
    lh[i] = tonumber(ARGV[a + 1])
    ll[i] = tonumber(ARGV[a + 2])
    periods[i] = tonumber(ARGV[a + 3])
  end
  return fields, lh, ll, periods
end

-- Reads counters by HMGET in chunks: Lua's unpack holds a few thousand values at most, and a
-- report may read ten thousand budgets in one call.
local CHUNK = 1000
local function readCounters(fields, n)
  local cp, ch, cl = {}, {}, {}
  for from = 1, n, CHUNK do
    local to = math.min(from + CHUNK - 1, n)
    local raws = redis.call('HMGET', KEYS[2], unpack(fields, from, to))
    for i = from, to do
      cp[i], ch[i], cl[i] = parseCounter(raws[i - from + 1])
    end
  end
  return cp, ch, cl
end

-- read / readEach: ARGV plannedOwner, plannedGlobal, mirror, n, budgets. Usage of each budget.
local function read()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local n = tonumber(ARGV[5])
  local fields, _, _, periods = readBudgets(6, n)
  local cp, ch, cl = readCounters(fields, n)
  local out = { OK }
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], periods[i])
    out[#out + 1] = uh
    out[#out + 1] = ul
  end
  return out
end

-- readEach: ARGV plannedOwner, plannedGlobal, mirror, then (counter field, period start) pairs: one
-- slice of a report's budgets (the store sends a large report as several pipelined slices, so no
-- one call holds the server long). Usage of each budget.
local function readEach()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local n = (#ARGV - 4) / 2
  local fields = {}
  for i = 1, n do
    fields[i] = ARGV[3 + 2 * i]
  end
  local cp, ch, cl = readCounters(fields, n)
  local out = { OK }
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], tonumber(ARGV[4 + 2 * i]))
    out[#out + 1] = uh
    out[#out + 1] = ul
  end
  return out
end

-- check: ARGV plannedOwner, plannedGlobal, mirror, amount hi, amount lo, n, budgets (LedgerRules.check).
local function check()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local ah, al, n = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
  local fields, lh, ll, periods = readBudgets(8, n)
  local cp, ch, cl = readCounters(fields, n)
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], periods[i])
    if not hasRoom(lh[i], ll[i], uh, ul, ah, al) then
      return { DENIED }
    end
  end
  return { GRANTED }
end

-- One consume (LedgerRules.consume) from ARGV[at]: plannedOwner, plannedGlobal, now, amount hi,
-- amount lo, key index in KEYS (0: none), fingerprint, key expiry, n, budgets. Decided against the
-- counters as earlier consumes of the same call left them. Returns the reply and the next ARGV index.
-- The hot path of the store: LedgerRules' steps are written out in one loop over the budgets
-- (each step names the rule it ports) because every Lua function call costs here.
local function consumeAt(at, mirror)
  local n = tonumber(ARGV[at + 8])
  local nextAt = at + 9 + n * 4
  local stale = staleVersion(tonumber(ARGV[at]), tonumber(ARGV[at + 1]), mirror)
  if stale then
    return { STALE, stale }, nextAt
  end
  local now = tonumber(ARGV[at + 2])
  local ah, al = tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
  local keyIndex, fingerprint, expires = tonumber(ARGV[at + 5]), ARGV[at + 6], tonumber(ARGV[at + 7])
  local fields = {}
  for i = 1, n do
    fields[i] = ARGV[at + 5 + 4 * i]
  end
  local cp, ch, cl = readCounters(fields, n)
  local match = ABSENT
  if keyIndex > 0 then
    match = keyMatch(KEYS[keyIndex], fingerprint, now)
  end
  local out = { 0 }
  local writes = {}
  local room, overflow = true, false
  for i = 1, n do
    local a = at + 5 + 4 * i
    local lh, period = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 3])
    local p, uh, ul = cp[i], ch[i], cl[i]
    if p == nil or p < period then
      uh, ul = 0, 0 -- usageIn: a counter of an older period counts 0
    end
    out[2 * i], out[2 * i + 1] = uh, ul
    local sh, sl = uh + ah, ul + al -- usage + amount, exact in two parts
    if sl >= B32 then
      sh, sl = sh + 1, sl - B32
    end
    if lh < 0 then
      overflow = overflow or sh > HI_MAX -- overflowsUnlimited
    elseif room then
      local ll = tonumber(ARGV[a + 2])
      room = sh < lh or (sh == lh and sl <= ll) -- hasRoom
    end
    if p == nil or p < period then
      p = period -- periodAfterAdd
    end
    writes[2 * i - 1], writes[2 * i] = fields[i], formatCounter(p, sh, sl)
  end
  -- LedgerRules.consumeOutcome
  local reply
  if match == SAME_REQUEST then
    reply = DUPLICATE
  elseif match == OTHER_REQUEST then
    reply = KEY_CONFLICT
  elseif not room then
    reply = DENIED
  elseif overflow then
    reply = OVERFLOW
  else
    reply = GRANTED
  end
  out[1] = reply
  if reply == GRANTED then
    if n > 0 then
      redis.call('HSET', KEYS[2], unpack(writes))
    end
    if keyIndex > 0 then
      claim(KEYS[keyIndex], fingerprint, expires, now)
    end
  end
  return out, nextAt
end

-- consume: ARGV mirror, count, then count consumes (see consumeAt), each decided in order.
-- Replies: one table per consume.
local function consume()
  local mirror, count = tonumber(ARGV[2]), tonumber(ARGV[3])
  local at = 4
  local replies = {}
  for c = 1, count do
    replies[c], at = consumeAt(at, mirror)
  end
  return replies
end

-- ingest (LedgerRules.ingest): ARGV plannedOwner, plannedGlobal, mirror, now, expiresAt, count,
-- then per event: key index (0: none), fingerprint, amount hi, amount lo, n, then n groups of
-- counter field, current period start (at now), period start at the event's time.
-- Reply: status, failed event (0-based, -1 when none), then per event its outcome and per budget
-- late flag (1 late), usage hi, usage lo.
local function ingest()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now, expires, count = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
  local state = {} -- field -> { period, hi, lo }
  local changed = {}
  local batchKeys = {}
  local claims = {}
  local out = { OK, -1 }
  local at = 8
  for e = 1, count do
    local keyIndex, fingerprint = tonumber(ARGV[at]), ARGV[at + 1]
    local ah, al, n = tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
    local budgetsAt = at + 5
    at = budgetsAt + n * 3
    local outcome = OK
    if keyIndex > 0 then
      local key = KEYS[keyIndex]
      local match = keyMatch(key, fingerprint, now)
      if match == ABSENT and batchKeys[key] ~= nil then
        if batchKeys[key] == fingerprint then
          match = SAME_REQUEST
        else
          match = OTHER_REQUEST
        end
      end
      if match == OTHER_REQUEST then
        return { KEY_CONFLICT, e - 1 }
      end
      if match == SAME_REQUEST then
        outcome = DUPLICATE
      else
        batchKeys[key] = fingerprint
        claims[#claims + 1] = { key, fingerprint }
      end
    end
    out[#out + 1] = outcome
    for i = 0, n - 1 do
      local field = ARGV[budgetsAt + i * 3]
      local periodNow, periodOfEvent = tonumber(ARGV[budgetsAt + i * 3 + 1]), tonumber(ARGV[budgetsAt + i * 3 + 2])
      if outcome == DUPLICATE then
        out[#out + 1] = 0
        out[#out + 1] = 0
        out[#out + 1] = 0
      else
        local s = state[field]
        if not s then
          local cp, ch, cl = parseCounter(redis.call('HGET', KEYS[2], field))
          s = { cp, ch, cl }
          state[field] = s
        end
        local current = periodNow
        if s[1] ~= nil and s[1] > current then
          current = s[1]
        end
        local uh, ul = usageIn(s[1], s[2], s[3], current)
        if periodOfEvent < current then
          out[#out + 1] = 1
          out[#out + 1] = uh
          out[#out + 1] = ul
        else
          if overflows(uh, ul, ah, al) then
            return { OVERFLOW, e - 1 }
          end
          local sh, sl = add(uh, ul, ah, al)
          s[1], s[2], s[3] = current, sh, sl
          changed[field] = true
          out[#out + 1] = 0
          out[#out + 1] = sh
          out[#out + 1] = sl
        end
      end
    end
  end
  -- Every decision is made: now the writes.
  for field in pairs(changed) do
    local s = state[field]
    redis.call('HSET', KEYS[2], field, formatCounter(s[1], s[2], s[3]))
  end
  for _, c in ipairs(claims) do
    claim(c[1], c[2], expires, now)
  end
  return out
end

-- ---------------------------------------------------------------- catalog operations

-- ownerSnapshot: KEYS meta, entities, assignments; ARGV cached version ('' for none). The version
-- alone when the cached snapshot is current, else version, entities, assignments (one read).
local function ownerSnapshot()
  local v = redis.call('HGET', KEYS[1], 'v') or '0'
  if v == ARGV[2] then
    return { tonumber(v) }
  end
  return { tonumber(v), redis.call('HVALS', KEYS[2]), redis.call('HVALS', KEYS[3]) }
end

-- commitOwner: KEYS meta, entities, assignments, counters, natural-key index (natural key -> id),
-- assignment keys (id -> natural key). ARGV expected version, then counts and items: entities (id,
-- value, parent id or '' for a root), assignments (id, value, entity id, natural key), removed
-- assignment ids, carries (id, old period start, new period start). {1, new version} or
-- {0, current version}; an empty change set commits nothing and keeps the version. A change set
-- that breaks the catalog's structure (a parent or entity not stored, a natural key taken by
-- another assignment or changed) is an error, checked before anything is written.
local function commitOwner()
  local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
  if v ~= tonumber(ARGV[2]) then
    return { 0, v }
  end
  local at = 3
  local entities = tonumber(ARGV[at])
  local entitiesAt = at + 1
  local present = {}
  for i = 0, entities - 1 do
    local id, parent = ARGV[entitiesAt + 3 * i], ARGV[entitiesAt + 3 * i + 2]
    if parent ~= '' and not present[parent] and redis.call('HEXISTS', KEYS[2], parent) == 0 then
      return redis.error_reply('ERR governor: parent ' .. parent .. ' is not stored in this owner')
    end
    present[id] = true
  end
  at = entitiesAt + 3 * entities
  local assignments = tonumber(ARGV[at])
  local assignmentsAt = at + 1
  local holders = {}
  for i = 0, assignments - 1 do
    local a = assignmentsAt + 4 * i
    local id, entity, key = ARGV[a], ARGV[a + 2], ARGV[a + 3]
    if not present[entity] and redis.call('HEXISTS', KEYS[2], entity) == 0 then
      return redis.error_reply('ERR governor: entity ' .. entity .. ' is not stored in this owner')
    end
    local holder = holders[key]
    if holder == nil then
      holder = redis.call('HGET', KEYS[5], key) or false
    end
    local stored = redis.call('HGET', KEYS[6], id)
    if stored and stored ~= key then
      return redis.error_reply('ERR governor: assignment ' .. id .. ' cannot change its natural key')
    end
    if holder and holder ~= id then
      return redis.error_reply('ERR governor: another assignment already holds the natural key of ' .. id)
    end
    holders[key] = id
  end
  at = assignmentsAt + 4 * assignments
  local removed = tonumber(ARGV[at])
  local removedAt = at + 1
  at = removedAt + removed
  local carries = tonumber(ARGV[at])
  if entities + assignments + removed + carries == 0 then
    return { 1, v }
  end
  -- Every check passed: now the writes.
  for i = 0, entities - 1 do
    redis.call('HSET', KEYS[2], ARGV[entitiesAt + 3 * i], ARGV[entitiesAt + 3 * i + 1])
  end
  for i = 0, assignments - 1 do
    local a = assignmentsAt + 4 * i
    redis.call('HSET', KEYS[3], ARGV[a], ARGV[a + 1])
    redis.call('HSET', KEYS[5], ARGV[a + 3], ARGV[a])
    redis.call('HSET', KEYS[6], ARGV[a], ARGV[a + 3])
  end
  for i = 0, removed - 1 do
    local id = ARGV[removedAt + i]
    local key = redis.call('HGET', KEYS[6], id)
    if key then
      redis.call('HDEL', KEYS[5], key)
    end
    -- A deleted budget's counter goes with it: nothing in Redis outlives its assignment.
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    redis.call('HDEL', KEYS[6], id)
  end
  for i = 1, carries do
    local a = at + 1 + (i - 1) * 3
    local field, oldStart, newStart = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    local cp, ch, cl = parseCounter(redis.call('HGET', KEYS[4], field))
    if cp ~= nil then
      -- UsageCarry: usage of the current period under the old cadence moves to the new period;
      -- older usage never counts again.
      if cp >= oldStart then
        redis.call('HSET', KEYS[4], field, formatCounter(newStart, ch, cl))
      else
        redis.call('HSET', KEYS[4], field, formatCounter(newStart, 0, 0))
      end
    end
  end
  return { 1, redis.call('HINCRBY', KEYS[1], 'v', 1) }
end

-- globalSnapshot: KEYS global meta, types, capabilities; ARGV cached version.
local function globalSnapshot()
  local g = redis.call('HGET', KEYS[1], 'g') or '0'
  if g == ARGV[2] then
    return { tonumber(g) }
  end
  return { tonumber(g), redis.call('HVALS', KEYS[2]), redis.call('HVALS', KEYS[3]) }
end

-- commitGlobal: KEYS global meta, types, capabilities, attribution keys (key -> type id), each
-- type's keys (type id -> JSON list). ARGV expected version, types (id, value, key count, keys),
-- capabilities (id, value). An attribution key belongs to one type at most: a change set that gives
-- a key held by a type it does not change to another type is an error, checked before any write.
local function commitGlobal()
  local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0')
  if g ~= tonumber(ARGV[2]) then
    return { 0, g }
  end
  local types = tonumber(ARGV[3])
  local typeItems = {}
  local at = 4
  for i = 1, types do
    local count = tonumber(ARGV[at + 2])
    local keys = {}
    for k = 1, count do
      keys[k] = ARGV[at + 2 + k]
    end
    typeItems[i] = { id = ARGV[at], value = ARGV[at + 1], keys = keys }
    at = at + 3 + count
  end
  local capabilities = tonumber(ARGV[at])
  local capabilitiesAt = at + 1
  if types + capabilities == 0 then
    return { 1, g }
  end
  -- Release every changed type's old keys first, so the outcome does not depend on the order.
  local owners = {}
  local released = {}
  for _, t in ipairs(typeItems) do
    local old = redis.call('HGET', KEYS[5], t.id)
    if old then
      for _, k in ipairs(cjson.decode(old)) do
        released[k] = true
      end
    end
  end
  for _, t in ipairs(typeItems) do
    for _, k in ipairs(t.keys) do
      local owner = owners[k]
      if owner == nil and not released[k] then
        owner = redis.call('HGET', KEYS[4], k)
      end
      if owner and owner ~= t.id then
        return redis.error_reply('ERR governor: attribution key ' .. k .. ' already belongs to entity type ' .. owner)
      end
      owners[k] = t.id
    end
  end
  for k in pairs(released) do
    if not owners[k] then
      redis.call('HDEL', KEYS[4], k)
    end
  end
  for _, t in ipairs(typeItems) do
    redis.call('HSET', KEYS[2], t.id, t.value)
    redis.call('HSET', KEYS[5], t.id, cjson.encode(t.keys))
    for _, k in ipairs(t.keys) do
      redis.call('HSET', KEYS[4], k, t.id)
    end
  end
  for i = 0, capabilities - 1 do
    redis.call('HSET', KEYS[3], ARGV[capabilitiesAt + 2 * i], ARGV[capabilitiesAt + 2 * i + 1])
  end
  return { 1, redis.call('HINCRBY', KEYS[1], 'g', 1) }
end

-- register: KEYS the owner registry (a set in the global slot); ARGV owner id.
local function register()
  redis.call('SADD', KEYS[1], ARGV[2])
  return { 1 }
end

-- owners: KEYS the owner registry; ARGV cursor, count. {next cursor, ids...}
local function owners()
  local page = redis.call('SSCAN', KEYS[1], ARGV[2], 'COUNT', ARGV[3])
  local out = { page[1] }
  for _, id in ipairs(page[2]) do
    out[#out + 1] = id
  end
  return out
end

-- globalVersion: KEYS global meta. {engine-wide version}
local function globalVersion()
  return { tonumber(redis.call('HGET', KEYS[1], 'g') or '0') }
end

-- mirror (Cluster only): KEYS an owner's meta; ARGV the engine-wide version it must reach.
local function mirror()
  local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0')
  local target = tonumber(ARGV[2])
  if g < target then
    redis.call('HSET', KEYS[1], 'g', target)
  end
  return { 1 }
end

local operations = {
  read = read,
  readEach = readEach,
  check = check,
  consume = consume,
  ingest = ingest,
  ownerSnapshot = ownerSnapshot,
  commitOwner = commitOwner,
  globalSnapshot = globalSnapshot,
  commitGlobal = commitGlobal,
  register = register,
  owners = owners,
  mirror = mirror,
  globalVersion = globalVersion,
}

local operation = operations[ARGV[1]]
if not operation then
  return redis.error_reply('ERR governor: unknown operation ' .. tostring(ARGV[1]))
end
return operation()
