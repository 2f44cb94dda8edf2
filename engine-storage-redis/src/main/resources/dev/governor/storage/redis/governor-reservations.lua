-- Reservations (ReservationRules): reserve, settle, release and the record's read, one atomic call
-- each. KEYS: the owner's meta hash, counters hash and engine-wide version key (as the ledger's),
-- then the reservation's record key PREFIX{oOWNER}:r:ID, a hash: e_h, e_l (estimate), c (created
-- at), x (expires at), f (fingerprint), cap (capability), b (held counter fields, comma-joined),
-- s (o open, s settled, r released), a_h, a_l (actual), t (closed at), fa (forget at, on the
-- engine's clock). Redis drops the record after the same span on its own clock.

local function forget(now, forgetAt)
  local ttl = forgetAt - now
  if ttl < 1 then
    ttl = 1
  end
  redis.call('PEXPIRE', KEYS[4], string.format('%.0f', ttl))
end

-- The record as a table, or nil when none is kept at now.
local function record(now)
  local raw = redis.call('HGETALL', KEYS[4])
  if #raw == 0 then
    return nil
  end
  local r = {}
  for k = 1, #raw, 2 do
    r[raw[k]] = raw[k + 1]
  end
  if tonumber(r.fa) <= now then
    return nil
  end
  return r
end

local function heldFields(r)
  local fields = {}
  for field in string.gmatch(r.b, '[^,]+') do
    fields[#fields + 1] = field
  end
  return fields
end

-- ReservationRules.forgetAt
local function forgetAt(expires, closed, retention)
  return math.max(expires, closed) + retention
end

-- reserve: ARGV plannedOwner, plannedGlobal, mirror, now, estimate hi, estimate lo, expires at,
-- fingerprint, capability, retention, id, n, budgets (groups of 4, see readBudgets). Reply: the
-- status, then per budget its usage (hi, lo) and held amount (hi, lo) before the hold.
local function reserve()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now, eh, el, expires = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
  local fingerprint, capability, retention, id = ARGV[9], ARGV[10], tonumber(ARGV[11]), ARGV[12]
  local n = tonumber(ARGV[13])
  local fields, lh, ll, periods = readBudgets(14, n)
  local cp, ch, cl, ct = readCounters(fields, n)
  local out = { 0 }
  local room, overflow = true, false
  for i = 1, n do
    local uh, ul = usageIn(cp[i], ch[i], cl[i], periods[i])
    local hh, hl = heldOf(fields[i], ct[i], now)
    out[#out + 1], out[#out + 2], out[#out + 3], out[#out + 4] = uh, ul, hh, hl
    local th, tl = add(uh, ul, hh, hl) -- ReservationRules.committed
    if lh[i] < 0 then
      overflow = overflow or overflows(th, tl, eh, el)
    elseif not hasRoom(lh[i], ll[i], th, tl, eh, el) then
      room = false
    end
  end
  local existing = record(now)
  if existing then
    out[1] = existing.f == fingerprint and DUPLICATE or KEY_CONFLICT
  elseif not room then
    out[1] = DENIED
  elseif overflow then
    out[1] = OVERFLOW
  else
    out[1] = GRANTED
    local fa = forgetAt(expires, 0, retention)
    redis.call('DEL', KEYS[4])
    redis.call('HSET', KEYS[4], 'e_h', eh, 'e_l', el, 'c', string.format('%.0f', now), 'x', string.format('%.0f', expires),
      'f', fingerprint, 'cap', capability, 'b', table.concat(fields, ','), 's', 'o', 'a_h', 0, 'a_l', 0, 't', 0,
      'fa', string.format('%.0f', fa))
    forget(now, fa)
    local entry = struct.pack(HOLD_ENTRY, expires, eh, el) .. id
    for i = 1, n do
      rewriteHolds(fields[i], now, nil, entry)
    end
  end
  return out
end

-- reservation: ARGV now. Reply: the record's fields as a flat list (empty when none is kept).
local function reservation()
  local r = record(tonumber(ARGV[2]))
  if not r then
    return {}
  end
  local out = {}
  for k, v in pairs(r) do
    out[#out + 1] = k
    out[#out + 1] = v
  end
  return out
end

-- settle: ARGV plannedOwner, plannedGlobal, mirror, now, actual hi, actual lo, id, n, then per budget
-- its counter field, current period start and alert thresholds (as ingest's). Reply: the status,
-- then per budget its usage after the add (hi, lo) and the thresholds it reached (bit mask).
local function settle()
  local stale = staleVersion(tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
  if stale then
    return { STALE, stale }
  end
  local now, ah, al, id, n = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9])
  local r = record(now)
  if not r then
    return { UNKNOWN }
  end
  -- ReservationRules.settleOutcome
  if r.s == 's' then
    if tonumber(r.a_h) == ah and tonumber(r.a_l) == al then
      return { DUPLICATE }
    end
    return { KEY_CONFLICT }
  elseif r.s == 'r' then
    return { KEY_CONFLICT }
  end
  local fields, periods, specs = {}, {}, {}
  for i = 1, n do
    local a = 10 + (i - 1) * 3
    fields[i], periods[i], specs[i] = ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2]
    local cp, ch, cl = parseCounter(redis.call('HGET', KEYS[2], fields[i]))
    local uh, ul = usageIn(cp, ch, cl, periods[i])
    if overflows(uh, ul, ah, al) then
      return { OVERFLOW }
    end
  end
  -- Every decision is made: now the writes.
  for _, field in ipairs(heldFields(r)) do
    rewriteHolds(field, now, id, nil)
  end
  local out = { OK }
  local cache = {}
  for i = 1, n do
    local cp, ch, cl, tail = parseCounter(redis.call('HGET', KEYS[2], fields[i]))
    local uh, ul = usageIn(cp, ch, cl, periods[i])
    local sh, sl = add(uh, ul, ah, al)
    local p = periods[i]
    if cp ~= nil and cp > p then
      p = cp -- periodAfterAdd
    end
    redis.call('HSET', KEYS[2], fields[i], formatCounter(p, sh, sl) .. tail)
    local reached = 0
    if specs[i] ~= '' then
      local thresholds, t = {}, {}
      for number in string.gmatch(specs[i], '[^,]+') do
        t[#t + 1] = tonumber(number)
        if #t == 3 then
          thresholds[#thresholds + 1] = t
          t = {}
        end
      end
      reached = reachAlerts(cache, fields[i], p, sh, sl, thresholds)
    end
    out[#out + 1], out[#out + 2], out[#out + 3] = sh, sl, reached
  end
  flushClaims(cache)
  local fa = forgetAt(tonumber(r.x), now, tonumber(r.fa) - tonumber(r.x))
  redis.call('HSET', KEYS[4], 's', 's', 'a_h', ah, 'a_l', al, 't', string.format('%.0f', now), 'fa', string.format('%.0f', fa))
  forget(now, fa)
  return out
end

-- release: ARGV now, id. Reply: the status (ReservationRules.releaseOutcome).
local function release()
  local now, id = tonumber(ARGV[2]), ARGV[3]
  local r = record(now)
  if not r then
    return { UNKNOWN }
  end
  if r.s == 'r' then
    return { DUPLICATE }
  elseif r.s == 's' then
    return { KEY_CONFLICT }
  end
  for _, field in ipairs(heldFields(r)) do
    rewriteHolds(field, now, id, nil)
  end
  local fa = forgetAt(tonumber(r.x), now, tonumber(r.fa) - tonumber(r.x))
  redis.call('HSET', KEYS[4], 's', 'r', 't', string.format('%.0f', now), 'fa', string.format('%.0f', fa))
  forget(now, fa)
  return { OK }
end
