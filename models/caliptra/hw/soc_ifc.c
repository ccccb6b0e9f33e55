/* soc_ifc_reg (caliptra-1x.md §2): table-driven storage + the registers with behaviour. */
#include "soc_ifc.h"

#include <string.h>

#define ALL 0xFFFFFFFFu

/* off, count, name, reset, mask, kind, pwrgood-domain. Source: §2 register table. */
const soc_reg_desc_t soc_ifc_regs[] = {
    {0x000, 1, "CPTRA_HW_ERROR_FATAL", 0, 0xF, R_RW1C, 1},
    {0x004, 1, "CPTRA_HW_ERROR_NON_FATAL", 0, 0x7, R_RW1C, 1},
    {0x008, 1, "CPTRA_FW_ERROR_FATAL", 0, ALL, R_SPECIAL, 1},
    {0x00C, 1, "CPTRA_FW_ERROR_NON_FATAL", 0, ALL, R_SPECIAL, 1},
    {0x010, 1, "CPTRA_HW_ERROR_ENC", 0, ALL, R_RW, 1},
    {0x014, 1, "CPTRA_FW_ERROR_ENC", 0, ALL, R_RW, 1},
    {0x018, 8, "CPTRA_FW_EXTENDED_ERROR_INFO", 0, ALL, R_RW, 1},
    {0x038, 1, "CPTRA_BOOT_STATUS", 0, ALL, R_UC, 0},
    {0x03C, 1, "CPTRA_FLOW_STATUS", 0, 0xB1FFFFFFu, R_SPECIAL, 0},
    {0x040, 1, "CPTRA_RESET_REASON", 0, 0x3, R_SPECIAL, 0},
    {0x044, 1, "CPTRA_SECURITY_STATE", 0, 0xF, R_SPECIAL, 0},
    {0x048, 5, "CPTRA_MBOX_VALID_PAUSER", ALL, ALL, R_PLOCKED, 0},
    {0x05C, 5, "CPTRA_MBOX_PAUSER_LOCK", 0, 0x1, R_LOCKBIT, 0},
    {0x070, 1, "CPTRA_TRNG_VALID_PAUSER", ALL, ALL, R_PLOCKED, 0},
    {0x074, 1, "CPTRA_TRNG_PAUSER_LOCK", 0, 0x1, R_LOCKBIT, 0},
    {0x078, 12, "CPTRA_TRNG_DATA", 0, ALL, R_SPECIAL, 0},
    {0x0A8, 1, "CPTRA_TRNG_CTRL", 0, 0x1, R_SPECIAL, 0},
    {0x0AC, 1, "CPTRA_TRNG_STATUS", 0, 0x3, R_SPECIAL, 0},
    {0x0B0, 1, "CPTRA_FUSE_WR_DONE", 0, 0x1, R_SPECIAL, 1},
    {0x0B4, 1, "CPTRA_TIMER_CONFIG", 0, ALL, R_RW, 1},
    {0x0B8, 1, "CPTRA_BOOTFSM_GO", 0, 0x1, R_SPECIAL, 0},
    {0x0BC, 1, "CPTRA_DBG_MANUF_SERVICE_REG", 0, ALL, R_RW, 0},
    {0x0C0, 1, "CPTRA_CLK_GATING_EN", 0, 0x1, R_SOC, 0},
    {0x0C4, 2, "CPTRA_GENERIC_INPUT_WIRES", 0, ALL, R_SPECIAL, 0},
    {0x0CC, 2, "CPTRA_GENERIC_OUTPUT_WIRES", 0, ALL, R_UC, 0},
    {0x0D4, 1, "CPTRA_HW_REV_ID", 0x11, ALL, R_SPECIAL, 0},
    {0x0D8, 2, "CPTRA_FW_REV_ID", 0, ALL, R_UC, 0},
    {0x0E0, 1, "CPTRA_HW_CONFIG", 0, 0x1F, R_SPECIAL, 0},
    {0x0E4, 1, "CPTRA_WDT_TIMER1_EN", 0, 0x1, R_UC, 0},
    {0x0E8, 1, "CPTRA_WDT_TIMER1_CTRL", 0, 0x1, R_UC, 0},
    {0x0EC, 2, "CPTRA_WDT_TIMER1_TIMEOUT_PERIOD", ALL, ALL, R_UC, 0},
    {0x0F4, 1, "CPTRA_WDT_TIMER2_EN", 0, 0x1, R_UC, 0},
    {0x0F8, 1, "CPTRA_WDT_TIMER2_CTRL", 0, 0x1, R_UC, 0},
    {0x0FC, 2, "CPTRA_WDT_TIMER2_TIMEOUT_PERIOD", ALL, ALL, R_UC, 0},
    {0x104, 1, "CPTRA_WDT_STATUS", 0, 0x3, R_UC, 0},
    {0x108, 1, "CPTRA_FUSE_VALID_PAUSER", ALL, ALL, R_PLOCKED, 1},
    {0x10C, 1, "CPTRA_FUSE_PAUSER_LOCK", 0, 0x1, R_LOCKBIT, 1},
    {0x110, 2, "CPTRA_WDT_CFG", 0, ALL, R_RW, 1},
    {0x118, 1, "CPTRA_iTRNG_ENTROPY_CONFIG_0", 0, ALL, R_RW, 0},
    {0x11C, 1, "CPTRA_iTRNG_ENTROPY_CONFIG_1", 0, 0xFFFF, R_RW, 0},
    {0x120, 2, "CPTRA_RSVD_REG", 0, ALL, R_RW, 0},
    /* fuses: pwrgood, SoC write-locked by FUSE_WR_DONE (§2 fuse table) */
    {0x200, 12, "FUSE_UDS_SEED", 0, ALL, R_FUSE_W1, 1},
    {0x230, 8, "FUSE_FIELD_ENTROPY", 0, ALL, R_FUSE_W1, 1},
    {0x250, 12, "FUSE_KEY_MANIFEST_PK_HASH", 0, ALL, R_FUSE, 1},
    {0x280, 1, "FUSE_KEY_MANIFEST_PK_HASH_MASK", 0, 0xF, R_FUSE, 1},
    {0x284, 12, "FUSE_OWNER_PK_HASH", 0, ALL, R_FUSE, 1},
    {0x2B4, 1, "FUSE_FMC_KEY_MANIFEST_SVN", 0, ALL, R_FUSE, 1},
    {0x2B8, 4, "FUSE_RUNTIME_SVN", 0, ALL, R_FUSE, 1},
    {0x2C8, 1, "FUSE_ANTI_ROLLBACK_DISABLE", 0, 0x1, R_FUSE, 1},
    {0x2CC, 24, "FUSE_IDEVID_CERT_ATTR", 0, ALL, R_FUSE, 1},
    {0x32C, 4, "FUSE_IDEVID_MANUF_HSM_ID", 0, ALL, R_FUSE, 1},
    {0x33C, 1, "FUSE_LIFE_CYCLE", 0, 0x3, R_FUSE, 1},
    {0x340, 1, "FUSE_LMS_VERIFY", 0, 0x1, R_FUSE, 1},
    {0x344, 1, "FUSE_LMS_REVOCATION", 0, ALL, R_FUSE, 1},
    {0x348, 1, "FUSE_SOC_STEPPING_ID", 0, 0xFFFF, R_FUSE, 1},
    /* uC-internal (0x600+): SoC writes dropped */
    {0x600, 8, "internal_obf_key", 0, ALL, R_UC_WO, 0},
    {0x620, 1, "internal_iccm_lock", 0, 0x1, R_UC, 0},
    {0x624, 1, "internal_fw_update_reset", 0, 0x1, R_SPECIAL, 0},
    {0x628, 1, "internal_fw_update_reset_wait_cycles", 5, 0xFF, R_UC, 0},
    {0x62C, 1, "internal_nmi_vector", 0, ALL, R_UC, 0},
    {0x630, 1, "internal_hw_error_fatal_mask", 0, 0xF, R_SPECIAL, 0},
    {0x634, 1, "internal_hw_error_non_fatal_mask", 0, 0x7, R_SPECIAL, 0},
    {0x638, 1, "internal_fw_error_fatal_mask", 0, ALL, R_SPECIAL, 0},
    {0x63C, 1, "internal_fw_error_non_fatal_mask", 0, ALL, R_SPECIAL, 0},
    {0x640, 4, "internal_rv_mtime", 0, ALL, R_UC, 0},
    {0x800, 256, "intr_block_rf", 0, ALL, R_UC, 0},
    {0, 0, NULL, 0, 0, 0, 0},
};

