/* CPTR wire protocol codec. See cptr_codec.h and docs/bridge-protocol.md. */
#include "cptr_codec.h"

#include <stdlib.h>
#include <string.h>

const char *cptr_err_name(cptr_err_t e) {
    switch (e) {
    case CPTR_OK:
        return "ok";
    case CPTR_NEED_MORE:
        return "need more";
    case CPTR_E_BAD_MAGIC:
        return "bad magic";
    case CPTR_E_BAD_VERSION:
        return "bad version";
    case CPTR_E_UNKNOWN_CMD:
        return "unknown command";
    case CPTR_E_SHORT_PAYLOAD:
        return "short payload";
    case CPTR_E_OVERSIZED:
        return "oversized payload";
    case CPTR_E_BAD_PAYLOAD:
        return "inconsistent payload";
    case CPTR_E_TRUNCATED:
        return "truncated frame";
    }
    return "?";
}

void cptr_decoder_init(cptr_decoder_t *d, cptr_role_t role) {
    memset(d, 0, sizeof(*d));
    d->role = role;
}

void cptr_decoder_free(cptr_decoder_t *d) {
    free(d->buf);
    d->buf = NULL;
    d->buf_cap = 0;
}

void cptr_decoder_reset(cptr_decoder_t *d) {
    d->err = CPTR_OK;
    d->hdr_got = 0;
    d->keep = 0;
    d->got = 0;
}

bool cptr_decoder_idle(const cptr_decoder_t *d) {
    return d->hdr_got == 0;
}

cptr_err_t cptr_decoder_eof(const cptr_decoder_t *d) {
    if (d->err != CPTR_OK) return d->err;
    return d->hdr_got == 0 ? CPTR_OK : CPTR_E_TRUNCATED;
}

/* Per-command payload limits: min (shorter is an error), keep (bytes stored; the rest of a
 * longer payload is discarded), max (longer is an error). `exact` = variable-size frame whose
 * inner length must match payload_len. */
typedef struct {
    uint32_t min, keep, max;
    bool variable;
} limits_t;

static bool cmd_limits(cptr_role_t role, uint16_t ver, uint16_t cmd, limits_t *l) {
    l->max = CPTR_MAX_PAYLOAD;
    l->variable = false;
    if (ver == CPTR_V1) {
        if (role == CPTR_ROLE_SERVER) {
            if (cmd == CPTR_APB_READ) {
                l->min = l->keep = 4;
                return true;
            }
            if (cmd == CPTR_APB_WRITE) {
                l->min = l->keep = 8;
                return true;
            }
        } else {
            if (cmd == CPTR_APB_RDATA) {
                l->min = l->keep = 4;
                return true;
            }
            if (cmd == CPTR_APB_WACK) {
                l->min = l->keep = 0;
                return true;
            }
        }
        return false;
    }
    if (role == CPTR_ROLE_SERVER) {
        switch (cmd) {
        case CPTR_APB_READ:
            l->min = l->keep = 4;
            return true;
        case CPTR_APB_WRITE:
        case CPTR_APB_WRITE_POSTED:
            l->min = l->keep = 8;
            return true;
        case CPTR_HELLO:
            l->min = l->keep = 0;
            return true;
        case CPTR_MBOX_EXEC:
            l->min = 8;
            l->keep = l->max = 8 + CPTR_MBOX_MAX_DATA;
            l->variable = true;
            return true;
        case CPTR_BATCH:
            l->min = 4;
            l->keep = l->max = 4 + 12 * CPTR_BATCH_MAX;
            l->variable = true;
            return true;
        default:
            return false;
        }
    }
    switch (cmd) {
    case CPTR_APB_RDATA:
        l->min = l->keep = 8;
        return true;
    case CPTR_APB_WACK:
        l->min = l->keep = 4;
        return true;
    case CPTR_HELLO_REPLY:
        l->min = l->keep = 16;
        return true;
    case CPTR_ERROR:
        l->min = l->keep = 8;
        return true;
    case CPTR_MBOX_RESULT:
        l->min = 16;
        l->keep = l->max = 16 + CPTR_MBOX_MAX_DATA;
        l->variable = true;
        return true;
    case CPTR_BATCH_RESULT:
        l->min = 4;
        l->keep = l->max = 4 + 8 * CPTR_BATCH_MAX;
        l->variable = true;
        return true;
    default:
        return false;
    }
}

