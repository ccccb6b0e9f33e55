#!/usr/bin/env bash
# platform.bridge_* : `vp --socket PATH --firmware BUNDLE` (Caliptra-only boot, then the CA35
# bridge serves CPTR v1/v2) exercised with the real client tools.
# usage: bridge_test.sh VP CPTRA RFC_FRAMES TEST_DIR WORK_DIR TESTDATA CASE
set -u
VP=$1
CPTRA=$2
RFC=$3
DIR=$4
WORK=$5
TD=$6/cptra_imgtool/prebuilt
CASE=$7
mkdir -p "$WORK"
DEF=$TD/ast2700-default/caliptra-fw.bin
IROT=$TD/ast2700-irot/caliptra-fw.bin
# short path: sun_path is 108 bytes
SOCK=$(mktemp -u /tmp/vp-bridge-XXXXXX.sock)
VPPID=
fail() {
    echo "FAIL [$CASE]: $*"
    [ -n "$VPPID" ] && kill "$VPPID" 2>/dev/null
    [ -f "$WORK/$CASE.vp.err" ] && sed 's/^/  vp: /' "$WORK/$CASE.vp.err" | tail -20
    rm -f "$SOCK"
    exit 1
}
has() { grep -qF -- "$2" <<<"$1" || fail "missing '$2' in: ${1:0:3000}"; }

start_vp() { # start_vp ARGS... : vp in the background, wait for its socket
    rm -f "$SOCK"
    "$VP" --socket "$SOCK" --report "$WORK/$CASE.json" "$@" >"$WORK/$CASE.vp.out" \
        2>"$WORK/$CASE.vp.err" &
    VPPID=$!
    for _ in $(seq 1 200); do
        [ -S "$SOCK" ] && return 0
        kill -0 "$VPPID" 2>/dev/null || fail "vp exited before listening"
        sleep 0.05
    done
    fail "socket $SOCK never appeared"
}
wait_vp() { # wait_vp WANT_RC : vp must exit by itself within 10 s with WANT_RC
    for _ in $(seq 1 200); do
        kill -0 "$VPPID" 2>/dev/null || break
        sleep 0.05
    done
    kill -0 "$VPPID" 2>/dev/null && fail "vp still running"
    wait "$VPPID"
    local rc=$?
    VPPID=
    [ "$rc" -eq "$1" ] || fail "vp exit $rc, want $1"
    [ ! -e "$SOCK" ] || fail "socket file left behind"
    vpout=$(cat "$WORK/$CASE.vp.out")
    report=$(cat "$WORK/$CASE.json")
}
client() { # client ARGS... : cptra tool, must succeed
    cout=$("$CPTRA" --socket "$SOCK" --timeout 10000 "$@" 2>&1) || fail "cptra $*: $cout"
}
# the CAPABILITIES response (caliptra-1x.md §3.2): chksum 0 - 1, RT_BASE = bit 64
check_caps() {
    has "$cout" "chksum: 0xffffffff (ok)"
    has "$cout" "fips_status: 0x00000000"
    has "$cout" "capabilities: 0x00000000000000010000000000000000"
}
# report: the CAPS rows carry the bridge PAUSER (default = apb.a35_pauser = 0x1)
check_report_caps() {
    has "$vpout" "CAPS 0x43415053 0x00000001"
    has "$vpout" "bridge.pauser: 1"
    has "$vpout" "bridge.end: client disconnected (--exit-on-disconnect)"
    has "$report" '"command_name":	"CAPS"'
    has "$report" '"status":	"pass"'
    has "$report" '"event":	"bridge.listen"'
}

case "$CASE" in
bridge_caps_v1)
    start_vp --firmware "$DEF" --exit-on-disconnect
    client --proto 1 caps
    check_caps
    wait_vp 0
    check_report_caps
    has "$report" '"connections":	1'
    ;;
bridge_caps_v2)
    start_vp --firmware "$DEF" --exit-on-disconnect
    client --proto 2 caps
    check_caps
    wait_vp 0
    check_report_caps
    has "$vpout" "bridge listening on $SOCK (PAUSER 0x00000001)"
    has "$report" '"mbox_cmds":	1'
    ;;
bridge_fw_info)
    # FW_INFO of the ast2700-default bundle: PL0 PAUSER and revisions from the manifest/TOC
    # (FMC/RT revision e1aab6ef..., TOC versions 0), ROM 1.2.0 in FW_REV_ID[0]
    # --rom (caliptra-server's flag): FW_INFO rom_sha256_digest = SHA-256 of that file, each
    # 32-bit word little-endian (data-vault order, fw/README.md); any file serves as "ROM"
    ROM=$TD/ast2700-irot/dp_fw.bin
    start_vp --firmware "$DEF" --rom "$ROM" --exit-on-disconnect
    client fw-info
    want=$(sha256sum "$ROM" | cut -c1-64 | sed -E 's/(..)(..)(..)(..)/\4\3\2\1/g')
    has "$cout" "rom_sha256_digest: $want"
    has "$cout" "pl0_pauser: 0x21212121"
    has "$cout" "runtime_svn: 0"
    has "$cout" "0030: e1 aa b6 ef 00 b1 3e 90 c5 94 06 67 74 97 19 7f"
    # FMC digest = TOC digest 4b37512f 0697e362 ... in data-vault word order (fw/README.md)
    has "$cout" "fmc_sha384_digest: 2f51374b62e39706"
    wait_vp 0
    has "$vpout" "INFO 0x494e464f 0x00000001"
    ;;
