/* RV32M, including the division-by-zero and overflow results of the ISA spec (Table 7.1). */
#include "test.h"
    .option norvc
    TEST_BEGIN
    li a0, 0x12345678
    li a1, -3
    li a2, 0x80000000
    li a3, -1
    mul a4, a0, a1;    CHECK 1, a4, 0xC962FC98
    mulh a4, a0, a1;   CHECK 2, a4, 0xFFFFFFFF
    mulhu a4, a0, a1;  CHECK 3, a4, 0x12345677
    mulhsu a4, a1, a0; CHECK 4, a4, 0xFFFFFFFF   /* -3 * 0x12345678 (unsigned) */
    mulhsu a4, a0, a1; CHECK 5, a4, 0x12345677   /* 0x12345678 * 0xFFFFFFFD */
    mulh a4, a2, a2;   CHECK 6, a4, 0x40000000
    mulhu a4, a3, a3;  CHECK 7, a4, 0xFFFFFFFE
    mul a4, a3, a3;    CHECK 8, a4, 1
    li t0, 100
    li t1, -7
    div a4, t0, t1;    CHECK 9, a4, -14          /* rounds toward zero */
    rem a4, t0, t1;    CHECK 10, a4, 2
    neg t2, t0
    div a4, t2, t1;    CHECK 11, a4, 14
    rem a4, t2, t1;    CHECK 12, a4, -2
    divu a4, t0, t1;   CHECK 13, a4, 0
    remu a4, t0, t1;   CHECK 14, a4, 100
    divu a4, t1, t0;   CHECK 15, a4, 0x028F5C28
    remu a4, t1, t0;   CHECK 16, a4, 89
    /* division by zero */
    div a4, t0, zero;  CHECK 17, a4, -1
    divu a4, t0, zero; CHECK 18, a4, 0xFFFFFFFF
    rem a4, t2, zero;  CHECK 19, a4, -100
    remu a4, t0, zero; CHECK 20, a4, 100
    /* signed overflow */
    div a4, a2, a3;    CHECK 21, a4, 0x80000000
    rem a4, a2, a3;    CHECK 22, a4, 0
    divu a4, a2, a3;   CHECK 23, a4, 0
    remu a4, a2, a3;   CHECK 24, a4, 0x80000000
    j pass
    TEST_END
