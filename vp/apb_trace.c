#include "apb_trace.h"

#include <stdio.h>
#include <stdlib.h>

struct apb_trace {
    FILE *f;
    uint64_t next_free; /* first cycle after the previous transfer */
    uint64_t n;
    bool err;
};

apb_trace_t *apb_trace_open(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    apb_trace_t *t = calloc(1, sizeof(*t));
    if (!t) {
        fclose(f);
        return NULL;
    }
    t->f = f;
    fprintf(f, "# APB trace recorded by vp (replay: vp --script FILE)\n");
    return t;
}

void apb_trace_apb(void *ctx, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp) {
    apb_trace_t *t = ctx;
    if (!t || !t->f) return;
    /* the player issues a transfer at its current cycle = its ACCESS cycle (cptra_shell.h) */
    if (cycle > t->next_free)
        fprintf(t->f, "wait  %llu\n", (unsigned long long)(cycle - t->next_free));
    if (req->write)
        fprintf(t->f, "write 0x%08x 0x%08x pauser=0x%08x%s\n", req->addr, req->wdata, req->pauser,
                resp->slverr ? " slverr=1" : "");
    else if (resp->slverr)
        fprintf(t->f, "read  0x%08x pauser=0x%08x slverr=1\n", req->addr, req->pauser);
    else
        fprintf(t->f, "read  0x%08x expect=0x%08x pauser=0x%08x\n", req->addr, resp->rdata,
                req->pauser);
    t->next_free = cycle + APB_MIN_CYCLES + resp->wait;
    t->n++;
    if (ferror(t->f)) t->err = true;
}

uint64_t apb_trace_count(const apb_trace_t *t) {
    return t ? t->n : 0;
}

bool apb_trace_close(apb_trace_t *t) {
    if (!t) return true;
    bool ok = !t->err;
    if (t->f && fclose(t->f) != 0) ok = false;
    free(t);
    return ok;
}
