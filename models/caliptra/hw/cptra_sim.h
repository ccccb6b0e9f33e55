/* cptra_sim: a C-only deterministic driver for a `hw` implementation plus an optional uC agent.
 * Used by unit tests of every component that needs a running Caliptra without SystemC.
 *
 * Time model: the sim owns the current cycle `now`. An APB transfer started at `now` has its
 * SETUP phase at `now`, its ACCESS phase at `now + 1`, and completes after
 * APB_MIN_CYCLES + resp.wait cycles; `now` then points at the next free cycle. Before each access
 * the agent is run up to (and including) the access cycle, so cycles seen by hw never decrease.
 * Notifications from hw are forwarded to the agent and recorded as wake-ups.
 */
#ifndef CPTRA_SIM_H
#define CPTRA_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "apb_types.h"
#include "cptra_hw.h"
#include "cptra_uc_agent.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cptra_sim cptra_sim_t;

cptra_sim_t *cptra_sim_new(cptra_hw_t hw, const cptra_uc_agent_t *agent /* may be NULL */);
void cptra_sim_free(cptra_sim_t *s); /* does not destroy hw or agent */
uint64_t cptra_sim_now(const cptra_sim_t *s);
void cptra_sim_advance(cptra_sim_t *s, uint64_t cycles); /* runs agent wake-ups on the way */
void cptra_sim_power_on(cptra_sim_t *s);                 /* pwrgood=1, 10 clk, rst_b=1 */
apb_resp_t cptra_sim_read(cptra_sim_t *s, uint32_t addr, uint32_t pauser);
apb_resp_t cptra_sim_write(cptra_sim_t *s, uint32_t addr, uint32_t data, uint32_t pauser);
/* polls with back-to-back reads until (rdata & mask) == value; false on timeout */
bool cptra_sim_poll(cptra_sim_t *s, uint32_t addr, uint32_t mask, uint32_t value, uint32_t pauser,
                    uint64_t max_cycles, uint32_t *last);

#ifdef __cplusplus
}
#endif

#endif
