#!/usr/bin/env bash
# Governor's one test command: builds every module and runs all its tests (mvn -B verify).
#
# The Redis store's tests start throwaway redis-server processes of their own on free loopback
# ports, so the redis-server and redis-cli binaries must be installed; the console's tests drive
# Debian's chromium through its chromedriver. As root this script
# installs what is missing with apt-get; otherwise it says what to install and stops. It never
# starts or uses the system Redis service.
#
# Extra arguments go to Maven, e.g. ./test.sh -pl engine-core -Dtest=QuoteTest
set -euo pipefail
cd "$(dirname "$0")"

apt_updated=no

# need COMMAND PACKAGE: make sure COMMAND is on PATH, else install the Debian PACKAGE providing it.
need() {
  local command=$1 package=$2
  if command -v "$command" >/dev/null 2>&1; then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: $command is missing; install it with: sudo apt-get install -y $package" >&2
    exit 1
  fi
  if [[ $apt_updated == no ]]; then
    apt-get update
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$package"
}

need redis-server redis-server
need redis-cli redis-server # Debian's redis-server pulls in redis-tools, which ships redis-cli
need chromium chromium            # the console's browser tests (headless)
need chromedriver chromium-driver # drives it; Selenium is given this path and downloads nothing

exec mvn -B verify "$@"
