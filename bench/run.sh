#!/usr/bin/env bash
# Runs the benchmarks against the local cluster (started or reused) and prints their results, which are also written
# under target/bench/. Record them, with the machine and the date, in bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q verify -Dit.test='*Bench' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
cat target/bench/*.txt
