/* Internal helpers shared by the blocks of the C `hw` model (not part of the seam). */
#ifndef CPTRA_HW_INT_H
#define CPTRA_HW_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"

/* Where a block sends uC notifications (owned by the top-level model). */
typedef struct hw_notify {
    cptra_notify_fn fn;
    void *ctx;
} hw_notify_t;

static inline void hw_notify(const hw_notify_t *n, cptra_event_t ev, uint64_t cycle) {
    if (n && n->fn) n->fn(n->ctx, ev, cycle);
}

/* A signal with a one-step history: `cur` from cycle `since` on, `prev` before. Lets us answer
 * "what did the flop hold at cycle t" for registered mirrors and pins without ticking. */
typedef struct lag {
    uint32_t prev;
    uint32_t cur;
    uint64_t since;
} lag_t;

static inline uint32_t lag_at(const lag_t *l, uint64_t t) {
    return t >= l->since ? l->cur : l->prev;
}
static inline void lag_set(lag_t *l, uint64_t eff, uint32_t v) {
    l->prev = lag_at(l, eff ? eff - 1 : 0);
    l->cur = v;
    l->since = eff;
}
static inline void lag_reset(lag_t *l, uint32_t v) {
    l->prev = v;
    l->cur = v;
    l->since = 0;
}

#endif
