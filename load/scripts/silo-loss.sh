#!/bin/bash
# Silo loss under the queue poll, by hand (the load suite's `chaos` scenario now does this and more, with a report and
# thresholds; this script stays for one kill with HOST_ARGS of your own):
# one Redis, three silo-only processes and one API-only process of the built Release host on loopback, the queue poll
# (2,000 live calls in 20 queues, 500 polls/s) against the API process, and `kill -9` of the third silo 20 s into the
# recorded polling. Prints the poll's summary and the new errors per second around the loss.
#
#   dotnet build -c Release src/PbxGrains.Host && dotnet build -c Release load/PbxGrains.Load
#   load/scripts/silo-loss.sh [out-folder]            (HOST_DLL=... to measure another build;
#                                                      HOST_ARGS="--Orleans:Membership:ProbeTimeout=00:00:01 ..." for
#                                                      other settings on every process)
#
# Needs redis-server, curl and python3. The tenant grain lands on the killed silo in about one run of three: the API
# process's log then says "serving the last ones this process read".
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$repo/load/reports/silo-loss-$(date -u +%Y%m%dT%H%M%S)}
host=${HOST_DLL:-$repo/src/PbxGrains.Host/bin/Release/net10.0/PbxGrains.Host.dll}
loader=$repo/load/PbxGrains.Load/bin/Release/net10.0/PbxGrains.Load.dll
rm -rf "$out"; mkdir -p "$out"
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

rport=$(port)
redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --protected-mode no > "$out/redis.log" 2>&1 &
redis=$!
sleep 1
common=(--Orleans:ClusteringProvider=Redis "--Orleans:Redis:ConnectionString=127.0.0.1:$rport" "--Orleans:ClusterId=silo-loss-$$"
  --Orleans:ServiceId=silo-loss --Orleans:AdvertisedIPAddress=127.0.0.1 --Orleans:ShutdownTimeoutSeconds=20
  --Escaux:EventSocket:Port=0 --Pbx:Ami:Port=0 --Pbx:LoadScenarios=false
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:PbxGrains=Information ${HOST_ARGS:-})
start() { # role name
  ASPNETCORE_ENVIRONMENT=Production dotnet exec "$host" --urls "http://127.0.0.1:$3" "${common[@]}" "--Orleans:Role=$1" \
    "--Orleans:SiloPort=$(port)" "--Orleans:GatewayPort=$(port)" > "$out/$2.log" 2>&1 &
}
silos=()
for i in 1 2 3; do start Silo "silo$i" "$(port)"; silos+=($!); done
apiport=$(port)
start Api api "$apiport"; api=$!
trap 'kill -9 "${silos[@]}" $api $redis 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$apiport/health/ready" > /dev/null && break; sleep 1; done

dotnet "$loader" queue-poll --url "http://127.0.0.1:$apiport" --calls 2000 --queues 20 --rate 500 --warmup 5 --duration 45 \
  --no-thresholds --out "$out/report" > "$out/load.log" 2>&1 &
load=$!
for _ in $(seq 1 600); do grep -q "polling:" "$out/load.log" && break; sleep 1; done
sleep 20
echo "kill -9 of silo3 at $(date -u +%T.%N)" | tee "$out/kill.txt"
kill -9 "${silos[2]}"
wait $load
grep -E "poll ipps|poll baseline" "$out/load.log"
echo "new errors per second (recorded seconds):"
grep '\[poll\]' "$out/load.log" | sed -E 's/.*\] +([0-9]+)s\/[0-9]+s.*ipps-queueactive [0-9]+\/s p99 ([0-9.]+) ms err ([0-9]+).*/\1 \2 \3/' \
  | awk '{d=$3-p; p=$3; if (d>0) print "  t=" $1 "s new errors " d " (p99 " $2 " ms)"}'
grep -h "serving the last ones" "$out"/api.log > /dev/null && echo "the tenant grain was on the killed silo"
