/* Cycle counts of known sequences against the Ibex timing table (rv32.c; Ibex "Pipeline
 * Details": ALU 1, load/store 2 + memory latency, branch taken 3 / not taken 1, jal/jalr 2,
 * fast multiplier MUL 3 / MULH 4, DIV/REM 38 (37 stall) or 2 when dividing by zero, CSR 1, trap entry 3, mret 3) and the default
 * region latencies of bootmcu_map.h (ROM/SRAM 0, peripherals 1, flash 8, DRAM 20).
 * mcycle is read at the start of a csrr, so (second - first) = 1 (first csrr) + sequence. */
#include "test.h"
    .option norvc

.macro BEGIN_MEASURE
    csrr s0, mcycle
.endm
.macro END_MEASURE n, expected
    csrr s1, mcycle
    sub s1, s1, s0
    addi s1, s1, -1
    CHECK \n, s1, \expected
.endm

    TEST_BEGIN
    la s2, buf
    li s3, UART_BASE
    li s4, FLASH_BASE
    li s5, DRAM_BASE
    li a0, 1234
    li a1, 56

    BEGIN_MEASURE
    .rept 10
    addi t0, t0, 1
    .endr
    END_MEASURE 1, 10                /* ALU: 1 each */

    BEGIN_MEASURE
    lw t0, 0(s2)
    lw t1, 4(s2)
    lbu t2, 1(s2)
    lh t3, 2(s2)
    END_MEASURE 2, 8                 /* SRAM loads: 2 each */

    BEGIN_MEASURE
    sw t0, 0(s2)
    sh t1, 4(s2)
    sb t2, 9(s2)
    END_MEASURE 3, 6                 /* SRAM stores: 2 each */

    BEGIN_MEASURE
    mul t0, a0, a1
    mul t1, a0, a1
    END_MEASURE 4, 6                 /* MUL: 3 */

    BEGIN_MEASURE
    mulh t0, a0, a1
    mulhsu t1, a0, a1
    mulhu t2, a0, a1
    END_MEASURE 5, 12                /* MULH*: 4 */

    BEGIN_MEASURE
    div t0, a0, a1
    END_MEASURE 6, 38                /* long division: 1 + 37 stall */
    BEGIN_MEASURE
    remu t0, a0, a1
    divu t1, a0, zero
    rem t2, a0, zero
    END_MEASURE 7, 42                /* 38 + 2 + 2: divide by zero stalls 1 */

    BEGIN_MEASURE
    bne zero, zero, fail
    bne zero, zero, fail
    blt a0, a1, fail
    END_MEASURE 8, 3                 /* not taken: 1 */

    BEGIN_MEASURE
    beq zero, zero, 1f
1:  bltu a1, a0, 1f
1:  END_MEASURE 9, 6                 /* taken: 3 */

    BEGIN_MEASURE
    jal zero, 1f
1:  la t0, 2f                        /* auipc + addi */
    jalr zero, 0(t0)
2:  END_MEASURE 10, 6                /* jal 2 + 2 ALU + jalr 2 */

    BEGIN_MEASURE
    csrr t0, mscratch
    csrw mscratch, t0
    csrrs t0, mstatus, zero
    END_MEASURE 11, 3                /* CSR: 1 */

    BEGIN_MEASURE
    lw t0, 0x14(s3)                  /* UART LSR */
    sw t0, 0x1C(s3)                  /* UART SCR */
    END_MEASURE 12, 6                /* peripheral: 2 + 1 */

    BEGIN_MEASURE
    lw t0, 0(s4)
    END_MEASURE 13, 10               /* flash window: 2 + 8 */

    BEGIN_MEASURE
    lw t0, 0(s5)
    sw t0, 4(s5)
    END_MEASURE 14, 44               /* DRAM: 2 + 20 */

    la t0, handler
    csrw mtvec, t0
    BEGIN_MEASURE
    ecall
    END_MEASURE 15, 9                /* trap 3 + 3 handler CSR/ALU + mret 3 */

    BEGIN_MEASURE
    .option push
    .option rvc
    c.addi t0, 1
    c.addi t0, 1
    c.mv t1, t0
    c.nop
    .option pop
    END_MEASURE 16, 4                /* compressed ALU: 1 each */

    /* minstret counts retired instructions; the trapping ecall does not retire */
    csrr s0, minstret
    nop
    nop
    csrr s1, minstret
    sub s1, s1, s0
    CHECK 17, s1, 3
    j pass

    .align 2
handler:
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret
    TEST_END
    .data
    .align 2
buf: .space 16
