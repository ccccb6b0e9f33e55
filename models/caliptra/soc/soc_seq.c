/* SoC boot sequencer (see soc_seq.h). Register offsets: caliptra-1x.md §1.1, §2. */
#include "soc_seq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cptra_hw.h"

#define SOC(off)          (CPTRA_SOC_IFC_BASE + (off))
#define MBOX(off)         (CPTRA_MBOX_CSR_BASE + (off))
#define CMD_FIRMWARE_LOAD 0x46574C44u

typedef enum { OP_POWER, OP_POLL, OP_WRITE, OP_FWLOAD, OP_EVENT } op_kind_t;

typedef struct {
    op_kind_t kind;
    uint32_t addr, data, mask;
    const char *name; /* event name / what we wait for */
} op_t;

typedef enum {
    FL_LOCK,
    FL_CMD,
    FL_DLEN,
    FL_DATA,
    FL_EXEC,
    FL_STATUS,
    FL_RELEASE,
} fl_state_t;

typedef enum { SUB_MAIN, SUB_FATAL_CHECK, SUB_FAIL_READ } sub_t;

struct soc_seq {
    soc_seq_cfg_t cfg;
    op_t ops[160];
    int nops, pc;
    sub_t sub;
    int fail_idx; /* 0..2 reads of the failure path */
    fl_state_t fl;
    uint32_t fl_word;
    uint32_t fl_status;
    uint64_t wait_start;
    bool waiting_started;
    bool pending_wait; /* a WAIT is due before the next poll */
    bool done, failed;
    uint32_t err_fatal, err_non_fatal, boot_status;
    char reason[128];
    char msg[256];
};

static void add(soc_seq_t *s, op_kind_t k, uint32_t addr, uint32_t data, uint32_t mask,
                const char *name) {
    if (s->nops < (int)(sizeof s->ops / sizeof s->ops[0]))
        s->ops[s->nops++] = (op_t){k, addr, data, mask, name};
}

void soc_seq_default_cfg(soc_seq_cfg_t *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->pauser = SOC_SEQ_DEFAULT_PAUSER;
    cfg->a35_pauser = 0x00000001u; /* VP default; AST2700 value not public (caliptra-1x.md §5) */
    cfg->lock_a35_slot = true;
    cfg->poll_interval = 4000;
    cfg->timeout = 200000000ull;
}

static void add_words(soc_seq_t *s, uint32_t off, const uint32_t *w, int n) {
    for (int i = 0; i < n; i++)
        add(s, OP_WRITE, SOC(off + 4u * (uint32_t)i), w[i], 0, NULL);
}

