#include "rtl_tb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cptra_rtl.h"
#include "lockstep.h"

tb_mode_t tb_mode = TB_RTL;

void tb_parse_args(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "lockstep") == 0) tb_mode = TB_LOCKSTEP;
}

/* ---- echo agent: answers every SoC command with its data words reversed and +1 ---- */
static void ag_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    echo_agent_t *a = ctx;
    a->ev_cycle[ev] = cycle;
    a->ev_count[ev]++;
    if (ev == CPTRA_EV_CMD_AVAIL && a->wake == CPTRA_UC_IDLE) {
        a->wake = cycle + a->latency;
        a->phase = 0;
    }
}

/* One uC access per cycle, never beyond `now` (cptra_uc_agent.h contract). */
static uint64_t ag_run(void *ctx, uint64_t now) {
    echo_agent_t *a = ctx;
    cptra_hw_t hw = a->hw;
    while (a->wake != CPTRA_UC_IDLE && a->wake <= now) {
        uint64_t c = a->wake++;
        switch (a->phase) {
        case 0: { /* read DLEN */
            uint32_t dlen = hw.ops->uc_read(hw.ctx, c, U_MBOX(MBOX_DLEN));
            a->n = (dlen + 3u) / 4u;
            if (a->n > 64) a->n = 64;
            a->i = 0;
            a->phase = a->n ? 1 : 2;
            break;
        }
        case 1: /* read the request */
            a->buf[a->i++] = hw.ops->uc_read(hw.ctx, c, U_MBOX(MBOX_DATAOUT));
            if (a->i == a->n) a->phase = 2;
            break;
        case 2: /* response length */
            hw.ops->uc_write(hw.ctx, c, U_MBOX(MBOX_DLEN), a->n * 4u);
            a->i = 0;
            a->phase = a->n ? 3 : 4;
            break;
        case 3: /* response data: reversed, +1 */
            hw.ops->uc_write(hw.ctx, c, U_MBOX(MBOX_DATAIN), a->buf[a->n - 1 - a->i] + 1u);
            if (++a->i == a->n) a->phase = 4;
            break;
        default: /* status */
            hw.ops->uc_write(hw.ctx, c, U_MBOX(MBOX_STATUS), MBOX_STATUS_DATA_READY);
            a->handled++;
            a->phase = 0;
            a->wake = CPTRA_UC_IDLE;
            break;
        }
    }
    return a->wake;
}

static void ag_destroy(void *ctx) {
    (void)ctx;
}
static const cptra_uc_agent_ops_t ag_ops = {ag_notify, ag_run, ag_destroy};

static void tb_print_mismatch(void *ctx, const char *msg) {
    (void)ctx;
    static unsigned printed;
    if (printed++ < 40) print_message("%s\n", msg);
}

tb_t *tb_new(bool with_agent, const cptra_model_cfg_t *cfg) {
    tb_t *t = calloc(1, sizeof(*t));
    assert_non_null(t);
    t->mode = tb_mode;
    cptra_hw_t rtl = cptra_rtl_new(cfg);
    if (t->mode == TB_LOCKSTEP) {
        cptra_lockstep_cfg_t lc;
        cptra_lockstep_default_cfg(&lc);
        lc.on_mismatch = tb_print_mismatch;
        t->hw = cptra_lockstep_new(cptra_model_new(cfg), rtl, &lc);
    } else {
        t->hw = rtl;
    }
    t->agent.hw = t->hw;
    t->agent.wake = CPTRA_UC_IDLE;
    t->agent.latency = 20;
    t->agent_if = (cptra_uc_agent_t){&ag_ops, &t->agent};
    t->sim = cptra_sim_new(t->hw, with_agent ? &t->agent_if : NULL);
    if (!with_agent) /* still record events */
        t->hw.ops->set_notify(t->hw.ctx, ag_notify, &t->agent);
    t->agent.latency = 20;
    return t;
}

void tb_free(tb_t *t) {
    if (t->mode == TB_LOCKSTEP) {
        cptra_lockstep_check_events(t->hw, tb_now(t));
        uint64_t mm = cptra_lockstep_mismatches(t->hw);
        if (mm) print_error("%s\n", cptra_lockstep_first_mismatch(t->hw));
        assert_true(cptra_lockstep_compared(t->hw) > 0);
        assert_int_equal(mm, 0);
    }
    cptra_sim_free(t->sim);
    t->hw.ops->destroy(t->hw.ctx);
    free(t);
}

uint64_t tb_now(tb_t *t) {
    return cptra_sim_now(t->sim);
}
apb_resp_t tb_rd(tb_t *t, uint32_t paddr, uint32_t pauser) {
    return cptra_sim_read(t->sim, paddr, pauser);
}
apb_resp_t tb_wr(tb_t *t, uint32_t paddr, uint32_t data, uint32_t pauser) {
    return cptra_sim_write(t->sim, paddr, data, pauser);
}
uint32_t tb_rd32(tb_t *t, uint32_t paddr) {
    apb_resp_t r = tb_rd(t, paddr, 0xFFFFFFFFu);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.wait, 0);
    return r.rdata;
}
void tb_wr32(tb_t *t, uint32_t paddr, uint32_t data) {
    apb_resp_t r = tb_wr(t, paddr, data, 0xFFFFFFFFu);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.wait, 0);
}
/* uC accesses take one cycle (SRAM reads two, one-cycle read latency) */
uint32_t tb_uc_rd(tb_t *t, uint32_t addr) {
    uint32_t v = t->hw.ops->uc_read(t->hw.ctx, tb_now(t), addr);
    cptra_sim_advance(t->sim, addr < CPTRA_MBOX_CSR_BASE ? 2 : 1);
    return v;
}
void tb_uc_wr(tb_t *t, uint32_t addr, uint32_t data) {
    t->hw.ops->uc_write(t->hw.ctx, tb_now(t), addr, data);
    cptra_sim_advance(t->sim, 1);
}
/* Observing at a cycle moves the test's time there too, so cycles stay monotonic. */
cptra_hw_obs_t tb_obs(tb_t *t, uint64_t cycle) {
    cptra_hw_obs_t o;
    tb_advance_to(t, cycle);
    t->hw.ops->observe(t->hw.ctx, cycle, &o);
    return o;
}
void tb_advance_to(tb_t *t, uint64_t cycle) {
    if (cycle > tb_now(t)) cptra_sim_advance(t->sim, cycle - tb_now(t));
}
void tb_boot(tb_t *t) {
    cptra_sim_power_on(t->sim);
    uint32_t v = 0;
    assert_true(cptra_sim_poll(t->sim, P_SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FUSES,
                               FLOW_STATUS_READY_FOR_FUSES, 0xFFFFFFFFu, 1000, &v));
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 1);
    tb_advance_to(t, tb_now(t) + 10);
    assert_int_equal(tb_obs(t, tb_now(t)).uc_in_reset, 0);
}
