/* Boot FSM (caliptra-1x.md §2.2). No ticking: the state at cycle t is a function of the stored
 * pin-change and register-write cycles. */
#include "boot_fsm.h"

void boot_init(boot_blk_t *b, const hw_notify_t *n, bool brkpoint) {
    b->notify = n ? *n : (hw_notify_t){0};
    b->pwrgood = b->rst_b = false;
    b->brkpoint = brkpoint;
    b->rst_deassert = 0;
    b->fuse_done_seen = b->go_seen = b->fwu = false;
    b->fuse_done_cycle = b->go_cycle = b->fwu_cycle = 0;
    b->fwu_wait = 0;
}

bool boot_noncore_live(const boot_blk_t *b, uint64_t t) {
    return b->pwrgood && b->rst_b && t >= b->rst_deassert + BOOT_LAT_FUSE;
}

/* Cycle at which BOOT_DONE is first entered after FUSE (cold/warm path), or UINT64_MAX. */
static uint64_t done_cycle(const boot_blk_t *b) {
    if (!b->fuse_done_seen) return UINT64_MAX;
    if (!b->brkpoint) return b->fuse_done_cycle + BOOT_LAT_FSM;
    if (!b->go_seen) return UINT64_MAX;
    uint64_t g = b->go_cycle + BOOT_LAT_FSM;
    uint64_t w = b->fuse_done_cycle + BOOT_LAT_FSM;
    return g > w ? g : w + 1;
}

boot_fsm_t boot_state_at(const boot_blk_t *b, uint64_t t) {
    if (!boot_noncore_live(b, t)) return BOOT_IDLE;
    if (!b->fuse_done_seen || t < b->fuse_done_cycle + BOOT_LAT_FSM) return BOOT_FUSE;
    uint64_t d = done_cycle(b);
    if (t < d) return BOOT_WAIT;
    if (b->fwu && t >= b->fwu_cycle + BOOT_LAT_FSM) {
        uint64_t fw_rst = b->fwu_cycle + BOOT_LAT_FSM;
        if (t < fw_rst + BOOT_LAT_FW_RST) return BOOT_FW_RST;
        if (t < fw_rst + BOOT_LAT_FW_RST + b->fwu_wait) return BOOT_WAIT;
    }
    return BOOT_DONE;
}

bool boot_ready_for_fuses(const boot_blk_t *b, uint64_t t) {
    if (boot_state_at(b, t) != BOOT_FUSE) return false;
    return !(b->fuse_done_seen && t >= b->fuse_done_cycle + BOOT_LAT_RFF_DROP);
}

static uint64_t uc_release_cycle(const boot_blk_t *b) {
    uint64_t d = done_cycle(b);
    if (d == UINT64_MAX) return UINT64_MAX;
    return d + (BOOT_LAT_UC_RELEASE - BOOT_LAT_FSM);
}

static uint64_t fwu_release_cycle(const boot_blk_t *b) {
    return b->fwu_cycle + BOOT_LAT_FSM + BOOT_LAT_FW_RST + b->fwu_wait +
           (BOOT_LAT_UC_RELEASE - BOOT_LAT_FSM);
}

bool boot_uc_in_reset(const boot_blk_t *b, uint64_t t) {
    if (!boot_noncore_live(b, t)) return true;
    if (t < uc_release_cycle(b)) return true;
    if (b->fwu && t >= b->fwu_cycle + BOOT_LAT_FSM && t < fwu_release_cycle(b)) return true;
    return false;
}

void boot_set_pwrgood(boot_blk_t *b, uint64_t c, bool level) {
    if (!level && b->pwrgood) {
        b->fuse_done_seen = b->go_seen = b->fwu = false;
        hw_notify(&b->notify, CPTRA_EV_UC_RESET_ASSERTED, c);
    }
    if (!level) b->rst_b = false;
    b->pwrgood = level;
}

void boot_set_rst_b(boot_blk_t *b, uint64_t c, bool level) {
    if (level && !b->rst_b) {
        b->rst_deassert = c;
        b->fuse_done_seen = b->go_seen = b->fwu = false;
    } else if (!level && b->rst_b) {
        b->fuse_done_seen = b->go_seen = b->fwu = false;
        hw_notify(&b->notify, CPTRA_EV_UC_RESET_ASSERTED, c);
    }
    b->rst_b = level;
}

void boot_fuse_wr_done(boot_blk_t *b, uint64_t c, bool done) {
    if (!done || b->fuse_done_seen || boot_state_at(b, c) != BOOT_FUSE) return;
    b->fuse_done_seen = true;
    b->fuse_done_cycle = c;
    if (!b->brkpoint)
        hw_notify(&b->notify, CPTRA_EV_UC_RESET_RELEASED, c + BOOT_LAT_UC_RELEASE);
    else if (b->go_seen) /* GO written while still in FUSE: leave WAIT right away */
        hw_notify(&b->notify, CPTRA_EV_UC_RESET_RELEASED, uc_release_cycle(b));
}

void boot_go(boot_blk_t *b, uint64_t c) {
    if (b->go_seen || !boot_noncore_live(b, c)) return;
    b->go_seen = true;
    b->go_cycle = c;
    if (b->brkpoint && b->fuse_done_seen)
        hw_notify(&b->notify, CPTRA_EV_UC_RESET_RELEASED, uc_release_cycle(b));
}

void boot_fw_update_reset(boot_blk_t *b, uint64_t c, uint32_t wait_cycles) {
    if (boot_state_at(b, c) != BOOT_DONE) return;
    b->fwu = true;
    b->fwu_cycle = c;
    /* internal_fw_update_reset_wait_cycles: reset 5, "min 5" (§4, HW spec v1.1) */
    b->fwu_wait = wait_cycles < BOOT_FWU_MIN_WAIT ? BOOT_FWU_MIN_WAIT : wait_cycles;
    hw_notify(&b->notify, CPTRA_EV_UC_RESET_ASSERTED, c + BOOT_LAT_FSM);
    hw_notify(&b->notify, CPTRA_EV_UC_RESET_RELEASED, fwu_release_cycle(b));
}