soc_seq_t *soc_seq_new(const soc_seq_cfg_t *cfg) {
    soc_seq_t *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (cfg)
        s->cfg = *cfg;
    else
        soc_seq_default_cfg(&s->cfg);
    if (!s->cfg.poll_interval) s->cfg.poll_interval = 4000;
    if (!s->cfg.timeout) s->cfg.timeout = 200000000ull;
    const soc_fuses_t *f = &s->cfg.fuses;
    add(s, OP_POWER, 0, 0, 0, "soc.power_on");
    /* ready_for_fuses rises 9 clk after rst_b (§4): poll back-to-back (data = 1) */
    add(s, OP_POLL, SOC(CPTRA_FLOW_STATUS), 1, FLOW_STATUS_READY_FOR_FUSES, "ready_for_fuses");
    add(s, OP_EVENT, 0, 0, 0, "soc.ready_for_fuses");
    add(s, OP_WRITE, SOC(CPTRA_MBOX_VALID_PAUSER0), s->cfg.pauser, 0, NULL);
    add(s, OP_WRITE, SOC(CPTRA_MBOX_PAUSER_LOCK0), 1, 0, NULL);
    if (s->cfg.lock_a35_slot) {
        add(s, OP_WRITE, SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), s->cfg.a35_pauser, 0, NULL);
        add(s, OP_WRITE, SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1, 0, NULL);
    }
    if (s->cfg.lock_fuse_pauser) {
        add(s, OP_WRITE, SOC(CPTRA_FUSE_VALID_PAUSER), s->cfg.pauser, 0, NULL);
        add(s, OP_WRITE, SOC(CPTRA_FUSE_PAUSER_LOCK), 1, 0, NULL);
    }
    add_words(s, FUSE_UDS_SEED0, f->uds_seed, 12);
    add_words(s, FUSE_FIELD_ENTROPY0, f->field_entropy, 8);
    add_words(s, FUSE_KEY_MANIFEST_PK_HASH0, f->key_manifest_pk_hash, 12);
    add_words(s, FUSE_KEY_MANIFEST_PK_HASH_MASK, &f->key_manifest_pk_hash_mask, 1);
    add_words(s, FUSE_OWNER_PK_HASH0, f->owner_pk_hash, 12);
    add_words(s, FUSE_FMC_KEY_MANIFEST_SVN, &f->fmc_key_manifest_svn, 1);
    add_words(s, FUSE_RUNTIME_SVN0, f->runtime_svn, 4);
    add_words(s, FUSE_ANTI_ROLLBACK_DISABLE, &f->anti_rollback_disable, 1);
    add_words(s, FUSE_IDEVID_CERT_ATTR0, f->idevid_cert_attr, 24);
    add_words(s, FUSE_IDEVID_MANUF_HSM_ID0, f->idevid_manuf_hsm_id, 4);
    add_words(s, FUSE_LIFE_CYCLE, &f->life_cycle, 1);
    add_words(s, FUSE_LMS_VERIFY, &f->lms_verify, 1);
    add_words(s, FUSE_LMS_REVOCATION, &f->lms_revocation, 1);
    add_words(s, FUSE_SOC_STEPPING_ID, &f->soc_stepping_id, 1);
    add(s, OP_WRITE, SOC(CPTRA_FUSE_WR_DONE), 1, 0, NULL);
    add(s, OP_EVENT, 0, 0, 0, "soc.fuse_wr_done");
    add(s, OP_POLL, SOC(CPTRA_FLOW_STATUS), 0, FLOW_STATUS_READY_FOR_FW, "ready_for_fw");
    add(s, OP_EVENT, 0, 0, 0, "soc.ready_for_fw");
    add(s, OP_FWLOAD, 0, 0, 0, "FIRMWARE_LOAD");
    add(s, OP_EVENT, 0, 0, 0, "soc.fw_loaded");
    add(s, OP_POLL, SOC(CPTRA_FLOW_STATUS), 0, FLOW_STATUS_READY_FOR_RUNTIME, "ready_for_runtime");
    add(s, OP_EVENT, 0, 0, 0, "soc.ready_for_runtime");
    return s;
}

void soc_seq_free(soc_seq_t *s) {
    free(s);
}
const char *soc_seq_message(const soc_seq_t *s) {
    return s->msg;
}
uint32_t soc_seq_fw_error_fatal(const soc_seq_t *s) {
    return s->err_fatal;
}
uint32_t soc_seq_fw_error_non_fatal(const soc_seq_t *s) {
    return s->err_non_fatal;
}
uint32_t soc_seq_boot_status(const soc_seq_t *s) {
    return s->boot_status;
}

static void event(soc_seq_t *s, const char *name, uint64_t now) {
    if (s->cfg.timeline) s->cfg.timeline(s->cfg.timeline_ctx, name, now);
}

static void fail(soc_seq_t *s, const char *why) {
    snprintf(s->reason, sizeof s->reason, "%s", why);
    s->sub = SUB_FAIL_READ;
    s->fail_idx = 0;
}

static apb_req_t rd(const soc_seq_t *s, uint32_t addr) {
    apb_req_t r = {addr, 0, s->cfg.pauser, 0, 0};
    return r;
}
static apb_req_t wr(const soc_seq_t *s, uint32_t addr, uint32_t data) {
    apb_req_t r = {addr, data, s->cfg.pauser, 1, 0};
    return r;
}

