/* Lockstep comparator: one `hw` made of two implementations (normally the C model and the
 * Verilated RTL). Every op goes to both; every response (PRDATA, PSLVERR, wait states, uC read
 * data, debug reads) and the observable state (observe()) after every access are compared, and
 * so are the notifications (same event, same cycle). Only the first implementation's
 * notifications are forwarded. On a mismatch a message names the cycle (and ns), initiator,
 * address, access and both values; the configured callback is called and the mismatch counted.
 */
#ifndef CPTRA_LOCKSTEP_H
#define CPTRA_LOCKSTEP_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*cptra_lockstep_mismatch_fn)(void *ctx, const char *msg);

typedef struct cptra_lockstep_cfg {
    uint64_t clock_hz;                      /* for ns in messages; 0 = 400 MHz */
    cptra_lockstep_mismatch_fn on_mismatch; /* may be NULL */
    void *mismatch_ctx;
    const char *name_a;   /* e.g. "model" */
    const char *name_b;   /* e.g. "rtl" */
    bool compare_observe; /* compare observe() after every access (default true) */
} cptra_lockstep_cfg_t;

void cptra_lockstep_default_cfg(cptra_lockstep_cfg_t *cfg);
/* Takes ownership of a and b (destroyed with the lockstep hw). cfg may be NULL. */
cptra_hw_t cptra_lockstep_new(cptra_hw_t a, cptra_hw_t b, const cptra_lockstep_cfg_t *cfg);
bool cptra_lockstep_is(cptra_hw_t hw);
uint64_t cptra_lockstep_compared(cptra_hw_t hw);
uint64_t cptra_lockstep_mismatches(cptra_hw_t hw);
/* First mismatch message ("" when none). Valid until the hw is destroyed. */
const char *cptra_lockstep_first_mismatch(cptra_hw_t hw);
/* Compares both sides' notifications up to `cycle`: an event one side announced for a cycle
 * <= `cycle` that the other side did not is a mismatch. Also done after every access. */
void cptra_lockstep_check_events(cptra_hw_t hw, uint64_t cycle);

#ifdef __cplusplus
}
#endif

#endif