static cptr_err_t fail(cptr_decoder_t *d, cptr_err_t e) {
    d->err = e;
    return e;
}

/* Header complete: validate it and size the payload buffer. */
static cptr_err_t check_header(cptr_decoder_t *d) {
    uint32_t magic = cptr_get32(d->hdr);
    uint16_t ver = (uint16_t)(d->hdr[4] | d->hdr[5] << 8);
    uint16_t cmd = (uint16_t)(d->hdr[6] | d->hdr[7] << 8);
    uint32_t len = cptr_get32(d->hdr + 8);
    limits_t l;
    if (magic != CPTR_MAGIC) return fail(d, CPTR_E_BAD_MAGIC);
    if (ver != CPTR_V1 && ver != CPTR_V2) return fail(d, CPTR_E_BAD_VERSION);
    if (!cmd_limits(d->role, ver, cmd, &l)) return fail(d, CPTR_E_UNKNOWN_CMD);
    if (len < l.min) return fail(d, CPTR_E_SHORT_PAYLOAD);
    if (len > l.max) return fail(d, CPTR_E_OVERSIZED);
    d->keep = len < l.keep ? len : l.keep;
    d->got = 0;
    if (d->keep > d->buf_cap) {
        uint32_t cap = d->keep < 64 ? 64 : d->keep;
        uint8_t *nb = realloc(d->buf, cap);
        if (!nb) return fail(d, CPTR_E_OVERSIZED);
        d->buf = nb;
        d->buf_cap = cap;
    }
    return CPTR_OK;
}

/* Payload complete: fill the frame. */
static cptr_err_t finish(cptr_decoder_t *d, cptr_frame_t *f) {
    const uint8_t *p = d->buf;
    memset(f, 0, sizeof(*f));
    f->version = (uint16_t)(d->hdr[4] | d->hdr[5] << 8);
    f->cmd = (uint16_t)(d->hdr[6] | d->hdr[7] << 8);
    f->payload_len = cptr_get32(d->hdr + 8);
    bool v2 = f->version == CPTR_V2;
    switch (f->cmd) {
    case CPTR_APB_READ:
        f->addr = cptr_get32(p);
        break;
    case CPTR_APB_WRITE:
    case CPTR_APB_WRITE_POSTED:
        f->addr = cptr_get32(p);
        f->data = cptr_get32(p + 4);
        break;
    case CPTR_APB_RDATA:
        f->data = cptr_get32(p);
        f->status = v2 ? cptr_get32(p + 4) : CPTR_BUS_OK;
        break;
    case CPTR_APB_WACK:
        f->status = v2 ? cptr_get32(p) : CPTR_BUS_OK;
        break;
    case CPTR_HELLO:
        break;
    case CPTR_HELLO_REPLY:
        f->max_version = cptr_get32(p);
        f->pauser = cptr_get32(p + 4);
        f->max_payload = cptr_get32(p + 8);
        f->features = cptr_get32(p + 12);
        break;
    case CPTR_ERROR:
        f->status = cptr_get32(p);
        f->data = cptr_get32(p + 4);
        break;
    case CPTR_MBOX_EXEC:
        f->mbox_cmd = cptr_get32(p);
        f->dlen = cptr_get32(p + 4);
        if ((uint64_t)f->dlen + 8 != f->payload_len) return fail(d, CPTR_E_BAD_PAYLOAD);
        f->bytes = p + 8;
        break;
    case CPTR_MBOX_RESULT:
        f->result = cptr_get32(p);
        f->status = cptr_get32(p + 4);
        f->fw_error = cptr_get32(p + 8);
        f->dlen = cptr_get32(p + 12);
        if ((uint64_t)f->dlen + 16 != f->payload_len) return fail(d, CPTR_E_BAD_PAYLOAD);
        f->bytes = p + 16;
        break;
    case CPTR_BATCH:
        f->count = cptr_get32(p);
        if (f->count == 0 || (uint64_t)f->count * 12 + 4 != f->payload_len)
            return fail(d, CPTR_E_BAD_PAYLOAD);
        f->bytes = p + 4;
        for (uint32_t i = 0; i < f->count; i++) {
            uint32_t op = cptr_get32(f->bytes + 12 * i);
            if (op != CPTR_OP_READ && op != CPTR_OP_WRITE) return fail(d, CPTR_E_BAD_PAYLOAD);
        }
        break;
    case CPTR_BATCH_RESULT:
        f->count = cptr_get32(p);
        if ((uint64_t)f->count * 8 + 4 != f->payload_len) return fail(d, CPTR_E_BAD_PAYLOAD);
        f->bytes = p + 4;
        break;
    default:
        return fail(d, CPTR_E_UNKNOWN_CMD); /* unreachable: checked in the header */
    }
    d->hdr_got = 0;
    d->frames++;
    return CPTR_OK;
}