const soc_reg_desc_t *soc_ifc_desc(uint32_t off) {
    if (off & 3u) return NULL;
    for (const soc_reg_desc_t *d = soc_ifc_regs; d->count; d++)
        if (off >= d->off && off < d->off + 4u * d->count) return d;
    return NULL;
}

#define R(s, off) ((s)->r[(off) / 4u])

void soc_ifc_init(soc_ifc_t *s, const cptra_model_cfg_t *cfg, boot_blk_t *boot,
                  const hw_notify_t *n) {
    memset(s, 0, sizeof(*s));
    s->notify = n ? *n : (hw_notify_t){0};
    s->boot = boot;
    s->security_state = cfg->security_state & 0xFu;
    s->hw_config = cfg->hw_config & 0x1Fu;
    s->gen_in[0] = cfg->generic_input_wires[0];
    s->gen_in[1] = cfg->generic_input_wires[1];
    s->set_mbox_pauser_integ = cfg->set_mbox_pauser_integ & 0x1Fu;
    memcpy(s->mbox_pauser_integ, cfg->mbox_valid_pauser_integ, sizeof(s->mbox_pauser_integ));
    s->set_fuse_pauser_integ = cfg->set_fuse_pauser_integ;
    s->fuse_pauser_integ = cfg->fuse_valid_pauser_integ;
    soc_ifc_reset(s, true);
}

