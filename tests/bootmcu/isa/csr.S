/* Zicsr instructions and the machine-mode CSRs of the bootmcu (Ibex-class). */
#include "test.h"
    .option norvc
    TEST_BEGIN
    csrr a0, misa;      CHECK 1, a0, 0x40001104     /* RV32 I M C */
    csrr a0, mvendorid; CHECK 2, a0, 0
    csrr a0, marchid;   CHECK 3, a0, 22             /* lowRISC Ibex */
    csrr a0, mimpid;    CHECK 4, a0, 0
    csrr a0, mhartid;   CHECK 5, a0, 0
    li a1, 0x12345678
    csrrw a0, mscratch, a1
    csrr a0, mscratch;  CHECK 6, a0, 0x12345678
    li a1, 0xF0
    csrrs a0, mscratch, a1; CHECK 7, a0, 0x12345678
    csrr a0, mscratch;  CHECK 8, a0, 0x123456F8
    li a1, 0x0F
    csrrc a0, mscratch, a1; CHECK 9, a0, 0x123456F8
    csrr a0, mscratch;  CHECK 10, a0, 0x123456F0
    csrrwi a0, mscratch, 0x1F; CHECK 11, a0, 0x123456F0
    csrrsi a0, mscratch, 0x20 & 0x1F; CHECK 12, a0, 0x1F
    csrrsi a0, mscratch, 0x0; CHECK 13, a0, 0x1F
    csrrci a0, mscratch, 0x3; CHECK 14, a0, 0x1F
    csrr a0, mscratch;  CHECK 15, a0, 0x1C
    /* mstatus: MPP reads as M (3), MIE/MPIE writable */
    csrr a0, mstatus
    li t0, 0x1800
    and a0, a0, t0;     CHECK 16, a0, 0x1800
    csrsi mstatus, 8
    csrr a0, mstatus
    andi a0, a0, 0x88;  CHECK 17, a0, 0x08
    csrci mstatus, 8
    /* mie: only MSIE/MTIE/MEIE exist */
    li t0, -1
    csrw mie, t0
    csrr a0, mie;       CHECK 18, a0, 0x888
    csrw mie, zero
    /* mtvec WARL: mode 0/1 kept, 2/3 become 0 */
    la t1, unexpected_trap
    addi t2, t1, 1
    csrw mtvec, t2
    csrr a0, mtvec
    sub a0, a0, t1;     CHECK 19, a0, 1
    csrw mtvec, t1
    /* mepc bit 0 is cleared */
    li t0, 0x1235
    csrw mepc, t0
    csrr a0, mepc;      CHECK 20, a0, 0x1234
    /* mcycle and minstret count and are writable, including their high halves */
    csrr a0, mcycle
    csrr a1, mcycle
    li gp, 21
    beq a0, a1, fail
    csrw mcycleh, zero
    li t0, 0xFFFFFFF0
    csrw mcycle, t0
    li t0, 5
    csrw mcycleh, t0
    csrr a0, mcycleh;   CHECK 22, a0, 5
    csrr a0, mcycle
    li gp, 23
    li t0, 0xFFFFFFF0
    bltu a0, t0, fail   /* still counting up from the written low half */
    csrw minstret, zero
    csrw minstreth, zero
    nop
    nop
    csrr a0, minstret;  CHECK 24, a0, 2      /* the writing csrw does not count (Ibex) */
    li t0, 7
    csrw minstreth, t0
    csrr a0, minstreth; CHECK 25, a0, 7
    /* writing a read-only CSR is illegal; reading with csrrs x0 is fine */
    la t0, ro_handler
    csrw mtvec, t0
    li gp, 26
    csrrs a0, mhartid, zero
    li gp, 27
    csrw mhartid, a0
    j fail
ro_handler:
    csrr a0, mcause;    CHECK 28, a0, 2
    csrr a0, mtval
    li gp, 29
    li t0, 0xF1451073   /* csrw mhartid, a0 */
    bne a0, t0, fail
    /* an unimplemented CSR is illegal */
    la t0, unimpl_handler
    csrw mtvec, t0
    li gp, 30
    csrr a0, 0x7C0
    j fail
unimpl_handler:
    csrr a0, mcause;    CHECK 31, a0, 2
    j pass
    TEST_END
