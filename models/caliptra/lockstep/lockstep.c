/* Lockstep comparator (see lockstep.h). */
#include "lockstep.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    EVQ_LEN = 64,  /* pending notifications per side before a missing partner is declared */
    MSG_LEN = 512, /* one mismatch message */
};

typedef struct {
    cptra_event_t ev;
    uint64_t cycle;
} evrec_t;

typedef struct {
    evrec_t q[EVQ_LEN];
    unsigned head, n;
} evq_t;

/* What the current operation is, for messages. */
typedef struct {
    const char *what; /* "apb read", "apb write", "uc read", ... */
    uint64_t cycle;
    uint32_t pauser, addr, wdata;
    bool has_pauser, has_data;
} opdesc_t;

typedef struct lockstep {
    cptra_hw_t a, b;
    cptra_lockstep_cfg_t cfg;
    cptra_notify_fn fn;
    void *nctx;
    evq_t qa, qb;
    struct side_ctx {
        struct lockstep *ls;
        int side;
    } sa, sb;
    uint64_t floor; /* cycles passed to a/b never decrease */
    uint64_t compared, mismatches;
    char first[MSG_LEN];
    opdesc_t op;
} lockstep_t;

static const char *ev_name(cptra_event_t ev) {
    switch (ev) {
    case CPTRA_EV_UC_RESET_RELEASED:
        return "UC_RESET_RELEASED";
    case CPTRA_EV_UC_RESET_ASSERTED:
        return "UC_RESET_ASSERTED";
    case CPTRA_EV_CMD_AVAIL:
        return "CMD_AVAIL";
    case CPTRA_EV_SOC_REQ_LOCK:
        return "SOC_REQ_LOCK";
    case CPTRA_EV_MBOX_RELEASED:
        return "MBOX_RELEASED";
    case CPTRA_EV_SOC_STATUS:
        return "SOC_STATUS";
    case CPTRA_EV_GENERIC_INPUT:
        return "GENERIC_INPUT";
    }
    return "?";
}

static void mismatch(lockstep_t *ls, uint64_t cycle, const char *fmt, ...) {
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    uint64_t hz = ls->cfg.clock_hz ? ls->cfg.clock_hz : 400000000u;
    /* ns = cycle * 1e9 / hz, split to avoid overflow */
    uint64_t ns = cycle / hz * 1000000000u + (cycle % hz) * 1000000000u / hz;
    char msg[MSG_LEN];
    char acc[160] = "";
    if (ls->op.what) {
        int k = snprintf(acc, sizeof(acc), "%s", ls->op.what);
        if (ls->op.has_pauser)
            k += snprintf(acc + k, sizeof(acc) - (size_t)k, " pauser=0x%08" PRIx32, ls->op.pauser);
        k += snprintf(acc + k, sizeof(acc) - (size_t)k, " addr=0x%08" PRIx32, ls->op.addr);
        if (ls->op.has_data)
            snprintf(acc + k, sizeof(acc) - (size_t)k, " data=0x%08" PRIx32, ls->op.wdata);
    }
    snprintf(msg, sizeof(msg), "lockstep mismatch at cycle %" PRIu64 " (%" PRIu64 " ns)%s%s: %s",
             cycle, ns, acc[0] ? " after " : "", acc, what);
    ls->mismatches++;
    if (!ls->first[0]) snprintf(ls->first, sizeof(ls->first), "%s", msg);
    if (ls->cfg.on_mismatch) ls->cfg.on_mismatch(ls->cfg.mismatch_ctx, msg);
}

static void cmp_u32(lockstep_t *ls, uint64_t cycle, const char *field, uint32_t a, uint32_t b) {
    if (a != b)
        mismatch(ls, cycle, "%s %s=0x%08" PRIx32 " %s=0x%08" PRIx32, field, ls->cfg.name_a, a,
                 ls->cfg.name_b, b);
}

