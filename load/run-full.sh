#!/usr/bin/env bash
# The full load suites, as the README's "Load suites" section reports them: a Release build, then every scenario with
# its default figures (10,000 live calls, 2,000 queue polls/s, churn steps, 100 tenants), each on a freshly started
# host on loopback. Reports go to load/reports/full-<UTC time>/ (or the folder given as the first argument); the exit
# code is the runner's (0 pass, 1 a threshold failed or a run was invalid, 2 it could not run). Extra arguments are
# passed on, e.g. `load/run-full.sh load/reports/quiet --duration 120`.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-load/reports/full-$(date -u +%Y%m%d-%H%M%S)}"
shift || true
dotnet build -c Release load/PbxGrains.Load
dotnet load/PbxGrains.Load/bin/Release/net10.0/PbxGrains.Load.dll all --out "$out" "$@"