bridge_version_irot)
    start_vp --firmware "$IROT" --fuses "$DIR/fuses/ast2700-irot-production.toml" \
        --exit-on-disconnect
    client --proto 1 version
    has "$cout" "rom: 1.2.0 (0x0880)"
    has "$cout" "fmc: 0.0.0 (0x0000)"
    has "$cout" "runtime 0.0.0"
    wait_vp 0
    has "$vpout" "FPVR 0x46505652 0x00000001"
    ;;
bridge_rfc_frames)
    start_vp --firmware "$DEF" --exit-on-disconnect
    rout=$("$RFC" "$SOCK" 2>&1) || fail "rfc frames: $rout"
    has "$rout" "PASS"
    wait_vp 0
    check_report_caps
    has "$report" '"bus_errors":	2'
    ;;
bridge_time_policy)
    # idle (default): a silent attached client lets 400 000 clk pass per 1 ms of wall time
    start_vp --firmware "$DEF" --exit-on-disconnect --quiet
    "$RFC" "$SOCK" 200 >/dev/null 2>&1 || fail "rfc frames (idle)"
    wait_vp 0
    steps=$(grep -o '"idle_steps":	[0-9]*' <<<"$report" | grep -o '[0-9]*$')
    cyc=$(grep -o '"idle_cycles":	[0-9]*' <<<"$report" | grep -o '[0-9]*$')
    [ "${steps:-0}" -ge 10 ] || fail "idle: only ${steps:-0} idle steps in 200 ms"
    [ "$cyc" -eq $((steps * 400000)) ] || fail "idle: $cyc cycles for $steps steps"
    # realtime: 400 clk per wall microsecond, so ~200 ms of wall idling is > 40 M clk
    start_vp --firmware "$DEF" --exit-on-disconnect --quiet --time-mode realtime
    "$RFC" "$SOCK" 200 >/dev/null 2>&1 || fail "rfc frames (realtime)"
    wait_vp 0
    cyc=$(grep -o '"idle_cycles":	[0-9]*' <<<"$report" | grep -o '[0-9]*$')
    [ "${cyc:-0}" -ge 40000000 ] || fail "realtime: only ${cyc:-0} idle cycles"
    # afap: no time passes without accesses
    start_vp --firmware "$DEF" --exit-on-disconnect --quiet --time-mode afap
    "$RFC" "$SOCK" 200 >/dev/null 2>&1 || fail "rfc frames (afap)"
    wait_vp 0
    has "$report" '"idle_steps":	0'
    ;;
bridge_lockstep)
    # the bridge's v1 accesses on model and RTL in lockstep: zero mismatches
    start_vp --firmware "$DEF" --exit-on-disconnect --caliptra-hw lockstep
    rout=$("$RFC" "$SOCK" 2>&1) || fail "rfc frames: $rout"
    wait_vp 0
    check_report_caps
    has "$report" '"mismatches":	0'
    ;;
bridge_malformed)
    # hostile clients first (bad magic, EOF inside a header): dropped, the model untouched;
    # the next client completes CAPS and the run ends cleanly with SIGTERM
    start_vp --firmware "$DEF" --quiet
    rout=$("$RFC" "$SOCK" garbage 2>&1) || fail "rfc frames: $rout"
    has "$rout" "bad magic -> connection dropped"
    has "$rout" "PASS"
    kill -TERM "$VPPID"
    wait_vp 0
    has "$report" '"malformed":	1'
    has "$report" '"connections":	3'
    has "$report" '"status":	"pass"'
    ;;
bridge_path_taken)
    # a regular file at the socket path is never deleted: the bridge cannot start -> exit 1
    echo keep >"$SOCK"
    "$VP" --quiet --socket "$SOCK" --firmware "$DEF" >"$WORK/$CASE.vp.out" 2>"$WORK/$CASE.vp.err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "exit $rc, want 1"
    has "$(cat "$WORK/$CASE.vp.err")" "bridge: cannot listen on $SOCK"
    [ "$(cat "$SOCK")" == keep ] || fail "the regular file was touched"
    ;;
bridge_sigterm)
    # no --exit-on-disconnect: two clients in turn (same Caliptra state), then SIGTERM ends the
    # run cleanly with the report written
    start_vp --firmware "$DEF" --quiet --time-mode afap
    client --proto 1 caps
    client --proto 2 caps
    check_caps
    kill -TERM "$VPPID"
    wait_vp 0
    has "$report" '"end":	"SIGTERM"'
    has "$report" '"connections":	2'
    has "$report" '"time_mode":	"afap"'
    ;;
bridge_pauser_config)
    # a bridge PAUSER that the SoC did not lock into a mailbox slot: the mailbox answers PSLVERR,
    # which v1 turns into 0xDEADBEEF and the client reports as an error
    start_vp --firmware "$DEF" --exit-on-disconnect --quiet --set apb.bridge_pauser=0x77
    if out=$("$CPTRA" --socket "$SOCK" --timeout 5000 --proto 2 caps 2>&1); then
        fail "caps with an unlocked PAUSER succeeded: $out"
    fi
    wait_vp 0
    has "$report" '"pauser":	119'
    ;;
*)
    fail "unknown case"
    ;;
esac
rm -f "$SOCK"
echo "PASS [$CASE]"
