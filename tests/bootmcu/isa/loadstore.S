/* Loads with sign/zero extension, stores of every width, little-endian byte order. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    la a0, buf
    li a1, 0x8081F2F3
    sw a1, 0(a0)
    lw a2, 0(a0);   CHECK 1, a2, 0x8081F2F3
    lb a2, 0(a0);   CHECK 2, a2, 0xFFFFFFF3
    lbu a2, 0(a0);  CHECK 3, a2, 0xF3
    lb a2, 3(a0);   CHECK 4, a2, 0xFFFFFF80
    lbu a2, 3(a0);  CHECK 5, a2, 0x80
    lh a2, 0(a0);   CHECK 6, a2, 0xFFFFF2F3
    lhu a2, 0(a0);  CHECK 7, a2, 0xF2F3
    lh a2, 2(a0);   CHECK 8, a2, 0xFFFF8081
    lhu a2, 2(a0);  CHECK 9, a2, 0x8081
    li a3, 0x7F
    sb a3, 1(a0)
    lw a2, 0(a0);   CHECK 10, a2, 0x80817FF3
    lb a2, 1(a0);   CHECK 11, a2, 0x7F
    li a3, 0x12345678
    sh a3, 2(a0)    /* only the low half is stored */
    lw a2, 0(a0);   CHECK 12, a2, 0x56787FF3
    lh a2, 2(a0);   CHECK 13, a2, 0x5678
    /* negative offsets */
    addi a4, a0, 8
    sw a3, -4(a4)
    lw a2, 4(a0);   CHECK 14, a2, 0x12345678
    /* load into the base register */
    mv a5, a0
    lw a5, 4(a5);   CHECK 15, a5, 0x12345678
    /* constants in ROM (read-only region) */
    la a0, rodata
    lw a2, 0(a0);   CHECK 16, a2, 0xCAFEF00D
    lhu a2, 2(a0);  CHECK 17, a2, 0xCAFE
    /* initialised data loaded by the ELF loader; bss is zero */
    la a0, data
    lw a2, 0(a0);   CHECK 18, a2, 0xA5A5A5A5
    la a0, bss
    lw a2, 0(a0);   CHECK 19, a2, 0
    /* DRAM region */
    li a0, DRAM_BASE
    sw a3, 16(a0)
    lw a2, 16(a0);  CHECK 20, a2, 0x12345678
    j pass
    TEST_END
    .section .rodata
    .align 2
rodata: .word 0xCAFEF00D
    .data
    .align 2
data: .word 0xA5A5A5A5
buf: .space 16
    .bss
    .align 2
bss: .space 8