/* ---- notifications ---- */
static evrec_t evq_pop(evq_t *q) {
    evrec_t r = q->q[q->head];
    q->head = (q->head + 1) % EVQ_LEN;
    q->n--;
    return r;
}

static void match_events(lockstep_t *ls) {
    while (ls->qa.n && ls->qb.n) {
        evrec_t a = evq_pop(&ls->qa), b = evq_pop(&ls->qb);
        ls->compared++;
        if (a.ev != b.ev || a.cycle != b.cycle) {
            uint64_t c = a.cycle < b.cycle ? a.cycle : b.cycle;
            mismatch(ls, c, "notification %s %s@%" PRIu64 " %s %s@%" PRIu64, ls->cfg.name_a,
                     ev_name(a.ev), a.cycle, ls->cfg.name_b, ev_name(b.ev), b.cycle);
        }
    }
}

static void evq_push(lockstep_t *ls, evq_t *q, int side, cptra_event_t ev, uint64_t cycle) {
    if (q->n == EVQ_LEN) {
        evrec_t old = evq_pop(q);
        mismatch(ls, old.cycle, "notification %s@%" PRIu64 " from %s has no counterpart",
                 ev_name(old.ev), old.cycle, side ? ls->cfg.name_b : ls->cfg.name_a);
    }
    q->q[(q->head + q->n) % EVQ_LEN] = (evrec_t){ev, cycle};
    q->n++;
    match_events(ls);
}

static void side_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    struct side_ctx *s = ctx;
    lockstep_t *ls = s->ls;
    if (s->side == 0) {
        evq_push(ls, &ls->qa, 0, ev, cycle);
        if (ls->fn) ls->fn(ls->nctx, ev, cycle);
    } else {
        evq_push(ls, &ls->qb, 1, ev, cycle);
    }
}

static void check_events(lockstep_t *ls, uint64_t cycle) {
    match_events(ls);
    evq_t *qs[2] = {&ls->qa, &ls->qb};
    for (int side = 0; side < 2; side++) {
        evq_t *q = qs[side];
        while (q->n && q->q[q->head].cycle <= cycle) {
            evrec_t e = evq_pop(q);
            ls->compared++;
            mismatch(ls, e.cycle, "notification %s@%" PRIu64 " only from %s", ev_name(e.ev),
                     e.cycle, side ? ls->cfg.name_b : ls->cfg.name_a);
        }
    }
}

/* ---- observable state ---- */
static void compare_state(lockstep_t *ls, uint64_t cycle) {
    if (!ls->cfg.compare_observe) return;
    cptra_hw_obs_t a, b;
    ls->a.ops->observe(ls->a.ctx, cycle, &a);
    ls->b.ops->observe(ls->b.ctx, cycle, &b);
    ls->compared++;
#define F(x) cmp_u32(ls, cycle, "observe." #x, (uint32_t)a.x, (uint32_t)b.x)
    F(mbox_fsm);
    F(mbox_lock);
    F(soc_has_lock);
    F(mbox_execute);
    F(mbox_user);
    F(mbox_status);
    F(hw_error_fatal);
    F(hw_error_non_fatal);
    F(boot_fsm);
    F(ready_for_fuses);
    F(ready_for_fw);
    F(ready_for_runtime);
    F(mailbox_data_avail);
    F(error_fatal_pin);
    F(error_non_fatal_pin);
    F(uc_in_reset);
    F(sha_lock);
#undef F
}

static uint64_t at(lockstep_t *ls, uint64_t cycle) {
    if (cycle < ls->floor) cycle = ls->floor;
    ls->floor = cycle;
    return cycle;
}