void soc_ifc_reset(soc_ifc_t *s, bool cold) {
    /* RESET_REASON mixes domains: WARM_RESET[1] is pwrgood, FW_UPD_RESET[0] is rst_b */
    uint32_t warm = cold ? 0 : (R(s, CPTRA_RESET_REASON) & 2u);
    for (const soc_reg_desc_t *d = soc_ifc_regs; d->count; d++) {
        if (d->pwrgood && !cold) continue;
        for (unsigned i = 0; i < d->count; i++)
            s->r[d->off / 4u + i] = d->reset;
    }
    if (cold) {
        s->w1_written[0] = s->w1_written[1] = 0;
        lag_reset(&s->nf_pin, 0);
    }
    R(s, CPTRA_RESET_REASON) = warm;
    lag_reset(&s->fatal_pin, 0); /* cptra_error_fatal only clears by reset */
}

bool soc_ifc_mbox_pauser_ok(const soc_ifc_t *s, uint32_t pauser) {
    if (pauser == 0xFFFFFFFFu) /* CPTRA_DEF_MBOX_VALID_PAUSER: always valid (§0) */
        return true;
    for (unsigned i = 0; i < 5; i++) {
        uint32_t v;
        if (s->set_mbox_pauser_integ & (1u << i))
            v = s->mbox_pauser_integ[i];
        else if (R(s, CPTRA_MBOX_PAUSER_LOCK0 + 4 * i) & 1u)
            v = R(s, CPTRA_MBOX_VALID_PAUSER0 + 4 * i);
        else
            v = 0xFFFFFFFFu; /* unlocked slot contributes 0xFFFF_FFFF (§2) */
        if (pauser == v) return true;
    }
    return false;
}

bool soc_ifc_fuse_pauser_ok(const soc_ifc_t *s, uint32_t pauser) {
    if (s->set_fuse_pauser_integ) return pauser == s->fuse_pauser_integ;
    if (R(s, CPTRA_FUSE_PAUSER_LOCK) & 1u) return pauser == R(s, CPTRA_FUSE_VALID_PAUSER);
    return true;
}

static void update_pins(soc_ifc_t *s, uint64_t c, uint32_t old_hw_fatal, uint32_t old_fw_fatal) {
    uint32_t nf = (R(s, CPTRA_HW_ERROR_NON_FATAL) & ~R(s, 0x634)) |
                  (R(s, CPTRA_FW_ERROR_NON_FATAL) & ~R(s, 0x63C));
    uint32_t lvl = nf != 0;
    if (s->nf_pin.cur != lvl) lag_set(&s->nf_pin, c + SOC_IFC_LAT_ERR_PIN, lvl);
    uint32_t new_hw = R(s, CPTRA_HW_ERROR_FATAL) & ~old_hw_fatal & ~R(s, 0x630);
    uint32_t new_fw = R(s, CPTRA_FW_ERROR_FATAL) & ~old_fw_fatal & ~R(s, 0x638);
    if ((new_hw | new_fw) && !s->fatal_pin.cur) lag_set(&s->fatal_pin, c + SOC_IFC_LAT_ERR_PIN, 1);
}

