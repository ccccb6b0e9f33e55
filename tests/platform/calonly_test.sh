#!/usr/bin/env bash
# platform.vp_calonly_* / platform.vp_script_fw_* : Caliptra-only mode (fw model + built-in SoC
# sequencer), the fw agent in script mode, and the mode dispatch of `vp`.
# usage: calonly_test.sh VP_BINARY TEST_DIR WORK_DIR TESTDATA CASE
set -u
VP=$1
DIR=$2
WORK=$3
TD=$4/cptra_imgtool/prebuilt
CASE=$5
mkdir -p "$WORK"
DEF=$TD/ast2700-default/caliptra-fw.bin
IROT=$TD/ast2700-irot/caliptra-fw.bin
fail() { echo "FAIL [$CASE]: $*"; exit 1; }
run() { # run ARGS... -> sets rc, out, err
    "$VP" "$@" >"$WORK/$CASE.out" 2>"$WORK/$CASE.err"
    rc=$?
    out=$(cat "$WORK/$CASE.out")
    err=$(cat "$WORK/$CASE.err")
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit $rc, want $1; stdout: ${out:0:3000}; stderr: $err"; }
has() { grep -qF -- "$2" <<<"$1" || fail "missing '$2' in: ${1:0:3000}"; }
hasnt() { ! grep -qF -- "$2" <<<"$1" || fail "unexpected '$2' in: ${1:0:3000}"; }
# cycle of a timeline event in the console output ("  <ns> ns  <cycle> clk  <event>")
cycle_of() { awk -v ev="$2" '$5 == ev || ($5" "$6) == ev { print $3; exit }' <<<"$1"; }

# A boot that reached runtime-ready: the ROM/FMC/RT boot statuses (caliptra-1x.md §3.7) are in
# the timeline in boot order, and FIRMWARE_LOAD was one mailbox round trip by the SoC's PAUSER.
check_boot() {
    has "$out" "== vp: pass"
    local prev=0
    for ev in "cptra.boot_status 0x181" "cptra.boot_status 0x183" "cptra.boot_status 0x101" \
              "cptra.boot_status 0x46" "cptra.boot_status 0x88" "cptra.boot_status 0x140" \
              "cptra.boot_status 0x400" "cptra.boot_status 0x407" "cptra.boot_status 0x600" \
              "soc.ready_for_runtime"; do
        local c
        c=$(cycle_of "$out" "$ev")
        [ -n "$c" ] || fail "no '$ev' in the timeline"
        [ "$c" -ge "$prev" ] || fail "'$ev' at $c before the previous milestone ($prev)"
        prev=$c
    done
    has "$out" "FWLD 0x46574c44 0x21212121      1"
    has "$out" "boot.boot_status: 1536"
    has "$out" "boot.fw_error_fatal: 0"
}

case "$CASE" in
calonly_default_unprovisioned)
    run --caliptra-only --firmware "$DEF" --report "$WORK/$CASE.json"
    expect_rc 0
    check_boot
    j=$(cat "$WORK/$CASE.json")
    has "$j" '"event":	"cptra.boot_status 0x600"'
    has "$j" '"event":	"rt.ready"'
    has "$j" '"command_name":	"FWLD"'
    has "$j" '"mode":	"caliptra-only"'
    # LMS off when unprovisioned: uC release -> rt.ready = 44 043 221 clk (fw/README.md)
    rel=$(cycle_of "$out" "uc_reset_release")
    rdy=$(cycle_of "$out" "rt.ready")
    [ $((rdy - rel)) -eq 44043221 ] || fail "uC release -> rt.ready = $((rdy - rel)) clk"
    ;;
calonly_irot_unprovisioned)
    run --caliptra-only --firmware "$IROT"
    expect_rc 0
    check_boot
    ;;
calonly_default_production)
    run --caliptra-only --firmware "$DEF" --fuses "$DIR/fuses/ast2700-default-production.toml"
    expect_rc 0
    check_boot
    ;;
calonly_irot_production)
    run --caliptra-only --firmware "$IROT" --fuses "$DIR/fuses/ast2700-irot-production.toml"
    expect_rc 0
    check_boot
    ;;
calonly_wrong_vendor_hash)
    # IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH = 0x000B0005 (caliptra-sw error codes)
    run --quiet --caliptra-only --firmware "$DEF" --fuses "$DIR/fuses/wrong-vendor-hash.toml" \
        --report "$WORK/$CASE.json"
    expect_rc 1
    has "$err" "CPTRA_FW_ERROR_FATAL=0x000b0005"
    has "$err" "CPTRA_BOOT_STATUS=0x"
    has "$(cat "$WORK/$CASE.json")" '"status":	"fail"'
    ;;
