#!/usr/bin/env bash
# Runs the benchmarks against the local cluster (started or reused) and prints their results, which are also written
# under target/bench/. Record them, with the machine and the date, in bench/RESULTS.md.
# Maven options after the script's name are passed on, e.g. bench/run.sh -Dit.test=ServiceBench -Dbench.services=1,50
# or -Doperator.jar=<another build's quarkus-run.jar> to measure another version with the same benchmark. moto slows
# down as it accumulates objects: compare runs on the same state (hack/cluster.sh down && hack/cluster.sh up first).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q verify -Dit.test='*Bench' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
cat target/bench/*.txt