/* ---- ops ---- */
static apb_resp_t ls_apb(void *ctx, uint64_t cycle, const apb_req_t *req) {
    lockstep_t *ls = ctx;
    cycle = at(ls, cycle);
    ls->op = (opdesc_t){req->write ? "apb write" : "apb read",
                        cycle,
                        req->pauser,
                        req->addr,
                        req->wdata,
                        true,
                        req->write != 0};
    apb_resp_t ra = ls->a.ops->apb_access(ls->a.ctx, cycle, req);
    apb_resp_t rb = ls->b.ops->apb_access(ls->b.ctx, cycle, req);
    ls->compared++;
    if (!req->write) /* PRDATA is only defined for reads */
        cmp_u32(ls, cycle, "PRDATA", ra.rdata, rb.rdata);
    cmp_u32(ls, cycle, "PSLVERR", ra.slverr, rb.slverr);
    cmp_u32(ls, cycle, "wait", ra.wait, rb.wait);
    /* state after the transfer completed: first cycle after ACCESS + waits */
    uint32_t w = ra.wait > rb.wait ? ra.wait : rb.wait;
    uint64_t after = at(ls, cycle + w + 1u);
    compare_state(ls, after);
    check_events(ls, after);
    ls->op.what = NULL;
    return ra;
}

static uint32_t ls_uc_read(void *ctx, uint64_t cycle, uint32_t addr) {
    lockstep_t *ls = ctx;
    cycle = at(ls, cycle);
    ls->op = (opdesc_t){"uc read", cycle, CPTRA_UC_PAUSER, addr, 0, true, false};
    uint32_t a = ls->a.ops->uc_read(ls->a.ctx, cycle, addr);
    uint32_t b = ls->b.ops->uc_read(ls->b.ctx, cycle, addr);
    ls->compared++;
    cmp_u32(ls, cycle, "uc_read", a, b);
    uint64_t after = at(ls, cycle + 1u);
    compare_state(ls, after);
    check_events(ls, after);
    ls->op.what = NULL;
    return a;
}

static void ls_uc_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    lockstep_t *ls = ctx;
    cycle = at(ls, cycle);
    ls->op = (opdesc_t){"uc write", cycle, CPTRA_UC_PAUSER, addr, data, true, true};
    ls->a.ops->uc_write(ls->a.ctx, cycle, addr, data);
    ls->b.ops->uc_write(ls->b.ctx, cycle, addr, data);
    uint64_t after = at(ls, cycle + 1u);
    compare_state(ls, after);
    check_events(ls, after);
    ls->op.what = NULL;
}

static void ls_pin(lockstep_t *ls, uint64_t cycle, bool pwrgood, bool level) {
    cycle = at(ls, cycle);
    ls->op =
        (opdesc_t){pwrgood ? (level ? "pwrgood=1" : "pwrgood=0") : (level ? "rst_b=1" : "rst_b=0"),
                   cycle,
                   0,
                   0,
                   0,
                   false,
                   false};
    if (pwrgood) {
        ls->a.ops->set_pwrgood(ls->a.ctx, cycle, level);
        ls->b.ops->set_pwrgood(ls->b.ctx, cycle, level);
    } else {
        ls->a.ops->set_rst_b(ls->a.ctx, cycle, level);
        ls->b.ops->set_rst_b(ls->b.ctx, cycle, level);
    }
    compare_state(ls, cycle);
    check_events(ls, cycle);
    ls->op.what = NULL;
}

static void ls_set_pwrgood(void *ctx, uint64_t cycle, bool level) {
    ls_pin(ctx, cycle, true, level);
}
static void ls_set_rst_b(void *ctx, uint64_t cycle, bool level) {
    ls_pin(ctx, cycle, false, level);
}

static void ls_set_notify(void *ctx, cptra_notify_fn fn, void *nctx) {
    lockstep_t *ls = ctx;
    ls->fn = fn;
    ls->nctx = nctx;
}

