#!/usr/bin/env bash
# Builds Flowline and the benchmark, then runs the tracking benchmark against a `flowline server` process
# on SQLite and on PostgreSQL (a fresh database on $PGHOST:$PGPORT, dropped afterwards) and prints medians.
# Usage: bench/run-tracking.sh [sqlite] [postgresql]   (default: both); extra options via BENCH_OPTS, e.g.
#   BENCH_OPTS="--workloads search --search-runs 100000" bench/run-tracking.sh sqlite   (search over 100,000 runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bin/java-home.sh
./mvnw -q -B -DskipTests -pl flowline-cli,bench -am package
pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
pg_user="${PGUSER:-postgres}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(sqlite postgresql)
out="$root/bench/target/results"
mkdir -p "$out"
for target in "${targets[@]}"; do
  work="$(mktemp -d)"
  after_setup=()
  case "$target" in
    sqlite) uri="sqlite:///$work/bench.db" ;;
    postgresql)
      db="flowline_bench_$(date +%s)"
      psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "CREATE DATABASE $db"
      trap 'psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
      uri="postgresql://$pg_user@$pg_host:$pg_port/$db"
      # Statistics for the planner, as autovacuum gathers them within a minute of such an import on a default server
      # (a server with autovacuum off, as this machine's, would otherwise plan the searches with none).
      after_setup=(--after-setup "psql -q -h $pg_host -p $pg_port -U $pg_user -d $db -c ANALYZE") ;;
    *) echo "unknown target $target (sqlite or postgresql)" >&2; exit 2 ;;
  esac
  echo "== $target"
  java -jar bench/target/flowline-bench.jar tracking --flowline "$root/flowline" --backend-store-uri "$uri" \
    --work-dir "$work" ${after_setup[@]+"${after_setup[@]}"} ${BENCH_OPTS:-}
  cp "$work/results.md" "$out/$target.md"
done
echo "Results: $out"