cptr_err_t cptr_decoder_feed(cptr_decoder_t *d, const uint8_t *data, size_t len, size_t *consumed,
                             cptr_frame_t *out) {
    size_t pos = 0;
    cptr_err_t r = CPTR_NEED_MORE;
    if (d->err != CPTR_OK) {
        *consumed = 0;
        return d->err;
    }
    while (pos < len || (d->hdr_got == CPTR_HDR_LEN && d->got == cptr_get32(d->hdr + 8))) {
        if (d->hdr_got < CPTR_HDR_LEN) {
            size_t n = CPTR_HDR_LEN - d->hdr_got;
            if (n > len - pos) n = len - pos;
            memcpy(d->hdr + d->hdr_got, data + pos, n);
            d->hdr_got += (uint32_t)n;
            pos += n;
            if (d->hdr_got < CPTR_HDR_LEN) break;
            if ((r = check_header(d)) != CPTR_OK) {
                *consumed = pos;
                return r;
            }
            r = CPTR_NEED_MORE;
        }
        uint32_t plen = cptr_get32(d->hdr + 8);
        if (d->got < plen) {
            size_t n = plen - d->got;
            if (n > len - pos) n = len - pos;
            if (d->got < d->keep) {
                size_t k = d->keep - d->got;
                if (k > n) k = n;
                memcpy(d->buf + d->got, data + pos, k);
            }
            d->got += (uint32_t)n;
            pos += n;
        }
        if (d->got == plen) {
            *consumed = pos;
            return finish(d, out);
        }
    }
    *consumed = pos;
    return r;
}

/* ---- encoders ---- */

size_t cptr_encode_header(uint8_t *buf, uint16_t version, uint16_t cmd, uint32_t payload_len) {
    cptr_put32(buf, CPTR_MAGIC);
    buf[4] = (uint8_t)version;
    buf[5] = (uint8_t)(version >> 8);
    buf[6] = (uint8_t)cmd;
    buf[7] = (uint8_t)(cmd >> 8);
    cptr_put32(buf + 8, payload_len);
    return CPTR_HDR_LEN;
}

size_t cptr_encode_apb_read(uint8_t *buf, uint16_t version, uint32_t addr) {
    cptr_encode_header(buf, version, CPTR_APB_READ, 4);
    cptr_put32(buf + 12, addr);
    return 16;
}

size_t cptr_encode_apb_write(uint8_t *buf, uint16_t version, uint32_t addr, uint32_t data) {
    cptr_encode_header(buf, version, CPTR_APB_WRITE, 8);
    cptr_put32(buf + 12, addr);
    cptr_put32(buf + 16, data);
    return 20;
}

size_t cptr_encode_apb_write_posted(uint8_t *buf, uint32_t addr, uint32_t data) {
    cptr_encode_header(buf, CPTR_V2, CPTR_APB_WRITE_POSTED, 8);
    cptr_put32(buf + 12, addr);
    cptr_put32(buf + 16, data);
    return 20;
}

