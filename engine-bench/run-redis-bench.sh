#!/usr/bin/env bash
# Builds the benchmark jar and runs the Redis benchmarks (package dev.governor.bench.redis):
#   RedisLatencyBenchmark     one thread: engine tryConsume (depth 3, 2 scoped per level) on RedisStore,
#                             Bucket4j's Lettuce proxy tryConsume(1), one bare INCRBY (avgt + sample)
#   RedisContentionBenchmark  16 threads, one shared org / one shared bucket: RedisStore batching
#                             on/off, Bucket4j plain / Optimizations.batching() (thrpt + sample)
#   RedisQueryBenchmark       first page of 20 by utilization over 10,000 budgets, Redis vs memory
# Each benchmark starts its own redis-server(s) on free loopback ports, with persistence=none and
# persistence=always (appendfsync always) for the first two. Writes the raw JSON to
# engine-bench/results/jmh-redis.json. About 20 minutes on 2 cores (30 runs of about 35 s each).
#
# Environment:
#   GOVERNOR_BENCH_REDIS_SERVER  redis-server binary (default /usr/bin/redis-server)
#   GOVERNOR_BENCH_REDIS_DIR     where the servers' temporary directories go (default
#                                engine-bench/target/redis-bench: on disk, so appendfsync always
#                                really fsyncs; a tmpfs there would make fsync free)
#   MVN_FLAGS                    extra Maven flags, e.g. -o
#   SKIP_BUILD=1                 reuse engine-bench/target/benchmarks.jar
#   BENCH                        which benchmarks (JMH regex; default all of dev.governor.bench.redis)
#   JMH_OPTS                     run settings (default "-f 1 -wi 5 -w 3s -i 4 -r 3s": the engine and
#                                Lettuce take about 15 s of calls to reach steady state)
#   RESULT                       JSON output (default engine-bench/results/jmh-redis.json)
# Extra arguments are appended for JMH (JMH refuses an option given twice: change the defaults
# through the variables), e.g. a quick smoke run of one shape:
#   SKIP_BUILD=1 BENCH=RedisLatencyBenchmark JMH_OPTS="-f 1 -wi 0 -i 1 -r 1s" RESULT=/tmp/smoke.json \
#     engine-bench/run-redis-bench.sh -p persistence=none
set -euo pipefail

cd "$(dirname "$0")/.."

export GOVERNOR_BENCH_REDIS_SERVER="${GOVERNOR_BENCH_REDIS_SERVER:-/usr/bin/redis-server}"
export GOVERNOR_BENCH_REDIS_DIR="${GOVERNOR_BENCH_REDIS_DIR:-$PWD/engine-bench/target/redis-bench}"

if [[ ! -x "$GOVERNOR_BENCH_REDIS_SERVER" ]]; then
  echo "redis-server not found at $GOVERNOR_BENCH_REDIS_SERVER (set GOVERNOR_BENCH_REDIS_SERVER)" >&2
  exit 1
fi
"$GOVERNOR_BENCH_REDIS_SERVER" --version

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn -q -B ${MVN_FLAGS:-} -pl engine-core,engine-storage-memory,engine-storage-redis,engine-bench package \
    -DskipTests -Dmaven.javadoc.skip=true
fi

mkdir -p "$GOVERNOR_BENCH_REDIS_DIR" engine-bench/results
echo "redis-server data directories under $GOVERNOR_BENCH_REDIS_DIR ($(df -PT "$GOVERNOR_BENCH_REDIS_DIR" | awk 'NR==2 {print $2}'))"

BENCH="${BENCH:-dev\.governor\.bench\.redis\.}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 5 -w 3s -i 4 -r 3s}"
RESULT="${RESULT:-engine-bench/results/jmh-redis.json}"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
exec java -jar engine-bench/target/benchmarks.jar "$BENCH" $JMH_OPTS -rf json -rff "$RESULT" "$@"
