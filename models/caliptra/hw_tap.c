#include "hw_tap.h"

#include <stdlib.h>

typedef struct hw_tap {
    cptra_hw_t inner;
    hw_tap_sink_t sinks[HW_TAP_MAX_SINKS];
    int nsinks;
} hw_tap_t;

static apb_resp_t tap_apb(void *ctx, uint64_t cycle, const apb_req_t *req) {
    hw_tap_t *t = ctx;
    apb_resp_t r = t->inner.ops->apb_access(t->inner.ctx, cycle, req);
    for (int i = 0; i < t->nsinks; i++)
        if (t->sinks[i].apb) t->sinks[i].apb(t->sinks[i].ctx, cycle, req, &r);
    return r;
}

static uint32_t tap_uc_read(void *ctx, uint64_t cycle, uint32_t addr) {
    hw_tap_t *t = ctx;
    uint32_t d = t->inner.ops->uc_read(t->inner.ctx, cycle, addr);
    for (int i = 0; i < t->nsinks; i++)
        if (t->sinks[i].uc_read) t->sinks[i].uc_read(t->sinks[i].ctx, cycle, addr, d);
    return d;
}

static void tap_uc_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    hw_tap_t *t = ctx;
    t->inner.ops->uc_write(t->inner.ctx, cycle, addr, data);
    for (int i = 0; i < t->nsinks; i++)
        if (t->sinks[i].uc_write) t->sinks[i].uc_write(t->sinks[i].ctx, cycle, addr, data);
}

static void tap_pin(hw_tap_t *t, uint64_t cycle, int which, bool level) {
    for (int i = 0; i < t->nsinks; i++)
        if (t->sinks[i].pin) t->sinks[i].pin(t->sinks[i].ctx, cycle, which, level);
}

static void tap_set_pwrgood(void *ctx, uint64_t cycle, bool level) {
    hw_tap_t *t = ctx;
    t->inner.ops->set_pwrgood(t->inner.ctx, cycle, level);
    tap_pin(t, cycle, 0, level);
}

static void tap_set_rst_b(void *ctx, uint64_t cycle, bool level) {
    hw_tap_t *t = ctx;
    t->inner.ops->set_rst_b(t->inner.ctx, cycle, level);
    tap_pin(t, cycle, 1, level);
}

static void tap_set_notify(void *ctx, cptra_notify_fn fn, void *nctx) {
    hw_tap_t *t = ctx;
    t->inner.ops->set_notify(t->inner.ctx, fn, nctx);
}

static void tap_observe(void *ctx, uint64_t cycle, cptra_hw_obs_t *out) {
    hw_tap_t *t = ctx;
    t->inner.ops->observe(t->inner.ctx, cycle, out);
}

static bool tap_dbg_read(void *ctx, uint32_t addr, uint32_t *data) {
    hw_tap_t *t = ctx;
    return t->inner.ops->dbg_read(t->inner.ctx, addr, data);
}

static bool tap_dbg_write(void *ctx, uint32_t addr, uint32_t data) {
    hw_tap_t *t = ctx;
    return t->inner.ops->dbg_write(t->inner.ctx, addr, data);
}

static void tap_destroy(void *ctx) {
    hw_tap_t *t = ctx;
    if (t->inner.ops && t->inner.ops->destroy) t->inner.ops->destroy(t->inner.ctx);
    free(t);
}

static const cptra_hw_ops_t tap_ops = {
    .apb_access = tap_apb,
    .uc_read = tap_uc_read,
    .uc_write = tap_uc_write,
    .set_pwrgood = tap_set_pwrgood,
    .set_rst_b = tap_set_rst_b,
    .set_notify = tap_set_notify,
    .observe = tap_observe,
    .dbg_read = tap_dbg_read,
    .dbg_write = tap_dbg_write,
    .destroy = tap_destroy,
};

cptra_hw_t hw_tap_new(cptra_hw_t inner) {
    cptra_hw_t hw = {0};
    hw_tap_t *t = calloc(1, sizeof(*t));
    if (!t) return hw;
    t->inner = inner;
    hw.ops = &tap_ops;
    hw.ctx = t;
    return hw;
}

bool hw_tap_is_tap(cptra_hw_t hw) {
    return hw.ops == &tap_ops;
}

bool hw_tap_add_sink(cptra_hw_t tap, const hw_tap_sink_t *sink) {
    if (!hw_tap_is_tap(tap) || !sink) return false;
    hw_tap_t *t = tap.ctx;
    if (t->nsinks >= HW_TAP_MAX_SINKS) return false;
    t->sinks[t->nsinks++] = *sink;
    return true;
}

static void perf_apb(void *ctx, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp) {
    mbox_perf_apb(ctx, cycle, req, resp);
}
static void perf_uc_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    mbox_perf_uc_write(ctx, cycle, addr, data);
}
static void perf_pin(void *ctx, uint64_t cycle, int which, bool level) {
    (void)cycle;
    (void)which;
    if (!level) mbox_perf_reset(ctx);
}

hw_tap_sink_t hw_tap_perf_sink(mbox_perf_t *perf) {
    hw_tap_sink_t s = {perf_apb, NULL, perf_uc_write, perf_pin, perf};
    return s;
}
