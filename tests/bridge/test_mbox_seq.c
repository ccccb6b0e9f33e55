/* bridge.mbox_seq: the v2 mailbox sequence driven in-process against the C hw model + test
 * agent (no socket): normal command, CMD_FAILURE, stale own lock left in every FSM state,
 * a lock held by another PAUSER, an invalid PAUSER (PSLVERR). Oracle: caliptra-1x.md §1, §3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cptr_mbox_seq.h"
#include "cptr_test_agent.h"
#include "cptra_sim.h"

#define MB     CPTRA_MBOX_CSR_BASE
#define PAUSER 0x2u
#define OTHER  0x1u

typedef struct {
    cptra_hw_t hw;
    cptra_uc_agent_t agent;
    cptra_sim_t *sim;
} bed_t;

static int setup(void **st) {
    static bed_t b;
    cptra_model_cfg_t c;
    cptra_model_default_cfg(&c);
    b.hw = cptra_model_new(&c);
    b.agent = cptr_test_agent_new(b.hw, NULL);
    b.sim = cptra_sim_new(b.hw, &b.agent);
    cptra_sim_power_on(b.sim);
    uint32_t v;
    assert_true(cptra_sim_poll(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS,
                               FLOW_STATUS_READY_FOR_FUSES, FLOW_STATUS_READY_FOR_FUSES, PAUSER,
                               100000, &v));
    cptra_sim_write(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_VALID_PAUSER0, PAUSER, PAUSER);
    cptra_sim_write(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_PAUSER_LOCK0, 1, PAUSER);
    cptra_sim_write(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_VALID_PAUSER0 + 4, OTHER, PAUSER);
    cptra_sim_write(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_PAUSER_LOCK0 + 4, 1, PAUSER);
    cptra_sim_write(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_FUSE_WR_DONE, 1, PAUSER);
    assert_true(cptra_sim_poll(b.sim, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, ~0u, 0x600, PAUSER,
                               1000000, &v));
    *st = &b;
    return 0;
}

static int teardown(void **st) {
    bed_t *b = *st;
    cptra_sim_free(b->sim);
    b->agent.ops->destroy(b->agent.ctx);
    b->hw.ops->destroy(b->hw.ctx);
    return 0;
}

typedef struct {
    cptr_mbox_result_t result;
    uint32_t fw_error, resp_len, recoveries;
    uint64_t accesses, delay;
    uint8_t resp[512];
} out_t;

static void run(bed_t *b, uint32_t pauser, uint32_t cmd, const uint8_t *req, uint32_t len,
                uint32_t lock_retries, out_t *o) {
    cptr_mbox_seq_cfg_t c;
    cptr_mbox_seq_t s;
    cptr_access_t a;
    cptr_mbox_seq_default_cfg(&c, pauser);
    c.lock_retries = lock_retries;
    memset(o, 0, sizeof(*o));
    cptr_mbox_seq_init(&s, &c, cmd, req, len, o->resp, sizeof o->resp);
    while (cptr_mbox_seq_next(&s, &a)) {
        assert_true(++o->accesses < 100000);
        if (a.delay_cycles) cptra_sim_advance(b->sim, a.delay_cycles);
        o->delay += a.delay_cycles;
        apb_resp_t r = a.write ? cptra_sim_write(b->sim, a.addr, a.data, pauser)
                               : cptra_sim_read(b->sim, a.addr, pauser);
        cptr_mbox_seq_result(&s, r.rdata, r.slverr);
    }
    o->result = s.result;
    o->fw_error = s.fw_error;
    o->resp_len = s.resp_len;
    o->recoveries = s.recoveries;
}

static const uint8_t CAPS_REQ[4] = {0xD9, 0xFE, 0xFF, 0xFF}; /* RFC checksum word */

static void assert_caps(const out_t *o) {
    assert_int_equal(o->result, CPTR_MBOX_OK);
    assert_int_equal(o->resp_len, 24);
    assert_int_equal(cptr_get32(o->resp), 0xFFFFFFFFu); /* 0 - 0x01 */
    assert_int_equal(o->resp[15], 0x01);                /* RT_BASE */
}

static uint32_t fsm(bed_t *b) {
    cptra_sim_read(b->sim, MB + MBOX_STATUS, PAUSER); /* the mirror lags one clk (§1.1) */
    return (cptra_sim_read(b->sim, MB + MBOX_STATUS, PAUSER).rdata >> 6) & 7u;
}

static void caps_ok(void **st) {
    bed_t *b = *st;
    out_t o;
    run(b, PAUSER, 0x43415053u, CAPS_REQ, 4, 10, &o);
    assert_caps(&o);
    assert_int_equal(o.recoveries, 0);
    assert_true(o.delay > 0); /* the busy period was polled through with delays */
    assert_int_equal(fsm(b), MBOX_IDLE);
}