calonly_max_time)
    # 10 ms is inside the ROM KATs: runtime-ready not reached
    run --quiet --caliptra-only --firmware "$DEF" --max-time 10ms
    expect_rc 3
    has "$err" "runtime-ready"
    has "$err" "CPTRA_FW_ERROR_FATAL=0x00000000"
    has "$err" "CPTRA_BOOT_STATUS=0x182"
    ;;
calonly_bad_inputs)
    run --caliptra-only
    expect_rc 2
    has "$err" "--firmware"
    run --caliptra-only --firmware "$WORK/does-not-exist.bin"
    expect_rc 2
    has "$err" "cannot open"
    printf 'bogus_fuse = 1\n' >"$WORK/bad_fuses.toml"
    run --caliptra-only --firmware "$DEF" --fuses "$WORK/bad_fuses.toml"
    expect_rc 2
    has "$err" "bogus_fuse"
    # a truncated bundle is refused by the ROM (boot failure, not a crash)
    head -c 5000 "$DEF" >"$WORK/short.bin"
    run --quiet --caliptra-only --firmware "$WORK/short.bin"
    expect_rc 1
    has "$err" "CPTRA_FW_ERROR_FATAL=0x"
    ;;
calonly_caps_script)
    run --caliptra-only --firmware "$DEF" --script "$DIR/scripts/rfc_caps.script" \
        --report "$WORK/$CASE.json"
    expect_rc 0
    check_boot
    # the script starts after runtime-ready; CAPS row with the A35 PAUSER (apb.a35_pauser)
    has "$out" "CAPS 0x43415053 0x00000001      1"
    j=$(cat "$WORK/$CASE.json")
    has "$j" '"command_name":	"CAPS"'
    has "$j" '"command_name":	"FWLD"'
    has "$j" '"pauser_hex":	"0x21212121"'
    ;;
calonly_caps_script_irot_production)
    run --caliptra-only --firmware "$IROT" --fuses "$DIR/fuses/ast2700-irot-production.toml" \
        --script "$DIR/scripts/rfc_caps.script"
    expect_rc 0
    check_boot
    has "$out" "CAPS 0x43415053 0x00000001      1"
    ;;
calonly_deterministic)
    run --quiet --caliptra-only --firmware "$DEF" --script "$DIR/scripts/rfc_caps.script" \
        --report "$WORK/a.json"
    expect_rc 0
    run --quiet --caliptra-only --firmware "$DEF" --script "$DIR/scripts/rfc_caps.script" \
        --report "$WORK/b.json"
    expect_rc 0
    a=$(grep -v wall_time "$WORK/a.json")
    b=$(grep -v wall_time "$WORK/b.json")
    [ "$a" == "$b" ] || fail "two runs differ"
    ;;
calonly_trace_replay)
    # the APB trace of a Caliptra-only boot + CAPS, replayed as a script with the fw model,
    # reproduces the same timeline and mailbox table cycle for cycle (minus the sequencer's
    # own soc.* events and the mode lines)
    run --caliptra-only --firmware "$DEF" --script "$DIR/scripts/rfc_caps.script" \
        --trace-apb "$WORK/$CASE.trace"
    expect_rc 0
    first=$(sed -n '/^timeline:/,$p' "$WORK/$CASE.out" | grep -v ' soc\.\|^mode\|^boot\.runtime')
    run --script "$WORK/$CASE.trace"
    expect_rc 0
    second=$(sed -n '/^timeline:/,$p' "$WORK/$CASE.out" | grep -v '^mode\|^boot\.runtime')
    [ -n "$first" ] && [ "$first" == "$second" ] || fail "replay differs"
    has "$second" "cptra.boot_status 0x600"
    ;;
script_fw_default)
    # the default scenario with the real ROM: SHA lock released after the KATs, CAPS answered
    # by the ROM's mailbox loop (ROM_BASE capability)
    run --report "$WORK/$CASE.json"
    expect_rc 0
    has "$out" "rom.kat_done"
    has "$out" "rom.mbox_loop"
    has "$out" "CAPS 0x43415053 0x00000001      1"
    has "$(cat "$WORK/$CASE.json")" '"uc":	"fw"'
    hasnt "$out" "uc_sha_lock_released"
    ;;
script_uc_stub)
    # --uc=stub keeps the uC stand-in (cycle arithmetic of uc_stub.h)
    run --uc=stub --script "$DIR/scripts/stub_default.script" --report "$WORK/$CASE.json"
    expect_rc 0
    has "$out" "uc_sha_lock_released"
    has "$out" "uc_mbox_answer"
    # stub: CMD_COMPLETE written 100 clk after CMD_AVAIL (uc_stub default answer_delay)
    has "$out" "CAPS 0x43415053 0x00000001      1  lock_to_cmd"
    has "$(cat "$WORK/$CASE.json")" '"uc":	"stub"'
    # the real ROM does not release the SHA lock within the stub script's 100 000-cycle poll
    run --quiet --script "$DIR/scripts/stub_default.script"
    expect_rc 1
    has "$err" "poll timeout"
    ;;
