/* Mailbox CSR block, FSM and SRAM (caliptra-1x.md §1).
 *
 * Timing: register side effects (LOCK set, CMD/DLEN/DATAIN values, EXECUTE, STATUS) take effect
 * at the access; FSM arcs are queued as events that the FSM evaluates MBOX_LAT_FSM cycles later
 * (as the RTL's next-state logic does one cycle after the register flop). The queue is drained
 * lazily before each access ("settle"). The uC side settles all queued events before its own
 * access: a real core cannot issue a load within a cycle of the interrupt, so it always sees the
 * settled FSM (README "decisions"). */
#include "mbox.h"

#include <stdlib.h>
#include <string.h>

typedef enum {
    EV_LOCK,     /* lock acquired: IDLE -> RDY_FOR_CMD */
    EV_CMD,      /* CMD written: RDY_FOR_CMD -> RDY_FOR_DLEN */
    EV_DLEN,     /* DLEN written: RDY_FOR_DLEN -> RDY_FOR_DATA */
    EV_EXEC_SET, /* EXECUTE=1: RDY_FOR_DATA -> EXECUTE_UC/SOC */
    EV_EXEC_CLR, /* EXECUTE=0 by the requester: EXECUTE_* -> IDLE */
    EV_STATUS,   /* receiver wrote STATUS: EXECUTE_UC <-> EXECUTE_SOC */
    EV_OOO,      /* out-of-order access: -> ERROR */
    EV_UNLOCK,   /* uC force unlock: any -> IDLE */
} mbox_ev_t;

#define MBOX_QLEN 16

struct mbox {
    hw_notify_t notify;
    bool lock, soc_has_lock, execute;
    uint32_t user, cmd, dlen, datain, status;
    uint32_t wrptr;  /* next DATAIN word */
    uint32_t hwm;    /* high-water mark of direct uC SRAM writes since the last arc */
    uint32_t rd_idx; /* word currently presented in DATAOUT */
    uint32_t rd_len; /* latched read length in dwords */
    lag_t fsm;       /* real FSM state */
    lag_t shl;       /* real soc_has_lock flop */
    lag_t rdptr;     /* real rdptr flop */
    struct {
        uint64_t eff;
        uint8_t ev;
    } q[MBOX_QLEN];
    unsigned nq;
    uint32_t sram[MBOX_DEPTH_DW];
};

mbox_t *mbox_new(const hw_notify_t *notify) {
    mbox_t *m = calloc(1, sizeof(*m));
    if (!m) return NULL;
    if (notify) m->notify = *notify;
    mbox_reset(m);
    return m;
}

void mbox_free(mbox_t *m) {
    free(m);
}

void mbox_reset(mbox_t *m) {
    m->lock = m->soc_has_lock = m->execute = false;
    m->user = m->cmd = m->dlen = m->datain = m->status = 0;
    m->wrptr = m->hwm = m->rd_idx = m->rd_len = 0;
    lag_reset(&m->fsm, MBOX_IDLE);
    lag_reset(&m->shl, 0);
    lag_reset(&m->rdptr, 0);
    m->nq = 0;
}

static void push(mbox_t *m, uint64_t eff, mbox_ev_t ev);

static uint32_t ceil_dw(uint32_t dlen) {
    uint64_t dw = ((uint64_t)dlen + 3u) / 4u;
    return dw > MBOX_DEPTH_DW ? MBOX_DEPTH_DW : (uint32_t)dw;
}

/* Entry into EXECUTE_UC / EXECUTE_SOC: pointer resets, dword 0 pre-loaded, read length latched
 * as min(words written, ceil(DLEN/4)) (§1.2). Direct uC SRAM writes count as written words. */
static void enter_execute(mbox_t *m, uint64_t eff) {
    uint32_t written = m->wrptr > m->hwm ? m->wrptr : m->hwm;
    uint32_t want = ceil_dw(m->dlen);
    m->rd_len = written < want ? written : want;
    m->wrptr = 0;
    m->hwm = 0;
    m->rd_idx = 0;
    lag_set(&m->rdptr, eff, 1);
}

static void go_idle(mbox_t *m, uint64_t eff) {
    lag_set(&m->fsm, eff, MBOX_IDLE);
    m->lock = false;
    m->status = 0;
    m->soc_has_lock = false;
    lag_set(&m->shl, eff, 0);
}

