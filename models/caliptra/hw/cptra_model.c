/* The C `hw` model: APB decode/arbitration (caliptra-1x.md §0) over mbox, sha_acc, soc_ifc and
 * the boot FSM, plus the uC port. */
#include <stdlib.h>
#include <string.h>

#include "boot_fsm.h"
#include "cptra_hw.h"
#include "hw_int.h"
#include "mbox.h"
#include "sha_acc.h"
#include "soc_ifc.h"

enum { T_MBOX, T_SHA, T_SOC, T_N };
enum { RR_SOC = 0, RR_UC = 1 };

/* Latency table. */
enum {
    /* SoC/uC collision on one target: the loser is held for one cycle (soc_ifc_arb round-robin,
     * §0 hold source (a)); estimate: single-cycle arbitration loss. */
    ARB_COLLISION_WAIT = 1,
};

typedef struct cptra_model {
    cptra_model_cfg_t cfg;
    hw_notify_t notify; /* blocks call this; forwards to fn/nctx */
    cptra_notify_fn fn;
    void *nctx;
    mbox_t *mbox;
    sha_acc_t *sha;
    soc_ifc_t soc;
    boot_blk_t boot;
    bool pwrgood, rst_b;
    bool uc_seen[T_N];
    uint64_t uc_last[T_N];
    uint8_t rr_last_winner[T_N];
} cptra_model_t;

static void model_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    cptra_model_t *m = ctx;
    if (m->fn) m->fn(m->nctx, ev, cycle);
}

void cptra_model_default_cfg(cptra_model_cfg_t *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    /* soc_ifc_pkg.sv defaults (§0): INTEG bits 0, slot values 0x0, 0x1111_1111 .. 0x4444_4444 */
    for (unsigned i = 0; i < 5; i++)
        cfg->mbox_valid_pauser_integ[i] = 0x11111111u * i;
    cfg->set_fuse_pauser_integ = false;
    cfg->fuse_valid_pauser_integ = 0;
    cfg->security_state = 0;
    cfg->bootfsm_brkpoint = false;
    cfg->hw_config = 1u << 4; /* LMS_acc_en=1 in 1.1, others 0 (§2 CPTRA_HW_CONFIG) */
}

static int decode(uint32_t paddr, uint32_t *off) {
    if (paddr >= 0x20000u && paddr <= 0x20FFFu) {
        *off = paddr - 0x20000u;
        return T_MBOX;
    }
    if (paddr >= 0x21000u && paddr <= 0x21FFFu) {
        *off = paddr - 0x21000u;
        return T_SHA;
    }
    if (paddr >= 0x30000u && paddr <= 0x3FFFFu) {
        *off = paddr - 0x30000u;
        return T_SOC;
    }
    return -1;
}

static uint32_t target_read(cptra_model_t *m, int t, uint64_t c, uint32_t off, bool soc,
                            uint32_t pauser) {
    uint32_t err = 0, v = 0;
    switch (t) {
    case T_MBOX:
        v = mbox_read(m->mbox, c, off, soc, pauser, &err);
        if (err) soc_ifc_hw_error_nf(&m->soc, c, err);
        return v;
    case T_SHA:
        return sha_acc_read(m->sha, c, off, soc, pauser);
    default:
        return off < 0x1000u ? soc_ifc_read(&m->soc, c, off, soc, pauser) : 0;
    }
}

static uint32_t target_write(cptra_model_t *m, int t, uint64_t c, uint32_t off, uint32_t d,
                             bool soc, uint32_t pauser) {
    uint32_t err = 0, wait = 0;
    switch (t) {
    case T_MBOX:
        mbox_write(m->mbox, c, off, d, soc, pauser, &err);
        if (err) soc_ifc_hw_error_nf(&m->soc, c, err);
        break;
    case T_SHA:
        sha_acc_write(m->sha, c, off, d, soc, pauser, mbox_sram(m->mbox), &wait);
        break;
    default:
        if (off < 0x1000u) soc_ifc_write(&m->soc, c, off, d, soc, pauser);
        break;
    }
    return wait;
}

