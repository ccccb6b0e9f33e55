/* Code copied to SRAM/DRAM at run time, patched in place and re-run after fence.i
 * (Zifencei); instruction-fetch latency of the DRAM region (20 cycles per fetch,
 * bootmcu_map.h) on top of the Ibex instruction cost. */
#include "test.h"
    .option norvc
    TEST_BEGIN
    la s0, code             /* SRAM buffer */
    la t0, tmpl1
    lw t1, 0(t0); sw t1, 0(s0)
    lw t1, 4(t0); sw t1, 4(s0)
    fence.i
    li a0, 0
    jalr ra, 0(s0)
    jalr ra, 0(s0)
    CHECK 1, a0, 2
    /* patch the (already decoded) first instruction */
    la t0, tmpl2
    lw t1, 0(t0)
    sw t1, 0(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK 2, a0, 7
    /* same routine in DRAM: fetch latency 20 per instruction */
    li s1, DRAM_BASE
    la t0, tmpl1
    lw t1, 0(t0); sw t1, 0(s1)
    lw t1, 4(t0); sw t1, 4(s1)
    fence.i
    li a0, 0
    csrr s2, mcycle
    jalr ra, 0(s1)
    csrr s3, mcycle
    sub s3, s3, s2
    addi s3, s3, -1
    /* jalr 2 (ROM) + addi 1+20 + ret 2+20 */
    CHECK 3, s3, 45
    CHECK 4, a0, 1
    j pass
tmpl1:
    addi a0, a0, 1
    ret
tmpl2:
    addi a0, a0, 5
    TEST_END
    .data
    .align 2
code: .space 16
