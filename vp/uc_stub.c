#include "uc_stub.h"

#include <stdlib.h>
#include <string.h>

/* A queue of pending uC writes, each at its own cycle (at most one answer in flight, so the
 * queue is small and bounded). */
#define QMAX (UC_STUB_MAX_WORDS + 4)

typedef struct {
    uint64_t cycle;
    uint32_t addr, data;
    const char *tl; /* timeline event name after this write, or NULL */
} uc_op_t;

typedef struct {
    cptra_hw_t hw;
    uc_stub_cfg_t cfg;
    uc_op_t q[QMAX];
    unsigned head, n;
    uint64_t answered;
} uc_stub_t;

void uc_stub_default_cfg(uc_stub_cfg_t *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    cfg->sha_release = true;
    cfg->sha_release_delay = 0;
    cfg->mbox_answer = true;
    cfg->answer_delay = 100; /* estimate: a stand-in, not firmware timing */
    cfg->op_spacing = 1;
    cfg->resp_status = MBOX_STATUS_CMD_COMPLETE;
}

static void push(uc_stub_t *s, uint64_t cycle, uint32_t addr, uint32_t data, const char *tl) {
    if (s->n == QMAX) return;
    uc_op_t *o = &s->q[(s->head + s->n++) % QMAX];
    o->cycle = cycle;
    o->addr = addr;
    o->data = data;
    o->tl = tl;
}

static void stub_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    uc_stub_t *s = ctx;
    switch (ev) {
    case CPTRA_EV_UC_RESET_RELEASED:
        s->n = 0; /* a fresh uC: forget anything pending */
        if (s->cfg.sha_release)
            push(s, cycle + s->cfg.sha_release_delay, CPTRA_SHA_ACC_BASE + SHA_ACC_LOCK, 1,
                 "uc_sha_lock_released");
        break;
    case CPTRA_EV_UC_RESET_ASSERTED:
        s->n = 0;
        break;
    case CPTRA_EV_CMD_AVAIL: {
        if (!s->cfg.mbox_answer) break;
        uint64_t t = cycle + s->cfg.answer_delay;
        uint64_t step = s->cfg.op_spacing ? s->cfg.op_spacing : 1;
        if (s->cfg.resp_status == MBOX_STATUS_DATA_READY) {
            push(s, t, CPTRA_MBOX_CSR_BASE + MBOX_DLEN, s->cfg.resp_dlen, NULL);
            t += step;
            for (unsigned i = 0; i < s->cfg.resp_nwords && i < UC_STUB_MAX_WORDS; i++) {
                push(s, t, CPTRA_MBOX_CSR_BASE + MBOX_DATAIN, s->cfg.resp_words[i], NULL);
                t += step;
            }
        }
        push(s, t, CPTRA_MBOX_CSR_BASE + MBOX_STATUS, s->cfg.resp_status, "uc_mbox_answer");
        break;
    }
    default:
        break;
    }
}

static uint64_t stub_run(void *ctx, uint64_t now) {
    uc_stub_t *s = ctx;
    while (s->n && s->q[s->head].cycle <= now) {
        uc_op_t o = s->q[s->head];
        s->head = (s->head + 1) % QMAX;
        s->n--;
        cptra_hw_uc_write(s->hw, o.cycle, o.addr, o.data);
        if (o.addr == CPTRA_MBOX_CSR_BASE + MBOX_STATUS) s->answered++;
        if (o.tl && s->cfg.timeline) s->cfg.timeline(s->cfg.timeline_ctx, o.tl, o.cycle);
    }
    return s->n ? s->q[s->head].cycle : CPTRA_UC_IDLE;
}

static void stub_destroy(void *ctx) {
    free(ctx);
}

static const cptra_uc_agent_ops_t stub_ops = {stub_notify, stub_run, stub_destroy};

cptra_uc_agent_t uc_stub_new(cptra_hw_t hw, const uc_stub_cfg_t *cfg) {
    cptra_uc_agent_t a = {0};
    uc_stub_t *s = calloc(1, sizeof(*s));
    if (!s) return a;
    s->hw = hw;
    if (cfg)
        s->cfg = *cfg;
    else
        uc_stub_default_cfg(&s->cfg);
    a.ops = &stub_ops;
    a.ctx = s;
    return a;
}

uint64_t uc_stub_answered(const cptra_uc_agent_t *agent) {
    if (!agent || agent->ops != &stub_ops) return 0;
    return ((const uc_stub_t *)agent->ctx)->answered;
}
