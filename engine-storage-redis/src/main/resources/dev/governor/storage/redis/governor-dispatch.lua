-- Runs the operation ARGV[1] names.

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