static apb_resp_t m_apb(void *ctx, uint64_t cycle, const apb_req_t *req) {
    cptra_model_t *m = ctx;
    apb_resp_t r = {0, 0, 0};
    uint32_t off;
    int t = decode(req->addr & CPTRA_APB_PADDR_MASK, &off);
    if (t < 0) {
        r.slverr = 1; /* no target (§0) */
        return r;
    }
    if (!boot_noncore_live(&m->boot, cycle))
        return r; /* APB slave in reset: reads 0, writes dropped (README decision) */
    if (t == T_MBOX && !soc_ifc_mbox_pauser_ok(&m->soc, req->pauser)) {
        r.slverr = 1;
        return r;
    }
    if (t == T_SOC && off >= 0x200u && off <= 0x5FFu &&
        !soc_ifc_fuse_pauser_ok(&m->soc, req->pauser)) {
        r.slverr = 1;
        return r;
    }
    uint64_t c = cycle;
    if (m->uc_seen[t] && m->uc_last[t] == cycle) {
        if (m->rr_last_winner[t] == RR_SOC) { /* uC's turn: SoC held */
            m->rr_last_winner[t] = RR_UC;
            r.wait += ARB_COLLISION_WAIT;
            c += ARB_COLLISION_WAIT;
        } else {
            m->rr_last_winner[t] = RR_SOC;
        }
    }
    if (req->write)
        r.wait += target_write(m, t, c, off, req->wdata, true, req->pauser);
    else
        r.rdata = target_read(m, t, c, off, true, req->pauser);
    return r;
}

static int uc_decode(cptra_model_t *m, uint64_t cycle, uint32_t addr, uint32_t *off) {
    if (addr >= 0x30020000u && addr <= 0x3003FFFFu) {
        int t = decode(addr & CPTRA_APB_PADDR_MASK, off);
        if (t >= 0) {
            m->uc_seen[t] = true;
            m->uc_last[t] = cycle;
        }
        return t;
    }
    return -1;
}

static uint32_t m_uc_read(void *ctx, uint64_t cycle, uint32_t addr) {
    cptra_model_t *m = ctx;
    if (addr >= CPTRA_MBOX_SRAM_BASE && addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE)
        return mbox_sram_read(m->mbox, (addr - CPTRA_MBOX_SRAM_BASE) / 4u);
    uint32_t off;
    int t = uc_decode(m, cycle, addr, &off);
    if (t < 0 || (off & 3u)) return 0;
    return target_read(m, t, cycle, off, false, CPTRA_UC_PAUSER);
}

static void m_uc_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    cptra_model_t *m = ctx;
    if (addr >= CPTRA_MBOX_SRAM_BASE && addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE) {
        mbox_sram_write(m->mbox, cycle, (addr - CPTRA_MBOX_SRAM_BASE) / 4u, data);
        return;
    }
    uint32_t off;
    int t = uc_decode(m, cycle, addr, &off);
    if (t < 0 || (off & 3u)) return;
    target_write(m, t, cycle, off, data, false, CPTRA_UC_PAUSER);
}

static void reset_blocks(cptra_model_t *m, bool cold) {
    mbox_reset(m->mbox);
    sha_acc_reset(m->sha);
    soc_ifc_reset(&m->soc, cold);
    memset(m->uc_seen, 0, sizeof(m->uc_seen));
    memset(m->rr_last_winner, 0, sizeof(m->rr_last_winner));
}

static void m_set_pwrgood(void *ctx, uint64_t cycle, bool level) {
    cptra_model_t *m = ctx;
    if (!level) {
        reset_blocks(m, true);
        m->rst_b = false;
    }
    boot_set_pwrgood(&m->boot, cycle, level);
    m->pwrgood = level;
}

static void m_set_rst_b(void *ctx, uint64_t cycle, bool level) {
    cptra_model_t *m = ctx;
    if (!m->pwrgood) level = false; /* pwrgood low holds everything in reset */
    if (!level && m->rst_b) {
        reset_blocks(m, false);
        m->soc.r[CPTRA_RESET_REASON / 4] |= 2u; /* WARM_RESET (pwrgood domain) */
    }
    boot_set_rst_b(&m->boot, cycle, level);
    m->rst_b = level;
}

static void m_set_notify(void *ctx, cptra_notify_fn fn, void *nctx) {
    cptra_model_t *m = ctx;
    m->fn = fn;
    m->nctx = nctx;
}

static void m_observe(void *ctx, uint64_t cycle, cptra_hw_obs_t *o) {
    cptra_model_t *m = ctx;
    memset(o, 0, sizeof(*o));
    mbox_observe(m->mbox, cycle, o);
    o->hw_error_fatal = m->soc.r[CPTRA_HW_ERROR_FATAL / 4];
    o->hw_error_non_fatal = m->soc.r[CPTRA_HW_ERROR_NON_FATAL / 4];
    o->boot_fsm = (uint8_t)boot_state_at(&m->boot, cycle);
    o->ready_for_fuses = boot_ready_for_fuses(&m->boot, cycle);
    uint32_t fs = soc_ifc_flow_status(&m->soc, cycle);
    o->ready_for_fw = (fs & FLOW_STATUS_READY_FOR_FW) != 0;
    o->ready_for_runtime = (fs & FLOW_STATUS_READY_FOR_RUNTIME) != 0;
    o->error_fatal_pin = (uint8_t)lag_at(&m->soc.fatal_pin, cycle);
    o->error_non_fatal_pin = (uint8_t)lag_at(&m->soc.nf_pin, cycle);
    o->uc_in_reset = boot_uc_in_reset(&m->boot, cycle);
    o->sha_lock = sha_acc_lock(m->sha);
}

