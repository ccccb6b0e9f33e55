#!/usr/bin/env bash
# platform.vp_cli_* : the vp executable's script player, config layering and exit codes.
# usage: cli_test.sh VP_BINARY TEST_DIR WORK_DIR CASE
set -u
VP=$1
DIR=$2
WORK=$3
CASE=$4
mkdir -p "$WORK"
fail() { echo "FAIL [$CASE]: $*"; exit 1; }
run() { # run ARGS... -> sets rc, out, err
    "$VP" "$@" >"$WORK/$CASE.out" 2>"$WORK/$CASE.err"
    rc=$?
    out=$(cat "$WORK/$CASE.out")
    err=$(cat "$WORK/$CASE.err")
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit $rc, want $1; stdout: $out; stderr: $err"; }
has() { grep -qF -- "$2" <<<"$1" || fail "missing '$2' in: $1"; }

case "$CASE" in
script_pass)
    run --quiet --script "$DIR/scripts/pass.script"
    expect_rc 0
    [ -z "$out" ] || fail "--quiet printed: $out"
    ;;
script_fail_expect)
    run --quiet --script "$DIR/scripts/fail_expect.script"
    expect_rc 1
    has "$err" "fail_expect.script:3: read  0x3003_00D4 mask=0xFFFF expect=0x12: read 0x00000011, expected 0x00000012"
    ;;
script_slverr_missing)
    run --quiet --script "$DIR/scripts/slverr_missing.script"
    expect_rc 1
    has "$err" "slverr_missing.script:2:"
    has "$err" "expected PSLVERR, got none"
    ;;
script_slverr_unexpected)
    run --quiet --script "$DIR/scripts/slverr_unexpected.script"
    expect_rc 1
    has "$err" "slverr_unexpected.script:4:"
    has "$err" "unexpected PSLVERR"
    ;;
script_parse_error)
    run --script "$DIR/scripts/parse_error.script"
    expect_rc 2
    has "$err" "parse_error.script:2: read  0x3002_0008 expect=banana: bad expect value"
    ;;
script_poll_timeout)
    run --quiet --script "$DIR/scripts/poll_timeout.script"
    expect_rc 1
    has "$err" "poll_timeout.script:1:"
    has "$err" "poll timeout after 50"
    ;;
default_report)
    run --report "$WORK/default.json"
    expect_rc 0
    has "$out" "== vp: pass"
    has "$out" "CAPS 0x43415053 0x00000001"
    j=$(cat "$WORK/default.json")
    for k in '"sim_time_ns"' '"wall_time_s"' '"timeline"' '"mailbox"' '"event":	"ready_for_fuses"' \
             '"event":	"FUSE_WR_DONE"' '"event":	"uc_reset_release"' '"command_name":	"CAPS"'; do
        has "$j" "$k"
    done
    ;;
max_time)
    run --quiet --max-time 100cycles
    expect_rc 3
    has "$err" "--max-time reached"
    # the default scenario waits for the real ROM (SHA lock after the KATs, CAPS in the ROM
    # mailbox loop ~90 ms): 1 ms is too short, 200 ms is enough
    run --quiet --max-time 1ms
    expect_rc 3
    run --quiet --max-time 200ms
    expect_rc 0
    ;;
print_config_default)
    run --print-config
    expect_rc 0
    has "$out" "clock_mhz = 400.0"
    has "$out" "window_base = 0x14c60000"
    has "$out" "window_size = 0x00020000"
    has "$out" "a35_pauser = 0x00000001"
    has "$out" "bootmcu_pauser = 0x21212121"
    has "$out" 'quantum = "1us"'
    ;;