static void cmd_failure(void **st) {
    bed_t *b = *st;
    out_t o;
    run(b, PAUSER, 0x43415053u, (const uint8_t *)"\0\0\0\0", 4, 10, &o); /* bad checksum */
    assert_int_equal(o.result, CPTR_MBOX_CMD_FAILURE);
    assert_int_equal(o.fw_error, 0x000E0005u); /* RUNTIME_INVALID_CHECKSUM */
    assert_int_equal(fsm(b), MBOX_IDLE);
}

/* Leave our own lock in each state a dying client can leave it, then run a command. */
static void stale_states(void **st) {
    bed_t *b = *st;
    for (int phase = 1; phase <= 6; phase++) {
        uint32_t v = cptra_sim_read(b->sim, MB + MBOX_LOCK, PAUSER).rdata;
        assert_int_equal(v, 0);
        if (phase >= 2) cptra_sim_write(b->sim, MB + MBOX_CMD, 0x43415053u, PAUSER);
        if (phase >= 3) cptra_sim_write(b->sim, MB + MBOX_DLEN, 4, PAUSER);
        if (phase >= 4) cptra_sim_write(b->sim, MB + MBOX_DATAIN, 0xFFFFFED9u, PAUSER);
        if (phase >= 5) cptra_sim_write(b->sim, MB + MBOX_EXECUTE, 1, PAUSER);
        if (phase >= 6)
            assert_true(cptra_sim_poll(b->sim, MB + MBOX_STATUS, 0xF, MBOX_STATUS_DATA_READY,
                                       PAUSER, 100000, &v));
        static const uint32_t want[] = {0,
                                        MBOX_RDY_FOR_CMD,
                                        MBOX_RDY_FOR_DLEN,
                                        MBOX_RDY_FOR_DATA,
                                        MBOX_RDY_FOR_DATA,
                                        MBOX_EXECUTE_UC,
                                        MBOX_EXECUTE_SOC};
        if (phase != 5) /* EXECUTE_UC may already have been answered by the time we look */
            assert_int_equal(fsm(b), want[phase]);
        out_t o;
        run(b, PAUSER, 0x43415053u, CAPS_REQ, 4, 10, &o);
        assert_caps(&o);
        assert_int_equal(o.recoveries, 1);
        assert_int_equal(fsm(b), MBOX_IDLE);
    }
}

static void other_holder(void **st) {
    bed_t *b = *st;
    assert_int_equal(cptra_sim_read(b->sim, MB + MBOX_LOCK, OTHER).rdata, 0);
    out_t o;
    run(b, PAUSER, 0x43415053u, CAPS_REQ, 4, 5, &o);
    assert_int_equal(o.result, CPTR_MBOX_LOCK_BUSY); /* never steals another agent's lock */
    assert_int_equal(o.recoveries, 0);
    /* the other agent finishes: CMD, DLEN 0, EXECUTE, wait, EXECUTE=0 */
    cptra_sim_write(b->sim, MB + MBOX_CMD, 0x41414141u, OTHER);
    cptra_sim_write(b->sim, MB + MBOX_DLEN, 0, OTHER);
    cptra_sim_write(b->sim, MB + MBOX_EXECUTE, 1, OTHER);
    uint32_t v;
    assert_true(
        cptra_sim_poll(b->sim, MB + MBOX_STATUS, 0xF, MBOX_STATUS_CMD_FAILURE, OTHER, 100000, &v));
    cptra_sim_write(b->sim, MB + MBOX_EXECUTE, 0, OTHER);
    run(b, PAUSER, 0x43415053u, CAPS_REQ, 4, 5, &o);
    assert_caps(&o);
}

static void bad_pauser(void **st) {
    bed_t *b = *st;
    out_t o;
    run(b, 0x77u, 0x43415053u, CAPS_REQ, 4, 5, &o);
    assert_int_equal(o.result, CPTR_MBOX_BUS_ERROR); /* PSLVERR: PAUSER not valid (§0) */
    assert_int_equal(o.accesses, 1);
    assert_int_equal(fsm(b), MBOX_IDLE);
}

static void too_big(void **st) {
    bed_t *b = *st;
    out_t o;
    run(b, PAUSER, 0x43415053u, CAPS_REQ, CPTR_MBOX_MAX_DATA + 4, 5, &o);
    assert_int_equal(o.result, CPTR_MBOX_BAD_REQUEST);
    assert_int_equal(o.accesses, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(caps_ok),      cmocka_unit_test(cmd_failure),
        cmocka_unit_test(stale_states), cmocka_unit_test(other_holder),
        cmocka_unit_test(bad_pauser),   cmocka_unit_test(too_big),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
