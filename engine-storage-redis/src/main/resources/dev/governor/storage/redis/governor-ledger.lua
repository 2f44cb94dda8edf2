-- The ledger's operations: one atomic decision each (see governor-rules.lua for the rules they use).

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
  local cp, ch, cl, ct = {}, {}, {}, {}
  for from = 1, n, CHUNK do
    local to = math.min(from + CHUNK - 1, n)
    local raws = redis.call('HMGET', KEYS[2], unpack(fields, from, to))
    for i = from, to do
      cp[i], ch[i], cl[i], ct[i] = parseCounter(raws[i - from + 1])
    end
  end
  return cp, ch, cl, ct
end

-- Appends the held amount (hi, lo) of each budget at now to out (after the usages).
local function appendHeld(out, fields, ct, n, now)
  for i = 1, n do
    local hh, hl = heldOf(fields[i], ct[i], now)
    out[#out + 1] = hh
    out[#out + 1] = hl
  end
end

-- read: ARGV plannedOwner, plannedGlobal, mirror, now, n, budgets. Usage of each budget, then the
-- amount held on each.
local function read()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now, n = tonumber(ARGV[5]), tonumber(ARGV[6])
  local fields, _, _, periods = readBudgets(7, n)
  local cp, ch, cl, ct = readCounters(fields, n)
  local out = { OK }
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], periods[i])
    out[#out + 1] = uh
    out[#out + 1] = ul
  end
  appendHeld(out, fields, ct, n, now)
  return out
end

-- readEach: ARGV plannedOwner, plannedGlobal, mirror, now, then (counter field, period start) pairs:
-- one slice of a report's budgets (the store sends a large report as several pipelined slices, so
-- no one call holds the server long). Usage of each budget, then the amount held on each.
local function readEach()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now = tonumber(ARGV[5])
  local n = (#ARGV - 5) / 2
  local fields = {}
  for i = 1, n do
    fields[i] = ARGV[4 + 2 * i]
  end
  local cp, ch, cl, ct = readCounters(fields, n)
  local out = { OK }
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], tonumber(ARGV[5 + 2 * i]))
    out[#out + 1] = uh
    out[#out + 1] = ul
  end
  appendHeld(out, fields, ct, n, now)
  return out
end

-- check: ARGV plannedOwner, plannedGlobal, mirror, now, amount hi, amount lo, n, budgets
-- (ReservationRules.hasRoom: usage + held + amount within every limit).
local function check()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now, ah, al, n = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
  local fields, lh, ll, periods = readBudgets(9, n)
  local cp, ch, cl, ct = readCounters(fields, n)
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], periods[i])
    if ct[i] ~= '' then
      local hh, hl = heldOf(fields[i], ct[i], now)
      uh, ul = add(uh, ul, hh, hl)
    end
    if not hasRoom(lh[i], ll[i], uh, ul, ah, al) then
      return { DENIED }
    end
  end
  return { GRANTED }
end

-- Consume numbers travel packed (struct, big-endian doubles, exact below 2^53): one unpack per
-- consume and one per budget, where a decimal argument would cost a tonumber each, most of a
-- consume's time on the server. The header: plannedOwner, plannedGlobal, now, amount hi, amount lo,
-- key index in KEYS (0: none), key expiry, budget count, wants usage (1: reply the usages), count of
-- budgets with alert thresholds.
local CONSUME_HEADER = '>dddddddddd'
-- Per budget: limit hi (-1: unlimited), limit lo, period start.
local CONSUME_BUDGET = '>ddd'
-- Alerts, per budget that has thresholds: its index (1-based) and threshold count, then per
-- threshold its fraction and level (hi, lo).
local ALERT_BUDGET = '>dd'
local ALERT_THRESHOLD = '>ddd'
-- A counter's claimed thresholds live next to it, in field <counter field>!a: the period start,
-- then the fractions claimed in that period.
local CLAIM_SUFFIX = '!a'

