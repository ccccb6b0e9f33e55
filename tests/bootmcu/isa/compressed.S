/* Every RV32C instruction form (explicit c.* mnemonics so the assembler cannot widen them). */
#include "test.h"
    .option rvc
    TEST_BEGIN
    /* Q1: c.li, c.addi, c.nop, c.lui, c.addi16sp, c.srli, c.srai, c.andi, c.sub/xor/or/and */
    c.li a0, -32;        CHECK 1, a0, -32
    c.li a0, 31;         CHECK 2, a0, 31
    c.addi a0, -1;       CHECK 3, a0, 30
    c.nop
    c.lui a1, 0xfffe0;   CHECK 4, a1, 0xFFFE0000   /* nzimm[17]=1 sign-extends */
    c.lui a1, 1;         CHECK 5, a1, 0x1000
    mv s0, sp
    c.addi16sp sp, -512; sub a2, s0, sp; CHECK 6, a2, 512
    c.addi16sp sp, 496;  sub a2, s0, sp; CHECK 7, a2, 16
    c.addi16sp sp, 16
    li s1, 0x80000F00
    c.srli s1, 4;        CHECK 8, s1, 0x080000F0
    li s1, 0x80000F00
    c.srai s1, 8;        CHECK 9, s1, 0xFF80000F
    li s1, 0x12345678
    c.andi s1, -16;      CHECK 10, s1, 0x12345670
    c.andi s1, 0x1f;     CHECK 11, s1, 0x10
    li a3, 0x0FF0
    li a4, 0x00FF
    mv a5, a3; c.sub a5, a4; CHECK 12, a5, 0x0EF1
    mv a5, a3; c.xor a5, a4; CHECK 13, a5, 0x0F0F
    mv a5, a3; c.or a5, a4;  CHECK 14, a5, 0x0FFF
    mv a5, a3; c.and a5, a4; CHECK 15, a5, 0x00F0
    /* Q2: c.slli, c.mv, c.add */
    li a0, 0x00010001
    c.slli a0, 15;       CHECK 16, a0, 0x80008000
    c.mv a1, a0;         CHECK 17, a1, 0x80008000
    c.add a1, a0;        CHECK 18, a1, 0x00010000
    /* Q0: c.addi4spn, c.lw, c.sw; Q2: c.lwsp, c.swsp */
    addi sp, sp, -256
    c.addi4spn a0, sp, 8
    sub a2, a0, sp;      CHECK 19, a2, 8
    c.addi4spn a0, sp, 1020
    sub a2, a0, sp;      CHECK 20, a2, 1020
    la s0, buf
    li a4, 0x11223344
    c.sw a4, 4(s0)
    c.lw a5, 4(s0);      CHECK 21, a5, 0x11223344
    lw a5, 4(s0);        CHECK 22, a5, 0x11223344
    li a4, 0x55667788
    c.sw a4, 124(s0)
    lw a5, 124(s0);      CHECK 23, a5, 0x55667788
    li t0, 0xA1B2C3D4
    c.swsp t0, 60(sp)
    lw t1, 60(sp);       CHECK 24, t1, 0xA1B2C3D4
    c.lwsp t2, 60(sp);   CHECK 25, t2, 0xA1B2C3D4
    c.swsp t2, 252(sp)
    lw t1, 252(sp);      CHECK 26, t1, 0xA1B2C3D4
    addi sp, sp, 256
    /* c.j, c.jal, c.jr, c.jalr, c.beqz, c.bnez */
    li gp, 27
    c.j 1f
    j fail
1:  c.jal 2f
3:  j 4f
2:  la t0, 3b
    li gp, 28
    bne ra, t0, fail
    c.jr ra
4:  la t1, 5f
    c.jalr t1
6:  j 7f
5:  la t0, 6b
    li gp, 29
    bne ra, t0, fail
    ret
7:  li a0, 0
    li gp, 30
    c.bnez a0, fail
    c.beqz a0, 8f
    j fail
8:  li a0, 5
    li gp, 31
    c.beqz a0, fail
    c.bnez a0, 9f
    j fail
9:  /* c.ebreak traps with mcause 3 */
    la t0, ebreak_handler
    csrw mtvec, t0
    li gp, 32
    c.ebreak
    j fail
    .align 2                 /* mtvec bases are 4-byte aligned */
ebreak_handler:
    csrr t1, mcause
    CHECK 33, t1, 3
    /* the all-zero halfword is an illegal instruction */
    la t0, illegal_handler
    csrw mtvec, t0
    li gp, 34
    .half 0
    j fail
    .align 2
illegal_handler:
    csrr t1, mcause
    CHECK 35, t1, 2
    j pass
    TEST_END
    .data
    .align 2
buf: .space 128
