-- The catalog's operations: snapshots, commits, the owner registry and, on Cluster, each owner's copy
-- of the engine-wide version.

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
  -- Every entity of the change set first: a parent may come after its child in the set (a batch
  -- that moves an entity under one it creates further on).
  local present = {}
  for i = 0, entities - 1 do
    present[ARGV[entitiesAt + 3 * i]] = true
  end
  for i = 0, entities - 1 do
    local parent = ARGV[entitiesAt + 3 * i + 2]
    if parent ~= '' and not present[parent] and redis.call('HEXISTS', KEYS[2], parent) == 0 then
      return redis.error_reply('ERR governor: parent ' .. parent .. ' is not stored in this owner')
    end
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
    redis.call('HDEL', KEYS[4], id, id .. '!a', id .. '!h') -- the counter, its alert claims and holds
    redis.call('HDEL', KEYS[6], id)
  end
  for i = 1, carries do
    local a = at + 1 + (i - 1) * 3
    local field, oldStart, newStart = ARGV[a], tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
    local cp, ch, cl, tail = parseCounter(redis.call('HGET', KEYS[4], field))
    if cp ~= nil then
      -- UsageCarry: usage of the current period under the old cadence moves to the new period;
      -- older usage never counts again.
      if cp >= oldStart then
        redis.call('HSET', KEYS[4], field, formatCounter(newStart, ch, cl) .. tail) -- holds stay
      else
        redis.call('HSET', KEYS[4], field, formatCounter(newStart, 0, 0) .. tail)
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

-- register: KEYS the owner registry (a sorted set in the global slot, every score 0, so members
-- sort by their bytes: code point order for UTF-8); ARGV owner id.
local function register()
  redis.call('ZADD', KEYS[1], 0, ARGV[2])
  return { 1 }
end

-- owners: KEYS the owner registry; ARGV the id to start after ('' for the first), count. {ids...}
local function owners()
  local from = ARGV[2] == '' and '-' or '(' .. ARGV[2]
  return redis.call('ZRANGE', KEYS[1], from, '+', 'BYLEX', 'LIMIT', 0, tonumber(ARGV[3]))
end

-- ownersBefore: KEYS the owner registry; ARGV the id to end before ('' for the last), count.
-- {ids..., nearest first}
local function ownersBefore()
  local to = ARGV[2] == '' and '+' or '(' .. ARGV[2]
  return redis.call('ZRANGE', KEYS[1], to, '-', 'BYLEX', 'REV', 'LIMIT', 0, tonumber(ARGV[3]))
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