/* Backdoor address: Caliptra-internal, or a bare PADDR (< 0x4_0000). */
static int dbg_decode(uint32_t addr, uint32_t *off) {
    if (addr < 0x40000u) return decode(addr, off);
    if (addr >= 0x30020000u && addr <= 0x3003FFFFu) return decode(addr & CPTRA_APB_PADDR_MASK, off);
    return -1;
}

static bool m_dbg_read(void *ctx, uint32_t addr, uint32_t *data) {
    cptra_model_t *m = ctx;
    *data = 0;
    if (addr >= CPTRA_MBOX_SRAM_BASE && addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE) {
        *data = mbox_sram_read(m->mbox, (addr - CPTRA_MBOX_SRAM_BASE) / 4u);
        return true;
    }
    uint32_t off;
    switch (dbg_decode(addr, &off)) {
    case T_MBOX:
        return mbox_dbg_read(m->mbox, off, data);
    case T_SHA:
        return sha_acc_dbg_read(m->sha, off, data);
    case T_SOC:
        return soc_ifc_dbg_read(&m->soc, off, data);
    default:
        return false;
    }
}

static bool m_dbg_write(void *ctx, uint32_t addr, uint32_t data) {
    cptra_model_t *m = ctx;
    if (addr >= CPTRA_MBOX_SRAM_BASE && addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE) {
        mbox_dbg_sram_write(m->mbox, (addr - CPTRA_MBOX_SRAM_BASE) / 4u, data);
        return true;
    }
    uint32_t off;
    switch (dbg_decode(addr, &off)) {
    case T_MBOX:
        return mbox_dbg_write(m->mbox, off, data);
    case T_SHA:
        return off < 0x1000u; /* SHA state is not writable through the backdoor */
    case T_SOC:
        return soc_ifc_dbg_write(&m->soc, off, data);
    default:
        return false;
    }
}

static void m_destroy(void *ctx) {
    cptra_model_t *m = ctx;
    if (!m) return;
    mbox_free(m->mbox);
    sha_acc_free(m->sha);
    free(m);
}

static const cptra_hw_ops_t model_ops = {
    .apb_access = m_apb,
    .uc_read = m_uc_read,
    .uc_write = m_uc_write,
    .set_pwrgood = m_set_pwrgood,
    .set_rst_b = m_set_rst_b,
    .set_notify = m_set_notify,
    .observe = m_observe,
    .dbg_read = m_dbg_read,
    .dbg_write = m_dbg_write,
    .destroy = m_destroy,
};

bool cptra_model_set_generic_input(cptra_hw_t hw, uint64_t cycle, unsigned idx, uint32_t value) {
    if (hw.ops != &model_ops || !hw.ctx || idx > 1) return false;
    cptra_model_t *m = hw.ctx;
    if (m->soc.gen_in[idx] != value) {
        m->soc.gen_in[idx] = value;
        /* pin -> register copy + interrupt flop: estimate 1 clk */
        hw_notify(&m->notify, CPTRA_EV_GENERIC_INPUT, cycle + 1);
    }
    return true;
}

cptra_hw_t cptra_model_new(const cptra_model_cfg_t *cfg) {
    cptra_hw_t hw = {NULL, NULL};
    cptra_model_t *m = calloc(1, sizeof(*m));
    if (!m) return hw;
    if (cfg)
        m->cfg = *cfg;
    else
        cptra_model_default_cfg(&m->cfg);
    m->notify.fn = model_notify;
    m->notify.ctx = m;
    m->mbox = mbox_new(&m->notify);
    m->sha = sha_acc_new();
    if (!m->mbox || !m->sha) {
        m_destroy(m);
        return hw;
    }
    boot_init(&m->boot, &m->notify, m->cfg.bootfsm_brkpoint);
    soc_ifc_init(&m->soc, &m->cfg, &m->boot, &m->notify);
    hw.ops = &model_ops;
    hw.ctx = m;
    return hw;
}