static void ls_observe(void *ctx, uint64_t cycle, cptra_hw_obs_t *out) {
    lockstep_t *ls = ctx;
    cycle = at(ls, cycle);
    ls->op = (opdesc_t){"observe", cycle, 0, 0, 0, false, false};
    compare_state(ls, cycle);
    check_events(ls, cycle);
    ls->a.ops->observe(ls->a.ctx, cycle, out);
    ls->op.what = NULL;
}

static bool ls_dbg_read(void *ctx, uint32_t addr, uint32_t *data) {
    lockstep_t *ls = ctx;
    uint32_t a = 0, b = 0;
    bool oka = ls->a.ops->dbg_read(ls->a.ctx, addr, &a);
    bool okb = ls->b.ops->dbg_read(ls->b.ctx, addr, &b);
    if (oka && okb) {
        ls->op = (opdesc_t){"dbg read", ls->floor, 0, addr, 0, false, false};
        ls->compared++;
        cmp_u32(ls, ls->floor, "dbg_read", a, b);
        ls->op.what = NULL;
    }
    *data = a;
    return oka;
}

static bool ls_dbg_write(void *ctx, uint32_t addr, uint32_t data) {
    lockstep_t *ls = ctx;
    bool oka = ls->a.ops->dbg_write(ls->a.ctx, addr, data);
    (void)ls->b.ops->dbg_write(ls->b.ctx, addr, data);
    return oka;
}

static void ls_destroy(void *ctx) {
    lockstep_t *ls = ctx;
    ls->a.ops->destroy(ls->a.ctx);
    ls->b.ops->destroy(ls->b.ctx);
    free(ls);
}

static const cptra_hw_ops_t ls_ops = {ls_apb,       ls_uc_read,    ls_uc_write, ls_set_pwrgood,
                                      ls_set_rst_b, ls_set_notify, ls_observe,  ls_dbg_read,
                                      ls_dbg_write, ls_destroy};

void cptra_lockstep_default_cfg(cptra_lockstep_cfg_t *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    cfg->clock_hz = 400000000u;
    cfg->name_a = "model";
    cfg->name_b = "rtl";
    cfg->compare_observe = true;
}

cptra_hw_t cptra_lockstep_new(cptra_hw_t a, cptra_hw_t b, const cptra_lockstep_cfg_t *cfg) {
    lockstep_t *ls = calloc(1, sizeof(*ls));
    if (!ls) return (cptra_hw_t){NULL, NULL};
    if (cfg)
        ls->cfg = *cfg;
    else
        cptra_lockstep_default_cfg(&ls->cfg);
    if (!ls->cfg.name_a) ls->cfg.name_a = "a";
    if (!ls->cfg.name_b) ls->cfg.name_b = "b";
    ls->a = a;
    ls->b = b;
    ls->sa = (struct side_ctx){ls, 0};
    ls->sb = (struct side_ctx){ls, 1};
    a.ops->set_notify(a.ctx, side_notify, &ls->sa);
    b.ops->set_notify(b.ctx, side_notify, &ls->sb);
    return (cptra_hw_t){&ls_ops, ls};
}

static lockstep_t *as_ls(cptra_hw_t hw) {
    return hw.ops == &ls_ops ? hw.ctx : NULL;
}

bool cptra_lockstep_is(cptra_hw_t hw) {
    return as_ls(hw) != NULL;
}
uint64_t cptra_lockstep_compared(cptra_hw_t hw) {
    lockstep_t *ls = as_ls(hw);
    return ls ? ls->compared : 0;
}
uint64_t cptra_lockstep_mismatches(cptra_hw_t hw) {
    lockstep_t *ls = as_ls(hw);
    return ls ? ls->mismatches : 0;
}
const char *cptra_lockstep_first_mismatch(cptra_hw_t hw) {
    lockstep_t *ls = as_ls(hw);
    return ls ? ls->first : "";
}
void cptra_lockstep_check_events(cptra_hw_t hw, uint64_t cycle) {
    lockstep_t *ls = as_ls(hw);
    if (ls) check_events(ls, cycle);
}