config_precedence)
    # file over defaults; flags over file, whatever their position on the command line
    run --clock-mhz 500 --config "$DIR/configs/good.toml" --set apb.bootmcu_pauser=0x42 --print-config
    expect_rc 0
    has "$out" "clock_mhz = 500.0"            # flag beats file (300)
    has "$out" "window_base = 0x1e000000"     # file beats default
    has "$out" "window_size = 0x00020000"     # default kept
    has "$out" "a35_pauser = 0x000000a5"      # file
    has "$out" "bootmcu_pauser = 0x00000042"  # --set
    has "$out" 'quantum = "500ns"'
    has "$out" 'max_time = "10ms"'
    # the printed configuration reads back to the same configuration
    cp "$WORK/$CASE.out" "$WORK/roundtrip.toml"
    first=$out
    run --config "$WORK/roundtrip.toml" --print-config
    expect_rc 0
    [ "$out" == "$first" ] || fail "print-config does not round-trip"
    ;;
config_errors)
    run --config "$DIR/configs/bad_key.toml"
    expect_rc 2
    has "$err" "unknown key 'caliptra.bogus'"
    run --config "$DIR/configs/bad_value.toml"
    expect_rc 2
    has "$err" "apb.window_base: must be 4 KiB aligned"
    run --config "$DIR/configs/bad_syntax.toml"
    expect_rc 2
    has "$err" "bad_syntax.toml:2"
    run --config "$DIR/configs/missing.toml"
    expect_rc 2
    has "$err" "cannot open"
    run --set caliptra.clock_mhz=0
    expect_rc 2
    has "$err" "caliptra.clock_mhz"
    run --set apb.a35_pauser=0x1_0000_0000
    expect_rc 2
    has "$err" "apb.a35_pauser"
    run --max-time 10parsecs
    expect_rc 2
    has "$err" "bad time unit"
    run --frobnicate
    expect_rc 2
    has "$err" "unknown option '--frobnicate'"
    run --script
    expect_rc 2
    ;;
trace_replay)
    # record the default scenario's APB accesses, replay them as a script: same timeline and
    # mailbox table, cycle for cycle
    run --trace-apb "$WORK/default.trace"
    expect_rc 0
    first=$(sed -n '/^timeline:/,$p' "$WORK/$CASE.out")
    has "$(cat "$WORK/default.trace")" "write 0x30030048 0x21212121 pauser=0x00000001"
    run --script "$WORK/default.trace"
    expect_rc 0
    second=$(sed -n '/^timeline:/,$p' "$WORK/$CASE.out")
    [ -n "$first" ] && [ "$first" == "$second" ] || fail "replay differs: $first --- $second"
    ;;
config_modes)
    # the mode/bridge/hw keys: validated, printed, and read back
    run --caliptra-hw lockstep --socket /tmp/x.sock --time-mode afap --uc=stub --exit-on-disconnect \
        --set apb.bridge_pauser=0x42 --set bridge.idle_advance_cycles=1000 --print-config
    expect_rc 0
    has "$out" 'hw = "lockstep"'
    has "$out" 'socket = "/tmp/x.sock"'
    has "$out" 'time_mode = "afap"'
    has "$out" 'uc = "stub"'
    has "$out" 'exit_on_disconnect = true'
    has "$out" 'bridge_pauser = 0x00000042'
    has "$out" 'idle_advance_cycles = 1000'
    cp "$WORK/$CASE.out" "$WORK/modes.toml"
    first=$out
    run --config "$WORK/modes.toml" --print-config
    expect_rc 0
    [ "$out" == "$first" ] || fail "print-config does not round-trip"
    run --print-config
    has "$out" "# bridge_pauser = a35_pauser (0x00000001) unless set"
    run --caliptra-hw fpga
    expect_rc 2
    has "$err" "caliptra.hw"
    run --time-mode warp
    expect_rc 2
    has "$err" "bridge.time_mode"
    run --uc=qemu
    expect_rc 2
    has "$err" "sim.uc"
    run --set bridge.idle_poll_us=0
    expect_rc 2
    has "$err" "bridge.idle_poll_us"
    ;;
help)
    run --help
    expect_rc 0
    has "$out" "usage: vp"
    has "$out" "--print-config"
    has "$out" "--caliptra-only"
    has "$out" "--socket PATH"
    has "$out" "--caliptra-hw"
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "PASS [$CASE]"
