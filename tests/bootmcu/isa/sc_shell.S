/* Program for the SystemC-shell test (test_sc.cpp): Caliptra-window accesses through the TLM
 * initiator (data, annotated delay, PSLVERR latch in the SCU, refused sub-word access) and WFI
 * time skipping. test_sc.cpp's fake APB target answers reads with 0xC0DE0000 | offset, returns
 * PSLVERR at window offset 0x100 and annotates 50 ns (10 bootmcu cycles at 200 MHz). */
#include "test.h"
#define CPTRA BOOTMCU_CPTRA_BASE
    .option arch, +zicsr
    TEST_BEGIN
    li s0, CPTRA
    /* 1: read data comes from the target */
    lw a0, 0x10(s0)
    CHECK 1, a0, 0xC0DE0010
    /* 2: the annotated delay is added to the load: >= 10 cycles + the load's own 2 */
    csrr t0, mcycle
    lw a0, 0x20(s0)
    csrr t1, mcycle
    sub t1, t1, t0
    li gp, 2
    li t2, 12
    bltu t1, t2, fail
    /* 3: PSLVERR: read returns 0, no trap, SCU APB_ERR latches it and the address */
    li s1, SCU_BASE
    sw zero, 0x20(s1)
    lw a0, 0x100(s0)
    CHECK 3, a0, 0
    lw a1, 0x20(s1)
    CHECK 4, a1, 0x80000001
    lw a1, 0x24(s1)
    CHECK 5, a1, CPTRA + 0x100
    sw a0, 0x100(s0)           /* a PSLVERR write counts too */
    lw a1, 0x20(s1)
    CHECK 6, a1, 0x80000002
    sw zero, 0x20(s1)          /* clear */
    lw a1, 0x20(s1)
    CHECK 7, a1, 0
    /* 8: a write reaches the target (it checks the value) */
    li a0, 0x12345678
    sw a0, 0x4(s0)
    /* 9: a byte access is not an APB transfer: load access fault (mcause 5) */
    la t0, fault_ok
    csrw mtvec, t0
    li gp, 9
    lb a0, 0(s0)
    j fail
    .align 2
fault_ok:
    csrr t0, mcause
    CHECK 10, t0, 5
    la t0, unexpected_trap
    csrw mtvec, t0
    /* 11: WFI until the timer: mtimecmp = mtime + 1000 us, simulated time jumps */
    li s2, TIMER_BASE
    lw t0, 0(s2)
    li t1, 1000
    add t0, t0, t1
    li t1, -1
    sw t1, 0xC(s2)
    sw t0, 0x8(s2)
    sw zero, 0xC(s2)
    li t1, 0x80
    csrs mie, t1
1:  wfi
    lw t2, 0(s2)
    bltu t2, t0, 1b
    /* 12: after the sleep the Caliptra window still works (the target sees the new time) */
    lw a0, 0x30(s0)
    CHECK 12, a0, 0xC0DE0030
    TEST_END
