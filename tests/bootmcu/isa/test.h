/* Shared macros for bootmcu ISA tests: gp holds the number of the current check; a failing
 * check writes it to the sim-control EXIT register, success writes 0. */
#include "bootmcu_map.h"
#define SIMCTRL_BASE BOOTMCU_SIMCTRL_BASE
#define UART_BASE BOOTMCU_UART_BASE
#define TIMER_BASE BOOTMCU_TIMER_BASE
#define SCU_BASE BOOTMCU_SCU_BASE
#define SRAM_BASE BOOTMCU_SRAM_BASE
#define SRAM_TOP (BOOTMCU_SRAM_BASE + BOOTMCU_SRAM_SIZE)
#define FLASH_BASE BOOTMCU_FLASH_BASE
#define DRAM_BASE BOOTMCU_DRAM_BASE

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
