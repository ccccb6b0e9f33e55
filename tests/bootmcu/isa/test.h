/* Shared macros for bootmcu ISA tests: gp holds the number of the current check; a failing
 * check writes it to the sim-control EXIT register (bootmcu_map.h), success writes 0. */
#define SIMCTRL_BASE 0x1400F000
#define UART_BASE 0x14001000
#define TIMER_BASE 0x14002000
#define SCU_BASE 0x14003000
#define SRAM_BASE 0x10000000
#define SRAM_TOP (0x10000000 + 244 * 1024)
#define FLASH_BASE 0x20000000
#define DRAM_BASE 0x80000000

/* check that register \reg equals \val, as check number \n */
.macro CHECK n, reg, val
    li gp, \n
    li t6, \val
    bne \reg, t6, fail
.endm

.macro TEST_BEGIN
    .section .text.init, "ax"
    .globl _start
_start:
    li sp, SRAM_TOP
    la t0, unexpected_trap
    csrw mtvec, t0
    j test_main
unexpected_trap:
    /* 0x100 + mcause tells which trap was not expected (mepc/mtval kept in t4/t5) */
    csrr t4, mepc
    csrr t5, mtval
    csrr gp, mcause
    addi gp, gp, 0x100
    j fail
    .text
test_main:
.endm

.macro TEST_END
pass:
    li t0, SIMCTRL_BASE
    sw zero, 0(t0)
1:  j 1b
fail:
    li t0, SIMCTRL_BASE
    sw gp, 0(t0)
1:  j 1b
.endm
