/* The bootmcu peripherals seen from the guest: SCU boot status and CA35 release, the
 * memory-mapped SPI flash window (run with --flash alu.elf: the image starts with the ELF
 * magic; beyond the image reads 0xFF; stores fault), the timer registers, UART LSR. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    li s0, SCU_BASE
    lw t0, 0(s0);       CHECK 1, t0, 0
    li t1, 0x0A
    sw t1, 0x10(s0)
    lw t0, 0x10(s0);    CHECK 2, t0, 0x0A
    li t1, 1
    sw t1, 0(s0)
    lw t0, 0(s0);       CHECK 3, t0, 1
    sw zero, 0(s0)
    lw t0, 0(s0);       CHECK 4, t0, 1        /* release is sticky */
    lw t0, 4(s0);       CHECK 5, t0, 0x07000003
    /* flash window */
    li s1, FLASH_BASE
    lw t0, 0(s1);       CHECK 6, t0, 0x464C457F   /* "\177ELF" */
    lbu t0, 4(s1);      CHECK 7, t0, 1            /* ELFCLASS32 */
    li t2, 0x03FFFFFC
    add t2, s1, t2
    lw t0, 0(t2);       CHECK 8, t0, 0xFFFFFFFF   /* erased flash at the end of the window */
    la t0, store_fault
    csrw mtvec, t0
    li gp, 9
    sw zero, 0(s1)
    j fail
    .align 2
store_fault:
    csrr t0, mcause;    CHECK 10, t0, 7
    la t0, unexpected_trap
    csrw mtvec, t0
    /* timer: compare reads back, mtime advances */
    li s2, TIMER_BASE
    lw t0, 8(s2);       CHECK 11, t0, 0xFFFFFFFF
    li t1, 0x1234
    sw t1, 8(s2)
    lw t0, 8(s2);       CHECK 12, t0, 0x1234
    lw t3, 0(s2)
    li t4, 2000
1:  addi t4, t4, -1
    bnez t4, 1b
    lw t5, 0(s2)
    li gp, 13
    beq t3, t5, fail
    /* UART: transmitter always ready */
    li s3, UART_BASE
    lw t0, 0x14(s3)
    andi t0, t0, 0x60;  CHECK 14, t0, 0x60
    /* sim-control RESULT = 'PASS' ends the run with exit 0 */
    li t0, SIMCTRL_BASE
    li t1, 0x50415353
    sw t1, 4(t0)
    j fail
    TEST_END
