/* Mailbox CSR block + FSM + 128 KiB SRAM (caliptra-1x.md §1). */
#ifndef CPTRA_MBOX_H
#define CPTRA_MBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"
#include "hw_int.h"

#define MBOX_DEPTH_DW (CPTRA_MBOX_SRAM_SIZE / 4u) /* 32768 dwords */

/* Latency table (cycles relative to the ACCESS cycle c of the causing register access). */
enum {
    /* Register flop written at end of c; FSM next-state from it in c+1; FSM flop visible c+2.
     * caliptra-1x.md §4 "Register write -> FSM state change" [measured]. */
    MBOX_LAT_FSM = 2,
    /* STATUS.mbox_fsm_ps / soc_has_lock / rdptr are registered copies: one more cycle (§1.1). */
    MBOX_LAT_MIRROR = 1,
    /* uc_mbox_data_avail 1 clk after the EXECUTE=1 write cycle (§4 [measured]). */
    MBOX_LAT_CMD_AVAIL = 1,
    /* soc_req_lock / SoC STATUS interrupts: estimate, same single flop as cmd_avail. */
    MBOX_LAT_NOTIF = 1,
};

typedef struct mbox mbox_t;

mbox_t *mbox_new(const hw_notify_t *notify);
void mbox_free(mbox_t *m);
/* rst_b (cptra_noncore_rst_b) reset: registers and FSM; SRAM keeps its contents. */
void mbox_reset(mbox_t *m);
/* `soc`: request from the APB side (else uC). `err` receives HW_ERR_MBOX_* bits raised. */
uint32_t mbox_read(mbox_t *m, uint64_t c, uint32_t off, bool soc, uint32_t pauser, uint32_t *err);
void mbox_write(mbox_t *m, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser,
                uint32_t *err);
/* uC direct SRAM access (0x3000_0000 + 4*idx). */
uint32_t mbox_sram_read(const mbox_t *m, uint32_t idx);
void mbox_sram_write(mbox_t *m, uint64_t c, uint32_t idx, uint32_t d);
/* SHA accelerator mailbox mode reads bytes straight from SRAM. */
const uint32_t *mbox_sram(const mbox_t *m);
void mbox_dbg_sram_write(mbox_t *m, uint32_t idx, uint32_t d); /* no hwm update */
bool mbox_dbg_read(const mbox_t *m, uint32_t off, uint32_t *d);
bool mbox_dbg_write(mbox_t *m, uint32_t off, uint32_t d);
void mbox_observe(mbox_t *m, uint64_t c, cptra_hw_obs_t *o);
/* Real FSM state at cycle c (applies due transitions). */
mbox_fsm_t mbox_state_at(mbox_t *m, uint64_t c);

#endif
