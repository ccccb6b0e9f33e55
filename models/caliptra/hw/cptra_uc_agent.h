/* A uC agent: whatever drives the uC port of `hw` — the firmware behaviour model
 * (models/caliptra/fw) or a test double. It is event-driven and owns no thread:
 *   - the hw calls `notify` (installed with hw.ops->set_notify) when an interrupt/reset
 *     event becomes visible to the uC at `cycle`;
 *   - the driver (SystemC shell or a C test loop) calls `run(now)`, which performs every action
 *     due at or before `now`, each at its own scheduled cycle (never later than `now`), and
 *     returns the cycle of the next wake-up (CPTRA_UC_IDLE when it waits for a notification).
 * The driver must call run() at (or before) every returned wake-up cycle and after every notify,
 * before it lets any SoC access with a later cycle reach the hw, so that cycles stay monotonic.
 */
#ifndef CPTRA_UC_AGENT_H
#define CPTRA_UC_AGENT_H

#include <stdint.h>

#include "cptra_hw.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CPTRA_UC_IDLE UINT64_MAX

typedef struct cptra_uc_agent_ops {
    void (*notify)(void *ctx, cptra_event_t ev, uint64_t cycle);
    uint64_t (*run)(void *ctx, uint64_t now);
    void (*destroy)(void *ctx);
} cptra_uc_agent_ops_t;

typedef struct cptra_uc_agent {
    const cptra_uc_agent_ops_t *ops;
    void *ctx;
} cptra_uc_agent_t;

#ifdef __cplusplus
}
#endif

#endif
