#!/bin/bash
# bootmcu.gdb: drive rv32sim's GDB stub with a gdb-multiarch batch session.
# usage: gdb_test.sh RV32SIM ELF WORKDIR
set -u
sim=$1 elf=$2 dir=$3
mkdir -p "$dir"
log=$dir/gdb_sim.log out=$dir/gdb_out.log
. "$(dirname "$0")/gdb_lib.sh"
gdb_start "$log" "$dir/gdb_sim.stdout" "$sim" --gdb 0 --gdb-wait "$elf"
timeout 60 gdb-multiarch -nx -batch \
    -ex 'set architecture riscv:rv32' \
    -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'break gdb_target' \
    -ex 'continue' \
    -ex 'printf "A0=%d\n", $a0' \
    -ex 'x/1wx &gdb_data' \
    -ex 'set var gdb_data = 0x55667788' \
    -ex 'printf "DATA=%x\n", gdb_data' \
    -ex 'set $before = $pc' \
    -ex 'stepi' \
    -ex 'printf "STEP=%d\n", $pc - $before' \
    -ex 'info registers sp' \
    -ex 'printf "MISA=%x\n", $misa' \
    -ex 'set $mscratch = 0x1234' \
    -ex 'printf "MSCRATCH=%x\n", $mscratch' \
    -ex 'delete' \
    -ex 'continue' >"$out" 2>&1
gdbrc=$?
# a failed session leaves the simulator halted in its stub: end it instead of waiting forever
[ "$gdbrc" = 0 ] || kill "$pid" 2>/dev/null
wait "$pid"
simrc=$?
cat "$out"
fail=0
grep -q "Breakpoint 1, .*gdb_target" "$out" || { echo "FAIL: breakpoint not hit"; fail=1; }
grep -q "^A0=42$" "$out" || { echo "FAIL: a0 != 42 at gdb_target"; fail=1; }
grep -q "0x11223344" "$out" || { echo "FAIL: memory read"; fail=1; }
grep -q "^DATA=55667788$" "$out" || { echo "FAIL: memory write"; fail=1; }
grep -Eq "^STEP=(2|4)$" "$out" || { echo "FAIL: stepi did not advance one instruction"; fail=1; }
grep -Eq "^sp +0x1003[0-9a-f]{4}" "$out" || { echo "FAIL: sp not in SRAM"; fail=1; }
grep -q "^MISA=40001104$" "$out" || { echo "FAIL: misa via the CSR feature"; fail=1; }
grep -q "^MSCRATCH=1234$" "$out" || { echo "FAIL: CSR write"; fail=1; }
grep -q "exited normally" "$out" || { echo "FAIL: program did not exit normally"; fail=1; }
[ "$gdbrc" = 0 ] || { echo "FAIL: gdb exit $gdbrc"; fail=1; }
[ "$simrc" = 0 ] || { echo "FAIL: rv32sim exit $simrc"; cat "$log"; fail=1; }
[ $fail = 0 ] && echo "PASS"
exit $fail
