/* Synchronous traps: ecall, ebreak, illegal, misaligned and access faults (load, store,
 * fetch), mret restoring MIE from MPIE, exceptions in vectored mode going to the base.
 * The handler records mcause/mtval/mepc in s2/s3/s4 and resumes at s5. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    la t0, handler
    csrw mtvec, t0
    la s6, buf

    /* ecall with MIE=1: handler sees MIE=0, MPIE=1 */
    csrsi mstatus, 8
    la s5, 1f
2:  ecall
    j fail
1:  CHECK 1, s2, 11
    la t1, 2b
    li gp, 2; bne s4, t1, fail
    csrr t1, mstatus
    andi t1, t1, 0x88; CHECK 3, t1, 0x88     /* mret: MIE = MPIE (1), MPIE = 1 */
    csrr t1, mstatus
    srli t1, t1, 7
    andi t1, t1, 1;    CHECK 4, t1, 1
    lw t1, 0(s6);      CHECK 5, t1, 0x80     /* inside the handler: MIE = 0, MPIE = old MIE */
    csrci mstatus, 8

    /* ebreak */
    la s5, 1f
2:  ebreak
    j fail
1:  CHECK 6, s2, 3
    la t1, 2b
    li gp, 7; bne s4, t1, fail

    /* illegal instruction: mtval = the instruction bits */
    la s5, 1f
2:  .word 0x0000300B          /* custom-0: not implemented */
    j fail
1:  CHECK 8, s2, 2
    CHECK 9, s3, 0x0000300B
    la t1, 2b
    li gp, 10; bne s4, t1, fail
    /* mret is the only xRET; sret is illegal in an M-only core */
    la s5, 1f
    sret
    j fail
1:  CHECK 11, s2, 2

    /* misaligned load / store: mtval = the address */
    la s5, 1f
    lw t1, 1(s6)
    j fail
1:  CHECK 12, s2, 4
    addi t1, s6, 1
    li gp, 13; bne s3, t1, fail
    la s5, 1f
    lh t1, 3(s6)
    j fail
1:  CHECK 14, s2, 4
    la s5, 1f
    sw t1, 2(s6)
    j fail
1:  CHECK 15, s2, 6
    addi t1, s6, 2
    li gp, 16; bne s3, t1, fail
    la s5, 1f
    sh t1, 1(s6)
    j fail
1:  CHECK 17, s2, 6
    /* misaligned load does not change rd */
    li t2, 0x77
    la s5, 1f
    lw t2, 2(s6)
    j fail
1:  CHECK 18, t2, 0x77

    /* access faults: unmapped load/store, store to ROM, fetch from unmapped memory */
    li s7, 0x30000000
    la s5, 1f
    lw t1, 0(s7)
    j fail
1:  CHECK 19, s2, 5
    CHECK 20, s3, 0x30000000
    la s5, 1f
    sw t1, 4(s7)
    j fail
1:  CHECK 21, s2, 7
    CHECK 22, s3, 0x30000004
    la s5, 1f
    la t1, _start
    sw zero, 0(t1)
    j fail
1:  CHECK 23, s2, 7
    la s5, 1f
    jalr ra, 0(s7)
    j fail
1:  CHECK 24, s2, 1
    CHECK 25, s3, 0x30000000
    CHECK 26, s4, 0x30000000
    /* fetch from a non-executable (MMIO) region */
    la s5, 1f
    li t1, UART_BASE
    jalr ra, 0(t1)
    j fail
1:  CHECK 27, s2, 1

    /* vectored mode: exceptions still go to the base address */
    la t0, vtable
    ori t0, t0, 1
    csrw mtvec, t0
    la s5, 1f
    ecall
    j fail
1:  CHECK 28, s2, 11
    j pass

    .align 2
handler:
    csrr s2, mcause
    csrr s3, mtval
    csrr s4, mepc
    csrr t0, mstatus
    andi t0, t0, 0x88
    sw t0, 0(s6)
    csrw mepc, s5
    mret

    .align 7
vtable:
    j handler              /* 0: exceptions */
    .rept 31
    j fail
    .endr
    TEST_END
    .data
    .align 2
buf: .space 16
