-- Registers the library's one function, which runs the operation args[1] names.

local operations = {
  read = read,
  readEach = readEach,
  check = check,
  consume = consume,
  ingest = ingest,
  reserve = reserve,
  reservation = reservation,
  settle = settle,
  release = release,
  ownerSnapshot = ownerSnapshot,
  commitOwner = commitOwner,
  globalSnapshot = globalSnapshot,
  commitGlobal = commitGlobal,
  register = register,
  owners = owners,
  ownersBefore = ownersBefore,
  mirror = mirror,
  globalVersion = globalVersion,
}

local function run(keys, args)
  -- The operations read KEYS and ARGV, the chunk's locals (governor-rules.lua): a function runs to
  -- completion before Redis runs anything else, so one call's values are never seen by another.
  KEYS, ARGV = keys, args
  local operation = operations[ARGV[1]]
  if not operation then
    return redis.error_reply('ERR governor: unknown operation ' .. tostring(ARGV[1]))
  end
  return operation()
end

-- No flags: the function may write, so Redis refuses a call up front when out of memory or on a
-- read-only replica.
redis.register_function('$FUNCTION', run)
