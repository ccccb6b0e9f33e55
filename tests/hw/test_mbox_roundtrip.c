/* Mailbox round trips through cptra_sim with a test-double uC agent; total cycle counts are
 * derived from the spec timing rules (comments), not from the model's output. */
#include "hw_test_util.h"
#include "cptra_uc_agent.h"

#define RESP_DELAY 100u /* agent answers N cycles after it sees CMD_AVAIL */

typedef struct {
    cptra_hw_t hw;
    uint64_t due; /* next action cycle or CPTRA_UC_IDLE */
    int mode;     /* 0: responder, 1: uC->SoC sender */
    uint32_t got_cmd, got_dlen, got_words[8];
    unsigned n_events;
    uint64_t avail_at, released_at, status_at, reset_released_at;
    int phase;
} dbl_t;

static void dbl_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    dbl_t *d = ctx;
    d->n_events++;
    switch (ev) {
    case CPTRA_EV_CMD_AVAIL:
        d->avail_at = cycle;
        d->due = cycle + RESP_DELAY;
        break;
    case CPTRA_EV_MBOX_RELEASED:
        d->released_at = cycle;
        break;
    case CPTRA_EV_SOC_STATUS:
        d->status_at = cycle;
        d->due = cycle + 20;
        break;
    case CPTRA_EV_UC_RESET_RELEASED:
        d->reset_released_at = cycle;
        if (d->mode == 1) d->due = cycle + 50;
        break;
    default:
        break;
    }
}

#define UCM(o) (CPTRA_MBOX_CSR_BASE + (o))

static uint64_t dbl_run(void *ctx, uint64_t now) {
    dbl_t *d = ctx;
    if (d->due == CPTRA_UC_IDLE || now < d->due) return d->due;
    uint64_t c = d->due;
    d->due = CPTRA_UC_IDLE;
    cptra_hw_t hw = d->hw;
    if (d->mode == 0) { /* answer the SoC request */
        d->got_cmd = cptra_hw_uc_read(hw, c, UCM(MBOX_CMD));
        d->got_dlen = cptra_hw_uc_read(hw, c, UCM(MBOX_DLEN));
        for (unsigned i = 0; i < (d->got_dlen + 3) / 4 && i < 8; i++)
            d->got_words[i] = cptra_hw_uc_read(hw, c, UCM(MBOX_DATAOUT));
        cptra_hw_uc_write(hw, c, UCM(MBOX_DLEN), 8);
        cptra_hw_uc_write(hw, c, UCM(MBOX_DATAIN), d->got_cmd ^ 0xFFFFFFFFu);
        cptra_hw_uc_write(hw, c, UCM(MBOX_DATAIN), d->got_words[0] + 1);
        cptra_hw_uc_write(hw, c, UCM(MBOX_STATUS), MBOX_STATUS_DATA_READY);
    } else if (d->phase == 0) { /* uC -> SoC message */
        if (cptra_hw_uc_read(hw, c, UCM(MBOX_LOCK)) != 0) return CPTRA_UC_IDLE;
        cptra_hw_uc_write(hw, c, UCM(MBOX_CMD), 0);
        cptra_hw_uc_write(hw, c, UCM(MBOX_DLEN), 8);
        cptra_hw_uc_write(hw, c, UCM(MBOX_DATAIN), 0xCAFE0001u);
        cptra_hw_uc_write(hw, c, UCM(MBOX_DATAIN), 0xCAFE0002u);
        cptra_hw_uc_write(hw, c, UCM(MBOX_EXECUTE), 1);
        d->phase = 1;
    } else { /* SoC answered: release */
        cptra_hw_uc_write(hw, c, UCM(MBOX_EXECUTE), 0);
        d->phase = 2;
    }
    return d->due;
}

static void dbl_destroy(void *ctx) {
    (void)ctx;
}

