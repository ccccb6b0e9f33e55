/* Boot FSM (soc_ifc_boot_fsm, caliptra-1x.md §2.2). Evaluated lazily from stored cycles. */
#ifndef CPTRA_BOOT_FSM_H
#define CPTRA_BOOT_FSM_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"
#include "hw_int.h"

/* Latency table (cycles). */
enum {
    /* rst_b deassert -> BOOT_FUSE / ready_for_fuses / noncore reset released:
     * 2-FF sync + 2 delay flops, [measured] 9 clk (§2.2 step 2, §4). */
    BOOT_LAT_FUSE = 9,
    /* FUSE_WR_DONE (or BOOTFSM_GO) write -> boot_fsm_ps changes: register + FSM flop,
     * same rule as the mailbox (§4 "Register write -> FSM state change"). */
    BOOT_LAT_FSM = 2,
    /* FUSE_WR_DONE write -> ready_for_fuses low: fuse_wr_done_observed flop (estimate). */
    BOOT_LAT_RFF_DROP = 1,
    /* FUSE_WR_DONE write -> cptra_uc_rst_b high: [measured] 5 clk (§2.2 step 4, §4). The same
     * 3-cycle BOOT_DONE -> uC release tail (2-FF sync) is applied after BOOTFSM_GO and after a
     * FW-update reset (estimate). */
    BOOT_LAT_UC_RELEASE = 5,
    /* internal_fw_update_reset write -> BOOT_FW_RST (FSM flop), FW_RST lasts 1 clk, then
     * BOOT_WAIT for wait_cycles (HW spec v1.1; reset 5). Estimate for the 1-clk FW_RST. */
    BOOT_LAT_FW_RST = 1,
    /* minimum BOOT_WAIT length of a fw-update reset (§4 "reset 5 (min 5)") */
    BOOT_FWU_MIN_WAIT = 5,
};

typedef struct boot_fsm {
    hw_notify_t notify;
    bool pwrgood, rst_b, brkpoint;
    uint64_t rst_deassert;
    bool fuse_done_seen;
    uint64_t fuse_done_cycle;
    bool go_seen;
    uint64_t go_cycle;
    bool fwu;           /* a fw-update reset happened */
    uint64_t fwu_cycle; /* cycle of the internal_fw_update_reset write */
    uint32_t fwu_wait;  /* wait cycles latched at that write */
} boot_blk_t;

void boot_init(boot_blk_t *b, const hw_notify_t *n, bool brkpoint);
boot_fsm_t boot_state_at(const boot_blk_t *b, uint64_t t);
bool boot_ready_for_fuses(const boot_blk_t *b, uint64_t t);
/* noncore reset released: the SoC APB port and soc_ifc registers are live. */
bool boot_noncore_live(const boot_blk_t *b, uint64_t t);
bool boot_uc_in_reset(const boot_blk_t *b, uint64_t t);
void boot_set_pwrgood(boot_blk_t *b, uint64_t c, bool level);
void boot_set_rst_b(boot_blk_t *b, uint64_t c, bool level);
/* Any SoC write to CPTRA_FUSE_WR_DONE; `done` = register value after the write. */
void boot_fuse_wr_done(boot_blk_t *b, uint64_t c, bool done);
void boot_go(boot_blk_t *b, uint64_t c);
void boot_fw_update_reset(boot_blk_t *b, uint64_t c, uint32_t wait_cycles);

#endif
