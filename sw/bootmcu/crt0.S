/* bootmcu C runtime (the firmware and the C test programs of tests/bootmcu): gp, stack at the
 * top of SRAM, trap vector, .bss cleared, main(). main's return value goes to the sim-control
 * EXIT register. A trap is fatal: trap_handler(mcause, mepc, mtval) returns the exit code; the
 * weak default below returns 0x100 + mcause, the firmware's also logs it. */
#include "bootmcu_map.h"
    .option arch, +zicsr
    .section .text.init, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    li sp, BOOTMCU_SRAM_BASE + BOOTMCU_SRAM_SIZE
    la t0, trap_entry
    csrw mtvec, t0
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 1b
2:  call main
    li t0, BOOTMCU_SIMCTRL_BASE
    sw a0, 0(t0)
3:  j 3b
    .align 2
trap_entry:
    li sp, BOOTMCU_SRAM_BASE + BOOTMCU_SRAM_SIZE
    csrr a0, mcause
    csrr a1, mepc
    csrr a2, mtval
    call trap_handler
    li t0, BOOTMCU_SIMCTRL_BASE
    sw a0, 0(t0)
4:  j 4b

    .weak trap_handler
trap_handler:
    addi a0, a0, 0x100
    ret