void soc_ifc_hw_error_nf(soc_ifc_t *s, uint64_t c, uint32_t bits) {
    uint32_t hf = R(s, CPTRA_HW_ERROR_FATAL), ff = R(s, CPTRA_FW_ERROR_FATAL);
    R(s, CPTRA_HW_ERROR_NON_FATAL) |= bits & 0x7u;
    update_pins(s, c, hf, ff);
}

uint32_t soc_ifc_flow_status(const soc_ifc_t *s, uint64_t c) {
    uint32_t v = R(s, CPTRA_FLOW_STATUS) & 0xB1FFFFFFu;
    v |= ((uint32_t)boot_state_at(s->boot, c) & 7u) << FLOW_STATUS_BOOT_FSM_SHIFT;
    if (boot_ready_for_fuses(s->boot, c)) v |= FLOW_STATUS_READY_FOR_FUSES;
    return v;
}

static bool trng_ok(const soc_ifc_t *s, uint32_t pauser) {
    return !(R(s, CPTRA_TRNG_PAUSER_LOCK) & 1u) || pauser == R(s, CPTRA_TRNG_VALID_PAUSER);
}

static uint32_t read_special(const soc_ifc_t *s, uint64_t c, uint32_t off, bool soc,
                             uint32_t pauser) {
    if (off == CPTRA_FLOW_STATUS) return soc_ifc_flow_status(s, c);
    if (off == CPTRA_SECURITY_STATE) return s->security_state;
    if (off == CPTRA_HW_CONFIG) return s->hw_config;
    if (off == CPTRA_GENERIC_INPUT_WIRES0 || off == CPTRA_GENERIC_INPUT_WIRES0 + 4)
        return s->gen_in[(off - CPTRA_GENERIC_INPUT_WIRES0) / 4];
    if (off == CPTRA_HW_REV_ID) /* CPTRA_GENERATION 0x0011 (1.1), stepping from the fuse */
        return 0x11u | (R(s, FUSE_SOC_STEPPING_ID) & 0xFFFFu) << 16;
    if (off >= CPTRA_TRNG_DATA0 && off < CPTRA_TRNG_DATA0 + 48)
        return (!soc || trng_ok(s, pauser)) ? R(s, off) : 0;
    if (off == CPTRA_TRNG_CTRL || off == CPTRA_INTERNAL_FW_UPDATE_RESET)
        return 0; /* single-cycle pulses */
    return R(s, off);
}

uint32_t soc_ifc_read(soc_ifc_t *s, uint64_t c, uint32_t off, bool soc, uint32_t pauser) {
    const soc_reg_desc_t *d = soc_ifc_desc(off);
    if (!d) return 0;
    switch (d->kind) {
    case R_SPECIAL:
        return read_special(s, c, off, soc, pauser);
    case R_FUSE_W1:
        return soc ? 0 : R(s, off); /* secret fuses read 0 to the SoC [measured] */
    case R_UC_WO:
        return 0;
    default:
        return R(s, off);
    }
}

