/* Test bench helpers for the RTL tests: backend selection (rtl alone, or lockstep model+rtl),
 * short-hands over cptra_sim, and a test-double uC agent (echo responder). */
#ifndef RTL_TB_H
#define RTL_TB_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"
#include "cptra_sim.h"
#include "cptra_uc_agent.h"

typedef enum { TB_RTL, TB_LOCKSTEP } tb_mode_t;

typedef struct echo_agent {
    cptra_hw_t hw;
    uint64_t wake;        /* next action cycle, CPTRA_UC_IDLE if none */
    uint32_t latency;     /* cycles from CMD_AVAIL to the first uC access */
    uint64_t ev_cycle[8]; /* last cycle of each event */
    unsigned ev_count[8];
    unsigned handled;
    unsigned phase, i, n; /* echo state machine: one uC access per cycle */
    uint32_t buf[64];
} echo_agent_t;

typedef struct tb {
    tb_mode_t mode;
    cptra_hw_t hw;
    cptra_sim_t *sim;
    echo_agent_t agent;
    cptra_uc_agent_t agent_if;
} tb_t;

extern tb_mode_t tb_mode; /* chosen by argv[1]: "rtl" (default) or "lockstep" */
void tb_parse_args(int argc, char **argv);

/* fault: CPTRA_RTL_FAULT_* on the RTL side */
tb_t *tb_new(bool with_agent, const cptra_model_cfg_t *cfg);
void tb_free(tb_t *t); /* in lockstep mode asserts zero mismatches */

uint64_t tb_now(tb_t *t);
apb_resp_t tb_rd(tb_t *t, uint32_t paddr, uint32_t pauser);
apb_resp_t tb_wr(tb_t *t, uint32_t paddr, uint32_t data, uint32_t pauser);
uint32_t tb_rd32(tb_t *t, uint32_t paddr); /* PAUSER 0xFFFF_FFFF, asserts no error */
void tb_wr32(tb_t *t, uint32_t paddr, uint32_t data);
uint32_t tb_uc_rd(tb_t *t, uint32_t addr);
void tb_uc_wr(tb_t *t, uint32_t addr, uint32_t data);
cptra_hw_obs_t tb_obs(tb_t *t, uint64_t cycle);
void tb_advance_to(tb_t *t, uint64_t cycle);
/* power on, wait for ready_for_fuses, write FUSE_WR_DONE; uC is out of reset afterwards */
void tb_boot(tb_t *t);

/* APB addresses (PADDR) */
#define P_MBOX(off) (0x20000u + (off))
#define P_SOC(off)  (0x30000u + (off))
#define P_SHA(off)  (0x21000u + (off))
#define U_MBOX(off) (CPTRA_MBOX_CSR_BASE + (off))
#define U_SOC(off)  (CPTRA_SOC_IFC_BASE + (off))

#endif
