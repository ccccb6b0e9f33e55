/* Shared helpers for the hw unit tests. */
#ifndef HW_TEST_UTIL_H
#define HW_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cptra_hw.h"
#include "cptra_sim.h"

#define SOC_PAUSER 0xFFFFFFFFu /* CPTRA_DEF_MBOX_VALID_PAUSER: valid without setup (§0) */
#define MBOX(o)    (CPTRA_MBOX_CSR_BASE + (o))
#define SOC(o)     (CPTRA_SOC_IFC_BASE + (o))
#define SHA(o)     (CPTRA_SHA_ACC_BASE + (o))

/* Raw access at an explicit ACCESS cycle (no sim). */
apb_resp_t t_apb(cptra_hw_t hw, uint64_t c, uint32_t addr, int write, uint32_t d, uint32_t pauser);
uint32_t t_rd(cptra_hw_t hw, uint64_t c, uint32_t addr);
void t_wr(cptra_hw_t hw, uint64_t c, uint32_t addr, uint32_t d);
/* Power on: pwrgood at 0, rst_b at 10 -> live from 19. Returns first live cycle. */
uint64_t t_boot(cptra_hw_t hw);
cptra_hw_obs_t t_obs(cptra_hw_t hw, uint64_t c);

/* Event log filled by t_log_notify. */
typedef struct {
    unsigned n;
    cptra_event_t ev[64];
    uint64_t cyc[64];
} t_log_t;
void t_log_notify(void *ctx, cptra_event_t ev, uint64_t cycle);
int t_log_find(const t_log_t *l, cptra_event_t ev, uint64_t *cycle);

#endif