hw_model_caps | hw_rtl_caps | hw_lockstep_caps)
    # Caliptra-only boot + the RFC CAPS script on each hw implementation: same outcome
    hw=${CASE#hw_}
    hw=${hw%_caps}
    run --caliptra-hw "$hw" --caliptra-only --firmware "$DEF" \
        --script "$DIR/scripts/rfc_caps.script" --report "$WORK/$CASE.json"
    expect_rc 0
    check_boot
    has "$out" "CAPS 0x43415053 0x00000001      1"
    has "$out" "caliptra_hw: $hw"
    j=$(cat "$WORK/$CASE.json")
    if [ "$hw" == lockstep ]; then
        has "$j" '"mismatches":	0'
        n=$(grep -o '"compared":	[0-9]*' <<<"$j" | grep -o '[0-9]*$')
        [ "${n:-0}" -gt 1000 ] || fail "lockstep compared only ${n:-0}"
    fi
    ;;
hw_lockstep_default)
    # the default scenario (SHA accelerator, ROM mailbox loop) in lockstep
    run --caliptra-hw lockstep --report "$WORK/$CASE.json"
    expect_rc 0
    has "$(cat "$WORK/$CASE.json")" '"mismatches":	0'
    ;;
hw_lockstep_mismatch)
    # the RTL's test fault (STATUS mirror without its one-clock lag): the first mismatch stops
    # the run with exit 4; the message names time, initiator, address, access and both values
    run --quiet --caliptra-hw lockstep --set caliptra.rtl_fault=1 --caliptra-only \
        --firmware "$DEF" --script "$DIR/scripts/rfc_caps.script" --report "$WORK/$CASE.json"
    expect_rc 4
    has "$err" "lockstep mismatch at cycle"
    has "$err" " ns)"
    has "$err" "addr=0x3002001c"
    has "$err" "apb read"
    has "$err" "model=0x"
    has "$err" "rtl=0x"
    has "$err" "[initiator: "
    has "$(cat "$WORK/$CASE.json")" '"mismatches":	1'
    ;;
hw_rtl_vcd)
    rm -f "$WORK/$CASE.vcd"
    run --quiet --caliptra-hw rtl --vcd "$WORK/$CASE.vcd" --caliptra-only --firmware "$DEF"
    expect_rc 0
    head -c 200 "$WORK/$CASE.vcd" | grep -q '\$version' || fail "no VCD header"
    grep -q PSLVERR "$WORK/$CASE.vcd" || fail "no APB signals in the VCD"
    run --quiet --vcd "$WORK/x.vcd"
    expect_rc 2
    has "$err" "--vcd needs the RTL"
    ;;
hw_unavailable)
    run --quiet --caliptra-hw rtl
    expect_rc 2
    has "$err" "without the Verilated RTL"
    run --quiet --caliptra-hw fpga
    expect_rc 2
    has "$err" "caliptra.hw"
    ;;
calonly_fw_cost)
    # [fw_cost] overrides reach the firmware model: +100 000 clk of RT init moves rt.ready by
    # exactly that much and nothing before it; the effective table is printed; bad keys fail.
    run --caliptra-only --firmware "$DEF"
    expect_rc 0
    base_fmc=$(cycle_of "$out" "cptra.boot_status 0x407")
    base_rdy=$(cycle_of "$out" "rt.ready")
    run --caliptra-only --firmware "$DEF" --set fw_cost.rt_init=1309648
    expect_rc 0
    [ "$(cycle_of "$out" "cptra.boot_status 0x407")" -eq "$base_fmc" ] || fail "FMC moved"
    [ $(($(cycle_of "$out" "rt.ready") - base_rdy)) -eq 100000 ] || fail "rt.ready moved by $(($(cycle_of "$out" "rt.ready") - base_rdy))"
    run --set fw_cost.ecc384_verify=5 --print-config
    expect_rc 0
    has "$out" "[fw_cost]"
    has "$out" "ecc384_verify = 5"
    has "$out" "rt_init = 1209648"
    run --set fw_cost.no_such_entry=1 --print-config
    expect_rc 2
    has "$err" "unknown key 'fw_cost.no_such_entry'"
    run --set fw_cost.rt_init=-1 --print-config
    expect_rc 2
    ;;
full_platform_errors)
    run --full-platform --flash "$WORK/missing-flash.bin"
    expect_rc 2
    has "$err" "cannot read $WORK/missing-flash.bin (bootmcu.flash, --flash)"
    run --bootmcu-fw "$WORK/missing.elf"
    expect_rc 2
    has "$err" "cannot read $WORK/missing.elf (bootmcu.firmware, --bootmcu-fw)"
    run --socket "$WORK/x.sock"
    expect_rc 2
    has "$err" "--firmware"
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "PASS [$CASE]"