static const cptra_uc_agent_ops_t dbl_ops = {dbl_notify, dbl_run, dbl_destroy};

static void test_soc_uc_soc_round_trip(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    dbl_t d = {.hw = hw, .due = CPTRA_UC_IDLE, .mode = 0};
    cptra_uc_agent_t ag = {&dbl_ops, &d};
    cptra_sim_t *s = cptra_sim_new(hw, &ag);
    cptra_sim_power_on(s); /* rst_b deassert at 10 */
    assert_true(cptra_sim_poll(s, SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FUSES,
                               FLOW_STATUS_READY_FOR_FUSES, SOC_PAUSER, 100, NULL));
    assert_int_equal(cptra_sim_write(s, SOC(CPTRA_FUSE_WR_DONE), 1, SOC_PAUSER).slverr, 0);
    cptra_sim_advance(s, 3);
    uint64_t t0 = cptra_sim_now(s);
    /* Cycle arithmetic (APB: SETUP at now, ACCESS at now+1, 2 clk per transfer, 0 WS):
     *   LOCK read ACCESS t0+1; CMD t0+3; DLEN t0+5; DATAIN x3 t0+7, t0+9, t0+11;
     *   EXECUTE=1 ACCESS E = t0+13.
     *   CMD_AVAIL visible at E+1 (§4: 1 clk after the EXECUTE write); the agent answers at
     *   R = E+1+N (N = 100): STATUS=DATA_READY written at R = t0+114.
     *   STATUS polls back-to-back at ACCESS E+2, E+4, ... (t0+15+2j); the first ACCESS >= R is
     *   t0+115. Then DLEN read ACCESS t0+117, DATAOUT x2 t0+119, t0+121, EXECUTE=0 t0+123,
     *   transfer ends at t0+124 => 124 cycles from LOCK SETUP to the end of EXECUTE=0. */
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_LOCK), SOC_PAUSER).rdata, 0);
    cptra_sim_write(s, MBOX(MBOX_CMD), 0x46574C44u, SOC_PAUSER);
    cptra_sim_write(s, MBOX(MBOX_DLEN), 12, SOC_PAUSER);
    for (uint32_t i = 0; i < 3; i++)
        cptra_sim_write(s, MBOX(MBOX_DATAIN), 0x100u + i, SOC_PAUSER);
    cptra_sim_write(s, MBOX(MBOX_EXECUTE), 1, SOC_PAUSER);
    uint64_t E = t0 + 13;
    assert_int_equal(cptra_sim_now(s), E + 1);
    uint32_t last = 0;
    assert_true(cptra_sim_poll(s, MBOX(MBOX_STATUS), 0xF, MBOX_STATUS_DATA_READY, SOC_PAUSER, 10000,
                               &last));
    /* Agent writes STATUS at R = E+1+N = t0+114. Polls ACCESS at E+2+2j = t0+15+2j; the first
     * one >= t0+114 is t0+115 (j=50). The poll returns with now = t0+116. */
    uint64_t R = E + 1 + RESP_DELAY;
    uint64_t hit = E + 2 + 2 * ((R - (E + 2) + 1) / 2);
    assert_int_equal(hit, t0 + 115);
    assert_int_equal(cptra_sim_now(s), hit + 1);
    assert_int_equal(d.avail_at, E + 1);
    uint32_t dlen = cptra_sim_read(s, MBOX(MBOX_DLEN), SOC_PAUSER).rdata; /* ACCESS hit+2 */
    assert_int_equal(dlen, 8);
    uint32_t w0 = cptra_sim_read(s, MBOX(MBOX_DATAOUT), SOC_PAUSER).rdata; /* hit+4 */
    uint32_t w1 = cptra_sim_read(s, MBOX(MBOX_DATAOUT), SOC_PAUSER).rdata; /* hit+6 */
    cptra_sim_write(s, MBOX(MBOX_EXECUTE), 0, SOC_PAUSER);                 /* hit+8 */
    /* total: t0 .. hit+9 = t0+124 cycles for LOCK..EXECUTE=0 with N=100, 3 words in, 2 out */
    assert_int_equal(cptra_sim_now(s) - t0, 124);
    assert_int_equal(d.got_cmd, 0x46574C44u);
    assert_int_equal(d.got_dlen, 12);
    assert_int_equal(d.got_words[2], 0x102u);
    assert_int_equal(w0, 0x46574C44u ^ 0xFFFFFFFFu);
    assert_int_equal(w1, 0x101u);
    assert_int_equal(d.released_at, hit + 8 + 2);
    cptra_sim_advance(s, 2);
    assert_int_equal(t_obs(hw, cptra_sim_now(s)).mbox_fsm, MBOX_IDLE);
    assert_int_equal(t_obs(hw, cptra_sim_now(s)).hw_error_non_fatal, 0);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_LOCK), SOC_PAUSER).rdata, 0);
    cptra_sim_free(s);
    hw.ops->destroy(hw.ctx);
}