size_t cptr_encode_apb_rdata(uint8_t *buf, uint16_t version, uint32_t data, uint32_t status) {
    if (version == CPTR_V1) {
        cptr_encode_header(buf, version, CPTR_APB_RDATA, 4);
        cptr_put32(buf + 12, data);
        return 16;
    }
    cptr_encode_header(buf, version, CPTR_APB_RDATA, 8);
    cptr_put32(buf + 12, data);
    cptr_put32(buf + 16, status);
    return 20;
}

size_t cptr_encode_apb_wack(uint8_t *buf, uint16_t version, uint32_t status) {
    if (version == CPTR_V1) return cptr_encode_header(buf, version, CPTR_APB_WACK, 0);
    cptr_encode_header(buf, version, CPTR_APB_WACK, 4);
    cptr_put32(buf + 12, status);
    return 16;
}

size_t cptr_encode_mbox_exec(uint8_t *buf, uint32_t mbox_cmd, const uint8_t *data, uint32_t dlen) {
    cptr_encode_header(buf, CPTR_V2, CPTR_MBOX_EXEC, 8 + dlen);
    cptr_put32(buf + 12, mbox_cmd);
    cptr_put32(buf + 16, dlen);
    if (dlen) memcpy(buf + 20, data, dlen);
    return 20 + (size_t)dlen;
}

size_t cptr_encode_mbox_result(uint8_t *buf, uint32_t result, uint32_t status, uint32_t fw_error,
                               const uint8_t *data, uint32_t dlen) {
    cptr_encode_header(buf, CPTR_V2, CPTR_MBOX_RESULT, 16 + dlen);
    cptr_put32(buf + 12, result);
    cptr_put32(buf + 16, status);
    cptr_put32(buf + 20, fw_error);
    cptr_put32(buf + 24, dlen);
    if (dlen) memcpy(buf + 28, data, dlen);
    return 28 + (size_t)dlen;
}

size_t cptr_encode_batch(uint8_t *buf, const uint32_t (*ops)[3], uint32_t count) {
    cptr_encode_header(buf, CPTR_V2, CPTR_BATCH, 4 + 12 * count);
    cptr_put32(buf + 12, count);
    for (uint32_t i = 0; i < count; i++)
        for (int j = 0; j < 3; j++)
            cptr_put32(buf + 16 + 12 * i + 4 * j, ops[i][j]);
    return 16 + 12 * (size_t)count;
}

size_t cptr_encode_batch_result(uint8_t *buf, const uint32_t (*res)[2], uint32_t count) {
    cptr_encode_header(buf, CPTR_V2, CPTR_BATCH_RESULT, 4 + 8 * count);
    cptr_put32(buf + 12, count);
    for (uint32_t i = 0; i < count; i++) {
        cptr_put32(buf + 16 + 8 * i, res[i][0]);
        cptr_put32(buf + 20 + 8 * i, res[i][1]);
    }
    return 16 + 8 * (size_t)count;
}

size_t cptr_encode_hello(uint8_t *buf) {
    return cptr_encode_header(buf, CPTR_V2, CPTR_HELLO, 0);
}

size_t cptr_encode_hello_reply(uint8_t *buf, uint32_t pauser, uint32_t max_payload,
                               uint32_t features) {
    cptr_encode_header(buf, CPTR_V2, CPTR_HELLO_REPLY, 16);
    cptr_put32(buf + 12, CPTR_V2);
    cptr_put32(buf + 16, pauser);
    cptr_put32(buf + 20, max_payload);
    cptr_put32(buf + 24, features);
    return 28;
}

size_t cptr_encode_error(uint8_t *buf, uint32_t kind, uint32_t detail) {
    cptr_encode_header(buf, CPTR_V2, CPTR_ERROR, 8);
    cptr_put32(buf + 12, kind);
    cptr_put32(buf + 16, detail);
    return 20;
}
