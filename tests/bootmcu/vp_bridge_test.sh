#!/bin/bash
# bootmcu.vp_full_platform_bridge: full platform with the CA35 bridge. The bridge listens only
# after the bootmcu released the A35; a CA35 client (cptra FW_INFO over the socket) then reaches
# Caliptra's runtime with the A35 PAUSER (0x1), next to the bootmcu's round trips (0x21212121).
# usage: vp_bridge_test.sh VP CPTRA WORKDIR
set -u
vp=$1 cptra=$2 dir=$3
mkdir -p "$dir"
sock=$dir/ca35.sock rep=$dir/bridge.json
rm -f "$sock" "$rep"
"$vp" --full-platform --socket "$sock" --exit-on-disconnect --quiet --report "$rep" \
    >"$dir/vp.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -S "$sock" ] && break; sleep 0.05; done
[ -S "$sock" ] || { echo "FAIL: no socket"; cat "$dir/vp.log"; kill "$pid"; exit 1; }
out=$(timeout 30 "$cptra" --socket "$sock" fw-info 2>&1)
crc=$?
wait "$pid"
vrc=$?
echo "$out" | head -3
fail=0
[ $crc = 0 ] || { echo "FAIL: cptra exit $crc"; fail=1; }
[ $vrc = 0 ] || { echo "FAIL: vp exit $vrc"; cat "$dir/vp.log"; fail=1; }
grep -q '"ca35_released":[[:space:]]*true' "$rep" || { echo "FAIL: no A35 release"; fail=1; }
# FW_INFO from the A35 PAUSER after the release (timeline: bridge.listen after ca35_reset_release)
tr -d '\n\t ' <"$rep" | grep -q '"command_name":"INFO","pauser":1,' ||
    { echo "FAIL: no FW_INFO round trip from PAUSER 0x1"; fail=1; }
rel=$(grep -n '"ca35_reset_release"' "$rep" | head -1 | cut -d: -f1)
lis=$(grep -n '"bridge.listen"' "$rep" | head -1 | cut -d: -f1)
[ -n "$rel" ] && [ -n "$lis" ] && [ "$lis" -gt "$rel" ] ||
    { echo "FAIL: bridge.listen not after ca35_reset_release ($rel, $lis)"; fail=1; }

# Without --exit-on-disconnect the run serves until SIGINT, which ends it cleanly: exit 0, the
# report written with the bridge's end reason and the boot result.
rm -f "$sock" "$rep"
"$vp" --full-platform --socket "$sock" --quiet --report "$rep" >"$dir/vp-int.log" 2>&1 &
pid=$!
for _ in $(seq 200); do [ -S "$sock" ] && break; sleep 0.05; done
[ -S "$sock" ] || { echo "FAIL: no socket (SIGINT run)"; cat "$dir/vp-int.log"; kill "$pid"; exit 1; }
timeout 30 "$cptra" --socket "$sock" caps >/dev/null 2>&1 || { echo "FAIL: caps (SIGINT run)"; fail=1; }
kill -INT "$pid"
wait "$pid"
vrc=$?
[ $vrc = 0 ] || { echo "FAIL: vp exit $vrc after SIGINT"; cat "$dir/vp-int.log"; fail=1; }
[ -e "$sock" ] && { echo "FAIL: socket file left behind after SIGINT"; fail=1; }
tr -d '\n\t ' <"$rep" | grep -q '"end":"SIGINT"' || { echo "FAIL: no end SIGINT in report"; fail=1; }
grep -q '"ca35_released":[[:space:]]*true' "$rep" || { echo "FAIL: no A35 release (SIGINT run)"; fail=1; }
[ $fail = 0 ] && echo PASS
exit $fail
