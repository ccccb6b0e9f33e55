#!/bin/bash
# bootmcu.platform_gdb: the GDB stub of the SystemC bootmcu shell inside the whole platform:
# halt before the first instruction (--gdb-wait), break in the secure-boot firmware where it
# releases the A35, read the loaded u-boot image in DRAM through the debugger, run to the end.
# usage: gdb_platform_test.sh BOOTMCU_VP FW_ELF FLASH WORKDIR
set -u
vp=$1 elf=$2 flash=$3 dir=$4
mkdir -p "$dir"
log=$dir/gdb_vp.log out=$dir/gdb_out.log
. "$(dirname "$0")/gdb_lib.sh"
gdb_start "$log" "$dir/gdb_vp.stdout" "$vp" --quiet --gdb 0 --gdb-wait --bootmcu-fw "$elf" --flash "$flash"
timeout 60 gdb-multiarch -nx -batch \
    -ex 'set architecture riscv:rv32' \
    -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'printf "PC0=%x\n", $pc' \
    -ex 'break scu_release_a35' \
    -ex 'continue' \
    -ex 'printf "DRAM=%08x\n", *(unsigned *)0x80000000' \
    -ex 'printf "FLASH=%08x\n", *(unsigned *)(0x20100000 + 150876)' \
    -ex 'delete' \
    -ex 'continue' >"$out" 2>&1
gdbrc=$?
# a failed session leaves the simulator halted in its stub: end it instead of waiting forever
[ "$gdbrc" = 0 ] || kill "$pid" 2>/dev/null
wait "$pid"
vprc=$?
cat "$out"
fail=0
grep -q "^PC0=0$" "$out" || { echo "FAIL: not halted at the reset vector"; fail=1; }
grep -q "Breakpoint 1, .*scu_release_a35" "$out" || { echo "FAIL: breakpoint not hit"; fail=1; }
# u-boot (fw_id 12, FLSH offset 150876 in the default image) was copied to DRAM 0x8000_0000
d=$(sed -n 's/^DRAM=//p' "$out"); f=$(sed -n 's/^FLASH=//p' "$out")
[ -n "$d" ] && [ "$d" = "$f" ] && [ "$d" != "ffffffff" ] && [ "$d" != "00000000" ] ||
    { echo "FAIL: u-boot not loaded to DRAM ($d vs $f)"; fail=1; }
grep -q "exited normally" "$out" || { echo "FAIL: firmware did not exit normally"; fail=1; }
[ "$gdbrc" = 0 ] || { echo "FAIL: gdb exit $gdbrc"; fail=1; }
[ "$vprc" = 0 ] || { echo "FAIL: bootmcu-vp exit $vprc"; cat "$log" "$dir/gdb_vp.stdout"; fail=1; }
[ $fail = 0 ] && echo "PASS"
exit $fail
