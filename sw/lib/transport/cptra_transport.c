/* Transport-agnostic mailbox command API. See cptra_transport.h. */
#include "cptra_transport.h"

#include <stdlib.h>
#include <string.h>

#include "cptr_mbox_seq.h"
#include "transport_int.h"

#define DEFAULT_PAUSER 0x00000002u /* = CPTR_DEFAULT_PAUSER of the bridge */

const char *cptra_status_str(cptra_status_t s) {
    switch (s) {
    case CPTRA_OK:
        return "ok";
    case CPTRA_ERR_ARG:
        return "invalid argument";
    case CPTRA_ERR_CONNECT:
        return "cannot connect";
    case CPTRA_ERR_IO:
        return "connection lost";
    case CPTRA_ERR_TIMEOUT:
        return "timeout";
    case CPTRA_ERR_PROTOCOL:
        return "protocol error";
    case CPTRA_ERR_BUS:
        return "bus error (PSLVERR)";
    case CPTRA_ERR_LOCK:
        return "mailbox locked by another agent";
    case CPTRA_ERR_CMD_FAILURE:
        return "CMD_FAILURE";
    case CPTRA_ERR_CHECKSUM:
        return "response checksum mismatch";
    case CPTRA_ERR_TOO_BIG:
        return "response larger than buffer";
    case CPTRA_ERR_UNSUPPORTED:
        return "not supported by the peer";
    }
    return "?";
}

cptra_transport_t *cptra_transport_new(const cptra_transport_ops_t *ops, void *ctx) {
    if (!ops || !ops->read_reg || !ops->write_reg) return NULL;
    cptra_transport_t *t = calloc(1, sizeof(*t));
    if (!t) return NULL;
    t->ops = ops;
    t->ctx = ctx;
    t->mbox_base = 0x30020000u;
    t->soc_ifc_base = 0x30030000u;
    t->own_pauser = DEFAULT_PAUSER;
    t->max_polls = 1000000;
    t->lock_retries = 1000;
    t->use_fast_path = true;
    return t;
}

void cptra_transport_close(cptra_transport_t *t) {
    if (!t) return;
    if (t->ops->close) t->ops->close(t->ctx);
    free(t);
}

cptra_status_t cptra_reg_read(cptra_transport_t *t, uint32_t addr, uint32_t *data) {
    return t->ops->read_reg(t->ctx, addr, data);
}
cptra_status_t cptra_reg_write(cptra_transport_t *t, uint32_t addr, uint32_t data) {
    return t->ops->write_reg(t->ctx, addr, data);
}

uint32_t cptra_checksum(uint32_t cmd, const void *data, size_t len) {
    const uint8_t *p = data;
    uint32_t s = (cmd & 0xFFu) + ((cmd >> 8) & 0xFFu) + ((cmd >> 16) & 0xFFu) + (cmd >> 24);
    for (size_t i = 0; i < len; i++)
        s += p[i];
    return 0u - s;
}