static void apply(mbox_t *m, uint64_t eff, mbox_ev_t ev) {
    mbox_fsm_t st = (mbox_fsm_t)m->fsm.cur;
    switch (ev) {
    case EV_LOCK:
        if (st == MBOX_IDLE && m->lock) lag_set(&m->fsm, eff, MBOX_RDY_FOR_CMD);
        break;
    case EV_CMD:
        if (st == MBOX_RDY_FOR_CMD) lag_set(&m->fsm, eff, MBOX_RDY_FOR_DLEN);
        break;
    case EV_DLEN:
        if (st == MBOX_RDY_FOR_DLEN) {
            lag_set(&m->fsm, eff, MBOX_RDY_FOR_DATA);
            m->wrptr = 0;
            m->hwm = 0;
        }
        break;
    case EV_EXEC_SET:
        if (st == MBOX_RDY_FOR_DATA && m->execute) {
            lag_set(&m->fsm, eff, m->soc_has_lock ? MBOX_EXECUTE_UC : MBOX_EXECUTE_SOC);
            enter_execute(m, eff);
        }
        break;
    case EV_STATUS:
        if (m->status == MBOX_STATUS_CMD_BUSY) break;
        if (st == MBOX_EXECUTE_UC && m->soc_has_lock) {
            lag_set(&m->fsm, eff, MBOX_EXECUTE_SOC);
            enter_execute(m, eff);
        } else if (st == MBOX_EXECUTE_SOC && m->lock && !m->soc_has_lock) {
            lag_set(&m->fsm, eff, MBOX_EXECUTE_UC);
            enter_execute(m, eff);
        }
        break;
    case EV_EXEC_CLR:
        if ((st == MBOX_EXECUTE_UC || st == MBOX_EXECUTE_SOC) && !m->execute) go_idle(m, eff);
        break;
    case EV_OOO:
        if (st != MBOX_IDLE) lag_set(&m->fsm, eff, MBOX_ERROR);
        break;
    case EV_UNLOCK:
        go_idle(m, eff);
        m->execute = false;
        m->wrptr = m->hwm = 0;
        break;
    }
}

static void settle(mbox_t *m, uint64_t t) {
    unsigned i = 0;
    while (i < m->nq && m->q[i].eff <= t) {
        apply(m, m->q[i].eff, (mbox_ev_t)m->q[i].ev);
        i++;
    }
    if (i) {
        memmove(m->q, m->q + i, (m->nq - i) * sizeof(m->q[0]));
        m->nq -= i;
    }
}

static void settle_all(mbox_t *m) {
    settle(m, UINT64_MAX);
}

static void push(mbox_t *m, uint64_t eff, mbox_ev_t ev) {
    if (m->nq == MBOX_QLEN) { /* cannot happen at bus rates; keep bounded */
        apply(m, m->q[0].eff, (mbox_ev_t)m->q[0].ev);
        memmove(m->q, m->q + 1, (m->nq - 1) * sizeof(m->q[0]));
        m->nq--;
    }
    m->q[m->nq].eff = eff;
    m->q[m->nq].ev = (uint8_t)ev;
    m->nq++;
}

mbox_fsm_t mbox_state_at(mbox_t *m, uint64_t c) {
    settle(m, c);
    return (mbox_fsm_t)lag_at(&m->fsm, c);
}

static bool valid_requester(const mbox_t *m, bool soc, uint32_t pauser, mbox_fsm_t st) {
    if (!m->lock) return false;
    if (!soc) return !m->soc_has_lock || st == MBOX_EXECUTE_UC;
    return m->soc_has_lock && pauser == m->user;
}

static bool valid_receiver(const mbox_t *m, bool soc, uint32_t pauser, mbox_fsm_t st) {
    if (!m->lock) return false;
    if (!soc && m->soc_has_lock && st == MBOX_EXECUTE_UC) return true;
    if (soc && !m->soc_has_lock && st == MBOX_EXECUTE_SOC) return true;
    return valid_requester(m, soc, pauser, st) && ((m->soc_has_lock && st == MBOX_EXECUTE_SOC) ||
                                                   (!m->soc_has_lock && st == MBOX_EXECUTE_UC));
}

static uint32_t status_value(const mbox_t *m, uint64_t c) {
    uint64_t p = c ? c - MBOX_LAT_MIRROR : 0; /* mirror = real flop one cycle earlier */
    return (m->status & 0xFu) | ((lag_at(&m->fsm, p) & 7u) << 6) |
           ((lag_at(&m->shl, p) & 1u) << 9) | ((lag_at(&m->rdptr, p) & 0x7FFFu) << 10);
}

static uint32_t rdptr_after(const mbox_t *m) {
    /* rdptr points at the next word to fetch and stops at the latched length. */
    uint32_t p = m->rd_idx + 1;
    if (m->rd_len && p > m->rd_len) p = m->rd_len;
    if (!m->rd_len) p = 1;
    return p;
}

static bool is_holder(const mbox_t *m, bool soc, uint32_t pauser) {
    return m->lock && soc && m->soc_has_lock && pauser == m->user;
}

