#!/usr/bin/env sh
# Runs the sync benchmark in Release. Extra arguments go to BenchmarkDotNet, e.g. `bench/run.sh --job short`.
# `bench/run.sh --once` instead runs one forced sync and prints elapsed time and peak working set.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--once" ]; then
  exec dotnet run -c Release --project Aither.Benchmarks -- --once
fi
exec dotnet run -c Release --project Aither.Benchmarks -- --filter '*' "$@"
