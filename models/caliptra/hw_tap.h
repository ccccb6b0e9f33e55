/* hw_tap: a decorator over any `hw` implementation (C model, RTL, lockstep) that reports every
 * SoC APB access and every uC-port access to its sinks (mailbox perf counters, timeline, trace
 * recorders) after forwarding it unchanged. It adds no timing and no behaviour. */
#ifndef HW_TAP_H
#define HW_TAP_H

#include "cptra_hw.h"
#include "mbox_perf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hw_tap_sink {
    void (*apb)(void *ctx, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp);
    void (*uc_read)(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data);
    void (*uc_write)(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data);
    /* pin changes: which = 0 pwrgood, 1 rst_b */
    void (*pin)(void *ctx, uint64_t cycle, int which, bool level);
    void *ctx;
} hw_tap_sink_t;

#define HW_TAP_MAX_SINKS 4

/* Wraps `inner` (ownership moves to the tap: destroying the tap destroys inner). */
cptra_hw_t hw_tap_new(cptra_hw_t inner);
/* Adds a sink (copied). Returns false when the tap is full or `tap` is not a tap. */
bool hw_tap_add_sink(cptra_hw_t tap, const hw_tap_sink_t *sink);
/* A sink feeding the mailbox perf counters. */
hw_tap_sink_t hw_tap_perf_sink(mbox_perf_t *perf);
bool hw_tap_is_tap(cptra_hw_t hw);

#ifdef __cplusplus
}
#endif

#endif
