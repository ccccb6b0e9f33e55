/* Boot FSM timing, exact to the cycle (caliptra-1x.md §2.2, §4). */
#include "hw_test_util.h"

static cptra_hw_t mk(bool brk, t_log_t *log) {
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.bootfsm_brkpoint = brk;
    cptra_hw_t hw = cptra_model_new(&cfg);
    assert_non_null(hw.ops);
    hw.ops->set_notify(hw.ctx, t_log_notify, log);
    return hw;
}

static void test_ready_for_fuses_at_rst_plus_9(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    hw.ops->set_pwrgood(hw.ctx, 0, true);
    hw.ops->set_rst_b(hw.ctx, 10, true); /* rst_b deassert at cycle 10 */
    /* [measured] ready_for_fuses rises 9 clk after rst_b deassert -> cycle 19 */
    assert_int_equal(t_obs(hw, 18).ready_for_fuses, 0);
    assert_int_equal(t_obs(hw, 18).boot_fsm, BOOT_IDLE);
    assert_int_equal(t_obs(hw, 18).uc_in_reset, 1);
    assert_int_equal(t_obs(hw, 19).ready_for_fuses, 1);
    assert_int_equal(t_obs(hw, 19).boot_fsm, BOOT_FUSE);
    /* [measured] FLOW_STATUS 0x4200_0000 in BOOT_FUSE */
    assert_int_equal(t_rd(hw, 19, SOC(CPTRA_FLOW_STATUS)), 0x42000000u);
    hw.ops->destroy(hw.ctx);
}

static void test_fuse_done_releases_uc_5_later(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 31, SOC(FUSE_LIFE_CYCLE), 1);
    t_wr(hw, 41, SOC(CPTRA_FUSE_WR_DONE), 1); /* ACCESS cycle 41 */
    uint64_t rel = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, &rel), 1);
    assert_int_equal(rel, 41 + 5); /* [measured] uC reset released 5 clk after the access */
    assert_int_equal(t_obs(hw, 45).uc_in_reset, 1);
    assert_int_equal(t_obs(hw, 46).uc_in_reset, 0);
    assert_int_equal(t_obs(hw, 41).ready_for_fuses, 1);
    assert_int_equal(t_obs(hw, 42).ready_for_fuses, 0);
    assert_int_equal(t_obs(hw, 42).boot_fsm, BOOT_FUSE);
    assert_int_equal(t_obs(hw, 43).boot_fsm, BOOT_DONE);
    /* [measured] 0x0800_0000 after fuse-done with uC released */
    assert_int_equal(t_rd(hw, 47, SOC(CPTRA_FLOW_STATUS)), 0x08000000u);
    assert_int_equal(t_rd(hw, 49, SOC(CPTRA_FUSE_WR_DONE)), 1);
    /* SoC cannot clear FUSE_WR_DONE; second write does not release again */
    t_wr(hw, 51, SOC(CPTRA_FUSE_WR_DONE), 0);
    assert_int_equal(t_rd(hw, 53, SOC(CPTRA_FUSE_WR_DONE)), 1);
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, NULL), 1);
    hw.ops->destroy(hw.ctx);
}

static void test_fuse_done_zero_does_not_release(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(CPTRA_FUSE_WR_DONE), 0);
    assert_int_equal(t_obs(hw, 40).boot_fsm, BOOT_FUSE);
    assert_int_equal(t_obs(hw, 40).ready_for_fuses, 1);
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, NULL), 0);
    hw.ops->destroy(hw.ctx);
}

static void test_brkpoint_and_go(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(true, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(CPTRA_FUSE_WR_DONE), 1);
    assert_int_equal(t_obs(hw, 23).boot_fsm, BOOT_WAIT);
    assert_int_equal(t_rd(hw, 25, SOC(CPTRA_FLOW_STATUS)), (uint32_t)BOOT_WAIT << 25);
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, NULL), 0);
    assert_int_equal(t_obs(hw, 200).uc_in_reset, 1);
    t_wr(hw, 201, SOC(CPTRA_BOOTFSM_GO), 1);
    uint64_t rel = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, &rel), 1);
    assert_int_equal(rel, 206);
    assert_int_equal(t_obs(hw, 202).boot_fsm, BOOT_WAIT);
    assert_int_equal(t_obs(hw, 203).boot_fsm, BOOT_DONE);
    assert_int_equal(t_rd(hw, 205, SOC(CPTRA_BOOTFSM_GO)), 1);
    hw.ops->destroy(hw.ctx);
}

