/* Hostile input: random APB and uC traffic must never crash, hang or break basic invariants
 * (PSLVERR => PRDATA 0; no wait states outside the SHA window / collisions). Deterministic. */
#include "hw_test_util.h"

static uint32_t lcg(uint64_t *s) {
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static void test_random_traffic(void **st) {
    (void)st;
    uint64_t seed = 12345;
    static const uint32_t bases[] = {0x20000, 0x21000, 0x30000, 0x30200, 0x10000, 0x22000};
    static const uint32_t pausers[] = {0xFFFFFFFFu, 0, 0x11111111u, 0x1234u};
    cptra_hw_t hw = cptra_model_new(NULL);
    t_log_t log = {0};
    hw.ops->set_notify(hw.ctx, t_log_notify, &log);
    uint64_t c = t_boot(hw);
    for (int i = 0; i < 200000; i++) {
        uint32_t r = lcg(&seed);
        uint32_t addr =
            0x30000000u | (bases[r % 6] + (lcg(&seed) & 0xFFC & (r & 0x100 ? 0xFFF : 0x7C)));
        uint32_t data = lcg(&seed);
        if (r % 17 == 0) data &= 1u;
        if ((r >> 8) % 5 == 0) {
            uint32_t ua = (r & 0x800) ? CPTRA_MBOX_SRAM_BASE + (lcg(&seed) & 0x3FFFFu) : addr;
            if (r & 0x400)
                cptra_hw_uc_write(hw, c, ua, data);
            else
                (void)cptra_hw_uc_read(hw, c, ua);
        }
        apb_req_t q = {addr, data, pausers[(r >> 12) & 3], (uint8_t)((r >> 14) & 1), 0};
        apb_resp_t a = cptra_hw_apb(hw, c, &q);
        if (a.slverr) assert_int_equal(a.rdata, 0);
        assert_true(a.wait <= 200);
        c += APB_MIN_CYCLES + a.wait;
        if (i % 50000 == 49999) {
            hw.ops->set_rst_b(hw.ctx, c, false);
            hw.ops->set_rst_b(hw.ctx, c + 10, true);
            c += 19;
        }
        cptra_hw_obs_t o = t_obs(hw, c);
        assert_true(o.mbox_fsm <= 7 && o.mbox_fsm != 5);
        if (log.n == 64) log.n = 0;
    }
    hw.ops->destroy(hw.ctx);
}

static void test_generic_input_notify(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    t_log_t log = {0};
    hw.ops->set_notify(hw.ctx, t_log_notify, &log);
    uint64_t c = t_boot(hw);
    assert_true(cptra_model_set_generic_input(hw, c, 0, 1));
    uint64_t n = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_GENERIC_INPUT, &n), 1);
    assert_int_equal(n, c + 1);
    assert_int_equal(t_rd(hw, c + 1, SOC(CPTRA_GENERIC_INPUT_WIRES0)), 1);
    assert_true(cptra_model_set_generic_input(hw, c + 2, 0, 1)); /* no toggle, no event */
    assert_int_equal(t_log_find(&log, CPTRA_EV_GENERIC_INPUT, NULL), 1);
    assert_false(cptra_model_set_generic_input(hw, c, 2, 1));
    hw.ops->destroy(hw.ctx);
}

static void test_rdptr_mirror_lag(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    /* uC -> SoC message of 3 words, SoC reads DATAOUT at ACCESS a: rdptr flop a+1, mirror a+2 */
    cptra_hw_uc_read(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_LOCK);
    cptra_hw_uc_write(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_CMD, 0);
    cptra_hw_uc_write(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_DLEN, 12);
    for (uint32_t i = 0; i < 3; i++)
        cptra_hw_uc_write(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_DATAIN, 0x10u + i);
    cptra_hw_uc_write(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_EXECUTE, 1);
    uint64_t a = c + 10;
    assert_int_equal((t_rd(hw, a - 2, MBOX(MBOX_STATUS)) >> 10) & 0x7FFF, 1);
    assert_int_equal(t_rd(hw, a, MBOX(MBOX_DATAOUT)), 0x10u);
    assert_int_equal((t_rd(hw, a + 1, MBOX(MBOX_STATUS)) >> 10) & 0x7FFF, 1);
    assert_int_equal((t_rd(hw, a + 2, MBOX(MBOX_STATUS)) >> 10) & 0x7FFF, 2);
    hw.ops->destroy(hw.ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_traffic),
        cmocka_unit_test(test_generic_input_notify),
        cmocka_unit_test(test_rdptr_mirror_lag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
