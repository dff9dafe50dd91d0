#!/usr/bin/env bash
# Builds Flowline and the benchmark, then measures proxied artifact upload and download of a 1 GiB file
# through a `flowline server` process with a local-disk destination, next to a raw disk copy of the same
# file (alternated round by round, `sync` before each timed transfer), and prints medians with the CPU the client
# and the server spent. Usage: bench/run-artifacts.sh [extra bench options, e.g. --rounds 7 --durable --no-prime]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bin/java-home.sh
./mvnw -q -B -DskipTests -pl flowline-cli,bench -am package
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -jar bench/target/flowline-bench.jar artifacts --flowline "$root/flowline" --work-dir "$work" --port "${BENCH_PORT:-5093}" "$@"
mkdir -p bench/target/results
cp "$work/results.md" bench/target/results/artifacts.md
echo "Results: bench/target/results/artifacts.md"
