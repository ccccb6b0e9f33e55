/* Machine timer interrupt from the 1 MHz timer (mtime/mtimecmp), WFI sleep and wake-up,
 * vectored and direct mtvec, WFI wake-up with MIE=0, external interrupt from the UART. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    li s0, TIMER_BASE
    li s2, 0                 /* handler call count */
    /* vectored mode: timer interrupt enters at base + 4 * 7 */
    la t0, vtable
    ori t0, t0, 1
    csrw mtvec, t0
    lw s3, 0(s0)             /* mtime (us) */
    addi t1, s3, 100
    sw t1, 8(s0)             /* mtimecmp lo */
    sw zero, 12(s0)          /* mtimecmp hi */
    li t0, 0x80
    csrw mie, t0
    csrsi mstatus, 8
    wfi
    CHECK 1, s2, 1
    CHECK 2, s4, 0x80000007
    lw t1, 0(s0)
    sub t1, t1, s3
    li gp, 3
    li t2, 100
    bltu t1, t2, fail        /* slept at least 100 us */
    li t2, 110
    bgeu t1, t2, fail        /* ... and woke up right after the compare time */

    /* direct mode: the same interrupt enters at the base */
    la t0, direct_handler
    csrw mtvec, t0
    lw s3, 0(s0)
    addi t1, s3, 20
    sw t1, 8(s0)
    sw zero, 12(s0)
    wfi
    CHECK 4, s2, 2
    CHECK 5, s4, 0x80000007

    /* MIE=0: WFI still wakes on mie & mip, no trap is taken */
    csrci mstatus, 8
    lw s3, 0(s0)
    addi t1, s3, 30
    sw t1, 8(s0)
    sw zero, 12(s0)
    wfi
    CHECK 6, s2, 2
    csrr t1, mip
    andi t1, t1, 0x80;  CHECK 7, t1, 0x80
    /* enabling MIE now takes the pending interrupt at once */
    csrsi mstatus, 8
    nop
    CHECK 8, s2, 3
    /* timer STATUS register */
    lw t1, 16(s0);      CHECK 9, t1, 0
    csrci mstatus, 8

    /* external interrupt: UART THR-empty interrupt (IER.ETBEI) on the MEIP pin */
    li s1, UART_BASE
    la t0, vtable
    ori t0, t0, 1
    csrw mtvec, t0
    li t0, 0x800
    csrw mie, t0
    csrsi mstatus, 8
    li t1, 2
    sw t1, 4(s1)             /* IER = ETBEI */
    nop
    nop
    CHECK 10, s2, 4
    CHECK 11, s4, 0x8000000B
    j pass

    .align 2
direct_handler:
    csrr s4, mcause
    addi s2, s2, 1
    li t0, -1
    sw t0, 8(s0)             /* mtimecmp = max: drop the interrupt */
    sw t0, 12(s0)
    mret
ext_handler:
    csrr s4, mcause
    addi s2, s2, 1
    sw zero, 4(s1)           /* IER = 0 */
    mret

    .align 7
vtable:
    j fail                   /* 0: exceptions */
    .rept 6
    j fail
    .endr
    j direct_handler         /* 7: machine timer */
    .rept 3
    j fail
    .endr
    j ext_handler            /* 11: machine external */
    .rept 20
    j fail
    .endr
    TEST_END