bool cptra_checksum_ok(uint32_t cmd, const void *buf, size_t len) {
    const uint8_t *p = buf;
    if (len < 4) return false;
    uint32_t got =
        (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return got == cptra_checksum(cmd, p + 4, len - 4);
}

/* Word-by-word sender protocol over the porting layer (shares the bridge's sequence,
 * models/ca35-bridge/cptr_mbox_seq.h, so both ends recover stale locks the same way). */
static cptra_status_t exec_regs(cptra_transport_t *t, uint32_t cmd, const uint8_t *req,
                                uint32_t req_len, uint8_t *resp, uint32_t cap, uint32_t *rlen,
                                uint32_t *fw_err, uint32_t *dlen_out) {
    cptr_mbox_seq_cfg_t c;
    cptr_mbox_seq_t s;
    cptr_access_t a;
    cptr_mbox_seq_default_cfg(&c, t->own_pauser);
    c.mbox_base = t->mbox_base;
    c.soc_ifc_base = t->soc_ifc_base;
    c.max_polls = t->max_polls;
    c.lock_retries = t->lock_retries;
    cptr_mbox_seq_init(&s, &c, cmd, req, req_len, resp, cap);
    while (cptr_mbox_seq_next(&s, &a)) {
        uint32_t d = 0;
        cptra_status_t st;
        if (a.delay_cycles && t->ops->wait && (st = t->ops->wait(t->ctx, a.delay_cycles)))
            return st;
        st = a.write ? t->ops->write_reg(t->ctx, a.addr, a.data)
                     : t->ops->read_reg(t->ctx, a.addr, &d);
        bool slverr = st == CPTRA_ERR_BUS;
        if (st != CPTRA_OK && !slverr) return st;
        /* v1 hides PSLVERR as 0xDEADBEEF; LOCK only has bit 0, so that value means an error. */
        if (!a.write && a.addr == t->mbox_base && d == 0xDEADBEEFu) slverr = true;
        cptr_mbox_seq_result(&s, d, slverr);
    }
    *rlen = s.resp_len;
    *dlen_out = s.resp_dlen;
    if (fw_err) *fw_err = s.fw_error;
    return cptra_status_from_mbox_result(s.result);
}

cptra_status_t cptra_mbox_exec_raw(cptra_transport_t *t, uint32_t cmd, const void *req,
                                   size_t req_len, void *resp, size_t resp_cap, size_t *resp_len,
                                   uint32_t *fw_err) {
    uint32_t rl = 0, fe = 0, dl = 0;
    cptra_status_t st;
    if (!t || (req_len && !req) || (resp_cap && !resp) || req_len > CPTR_MBOX_MAX_DATA)
        return CPTRA_ERR_ARG;
    if (resp_cap > CPTR_MBOX_MAX_DATA) resp_cap = CPTR_MBOX_MAX_DATA;
    if (t->use_fast_path && t->ops->mbox_exec) {
        st = t->ops->mbox_exec(t->ctx, cmd, req, (uint32_t)req_len, resp, (uint32_t)resp_cap, &rl,
                               &fe);
        dl = rl; /* the fast path reports TOO_BIG itself */
    } else {
        st = exec_regs(t, cmd, req, (uint32_t)req_len, resp, (uint32_t)resp_cap, &rl, &fe, &dl);
        if (st == CPTRA_OK && dl > resp_cap) st = CPTRA_ERR_TOO_BIG;
    }
    if (resp_len) *resp_len = rl;
    if (fw_err) *fw_err = st == CPTRA_ERR_CMD_FAILURE ? fe : 0;
    return st;
}

cptra_status_t cptra_mbox_exec(cptra_transport_t *t, uint32_t cmd, const void *req, size_t req_len,
                               void *resp, size_t resp_cap, size_t *resp_len, uint32_t *fw_err) {
    if (!t || !req || req_len < 4 || req_len > CPTR_MBOX_MAX_DATA) return CPTRA_ERR_ARG;
    uint8_t *buf = malloc(req_len);
    if (!buf) return CPTRA_ERR_ARG;
    memcpy(buf, req, req_len);
    cptr_put32(buf, cptra_checksum(cmd, buf + 4, req_len - 4));
    size_t rl = 0;
    cptra_status_t st = cptra_mbox_exec_raw(t, cmd, buf, req_len, resp, resp_cap, &rl, fw_err);
    free(buf);
    if (resp_len) *resp_len = rl;
    /* RT answers DATA_READY with at least the 8-byte header (§3.1). */
    if (st == CPTRA_OK && rl > 0 && !cptra_checksum_ok(0, resp, rl)) st = CPTRA_ERR_CHECKSUM;
    return st;
}

cptra_status_t cptra_status_from_mbox_result(uint32_t result) {
    switch (result) {
    case CPTR_MBOX_OK:
        return CPTRA_OK;
    case CPTR_MBOX_CMD_FAILURE:
        return CPTRA_ERR_CMD_FAILURE;
    case CPTR_MBOX_LOCK_BUSY:
        return CPTRA_ERR_LOCK;
    case CPTR_MBOX_BUS_ERROR:
        return CPTRA_ERR_BUS;
    case CPTR_MBOX_TIMEOUT:
        return CPTRA_ERR_TIMEOUT;
    case CPTR_MBOX_BAD_REQUEST:
        return CPTRA_ERR_ARG;
    default:
        return CPTRA_ERR_PROTOCOL;
    }
}
