#include "vp_timeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char name[64];
    uint64_t cycle;
    size_t seq;
} tl_ev_t;

struct vp_timeline {
    tl_ev_t *ev;
    size_t n, cap;
    int sorted;
    int fuse_done_seen;
};

vp_timeline_t *vp_timeline_new(void) {
    return calloc(1, sizeof(vp_timeline_t));
}

void vp_timeline_free(vp_timeline_t *tl) {
    if (!tl) return;
    free(tl->ev);
    free(tl);
}

void vp_timeline_add(vp_timeline_t *tl, const char *name, uint64_t cycle) {
    if (!tl || !name) return;
    if (tl->n == tl->cap) {
        size_t cap = tl->cap ? tl->cap * 2 : 16;
        tl_ev_t *e = realloc(tl->ev, cap * sizeof(*e));
        if (!e) return;
        tl->ev = e;
        tl->cap = cap;
    }
    tl_ev_t *e = &tl->ev[tl->n];
    strncpy(e->name, name, sizeof(e->name) - 1);
    e->name[sizeof(e->name) - 1] = 0;
    e->cycle = cycle;
    e->seq = tl->n++;
    tl->sorted = 0;
}

void vp_timeline_fn_add(void *ctx, const char *name, uint64_t cycle) {
    vp_timeline_add((vp_timeline_t *)ctx, name, cycle);
}

size_t vp_timeline_count(const vp_timeline_t *tl) {
    return tl ? tl->n : 0;
}

static int cmp_ev(const void *a, const void *b) {
    const tl_ev_t *x = a, *y = b;
    if (x->cycle != y->cycle) return x->cycle < y->cycle ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

const char *vp_timeline_get(const vp_timeline_t *tl, size_t i, uint64_t *cycle) {
    if (!tl || i >= tl->n) return NULL;
    if (!tl->sorted) {
        vp_timeline_t *m = (vp_timeline_t *)tl; /* lazily sorted cache */
        qsort(m->ev, m->n, sizeof(tl_ev_t), cmp_ev);
        m->sorted = 1;
    }
    if (cycle) *cycle = tl->ev[i].cycle;
    return tl->ev[i].name;
}

void vp_timeline_apb_watch(void *ctx, uint64_t cycle, const apb_req_t *req,
                           const apb_resp_t *resp) {
    vp_timeline_t *tl = ctx;
    if (!tl || !req->write || resp->slverr || tl->fuse_done_seen) return;
    if ((req->addr & 0x3FFFFu) == 0x300B0u && (req->wdata & 1u)) {
        tl->fuse_done_seen = 1;
        vp_timeline_add(tl, "FUSE_WR_DONE", cycle);
    }
}

void vp_timeline_pin_watch(void *ctx, uint64_t cycle, int which, bool level) {
    vp_timeline_t *tl = ctx;
    (void)cycle;
    if (tl && which == 0 && !level) tl->fuse_done_seen = 0;
}
