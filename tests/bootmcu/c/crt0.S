/* Freestanding C runtime for bootmcu test programs: stack at the top of SRAM, .bss cleared,
 * main()'s return value written to the sim-control EXIT register. */
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
    csrr a0, mcause
    addi a0, a0, 0x100
    li t0, BOOTMCU_SIMCTRL_BASE
    sw a0, 0(t0)
    j 3b