soc_seq_action_t soc_seq_next(soc_seq_t *s, uint64_t now, apb_req_t *req, uint64_t *wait) {
    if (s->done) return SOC_SEQ_DONE;
    if (s->failed) return SOC_SEQ_FAILED;
    if (s->sub == SUB_FAIL_READ) {
        static const uint32_t regs[3] = {CPTRA_FW_ERROR_FATAL, CPTRA_FW_ERROR_NON_FATAL,
                                         CPTRA_BOOT_STATUS};
        if (s->fail_idx < 3) {
            *req = rd(s, SOC(regs[s->fail_idx]));
            return SOC_SEQ_ACCESS;
        }
        s->failed = true;
        snprintf(s->msg, sizeof s->msg,
                 "Caliptra boot failed: %s (CPTRA_FW_ERROR_FATAL=0x%08x "
                 "CPTRA_FW_ERROR_NON_FATAL=0x%08x CPTRA_BOOT_STATUS=0x%x)",
                 s->reason, s->err_fatal, s->err_non_fatal, s->boot_status);
        event(s, "soc.failed", now);
        return SOC_SEQ_FAILED;
    }
    for (;;) {
        if (s->pc >= s->nops) {
            s->done = true;
            return SOC_SEQ_DONE;
        }
        op_t *op = &s->ops[s->pc];
        switch (op->kind) {
        case OP_EVENT:
            event(s, op->name, now);
            s->pc++;
            continue;
        case OP_POWER:
            event(s, op->name, now);
            s->pc++;
            return SOC_SEQ_POWER_ON;
        case OP_WRITE:
            *req = wr(s, op->addr, op->data);
            return SOC_SEQ_ACCESS;
        case OP_POLL:
            if (!s->waiting_started) {
                s->waiting_started = true;
                s->wait_start = now;
            }
            if (s->pending_wait) {
                s->pending_wait = false;
                if (now - s->wait_start > s->cfg.timeout) {
                    char why[96];
                    snprintf(why, sizeof why, "timeout waiting for %s", op->name);
                    fail(s, why);
                    return soc_seq_next(s, now, req, wait);
                }
                if (!op->data) {
                    *wait = s->cfg.poll_interval;
                    return SOC_SEQ_WAIT;
                }
            }
            *req = rd(s, s->sub == SUB_FATAL_CHECK ? SOC(CPTRA_FW_ERROR_FATAL) : op->addr);
            return SOC_SEQ_ACCESS;
        case OP_FWLOAD:
            switch (s->fl) {
            case FL_LOCK:
                if (s->pending_wait) {
                    s->pending_wait = false;
                    *wait = s->cfg.poll_interval;
                    return SOC_SEQ_WAIT;
                }
                *req = rd(s, MBOX(MBOX_LOCK));
                return SOC_SEQ_ACCESS;
            case FL_CMD:
                *req = wr(s, MBOX(MBOX_CMD), CMD_FIRMWARE_LOAD);
                return SOC_SEQ_ACCESS;
            case FL_DLEN:
                *req = wr(s, MBOX(MBOX_DLEN), (uint32_t)s->cfg.fw_len);
                return SOC_SEQ_ACCESS;
            case FL_DATA: {
                uint32_t w = 0;
                for (uint32_t b = 0; b < 4; b++) {
                    size_t i = (size_t)s->fl_word * 4 + b;
                    if (i < s->cfg.fw_len) w |= (uint32_t)s->cfg.fw[i] << (8 * b);
                }
                *req = wr(s, MBOX(MBOX_DATAIN), w);
                return SOC_SEQ_ACCESS;
            }
            case FL_EXEC:
                *req = wr(s, MBOX(MBOX_EXECUTE), 1);
                return SOC_SEQ_ACCESS;
            case FL_STATUS:
                if (s->pending_wait) {
                    s->pending_wait = false;
                    *wait = s->cfg.poll_interval;
                    return SOC_SEQ_WAIT;
                }
                *req = rd(s, MBOX(MBOX_STATUS));
                return SOC_SEQ_ACCESS;
            case FL_RELEASE:
                *req = wr(s, MBOX(MBOX_EXECUTE), 0);
                return SOC_SEQ_ACCESS;
            }
            break;
        }
    }
}

