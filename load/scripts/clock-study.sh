#!/usr/bin/env bash
# How fast a call rate the host keeps up with, on the plain scaled clock and on the paced exact clock.
#   load/scripts/clock-study.sh <speed> <exact: true|false> [members=55] [erlangs=48] [handle-seconds=180] [warm-up s=20] [measure s=30]
# Starts the Release host (built first: dotnet build -c Release src/PbxGrains.Host) on loopback with one scenario: N
# auto-answering members in a linear queue and one inbound Poisson generator at A/h calls per simulated second, talk
# times exponential with mean h (M/M/N, Erlang C). After the warm-up it reads GET /sim/clock every 5 s for the
# measuring time and prints one line: the speed held (simulated seconds per real second), the call rate placed (the
# generator's calls per real second), the lag of the last window, how far the exact clock is behind its pace, and the host's CPU.
set -euo pipefail
speed=${1:?speed}; exact=${2:?true or false}; members=${3:-55}; erlangs=${4:-48}; handle=${5:-180}; warm=${6:-20}; measure=${7:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
pid=""
dir=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT; echo "work dir: $dir" >&2
port=$((20000 + RANDOM % 20000))
last=$((3000 + members - 1))
perhour=$(python3 -c "print(round($erlangs / $handle * 3600, 3))")
window=""
if [ -n "${HOURS:-}" ]; then
  read -r start stop < <(python3 -c "
from datetime import datetime, timedelta, timezone
start = datetime.now(timezone.utc) + timedelta(seconds=15 * $speed)
print(start.isoformat(), (start + timedelta(hours=$HOURS)).isoformat())")
  window=", startAt: \"$start\", stopAt: \"$stop\""
fi
cat > "$dir/study.yaml" <<YAML
tenant: study
seed: 7
trunk: upc
extensionGroups:
  - {from: 3000, to: $last, registered: true, phone: {mode: autoAnswer, answerDelay: {constant: 0}}}
queues:
  - {name: MC, number: "630", strategy: linear, serviceLevel: 20, memberTimeout: 60, members: [$(seq -s, 3000 $last | sed 's/\([0-9]*\)/"\1"/g')]}
traffic:
  - {name: in, kind: inbound, target: "630", callsPerHour: $perhour, talkTime: {exponential: $handle}$window}
YAML
dll="$root/src/PbxGrains.Host/bin/Release/net10.0/PbxGrains.Host.dll"
dotnet "$dll" --urls "http://127.0.0.1:$port" --Pbx:ScenariosPath="$dir" --Pbx:Clock:Speed="$speed" --Pbx:Clock:Exact="$exact" \
  --Orleans:SiloPort=$((port + 1)) --Orleans:GatewayPort=$((port + 2)) --Escaux:EventSocket:Port=0 --Pbx:Ami:Enabled=false \
  > "$dir/host.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do sleep 0.5; done
if [ -n "${HOURS:-}" ]; then
  base="http://127.0.0.1:$port/sim/tenants/study"
  until curl -sf "$base/traffic/in" | python3 -c 'import json,sys; sys.exit(json.load(sys.stdin).get("nextArrival") is not None)' \
    && [ "$(curl -sf "$base/calls")" = "[]" ] && [ "$(curl -sf "$base/traffic/in" | python3 -c 'import json,sys; print(json.load(sys.stdin)["placed"])')" != 0 ]; do sleep 1; done
  curl -sf "$base/queues/MC" | python3 -c "
import json, sys
s = json.load(sys.stdin)['statistics']
print(f'speed $speed exact $exact, {${HOURS}} h: offered {s[\"offered\"]}, answered {s[\"answered\"]}, ASA {s[\"averageSpeedOfAnswerSeconds\"]:.4f} s, '
      f'P(wait) {s[\"probabilityOfWaiting\"]:.4f}, SL({s[\"serviceLevelSeconds\"]} s) {s[\"serviceLevelPercent\"]:.3f}%, talk {s[\"averageTalkSeconds\"]:.4f} s')"
  exit 0
fi
sleep "$warm"
read_all() {
  local clock cdrs ticks
  clock=$(curl -sf "http://127.0.0.1:$port/sim/clock")
  cdrs=$(curl -sf "http://127.0.0.1:$port/sim/tenants/study/traffic/in")
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "$(date +%s.%N)|$clock|$cdrs|$ticks"
}
first=$(read_all)
lags=()
for ((i = 0; i < measure / 5; i++)); do sleep 5; lags+=("$(read_all)"); done
python3 - "$speed" "$exact" "$first" "${lags[@]}" <<'PY'
import json, sys, os
speed, exact, first, *rest = sys.argv[1:]
def parse(line):
    t, clock, cdrs, ticks = line.split("|")
    return float(t), json.loads(clock), json.loads(cdrs), int(ticks)
t0, c0, d0, k0 = parse(first)
t1, c1, d1, k1 = parse(rest[-1])
from datetime import datetime
def at(c): return datetime.fromisoformat(c["now"].replace("Z", "+00:00")).timestamp()
held = (at(c1) - at(c0)) / (t1 - t0)
calls = (d1["placed"] - d0["placed"]) / (t1 - t0)
lag = [parse(r)[1]["lag"] for r in rest]
mean_ms = sum(l["meanLateRealMilliseconds"] for l in lag) / len(lag)
mean_s = sum(l["meanLateSeconds"] for l in lag) / len(lag)
behind = c1.get("behindSeconds")
cpu = (k1 - k0) / os.sysconf("SC_CLK_TCK") / (t1 - t0)
print(f"speed {speed} exact {exact}: held {held:.0f}x, {calls:.1f} calls/s real, mean lag {mean_ms:.2f} real ms -> {mean_s:.2f} simulated s, "
      f"behind {'-' if behind is None else f'{behind:.1f} s'}, behind windows {sum(l['behind'] for l in lag)} of {len(lag)}, CPU {cpu * 100:.0f}% of a core")
PY
