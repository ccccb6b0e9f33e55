/* Mailbox sender sequence state machine. See cptr_mbox_seq.h. */
#include "cptr_mbox_seq.h"

#include <string.h>

/* Register offsets and encodings (caliptra-1x.md §1.1, §1.2, §2); kept local so that this
 * pure protocol module does not depend on the hw model headers. */
enum {
    R_LOCK = 0x00,
    R_USER = 0x04,
    R_CMD = 0x08,
    R_DLEN = 0x0C,
    R_DATAIN = 0x10,
    R_DATAOUT = 0x14,
    R_EXECUTE = 0x18,
    R_STATUS = 0x1C,
    R_FW_ERROR_NON_FATAL = 0x00C, /* soc_ifc */
};
enum { ST_BUSY = 0, ST_DATA_READY = 1, ST_COMPLETE = 2, ST_FAILURE = 3 };
enum { FSM_IDLE = 0, FSM_CMD = 1, FSM_DATA = 2, FSM_DLEN = 3, FSM_EXEC_SOC = 4, FSM_EXEC_UC = 6 };

#define MAX_RECOVERIES 3u

typedef enum {
    S_LOCK,
    S_USER,
    S_STALE_STATUS,
    S_STALE_DLEN0,
    S_STALE_EXEC1,
    S_STALE_POLL,
    S_STALE_EXEC0,
    S_CMD,
    S_DLEN,
    S_DATAIN,
    S_EXEC1,
    S_POLL,
    S_RDLEN,
    S_DATAOUT,
    S_FWERR,
    S_EXEC0,
    S_DONE,
} state_t;

void cptr_mbox_seq_default_cfg(cptr_mbox_seq_cfg_t *cfg, uint32_t pauser) {
    cfg->pauser = pauser;
    cfg->mbox_base = 0x30020000u;
    cfg->soc_ifc_base = 0x30030000u;
    cfg->lock_retries = 1000;
    /* estimate: a uC-side lock holder (e.g. the IDevID CSR hand-off) keeps the lock for many
     * thousands of cycles; 256 cycles between LOCK reads keeps the retry traffic low. */
    cfg->lock_retry_cycles = 256;
    /* hw-model's mailbox timeout is 40M cycles (caliptra-1x.md §4): polls x poll_cycles must
     * cover it. 64 cycles/poll (estimate: ~an RT command dispatch step) x 1M polls = 64M. */
    cfg->max_polls = 1000000;
    cfg->poll_cycles = 64;
}

void cptr_mbox_seq_init(cptr_mbox_seq_t *s, const cptr_mbox_seq_cfg_t *cfg, uint32_t cmd,
                        const uint8_t *req, uint32_t req_len, uint8_t *resp, uint32_t resp_cap) {
    memset(s, 0, sizeof(*s));
    s->cfg = *cfg;
    s->cmd = cmd;
    s->req = req;
    s->req_len = req_len;
    s->resp = resp;
    s->resp_cap = resp_cap;
    s->state = S_LOCK;
    if (req_len > CPTR_MBOX_MAX_DATA) {
        s->result = CPTR_MBOX_BAD_REQUEST;
        s->state = S_DONE;
    }
}

static void rd(cptr_access_t *a, uint32_t addr, uint64_t delay) {
    a->write = 0;
    a->addr = addr;
    a->data = 0;
    a->delay_cycles = delay;
}
static void wr(cptr_access_t *a, uint32_t addr, uint32_t data) {
    a->write = 1;
    a->addr = addr;
    a->data = data;
    a->delay_cycles = 0;
}

static uint32_t req_word(const cptr_mbox_seq_t *s, uint32_t i) {
    uint8_t b[4] = {0, 0, 0, 0}; /* last word zero-padded (§1.3 step 4) */
    uint32_t off = 4 * i;
    uint32_t n = s->req_len - off < 4 ? s->req_len - off : 4;
    memcpy(b, s->req + off, n);
    return cptr_get32(b);
}

bool cptr_mbox_seq_next(cptr_mbox_seq_t *s, cptr_access_t *a) {
    const uint32_t mb = s->cfg.mbox_base;
    switch ((state_t)s->state) {
    case S_LOCK:
        rd(a, mb + R_LOCK, s->tries ? s->cfg.lock_retry_cycles : 0);
        break;
    case S_USER:
        rd(a, mb + R_USER, 0);
        break;
    case S_STALE_STATUS:
        rd(a, mb + R_STATUS, 0);
        break;
    case S_STALE_DLEN0:
        wr(a, mb + R_DLEN, 0);
        break;
    case S_STALE_EXEC1:
        wr(a, mb + R_EXECUTE, 1);
        break;
    case S_STALE_POLL:
        rd(a, mb + R_STATUS, s->cfg.poll_cycles);
        break;
    case S_STALE_EXEC0:
        wr(a, mb + R_EXECUTE, 0);
        break;
    case S_CMD:
        wr(a, mb + R_CMD, s->cmd);
        break;
    case S_DLEN:
        wr(a, mb + R_DLEN, s->req_len);
        break;
    case S_DATAIN:
        wr(a, mb + R_DATAIN, req_word(s, s->idx));
        break;
    case S_EXEC1:
        wr(a, mb + R_EXECUTE, 1);
        break;
    case S_POLL:
        rd(a, mb + R_STATUS, s->polls ? s->cfg.poll_cycles : 0);
        break;
    case S_RDLEN:
        rd(a, mb + R_DLEN, 0);
        break;
    case S_DATAOUT:
        rd(a, mb + R_DATAOUT, 0);
        break;
    case S_FWERR:
        rd(a, s->cfg.soc_ifc_base + R_FW_ERROR_NON_FATAL, 0);
        break;
    case S_EXEC0:
        wr(a, mb + R_EXECUTE, 0);
        break;
    case S_DONE:
    default:
        s->pending = false;
        return false;
    }
    s->last = *a;
    s->pending = true;
    return true;
}

