/* APB decode, PAUSER trap and SoC/uC arbitration (caliptra-1x.md §0). */
#include "hw_test_util.h"

static void test_windows_and_pslverr(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    static const struct {
        uint32_t paddr;
        int err;
    } rows[] = {
        {0x20000, 0}, {0x20FFC, 0}, {0x21000, 0}, {0x21FFC, 0}, {0x30000, 0}, {0x3FFFC, 0},
        {0x00000, 1}, {0x10000, 1}, {0x1FFFC, 1}, {0x22000, 1}, {0x2FFFC, 1},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        for (int wr = 0; wr < 2; wr++) {
            apb_resp_t r = t_apb(hw, c, 0x30000000u | rows[i].paddr, wr, 0x12345678u, SOC_PAUSER);
            c += 2;
            assert_int_equal(r.slverr, rows[i].err);
            assert_int_equal(r.wait, 0);
            if (rows[i].err) assert_int_equal(r.rdata, 0);
        }
    }
    /* only PADDR[17:0] is decoded (SoC window 0x14c6_0000 -> 0x2_0000, DESIGN.md) */
    assert_int_equal(t_rd(hw, c, 0x14C70000u + CPTRA_HW_REV_ID) & 0xFFFF, 0x11u);
    /* undefined offsets inside a window: 0, no error [measured 0x2_0100, 0x3_0002] */
    assert_int_equal(t_rd(hw, c + 2, 0x30020100u), 0);
    assert_int_equal(t_rd(hw, c + 4, 0x30030002u), 0);
    assert_int_equal(t_rd(hw, c + 6, 0x30031000u), 0);
    hw.ops->destroy(hw.ctx);
}

static void test_mbox_pauser_list(void **st) {
    (void)st;
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.set_mbox_pauser_integ = 1u << 3; /* slot 3 fixed to its integ value 0x3333_3333 */
    cptra_hw_t hw = cptra_model_new(&cfg);
    uint64_t c = t_boot(hw);
    /* default: only CPTRA_DEF_MBOX_VALID_PAUSER 0xFFFF_FFFF and the integ slot */
    assert_int_equal(t_apb(hw, c, MBOX(MBOX_USER), 0, 0, 0xFFFFFFFFu).slverr, 0);
    assert_int_equal(t_apb(hw, c + 2, MBOX(MBOX_USER), 0, 0, 0x33333333u).slverr, 0);
    assert_int_equal(t_apb(hw, c + 4, MBOX(MBOX_USER), 0, 0, 0x0u).slverr, 1);
    assert_int_equal(t_apb(hw, c + 6, MBOX(MBOX_USER), 0, 0, 0x11111111u).slverr, 1);
    /* slot 0 programmed but not locked: still invalid */
    t_wr(hw, c + 8, SOC(CPTRA_MBOX_VALID_PAUSER0), 0xABCDu);
    assert_int_equal(t_apb(hw, c + 10, MBOX(MBOX_CMD), 1, 1, 0xABCDu).slverr, 1);
    t_wr(hw, c + 12, SOC(CPTRA_MBOX_PAUSER_LOCK0), 1);
    assert_int_equal(t_apb(hw, c + 14, MBOX(MBOX_USER), 0, 0, 0xABCDu).slverr, 0);
    /* locked slot is RO */
    t_wr(hw, c + 16, SOC(CPTRA_MBOX_VALID_PAUSER0), 0x1u);
    assert_int_equal(t_rd(hw, c + 18, SOC(CPTRA_MBOX_VALID_PAUSER0)), 0xABCDu);
    t_wr(hw, c + 20, SOC(CPTRA_MBOX_PAUSER_LOCK0), 0);
    assert_int_equal(t_rd(hw, c + 22, SOC(CPTRA_MBOX_PAUSER_LOCK0)), 1);
    /* the invalid-PAUSER write to CMD above did not count as an access without lock */
    assert_int_equal(t_rd(hw, c + 24, SOC(CPTRA_HW_ERROR_NON_FATAL)), 0);
    /* SHA and soc_ifc have no PAUSER filter */
    assert_int_equal(t_apb(hw, c + 26, SHA(SHA_ACC_STATUS), 0, 0, 0x9u).slverr, 0);
    assert_int_equal(t_apb(hw, c + 28, SOC(CPTRA_FLOW_STATUS), 0, 0, 0x9u).slverr, 0);
    hw.ops->destroy(hw.ctx);
}

static void test_collision_round_robin(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw) + 1;
    /* first collision: SoC won none yet -> uC has priority, SoC held 1 cycle */
    cptra_hw_uc_read(hw, c, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS);
    apb_resp_t r = t_apb(hw, c, SOC(CPTRA_BOOT_STATUS), 0, 0, SOC_PAUSER);
    assert_int_equal(r.wait, 1);
    /* next collision on the same target: the SoC lost last time, so it wins */
    c += 3;
    cptra_hw_uc_read(hw, c, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS);
    r = t_apb(hw, c, SOC(CPTRA_BOOT_STATUS), 0, 0, SOC_PAUSER);
    assert_int_equal(r.wait, 0);
    /* different targets never collide */
    c += 2;
    cptra_hw_uc_read(hw, c, CPTRA_MBOX_CSR_BASE + MBOX_CMD);
    r = t_apb(hw, c, SOC(CPTRA_BOOT_STATUS), 0, 0, SOC_PAUSER);
    assert_int_equal(r.wait, 0);
    /* uC access one cycle earlier: no collision */
    c += 2;
    cptra_hw_uc_read(hw, c - 1, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS);
    r = t_apb(hw, c, SOC(CPTRA_BOOT_STATUS), 0, 0, SOC_PAUSER);
    assert_int_equal(r.wait, 0);
    hw.ops->destroy(hw.ctx);
}

static void test_sim_paddr_and_determinism(void **st) {
    (void)st;
    uint64_t ends[2];
    for (int run = 0; run < 2; run++) {
        cptra_hw_t hw = cptra_model_new(NULL);
        cptra_sim_t *s = cptra_sim_new(hw, NULL);
        cptra_sim_power_on(s);
        cptra_sim_advance(s, 9);
        assert_int_equal(cptra_sim_read(s, 0x30000u + CPTRA_HW_REV_ID, SOC_PAUSER).rdata, 0x11u);
        assert_int_equal(cptra_sim_read(s, 0x10000u, SOC_PAUSER).slverr, 1);
        assert_int_equal(cptra_sim_read(s, 0x20000u, SOC_PAUSER).rdata, 0); /* LOCK acquired */
        assert_int_equal(cptra_sim_read(s, CPTRA_MBOX_CSR_BASE, SOC_PAUSER).rdata, 1);
        ends[run] = cptra_sim_now(s);
        cptra_sim_free(s);
        hw.ops->destroy(hw.ctx);
    }
    assert_int_equal(ends[0], ends[1]);
    assert_int_equal(ends[0], 19 + 4 * APB_MIN_CYCLES);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_and_pslverr),
        cmocka_unit_test(test_mbox_pauser_list),
        cmocka_unit_test(test_collision_round_robin),
        cmocka_unit_test(test_sim_paddr_and_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