static void test_uc_to_soc_via_sim(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    dbl_t d = {.hw = hw, .due = CPTRA_UC_IDLE, .mode = 1};
    cptra_uc_agent_t ag = {&dbl_ops, &d};
    cptra_sim_t *s = cptra_sim_new(hw, &ag);
    cptra_sim_power_on(s);
    assert_true(cptra_sim_poll(s, SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FUSES,
                               FLOW_STATUS_READY_FOR_FUSES, SOC_PAUSER, 100, NULL));
    uint64_t fw = cptra_sim_now(s) + 1;
    cptra_sim_write(s, SOC(CPTRA_FUSE_WR_DONE), 1, SOC_PAUSER);
    /* wait for mailbox_data_avail via STATUS.mbox_fsm_ps == EXECUTE_SOC */
    uint32_t last = 0;
    assert_true(cptra_sim_poll(s, MBOX(MBOX_STATUS), 7u << 6, (uint32_t)MBOX_EXECUTE_SOC << 6,
                               SOC_PAUSER, 1000, &last));
    assert_int_equal(d.reset_released_at, fw + 5);
    /* uC sends at fw+5+50 -> EXECUTE_SOC real at +2, mirror at +3 */
    uint64_t x = fw + 55;
    assert_true(cptra_sim_now(s) - 1 >= x + 3);
    assert_true(cptra_sim_now(s) - 1 <= x + 4);
    assert_int_equal(((last >> 9) & 1u), 0);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_USER), SOC_PAUSER).rdata, CPTRA_UC_PAUSER);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_DLEN), SOC_PAUSER).rdata, 8);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_DATAOUT), SOC_PAUSER).rdata, 0xCAFE0001u);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_DATAOUT), SOC_PAUSER).rdata, 0xCAFE0002u);
    uint64_t sw = cptra_sim_now(s) + 1;
    assert_int_equal(
        cptra_sim_write(s, MBOX(MBOX_STATUS), MBOX_STATUS_CMD_COMPLETE, SOC_PAUSER).slverr, 0);
    assert_true(cptra_sim_poll(s, MBOX(MBOX_STATUS), 7u << 6, 0, SOC_PAUSER, 1000, &last));
    assert_int_equal(d.status_at, sw + 1);
    assert_int_equal(d.phase, 2);
    /* uC released at sw+1+20 -> IDLE at +2, mirror +3 */
    assert_true(cptra_sim_now(s) - 1 >= sw + 21 + 3);
    assert_int_equal(t_obs(hw, cptra_sim_now(s)).mbox_lock, 0);
    assert_int_equal(t_obs(hw, cptra_sim_now(s)).hw_error_non_fatal, 0);
    cptra_sim_free(s);
    hw.ops->destroy(hw.ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_soc_uc_soc_round_trip),
        cmocka_unit_test(test_uc_to_soc_via_sim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