uint32_t cptr_mbox_seq_burst(const cptr_mbox_seq_t *s) {
    if (s->state != S_DATAOUT || s->pending) return 0;
    return (s->resp_len + 3) / 4 - s->idx;
}

static void done(cptr_mbox_seq_t *s, cptr_mbox_result_t r) {
    s->result = r;
    s->state = S_DONE;
}

/* After the data phase: DATAIN words left, or EXECUTE=1. */
static void after_dlen(cptr_mbox_seq_t *s) {
    s->idx = 0;
    s->state = s->req_len ? S_DATAIN : S_EXEC1;
}

static void resp_store(cptr_mbox_seq_t *s, uint32_t word) {
    uint32_t off = 4 * s->idx;
    if (off < s->resp_len) {
        uint8_t b[4];
        cptr_put32(b, word);
        uint32_t n = s->resp_len - off < 4 ? s->resp_len - off : 4;
        memcpy(s->resp + off, b, n);
    }
}

void cptr_mbox_seq_result(cptr_mbox_seq_t *s, uint32_t rdata, bool slverr) {
    if (!s->pending) return;
    s->pending = false;
    if (slverr) {
        done(s, CPTR_MBOX_BUS_ERROR);
        return;
    }
    uint32_t st = rdata & 0xFu, fsm = (rdata >> 6) & 7u;
    switch ((state_t)s->state) {
    case S_LOCK:
        if ((rdata & 1u) == 0) {
            s->state = S_CMD;
        } else {
            s->state = S_USER;
        }
        break;
    case S_USER:
        if (rdata == s->cfg.pauser) {
            s->state = S_STALE_STATUS; /* our own PAUSER: left by an earlier client */
        } else if (++s->tries > s->cfg.lock_retries) {
            done(s, CPTR_MBOX_LOCK_BUSY);
        } else {
            s->state = S_LOCK;
        }
        break;
    case S_STALE_STATUS:
        if (++s->recoveries > MAX_RECOVERIES) {
            done(s, CPTR_MBOX_PROTOCOL);
            break;
        }
        s->polls = 0;
        switch (fsm) {
        case FSM_IDLE:
            s->state = S_LOCK;
            break;
        case FSM_CMD:
            s->state = S_CMD;
            break; /* we already own it: take over */
        case FSM_DLEN:
            s->state = S_STALE_DLEN0;
            break;
        case FSM_DATA:
            s->state = S_STALE_EXEC1;
            break;
        case FSM_EXEC_UC:
            s->state = S_STALE_POLL;
            break;
        case FSM_EXEC_SOC:
            s->state = S_STALE_EXEC0;
            break;
        default:
            done(s, CPTR_MBOX_PROTOCOL);
            break; /* MBOX_ERROR: needs a uC force-unlock */
        }
        break;
    case S_STALE_DLEN0:
        s->state = S_STALE_EXEC1;
        break;
    case S_STALE_EXEC1:
        s->state = S_STALE_POLL;
        break;
    case S_STALE_POLL:
        if (fsm == 7u)
            done(s, CPTR_MBOX_PROTOCOL);
        else if (st != ST_BUSY || fsm == FSM_EXEC_SOC)
            s->state = S_STALE_EXEC0;
        else if (++s->polls >= s->cfg.max_polls)
            done(s, CPTR_MBOX_TIMEOUT);
        break;
    case S_STALE_EXEC0:
        s->state = S_LOCK;
        break;
    case S_CMD:
        s->state = S_DLEN;
        break;
    case S_DLEN:
        after_dlen(s);
        break;
    case S_DATAIN:
        if (4 * ++s->idx >= s->req_len) s->state = S_EXEC1;
        break;
    case S_EXEC1:
        s->polls = 0;
        s->state = S_POLL;
        break;
    case S_POLL:
        s->status = st;
        if (st == ST_BUSY) {
            if (fsm == 7u)
                done(s, CPTR_MBOX_PROTOCOL);
            else if (++s->polls >= s->cfg.max_polls)
                done(s, CPTR_MBOX_TIMEOUT);
        } else if (st == ST_DATA_READY) {
            s->state = S_RDLEN;
        } else if (st == ST_COMPLETE) {
            s->result = CPTR_MBOX_OK;
            s->state = S_EXEC0;
        } else if (st == ST_FAILURE) {
            s->state = S_FWERR;
        } else {
            s->result = CPTR_MBOX_PROTOCOL;
            s->state = S_EXEC0;
        }
        break;
    case S_RDLEN:
        s->resp_dlen = rdata;
        s->resp_len = rdata < s->resp_cap ? rdata : s->resp_cap;
        if (s->resp_len > CPTR_MBOX_MAX_DATA) s->resp_len = CPTR_MBOX_MAX_DATA;
        s->idx = 0;
        s->result = CPTR_MBOX_OK;
        s->state = s->resp_len ? S_DATAOUT : S_EXEC0;
        break;
    case S_DATAOUT:
        resp_store(s, rdata);
        if (4 * ++s->idx >= s->resp_len) s->state = S_EXEC0;
        break;
    case S_FWERR:
        s->fw_error = rdata;
        s->result = CPTR_MBOX_CMD_FAILURE;
        s->state = S_EXEC0;
        break;
    case S_EXEC0:
        s->state = S_DONE;
        break;
    case S_DONE:
        break;
    }
}
