/* RV32I register-register, register-immediate, shifts, lui/auipc, x0 behaviour. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    li a0, 0x12345678
    li a1, 0x0F0F0F0F
    add a2, a0, a1;   CHECK 1, a2, 0x21436587
    sub a2, a0, a1;   CHECK 2, a2, 0x03254769
    sub a2, a1, a0;   CHECK 3, a2, 0xFCDAB897
    xor a2, a0, a1;   CHECK 4, a2, 0x1D3B5977
    or a2, a0, a1;    CHECK 5, a2, 0x1F3F5F7F
    and a2, a0, a1;   CHECK 6, a2, 0x02040608
    li a3, -5
    slt a2, a3, a0;   CHECK 7, a2, 1
    sltu a2, a3, a0;  CHECK 8, a2, 0
    slt a2, a0, a3;   CHECK 9, a2, 0
    sltu a2, a0, a3;  CHECK 10, a2, 1
    li a4, 36         /* shift amounts use the low 5 bits */
    sll a2, a0, a4;   CHECK 11, a2, 0x23456780
    li a5, 0x80000010
    srl a2, a5, a4;   CHECK 12, a2, 0x08000001
    sra a2, a5, a4;   CHECK 13, a2, 0xF8000001
    addi a2, a0, -0x678; CHECK 14, a2, 0x12345000
    addi a2, a0, 2047; CHECK 15, a2, 0x12345E77
    slti a2, a3, -4;  CHECK 16, a2, 1
    slti a2, a3, -5;  CHECK 17, a2, 0
    sltiu a2, a0, -1; CHECK 18, a2, 1   /* imm sign-extends to 0xFFFFFFFF */
    sltiu a2, a3, 5;  CHECK 19, a2, 0
    xori a2, a0, -1;  CHECK 20, a2, 0xEDCBA987
    ori a2, a0, 0x0F0; CHECK 21, a2, 0x123456F8
    andi a2, a0, -16; CHECK 22, a2, 0x12345670
    slli a2, a0, 31;  CHECK 23, a2, 0
    slli a2, a0, 4;   CHECK 24, a2, 0x23456780
    srli a2, a5, 31;  CHECK 25, a2, 1
    srai a2, a5, 31;  CHECK 26, a2, 0xFFFFFFFF
    srai a2, a5, 0;   CHECK 27, a2, 0x80000010
    lui a2, 0xFFFFF;  CHECK 28, a2, 0xFFFFF000
1:  auipc a2, 0x1
    la a6, 1b
    sub a2, a2, a6;   CHECK 29, a2, 0x1000
    /* writes to x0 are discarded */
    addi x0, x0, 5
    add x0, a0, a1
    lui x0, 0x12345
    CHECK 30, x0, 0
    mv a2, zero;      CHECK 31, a2, 0
    /* rd == rs */
    li a2, 7
    add a2, a2, a2;   CHECK 32, a2, 14
    j pass
    TEST_END