static void test_warm_reset(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(FUSE_OWNER_PK_HASH0), 0xA5A5A5A5u);
    t_wr(hw, 23, SOC(CPTRA_DBG_MANUF_SERVICE_REG), 1);
    t_wr(hw, 25, SOC(CPTRA_MBOX_PAUSER_LOCK0), 1);
    t_wr(hw, 27, SOC(CPTRA_FUSE_WR_DONE), 1);
    assert_int_equal(t_rd(hw, 29, SOC(CPTRA_RESET_REASON)), 0);
    hw.ops->set_rst_b(hw.ctx, 100, false);
    uint64_t c = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_ASSERTED, &c), 1);
    assert_int_equal(c, 100);
    assert_int_equal(t_obs(hw, 101).boot_fsm, BOOT_IDLE);
    assert_int_equal(t_obs(hw, 101).uc_in_reset, 1);
    hw.ops->set_rst_b(hw.ctx, 110, true);
    assert_int_equal(t_obs(hw, 118).ready_for_fuses, 0);
    assert_int_equal(t_obs(hw, 119).ready_for_fuses, 1);
    assert_int_equal(t_rd(hw, 119, SOC(CPTRA_FLOW_STATUS)), 0x42000000u);
    /* pwrgood domain persists, rst_b domain reset (§2.2 step 7) */
    assert_int_equal(t_rd(hw, 121, SOC(CPTRA_RESET_REASON)), 2u); /* WARM_RESET */
    assert_int_equal(t_rd(hw, 123, SOC(FUSE_OWNER_PK_HASH0)), 0xA5A5A5A5u);
    assert_int_equal(t_rd(hw, 125, SOC(CPTRA_FUSE_WR_DONE)), 1);
    assert_int_equal(t_rd(hw, 127, SOC(CPTRA_DBG_MANUF_SERVICE_REG)), 0);
    assert_int_equal(t_rd(hw, 129, SOC(CPTRA_MBOX_PAUSER_LOCK0)), 0);
    /* any write to FUSE_WR_DONE (even 0) is the "observed" event needed after warm reset */
    t_wr(hw, 131, SOC(CPTRA_FUSE_WR_DONE), 0);
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, NULL), 2);
    assert_int_equal(log.cyc[log.n - 1], 136);
    assert_int_equal(t_obs(hw, 133).boot_fsm, BOOT_DONE);
    hw.ops->destroy(hw.ctx);
}

static void test_fw_update_reset(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(CPTRA_FUSE_WR_DONE), 1);
    uint32_t wc = CPTRA_SOC_IFC_BASE + CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES;
    assert_int_equal(cptra_hw_uc_read(hw, 50, wc), 5); /* reset value 5 (HW spec v1.1) */
    cptra_hw_uc_write(hw, 51, wc, 10);
    /* SoC cannot write uC-internal registers */
    t_wr(hw, 53, SOC(CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES), 99);
    assert_int_equal(cptra_hw_uc_read(hw, 55, wc), 10);
    log.n = 0;
    cptra_hw_uc_write(hw, 100, CPTRA_SOC_IFC_BASE + CPTRA_INTERNAL_FW_UPDATE_RESET, 1);
    uint64_t a = 0, r = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_ASSERTED, &a), 1);
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, &r), 1);
    assert_int_equal(a, 102);
    assert_int_equal(t_obs(hw, 101).boot_fsm, BOOT_DONE);
    assert_int_equal(t_obs(hw, 102).boot_fsm, BOOT_FW_RST);
    assert_int_equal(t_obs(hw, 103).boot_fsm, BOOT_WAIT);
    assert_int_equal(t_obs(hw, 112).boot_fsm, BOOT_WAIT); /* 10 wait cycles: 103..112 */
    assert_int_equal(t_obs(hw, 113).boot_fsm, BOOT_DONE);
    assert_int_equal(r, 116);
    assert_int_equal(t_obs(hw, 115).uc_in_reset, 1);
    assert_int_equal(t_obs(hw, 116).uc_in_reset, 0);
    assert_int_equal(t_rd(hw, 121, SOC(CPTRA_RESET_REASON)) & 1u, 1u); /* FW_UPD_RESET */
    hw.ops->destroy(hw.ctx);
}

static void test_pwrgood_clears_all(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(FUSE_OWNER_PK_HASH0), 0x1234u);
    t_wr(hw, 23, SOC(CPTRA_FUSE_WR_DONE), 1);
    hw.ops->set_pwrgood(hw.ctx, 100, false);
    assert_int_equal(t_obs(hw, 100).uc_in_reset, 1);
    hw.ops->set_pwrgood(hw.ctx, 200, true);
    hw.ops->set_rst_b(hw.ctx, 210, true);
    assert_int_equal(t_rd(hw, 219, SOC(FUSE_OWNER_PK_HASH0)), 0);
    assert_int_equal(t_rd(hw, 221, SOC(CPTRA_FUSE_WR_DONE)), 0);
    assert_int_equal(t_rd(hw, 223, SOC(CPTRA_RESET_REASON)), 0);
    hw.ops->destroy(hw.ctx);
}

