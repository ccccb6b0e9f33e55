/* Branches (taken / not taken, signed / unsigned edge cases), jal/jalr link values. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    li a0, -1
    li a1, 1
    li gp, 1; beq a0, a1, fail
    li gp, 2; bne a0, a0, fail
    li gp, 3; blt a1, a0, fail       /* 1 < -1 signed: no */
    li gp, 4; bge a0, a1, fail       /* -1 >= 1: no */
    li gp, 5; bltu a0, a1, fail      /* 0xFFFFFFFF < 1: no */
    li gp, 6; bgeu a1, a0, fail
    li gp, 7; beq a0, a0, 1f; j fail
1:  li gp, 8; bne a0, a1, 1f; j fail
1:  li gp, 9; blt a0, a1, 1f; j fail
1:  li gp, 10; bge a1, a0, 1f; j fail
1:  li gp, 11; bge a1, a1, 1f; j fail
1:  li gp, 12; bltu a1, a0, 1f; j fail
1:  li gp, 13; bgeu a0, a1, 1f; j fail
1:  li gp, 14; bgeu a1, a1, 1f; j fail
1:  /* backward branch loop */
    li a2, 0
    li a3, 10
2:  addi a2, a2, 1
    blt a2, a3, 2b
    CHECK 15, a2, 10
    /* jal links pc+4 */
    jal ra, 3f
4:  j 5f
3:  la a4, 4b
    li gp, 16
    bne ra, a4, fail
    jr ra             /* back to 4: */
5:
    /* jalr: target computed from rs1 + imm, bit 0 cleared, link written after reading rs1 */
    la a5, 6f
    addi a5, a5, -3
    jalr a5, 4(a5)   /* (6f - 3 + 4) & ~1 = 6f */
7:  j fail
6:  la a6, 7b
    li gp, 17
    bne a5, a6, fail
    /* jal x0 does not link */
    li ra, 0x55
    j 8f
8:  CHECK 18, ra, 0x55
    j pass
    TEST_END