static void write_special(soc_ifc_t *s, uint64_t c, uint32_t off, uint32_t d, bool soc,
                          uint32_t pauser) {
    uint32_t hf = R(s, CPTRA_HW_ERROR_FATAL), ff = R(s, CPTRA_FW_ERROR_FATAL);
    switch (off) {
    case CPTRA_FW_ERROR_FATAL:
    case CPTRA_FW_ERROR_NON_FATAL:
        R(s, off) = d; /* RW for SoC and uC (§2) */
        update_pins(s, c, hf, ff);
        return;
    case 0x630:
    case 0x634:
    case 0x638:
    case 0x63C:
        if (!soc) {
            R(s, off) = d & soc_ifc_desc(off)->mask;
            update_pins(s, c, hf, ff);
        }
        return;
    case CPTRA_FLOW_STATUS:
        if (!soc) /* FW-owned bits; boot_fsm_ps and ready_for_fuses are live HW */
            R(s, off) = d & 0xB1FFFFFFu;
        return;
    case CPTRA_FUSE_WR_DONE:
        if (!soc) return;
        R(s, off) |= d & 1u; /* write-1-to-set, SoC cannot clear [measured] */
        boot_fuse_wr_done(s->boot, c, R(s, off) & 1u); /* any write counts as "observed" */
        return;
    case 0x0B8: /* CPTRA_BOOTFSM_GO */
        if (!soc) return;
        R(s, off) = d & 1u;
        if (d & 1u) boot_go(s->boot, c);
        return;
    case CPTRA_TRNG_CTRL:
        if (!soc && (d & 1u)) /* clear: wipes TRNG_DATA */
            for (unsigned i = 0; i < 12; i++)
                R(s, CPTRA_TRNG_DATA0 + 4 * i) = 0;
        return;
    case CPTRA_TRNG_STATUS:
        if (soc) {
            if (trng_ok(s, pauser) && (d & 2u)) R(s, off) |= 2u; /* DATA_WR_DONE */
        } else {
            R(s, off) = (R(s, off) & ~1u) | (d & 1u); /* DATA_REQ */
            if (!(d & 1u)) R(s, off) &= ~2u;          /* WR_DONE HW-cleared when DATA_REQ=0 */
        }
        return;
    case CPTRA_INTERNAL_FW_UPDATE_RESET:
        if (!soc && (d & 1u)) {
            R(s, CPTRA_RESET_REASON) |= 1u; /* FW_UPD_RESET */
            R(s, 0x620) = 0; /* internal_iccm_lock: ICCM unlocked by the update reset (§2.2) */
            boot_fw_update_reset(s->boot, c, R(s, CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES));
        }
        return;
    default:
        if (off >= CPTRA_TRNG_DATA0 && off < CPTRA_TRNG_DATA0 + 48) {
            if (!soc || trng_ok(s, pauser)) R(s, off) = d;
        }
        return; /* RESET_REASON, SECURITY_STATE, HW_REV_ID, HW_CONFIG, GENERIC_INPUT: RO */
    }
}

void soc_ifc_write(soc_ifc_t *s, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser) {
    const soc_reg_desc_t *dsc = soc_ifc_desc(off);
    if (!dsc) return;
    uint32_t m = dsc->mask;
    uint32_t *r = &R(s, off);
    uint32_t hf = R(s, CPTRA_HW_ERROR_FATAL), ff = R(s, CPTRA_FW_ERROR_FATAL);
    switch (dsc->kind) {
    case R_RW:
        *r = d & m;
        return;
    case R_RW1C:
        *r &= ~(d & m);
        update_pins(s, c, hf, ff);
        return;
    case R_UC:
        if (!soc) *r = d & m;
        return;
    case R_UC_WO:
        if (!soc) *r = d & m;
        return;
    case R_SOC:
        if (soc) *r = d & m;
        return;
    case R_PLOCKED: {
        uint32_t lock_off = off == CPTRA_TRNG_VALID_PAUSER   ? CPTRA_TRNG_PAUSER_LOCK
                            : off == CPTRA_FUSE_VALID_PAUSER ? CPTRA_FUSE_PAUSER_LOCK
                                                             : off + 0x14u;
        if (soc && !(R(s, lock_off) & 1u)) *r = d & m;
        return;
    }
    case R_LOCKBIT:
        if (soc && !(*r & 1u)) *r = d & m;
        return;
    case R_FUSE:
        if (soc && !(R(s, CPTRA_FUSE_WR_DONE) & 1u)) *r = d & m;
        return;
    case R_FUSE_W1: {
        unsigned i = (off - FUSE_UDS_SEED0) / 4u; /* 0..19 over UDS + FE */
        if (soc && !(R(s, CPTRA_FUSE_WR_DONE) & 1u) && !(s->w1_written[0] & (1ull << i))) {
            *r = d;
            s->w1_written[0] |= 1ull << i;
        }
        return;
    }
    case R_SPECIAL:
        write_special(s, c, off, d, soc, pauser);
        return;
    default:
        return;
    }
}

bool soc_ifc_dbg_read(const soc_ifc_t *s, uint32_t off, uint32_t *d) {
    *d = 0;
    if (off >= 0x1000u) return false;
    if (!(off & 3u)) *d = R(s, off);
    if (off == CPTRA_HW_REV_ID) *d = 0x11u | (R(s, FUSE_SOC_STEPPING_ID) & 0xFFFFu) << 16;
    if (off == CPTRA_SECURITY_STATE) *d = s->security_state;
    if (off == CPTRA_HW_CONFIG) *d = s->hw_config;
    return true;
}

bool soc_ifc_dbg_write(soc_ifc_t *s, uint32_t off, uint32_t d) {
    if (off >= 0x1000u) return false;
    if (!(off & 3u) && soc_ifc_desc(off)) R(s, off) = d;
    return true;
}