static void test_apb_in_reset_reads_zero(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    hw.ops->set_pwrgood(hw.ctx, 0, true);
    hw.ops->set_rst_b(hw.ctx, 10, true);
    apb_resp_t r = t_apb(hw, 12, SOC(CPTRA_HW_REV_ID), 0, 0, SOC_PAUSER);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 0); /* noncore reset still asserted */
    assert_int_equal(t_rd(hw, 19, SOC(CPTRA_HW_REV_ID)), 0x11u);
    hw.ops->destroy(hw.ctx);
}

static void test_sim_power_on(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    cptra_sim_t *s = cptra_sim_new(hw, NULL);
    cptra_sim_power_on(s);
    assert_int_equal(cptra_sim_now(s), 10);
    uint32_t last = 0;
    /* back-to-back reads: ACCESS at 11,13,15,17 miss (BOOT_IDLE), ACCESS 19 = rst_b+9 hits */
    assert_true(cptra_sim_poll(s, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS,
                               FLOW_STATUS_READY_FOR_FUSES, FLOW_STATUS_READY_FOR_FUSES, SOC_PAUSER,
                               100, &last));
    assert_int_equal(last, 0x42000000u);
    assert_int_equal(cptra_sim_now(s), 20);
    cptra_sim_free(s);
    hw.ops->destroy(hw.ctx);
}

static void test_fw_update_wait_min_5(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(CPTRA_FUSE_WR_DONE), 1);
    cptra_hw_uc_write(hw, 50, CPTRA_SOC_IFC_BASE + CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES, 1);
    log.n = 0;
    cptra_hw_uc_write(hw, 100, CPTRA_SOC_IFC_BASE + CPTRA_INTERNAL_FW_UPDATE_RESET, 1);
    /* wait_cycles "min 5": FW_RST 102, WAIT 103..107, DONE 108, uC released 111 */
    assert_int_equal(t_obs(hw, 107).boot_fsm, BOOT_WAIT);
    assert_int_equal(t_obs(hw, 108).boot_fsm, BOOT_DONE);
    uint64_t r = 0;
    assert_int_equal(t_log_find(&log, CPTRA_EV_UC_RESET_RELEASED, &r), 1);
    assert_int_equal(r, 111);
    hw.ops->destroy(hw.ctx);
}

static void test_resets_and_mailbox(void **st) {
    (void)st;
    t_log_t log = {0};
    cptra_hw_t hw = mk(false, &log);
    t_boot(hw);
    t_wr(hw, 21, SOC(CPTRA_FUSE_WR_DONE), 1);
    /* SoC request in flight (EXECUTE_UC) survives a fw-update reset (uC-only reset) */
    assert_int_equal(t_rd(hw, 31, MBOX(MBOX_LOCK)), 0);
    t_wr(hw, 33, MBOX(MBOX_CMD), 0x46574C44u);
    t_wr(hw, 35, MBOX(MBOX_DLEN), 4);
    t_wr(hw, 37, MBOX(MBOX_DATAIN), 0x5Au);
    t_wr(hw, 39, MBOX(MBOX_EXECUTE), 1);
    cptra_hw_uc_write(hw, 50, CPTRA_SOC_IFC_BASE + CPTRA_INTERNAL_FW_UPDATE_RESET, 1);
    assert_int_equal(t_obs(hw, 80).mbox_fsm, MBOX_EXECUTE_UC);
    assert_int_equal(cptra_hw_uc_read(hw, 81, CPTRA_MBOX_CSR_BASE + MBOX_DATAOUT), 0x5Au);
    /* warm reset clears the mailbox (rst_b domain); SRAM contents are not reset */
    hw.ops->set_rst_b(hw.ctx, 100, false);
    hw.ops->set_rst_b(hw.ctx, 110, true);
    assert_int_equal(t_obs(hw, 119).mbox_fsm, MBOX_IDLE);
    assert_int_equal(t_obs(hw, 119).mbox_lock, 0);
    assert_int_equal(t_rd(hw, 119, MBOX(MBOX_CMD)), 0);
    assert_int_equal(t_rd(hw, 121, MBOX(MBOX_STATUS)), 0);
    hw.ops->destroy(hw.ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ready_for_fuses_at_rst_plus_9),
        cmocka_unit_test(test_fuse_done_releases_uc_5_later),
        cmocka_unit_test(test_fuse_done_zero_does_not_release),
        cmocka_unit_test(test_brkpoint_and_go),
        cmocka_unit_test(test_warm_reset),
        cmocka_unit_test(test_fw_update_reset),
        cmocka_unit_test(test_pwrgood_clears_all),
        cmocka_unit_test(test_apb_in_reset_reads_zero),
        cmocka_unit_test(test_sim_power_on),
        cmocka_unit_test(test_resets_and_mailbox),
        cmocka_unit_test(test_fw_update_wait_min_5),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