void soc_seq_response(soc_seq_t *s, uint64_t now, const apb_resp_t *resp) {
    if (s->done || s->failed) return;
    if (s->sub == SUB_FAIL_READ) {
        uint32_t v = resp->slverr ? 0 : resp->rdata;
        if (s->fail_idx == 0)
            s->err_fatal = v;
        else if (s->fail_idx == 1)
            s->err_non_fatal = v;
        else
            s->boot_status = v;
        s->fail_idx++;
        return;
    }
    op_t *op = &s->ops[s->pc];
    switch (op->kind) {
    case OP_WRITE:
        if (resp->slverr) {
            char why[96];
            snprintf(why, sizeof why, "PSLVERR writing 0x%08x", op->addr);
            fail(s, why);
            return;
        }
        s->pc++;
        return;
    case OP_POLL:
        if (s->sub == SUB_FATAL_CHECK) {
            s->sub = SUB_MAIN;
            if (!resp->slverr && resp->rdata) {
                char why[96];
                snprintf(why, sizeof why, "fatal error while waiting for %s", op->name);
                fail(s, why);
                return;
            }
            s->pending_wait = true;
            return;
        }
        if (!resp->slverr && (resp->rdata & op->mask) == op->mask) {
            s->pc++;
            s->waiting_started = false;
            s->pending_wait = false;
            return;
        }
        s->sub = SUB_FATAL_CHECK;
        return;
    case OP_FWLOAD:
        switch (s->fl) {
        case FL_LOCK:
            if (resp->slverr) {
                fail(s, "PSLVERR reading MBOX_LOCK (PAUSER not valid)");
                return;
            }
            if (resp->rdata & 1u) {
                s->pending_wait = true;
                return;
            }
            event(s, "soc.fw_load_start", now);
            s->fl = FL_CMD;
            return;
        case FL_CMD:
            s->fl = FL_DLEN;
            return;
        case FL_DLEN:
            s->fl_word = 0;
            s->fl = s->cfg.fw_len ? FL_DATA : FL_EXEC;
            return;
        case FL_DATA:
            if (++s->fl_word >= (s->cfg.fw_len + 3) / 4) s->fl = FL_EXEC;
            return;
        case FL_EXEC:
            s->fl = FL_STATUS;
            return;
        case FL_STATUS: {
            uint32_t st = resp->rdata & 0xFu;
            if (resp->slverr || st == MBOX_STATUS_CMD_BUSY) {
                s->pending_wait = true;
                return;
            }
            s->fl_status = st;
            s->fl = FL_RELEASE;
            return;
        }
        case FL_RELEASE:
            if (s->fl_status != MBOX_STATUS_CMD_COMPLETE) {
                fail(s, s->fl_status == MBOX_STATUS_CMD_FAILURE
                            ? "FIRMWARE_LOAD answered CMD_FAILURE"
                            : "FIRMWARE_LOAD answered with an unexpected status");
                return;
            }
            s->pc++;
            return;
        }
        return;
    default:
        return;
    }
}

soc_seq_action_t soc_seq_run(soc_seq_t *s, const soc_seq_io_t *io) {
    for (;;) {
        apb_req_t req;
        uint64_t wait = 0;
        soc_seq_action_t a = soc_seq_next(s, io->now(io->ctx), &req, &wait);
        switch (a) {
        case SOC_SEQ_ACCESS: {
            apb_resp_t r = io->access(io->ctx, &req);
            soc_seq_response(s, io->now(io->ctx), &r);
            break;
        }
        case SOC_SEQ_POWER_ON:
            io->power_on(io->ctx);
            break;
        case SOC_SEQ_WAIT:
            io->advance(io->ctx, wait);
            break;
        default:
            return a;
        }
    }
}