/* Out-of-order check for the lock-holding SoC agent, and for SoC receivers of a uC message. */
static bool soc_ooo(const mbox_t *m, mbox_fsm_t st, uint32_t off, bool write, uint32_t pauser) {
    bool dataout_rd = !write && off == MBOX_DATAOUT;
    if (is_holder(m, true, pauser)) {
        switch (st) {
        case MBOX_RDY_FOR_CMD:
            return dataout_rd || (write && off != MBOX_CMD);
        case MBOX_RDY_FOR_DLEN:
            return dataout_rd || (write && off != MBOX_DLEN);
        case MBOX_RDY_FOR_DATA:
            return dataout_rd || (write && off != MBOX_DATAIN && off != MBOX_EXECUTE);
        case MBOX_EXECUTE_UC:
            return dataout_rd || write;
        case MBOX_EXECUTE_SOC:
            return write && off != MBOX_EXECUTE;
        default:
            return false;
        }
    }
    if (m->lock && !m->soc_has_lock && st == MBOX_EXECUTE_SOC) return write && off != MBOX_STATUS;
    return false;
}

uint32_t mbox_read(mbox_t *m, uint64_t c, uint32_t off, bool soc, uint32_t pauser, uint32_t *err) {
    if (soc)
        settle(m, c);
    else
        settle_all(m);
    mbox_fsm_t st = (mbox_fsm_t)m->fsm.cur;
    if (soc && off == MBOX_DATAOUT) {
        if (st == MBOX_IDLE && !m->lock) {
            *err |= HW_ERR_MBOX_PROT_NO_LOCK;
            return 0;
        }
        if (soc_ooo(m, st, off, false, pauser)) {
            *err |= HW_ERR_MBOX_PROT_OOO;
            push(m, c + MBOX_LAT_FSM, EV_OOO);
            return 0;
        }
    }
    switch (off) {
    case MBOX_LOCK: {
        uint32_t v = m->lock;
        if (!m->lock) {
            m->lock = true;
            m->soc_has_lock = soc;
            m->user = soc ? pauser : CPTRA_UC_PAUSER;
            lag_set(&m->shl, c + 1, soc);
            push(m, c + MBOX_LAT_FSM, EV_LOCK);
        } else if (soc && !m->soc_has_lock) {
            hw_notify(&m->notify, CPTRA_EV_SOC_REQ_LOCK, c + MBOX_LAT_NOTIF);
        }
        return v;
    }
    case MBOX_USER:
        return m->user;
    case MBOX_CMD:
        return m->cmd;
    case MBOX_DLEN:
        return m->dlen;
    case MBOX_DATAIN:
        return m->datain;
    case MBOX_DATAOUT: {
        if (!valid_receiver(m, soc, pauser, st)) return 0;
        uint32_t v = m->rd_idx < m->rd_len ? m->sram[m->rd_idx] : 0;
        if (m->rd_idx < m->rd_len) {
            m->rd_idx++;
            lag_set(&m->rdptr, c + 1, rdptr_after(m));
        }
        return v;
    }
    case MBOX_EXECUTE:
        return m->execute;
    case MBOX_STATUS:
        return status_value(m, c);
    default:
        return 0; /* UNLOCK reads 0 (pulse); undefined offsets read 0 */
    }
}

