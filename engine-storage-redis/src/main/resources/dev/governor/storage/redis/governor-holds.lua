-- Holds: the amounts open reservations keep on counters (ReservationRules). A counter held by some
-- reservation carries, after its 16 bytes, the summary of its holds: the sum of their estimates
-- (hi, lo as unsigned 32-bit) and the earliest expiry among them, before which the sum is exactly
-- what is held; with no hold the counter is its 16 bytes alone, and the hot paths read nothing
-- more. The holds themselves live in field <counter field>!h: 48 bytes each, the expiry (double),
-- the estimate (hi, lo) and the reservation's 32-character id. A hold past its expiry stops
-- counting by itself: the sum is then recomputed from the list, which the next reserve, settle or
-- release of the counter prunes.

local HOLD_SUMMARY = '>IId'
local HOLD_ENTRY = '>dII'
local HOLD_SIZE = 48
local HOLD_SUFFIX = '!h'
-- The period of a counter that was never written but is held: older than any period, so it
-- counts no usage (LedgerRules.usageIn) and the first add moves it on.
local NO_PERIOD = -9007199254740992

-- The amount held on counter `field` at `now` (hi, lo), given the counter's tail.
local function heldOf(field, tail, now)
  if tail == '' then
    return 0, 0
  end
  local hh, hl, untilAt = struct.unpack(HOLD_SUMMARY, tail)
  if now < untilAt then
    return hh, hl
  end
  local raw = redis.call('HGET', KEYS[2], field .. HOLD_SUFFIX) or ''
  local sh, sl = 0, 0
  for k = 1, #raw, HOLD_SIZE do
    local e, eh, el = struct.unpack(HOLD_ENTRY, raw, k)
    if now < e then -- ReservationRules.counts
      sh, sl = add(sh, sl, eh, el)
    end
  end
  return sh, sl
end

-- Rewrites the holds of counter `field`: keeps those still counting at `now` except reservation
-- `drop` (nil: none), appends `entry` (nil: none), and writes the list and the counter's summary.
-- A counter that is gone (its budget deleted) is left gone unless a hold is added.
local function rewriteHolds(field, now, drop, entry)
  local counter = redis.call('HGET', KEYS[2], field)
  if not counter and not entry then
    return
  end
  local raw = redis.call('HGET', KEYS[2], field .. HOLD_SUFFIX) or ''
  local kept, sh, sl, untilAt = {}, 0, 0, nil
  local function keep(e, eh, el, item)
    kept[#kept + 1] = item
    sh, sl = add(sh, sl, eh, el)
    if sh > HI_MAX then
      sh, sl = HI_MAX, B32 - 1 -- saturating, as ReservationRules.committed
    end
    if untilAt == nil or e < untilAt then
      untilAt = e
    end
  end
  for k = 1, #raw, HOLD_SIZE do
    local item = string.sub(raw, k, k + HOLD_SIZE - 1)
    local e, eh, el = struct.unpack(HOLD_ENTRY, item)
    if now < e and string.sub(item, 17) ~= drop then
      keep(e, eh, el, item)
    end
  end
  if entry then
    local e, eh, el = struct.unpack(HOLD_ENTRY, entry)
    keep(e, eh, el, entry)
  end
  local base = counter and string.sub(counter, 1, 16) or formatCounter(NO_PERIOD, 0, 0)
  if #kept == 0 then
    redis.call('HSET', KEYS[2], field, base)
    redis.call('HDEL', KEYS[2], field .. HOLD_SUFFIX)
  else
    redis.call('HSET', KEYS[2], field, base .. struct.pack(HOLD_SUMMARY, sh, sl, untilAt),
      field .. HOLD_SUFFIX, table.concat(kept))
  end
end