-- The claims of a counter, read once per call into cache[field] = { period, fractions, dirty }.
local function claimsOf(cache, field)
  local c = cache[field]
  if c == nil then
    c = { period = nil, list = {}, dirty = false }
    local raw = redis.call('HGET', KEYS[2], field .. CLAIM_SUFFIX)
    if raw then
      c.period = struct.unpack('>d', raw)
      for k = 1, (#raw - 8) / 8 do
        c.list[k] = struct.unpack('>d', raw, 1 + 8 * k)
      end
    end
    cache[field] = c
  end
  return c
end

-- LedgerRules.claimedIn / newlyReached / withClaims for one budget whose add left usage (uh, ul) in
-- the period starting at p; thresholds is a list of { fraction, level hi, level lo }. Claims in the
-- cache what it reached (flushClaims writes them) and returns the bit mask of them.
local function reachAlerts(cache, field, p, uh, ul, thresholds)
  local low = thresholds[1] -- levels ascend with the thresholds: below the lowest, read nothing
  if uh < low[2] or (uh == low[2] and ul < low[3]) then
    return 0
  end
  local c = claimsOf(cache, field)
  if c.period == nil or c.period < p then
    c.period, c.list = p, {} -- claimedIn: claims of an older period are void
  end
  local reached = 0
  for j = 1, #thresholds do
    local t = thresholds[j]
    if uh > t[2] or (uh == t[2] and ul >= t[3]) then
      local seen = false
      for k = 1, #c.list do
        if c.list[k] == t[1] then
          seen = true
          break
        end
      end
      if not seen then
        reached = reached + 2 ^ (j - 1)
        c.list[#c.list + 1] = t[1]
        c.dirty = true
      end
    end
  end
  return reached
end

local function flushClaims(cache)
  for field, c in pairs(cache) do
    if c.dirty then
      local parts = { struct.pack('>d', c.period) }
      for k = 1, #c.list do
        parts[k + 1] = struct.pack('>d', c.list[k])
      end
      redis.call('HSET', KEYS[2], field .. CLAIM_SUFFIX, table.concat(parts))
    end
  end
end

-- Reads the alert thresholds of A budgets from a packed blob: index -> { {fraction, hi, lo}, ... }.
local function readAlerts(blob, count)
  local alerts, pos = {}, 1
  for _ = 1, count do
    local index, m
    index, m, pos = struct.unpack(ALERT_BUDGET, blob, pos)
    local list = {}
    for j = 1, m do
      local f, lh, ll
      f, lh, ll, pos = struct.unpack(ALERT_THRESHOLD, blob, pos)
      list[j] = { f, lh, ll }
    end
    alerts[index] = list
  end
  return alerts
end

-- Reads counters ARGV[first .. first + n - 1] names, by HMGET in chunks (see readCounters).
local function readCountersAt(first, n)
  local cp, ch, cl, ct = {}, {}, {}, {}
  for from = 1, n, CHUNK do
    local to = math.min(from + CHUNK - 1, n)
    local raws = redis.call('HMGET', KEYS[2], unpack(ARGV, first + from - 1, first + to - 1))
    for i = from, to do
      cp[i], ch[i], cl[i], ct[i] = parseCounter(raws[i - from + 1])
    end
  end
  return cp, ch, cl, ct
end

-- One consume (LedgerRules.consume) from ARGV[at]: the packed header, the fingerprint, the packed
-- budgets, then the budgets' counter fields. Decided against the counters as earlier consumes of the
-- same call left them. Returns the reply (the status, then when asked each budget's usage before the
-- add as hi, lo) and the next ARGV index.
-- The hot path of the store: LedgerRules' steps are written out in one loop over the budgets
-- (each step names the rule it ports) because every Lua function call costs here.
local function consumeAt(at, mirror)
  local plannedOwner, plannedGlobal, now, ah, al, keyIndex, expires, n, wantsUsage, alertCount =
    struct.unpack(CONSUME_HEADER, ARGV[at])
  local fingerprint, packed, first = ARGV[at + 1], ARGV[at + 2], at + 3
  if alertCount > 0 then
    first = first + 1 -- the alerts blob comes before the counter fields
  end
  local nextAt = first + n
  local stale = staleVersion(plannedOwner, plannedGlobal, mirror)
  if stale then
    return { STALE, stale }, nextAt
  end
  local cp, ch, cl, ct = readCountersAt(first, n)
  local match = ABSENT
  if keyIndex > 0 then
    match = keyMatch(KEYS[keyIndex], fingerprint, now)
  end
  local out = { 0 }
  local writes = {}
  local after = {}
  local room, overflow = true, false
  local pos = 1
  for i = 1, n do
    local lh, ll, period
    lh, ll, period, pos = struct.unpack(CONSUME_BUDGET, packed, pos)
    local p, uh, ul = cp[i], ch[i], cl[i]
    if p == nil or p < period then
      uh, ul = 0, 0 -- usageIn: a counter of an older period counts 0
    end
    local tail = ct[i]
    local hh, hl = 0, 0
    if tail ~= '' then
      hh, hl = heldOf(ARGV[first + i - 1], tail, now)
    end
    if wantsUsage == 1 then
      out[2 * i], out[2 * i + 1] = uh, ul
      out[2 * n + 2 * i], out[2 * n + 2 * i + 1] = hh, hl
    end
    local sh, sl = uh + ah, ul + al -- usage + amount, exact in two parts
    if sl >= B32 then
      sh, sl = sh + 1, sl - B32
    end
    if lh < 0 then
      overflow = overflow or sh > HI_MAX -- overflowsUnlimited
    elseif room then
      if tail == '' then
        room = sh < lh or (sh == lh and sl <= ll) -- hasRoom
      else
        local th, tl = add(sh, sl, hh, hl) -- ReservationRules.hasRoom: held counts too
        room = th < lh or (th == lh and tl <= ll)
      end
    end
    if p == nil or p < period then
      p = period -- periodAfterAdd
    end
    writes[2 * i - 1], writes[2 * i] = ARGV[first + i - 1], formatCounter(p, sh, sl) .. tail
    if alertCount > 0 then
      after[i] = { p, sh, sl }
    end
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
    if alertCount > 0 then
      -- After the usages and held amounts: (index, reached thresholds, usage after hi, lo) of each
      -- budget that reached some.
      if wantsUsage ~= 1 then
        for i = 1, 2 * n do
          out[2 * i], out[2 * i + 1] = 0, 0
        end
      end
      local cache = {}
      for i, thresholds in pairs(readAlerts(ARGV[at + 3], alertCount)) do
        local a = after[i]
        local reached = reachAlerts(cache, ARGV[first + i - 1], a[1], a[2], a[3], thresholds)
        if reached > 0 then
          out[#out + 1] = i
          out[#out + 1] = reached
          out[#out + 1] = a[2]
          out[#out + 1] = a[3]
        end
      end
      flushClaims(cache)
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
-- counter field, current period start (at now), period start at the event's time, alert thresholds
-- ('' for none, else "fraction,level hi,level lo" triples joined by commas).
-- Reply: status, failed event (0-based, -1 when none), then per event its outcome and per budget
-- late flag (1 late), usage hi, usage lo, alert thresholds reached (bit mask).
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
  local claimCache = {}
  local out = { OK, -1 }
  local at = 8
  for e = 1, count do
    local keyIndex, fingerprint = tonumber(ARGV[at]), ARGV[at + 1]
    local ah, al, n = tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3]), tonumber(ARGV[at + 4])
    local budgetsAt = at + 5
    at = budgetsAt + n * 4
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
      local field = ARGV[budgetsAt + i * 4]
      local periodNow, periodOfEvent = tonumber(ARGV[budgetsAt + i * 4 + 1]), tonumber(ARGV[budgetsAt + i * 4 + 2])
      local alertSpec = ARGV[budgetsAt + i * 4 + 3]
      if outcome == DUPLICATE then
        out[#out + 1] = 0
        out[#out + 1] = 0
        out[#out + 1] = 0
        out[#out + 1] = 0
      else
        local s = state[field]
        if not s then
          local cp, ch, cl, tail = parseCounter(redis.call('HGET', KEYS[2], field))
          s = { cp, ch, cl, tail }
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
          out[#out + 1] = 0
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
          local reached = 0
          if alertSpec ~= '' then
            local thresholds, t = {}, {}
            for number in string.gmatch(alertSpec, '[^,]+') do
              t[#t + 1] = tonumber(number)
              if #t == 3 then
                thresholds[#thresholds + 1] = t
                t = {}
              end
            end
            reached = reachAlerts(claimCache, field, current, sh, sl, thresholds)
          end
          out[#out + 1] = reached
        end
      end
    end
  end
  -- Every decision is made: now the writes.
  for field in pairs(changed) do
    local s = state[field]
    redis.call('HSET', KEYS[2], field, formatCounter(s[1], s[2], s[3]) .. s[4])
  end
  for _, c in ipairs(claims) do
    claim(c[1], c[2], expires, now)
  end
  flushClaims(claimCache)
  return out
end