void mbox_write(mbox_t *m, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser,
                uint32_t *err) {
    if (soc)
        settle(m, c);
    else
        settle_all(m);
    mbox_fsm_t st = (mbox_fsm_t)m->fsm.cur;
    if (soc) {
        if (st == MBOX_IDLE && !m->lock) {
            *err |= HW_ERR_MBOX_PROT_NO_LOCK;
            return;
        }
        if (soc_ooo(m, st, off, true, pauser)) {
            *err |= HW_ERR_MBOX_PROT_OOO;
            push(m, c + MBOX_LAT_FSM, EV_OOO);
            return;
        }
    }
    if (st == MBOX_ERROR && off != MBOX_UNLOCK) return;
    bool req = valid_requester(m, soc, pauser, st);
    switch (off) {
    case MBOX_CMD:
        if (req && st == MBOX_RDY_FOR_CMD) {
            m->cmd = d;
            push(m, c + MBOX_LAT_FSM, EV_CMD);
        }
        break;
    case MBOX_DLEN:
        if (req && (st == MBOX_RDY_FOR_DLEN || (!soc && st == MBOX_EXECUTE_UC))) {
            m->dlen = d;
            if (st == MBOX_RDY_FOR_DLEN) push(m, c + MBOX_LAT_FSM, EV_DLEN);
        }
        break;
    case MBOX_DATAIN:
        if (req && (st == MBOX_RDY_FOR_DATA || (!soc && st == MBOX_EXECUTE_UC))) {
            m->datain = d;
            if (m->wrptr < MBOX_DEPTH_DW)
                m->sram[m->wrptr++] = d; /* past the end: dropped ("full") */
        }
        break;
    case MBOX_EXECUTE:
        /* swwe = valid_requester (§1.2): this includes the uC in EXECUTE_UC even when the SoC
         * holds the lock, so a uC EXECUTE=0 there releases the mailbox as in RTL. */
        if (!req) break;
        if (st == MBOX_RDY_FOR_DATA) {
            m->execute = d & 1u;
            if (m->execute) {
                push(m, c + MBOX_LAT_FSM, EV_EXEC_SET);
                if (soc) hw_notify(&m->notify, CPTRA_EV_CMD_AVAIL, c + MBOX_LAT_CMD_AVAIL);
            }
        } else if ((st == MBOX_EXECUTE_SOC || st == MBOX_EXECUTE_UC) && !(d & 1u)) {
            m->execute = false;
            push(m, c + MBOX_LAT_FSM, EV_EXEC_CLR);
            if (soc) hw_notify(&m->notify, CPTRA_EV_MBOX_RELEASED, c + MBOX_LAT_FSM);
        }
        break;
    case MBOX_STATUS:
        if (valid_receiver(m, soc, pauser, st)) {
            m->status = d & 0xFu;
            push(m, c + MBOX_LAT_FSM, EV_STATUS);
            if (soc) hw_notify(&m->notify, CPTRA_EV_SOC_STATUS, c + MBOX_LAT_NOTIF);
        }
        break;
    case MBOX_UNLOCK:
        if (!soc && (d & 1u)) push(m, c + MBOX_LAT_FSM, EV_UNLOCK);
        break;
    default:
        break; /* RO registers and undefined offsets: dropped */
    }
}

uint32_t mbox_sram_read(const mbox_t *m, uint32_t idx) {
    return idx < MBOX_DEPTH_DW ? m->sram[idx] : 0;
}

void mbox_sram_write(mbox_t *m, uint64_t c, uint32_t idx, uint32_t d) {
    (void)c;
    settle_all(m);
    if (idx >= MBOX_DEPTH_DW) return;
    m->sram[idx] = d;
    if (idx + 1 > m->hwm) m->hwm = idx + 1;
}

const uint32_t *mbox_sram(const mbox_t *m) {
    return m->sram;
}

void mbox_dbg_sram_write(mbox_t *m, uint32_t idx, uint32_t d) {
    if (idx < MBOX_DEPTH_DW) m->sram[idx] = d;
}

bool mbox_dbg_read(const mbox_t *m, uint32_t off, uint32_t *d) {
    switch (off) {
    case MBOX_LOCK:
        *d = m->lock;
        return true;
    case MBOX_USER:
        *d = m->user;
        return true;
    case MBOX_CMD:
        *d = m->cmd;
        return true;
    case MBOX_DLEN:
        *d = m->dlen;
        return true;
    case MBOX_DATAIN:
        *d = m->datain;
        return true;
    case MBOX_DATAOUT:
        *d = m->rd_idx < m->rd_len ? m->sram[m->rd_idx] : 0;
        return true;
    case MBOX_EXECUTE:
        *d = m->execute;
        return true;
    case MBOX_STATUS:
        *d = (m->status & 0xFu) | ((m->fsm.cur & 7u) << 6) | ((m->shl.cur & 1u) << 9) |
             ((m->rdptr.cur & 0x7FFFu) << 10);
        return true;
    case MBOX_UNLOCK:
        *d = 0;
        return true;
    default:
        *d = 0;
        return off < 0x1000u;
    }
}

bool mbox_dbg_write(mbox_t *m, uint32_t off, uint32_t d) {
    switch (off) {
    case MBOX_CMD:
        m->cmd = d;
        return true;
    case MBOX_DLEN:
        m->dlen = d;
        return true;
    case MBOX_DATAIN:
        m->datain = d;
        return true;
    case MBOX_STATUS:
        m->status = d & 0xFu;
        return true;
    default:
        return off < 0x1000u; /* no FSM side effects through the backdoor */
    }
}

void mbox_observe(mbox_t *m, uint64_t c, cptra_hw_obs_t *o) {
    settle(m, c);
    mbox_fsm_t st = (mbox_fsm_t)lag_at(&m->fsm, c);
    o->mbox_fsm = (uint8_t)st;
    o->mbox_lock = m->lock;
    o->soc_has_lock = (uint8_t)lag_at(&m->shl, c);
    o->mbox_execute = m->execute;
    o->mbox_user = m->user;
    o->mbox_status = m->status & 0xFu;
    o->mailbox_data_avail = st == MBOX_EXECUTE_SOC;
}
