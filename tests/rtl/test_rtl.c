/* RTL scenarios (caliptra-1x.md is the oracle). Run as `test_rtl rtl` (Verilated RTL alone,
 * through cptra_sim) or `test_rtl lockstep` (C model and RTL in lockstep: zero mismatches). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cptra_rtl.h"
#include "rtl_tb.h"
#include "sha_acc.h"

#define ANY       0xFFFFFFFFu
#define ST_FSM(v) (((v) >> 6) & 7u)

/* §2.2 / §4: ready_for_fuses 9 clk after rst_b deassert; FLOW_STATUS 0x4200_0000 in BOOT_FUSE,
 * 0x0800_0000 after FUSE_WR_DONE; uC reset released 5 clk after the FUSE_WR_DONE access. */
static void test_boot_timing(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    cptra_sim_power_on(t->sim);
    uint64_t r = tb_now(t); /* rst_b deasserted here */
    assert_int_equal(tb_obs(t, r + 8).ready_for_fuses, 0);
    assert_int_equal(tb_obs(t, r + 8).boot_fsm, BOOT_IDLE);
    cptra_hw_obs_t o = tb_obs(t, r + 9);
    assert_int_equal(o.ready_for_fuses, 1);
    assert_int_equal(o.boot_fsm, BOOT_FUSE);
    assert_int_equal(o.uc_in_reset, 1);
    tb_advance_to(t, r + 9);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FLOW_STATUS)), 0x42000000u);
    uint64_t c = tb_now(t) + 1; /* ACCESS cycle of the next transfer */
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 1);
    assert_int_equal(tb_obs(t, c + 4).uc_in_reset, 1);
    assert_int_equal(tb_obs(t, c + 5).uc_in_reset, 0);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_UC_RESET_RELEASED], 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_RELEASED], c + 5);
    tb_advance_to(t, c + 5);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FLOW_STATUS)), 0x08000000u);
    /* FUSE_WR_DONE cannot be cleared by the SoC */
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FUSE_WR_DONE)), 1);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_RESET_REASON)), 0);

    /* warm reset: fuses and FUSE_WR_DONE persist; a new FUSE_WR_DONE write (even 0) is needed */
    tb_wr32(t, P_SOC(FUSE_OWNER_PK_HASH0), 0x1); /* dropped: fuses locked */
    uint64_t w = tb_now(t);
    t->hw.ops->set_rst_b(t->hw.ctx, w, false);
    assert_int_equal(tb_obs(t, w).uc_in_reset, 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_ASSERTED], w);
    tb_advance_to(t, w + 10);
    uint64_t r2 = tb_now(t);
    t->hw.ops->set_rst_b(t->hw.ctx, r2, true);
    assert_int_equal(tb_obs(t, r2 + 8).ready_for_fuses, 0);
    assert_int_equal(tb_obs(t, r2 + 9).ready_for_fuses, 1);
    tb_advance_to(t, r2 + 9);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_RESET_REASON)), 2u); /* WARM_RESET */
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FUSE_WR_DONE)), 1);
    c = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 0);
    assert_int_equal(tb_obs(t, c + 4).uc_in_reset, 1);
    assert_int_equal(tb_obs(t, c + 5).uc_in_reset, 0);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_RELEASED], c + 5);
    tb_free(t);
}

static void test_reset_values(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    cptra_sim_power_on(t->sim);
    tb_advance_to(t, tb_now(t) + 12);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_REV_ID)), 0x00000011u);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_CONFIG)), 0x10u);
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(tb_rd32(t, P_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4 * i)), 0xFFFFFFFFu);
        assert_int_equal(tb_rd32(t, P_SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4 * i)), 0);
    }
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FUSE_VALID_PAUSER)), 0xFFFFFFFFu);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FUSE_PAUSER_LOCK)), 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_TRNG_VALID_PAUSER)), 0xFFFFFFFFu);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_ERROR_FATAL)), 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_ERROR_NON_FATAL)), 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_BOOT_STATUS)), 0);
    assert_int_equal(tb_rd32(t, P_SOC(0x0ECu)), 0xFFFFFFFFu); /* WDT TIMER1_TIMEOUT_PERIOD0 */
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_USER)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_CMD)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DLEN)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_EXECUTE)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_STATUS)), 0);
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_LOCK)), 1); /* held by the uC at reset (§2.1) */
    assert_int_equal(tb_uc_rd(t, U_SOC(CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES)), 5);
    cptra_hw_obs_t o = tb_obs(t, tb_now(t));
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(o.mbox_lock, 0);
    assert_int_equal(o.boot_fsm, BOOT_FUSE);
    assert_int_equal(o.error_fatal_pin, 0);
    assert_int_equal(o.error_non_fatal_pin, 0);
    assert_int_equal(o.sha_lock, 1);
    tb_free(t);
}

/* §0: PSLVERR at window level only; mailbox PAUSER list with lock bits. */
static void test_pauser_and_windows(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    const uint32_t bad[] = {0x10000u, 0x22000u, 0x0u, 0x1FFFCu};
    for (unsigned i = 0; i < 4; i++) {
        apb_resp_t r = tb_rd(t, bad[i], ANY);
        assert_int_equal(r.slverr, 1);
        assert_int_equal(r.rdata, 0);
        r = tb_wr(t, bad[i], 0x55, ANY);
        assert_int_equal(r.slverr, 1);
    }
    apb_resp_t r = tb_rd(t, P_MBOX(0x100), ANY); /* undefined offset: 0, no error */
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 0);
    r = tb_rd(t, P_SOC(0x2), ANY); /* misaligned: 0, no error */
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 0);

    tb_wr32(t, P_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), 0x1234u);
    tb_wr32(t, P_SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1);
    tb_wr32(t, P_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), 0x9999u); /* locked: ignored */
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4)), 0x1234u);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4)), 1);
    /* invalid PAUSER: PSLVERR, PRDATA 0 (LOCK read looks like "acquired" but is not) */
    r = tb_rd(t, P_MBOX(MBOX_LOCK), 0x5678u);
    assert_int_equal(r.slverr, 1);
    assert_int_equal(r.rdata, 0);
    assert_int_equal(tb_obs(t, tb_now(t)).mbox_lock, 0);
    /* a locked slot's PAUSER is valid */
    r = tb_rd(t, P_MBOX(MBOX_LOCK), 0x1234u);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 0);
    cptra_hw_obs_t o = tb_obs(t, tb_now(t));
    assert_int_equal(o.mbox_lock, 1);
    assert_int_equal(o.mbox_user, 0x1234u);
    assert_int_equal(o.soc_has_lock, 1);
    /* 0xFFFF_FFFF stays valid (CPTRA_DEF_MBOX_VALID_PAUSER) but is not the holder: dropped */
    r = tb_wr(t, P_MBOX(MBOX_CMD), 0xBADu, ANY);
    assert_int_equal(r.slverr, 0);
    r = tb_wr(t, P_MBOX(MBOX_CMD), 0xC0DEu, 0x1234u);
    assert_int_equal(r.slverr, 0);
    r = tb_rd(t, P_MBOX(MBOX_CMD), 0x1234u);
    assert_int_equal(r.rdata, 0xC0DEu);
    tb_advance_to(t, tb_now(t) + 2);
    o = tb_obs(t, tb_now(t));
    assert_int_equal(o.mbox_fsm, MBOX_RDY_FOR_DLEN);
    assert_int_equal(o.hw_error_non_fatal, 0);
    tb_uc_wr(t, U_MBOX(MBOX_UNLOCK), 1);
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_obs(t, tb_now(t)).mbox_fsm, MBOX_IDLE);
    tb_free(t);
}

static void test_fuses(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    cptra_sim_power_on(t->sim);
    tb_advance_to(t, tb_now(t) + 12);
    tb_wr32(t, P_SOC(FUSE_OWNER_PK_HASH0), 0xA5A5A5A5u);
    assert_int_equal(tb_rd32(t, P_SOC(FUSE_OWNER_PK_HASH0)), 0xA5A5A5A5u);
    tb_wr32(t, P_SOC(FUSE_LIFE_CYCLE), 0xFFu);
    assert_int_equal(tb_rd32(t, P_SOC(FUSE_LIFE_CYCLE)), 3u);
    tb_wr32(t, P_SOC(FUSE_SOC_STEPPING_ID), 0x12345u);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_REV_ID)), 0x23450011u);
    tb_wr32(t, P_SOC(FUSE_UDS_SEED0), 0x11223344u);
    assert_int_equal(tb_rd32(t, P_SOC(FUSE_UDS_SEED0)), 0); /* secret: reads 0 */
    tb_wr32(t, P_SOC(FUSE_FIELD_ENTROPY0), 0x55667788u);
    assert_int_equal(tb_rd32(t, P_SOC(FUSE_FIELD_ENTROPY0)), 0);
    /* fuse PAUSER lock */
    tb_wr32(t, P_SOC(CPTRA_FUSE_VALID_PAUSER), 0xABu);
    tb_wr32(t, P_SOC(CPTRA_FUSE_PAUSER_LOCK), 1);
    tb_wr32(t, P_SOC(CPTRA_FUSE_VALID_PAUSER), 0xCDu); /* locked */
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FUSE_VALID_PAUSER)), 0xABu);
    apb_resp_t r = tb_rd(t, P_SOC(FUSE_OWNER_PK_HASH0), ANY);
    assert_int_equal(r.slverr, 1);
    assert_int_equal(r.rdata, 0);
    r = tb_wr(t, P_SOC(0x5FCu), 1, ANY); /* end of the fuse sub-range */
    assert_int_equal(r.slverr, 1);
    r = tb_rd(t, P_SOC(FUSE_OWNER_PK_HASH0), 0xABu);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 0xA5A5A5A5u);
    r = tb_rd(t, P_SOC(CPTRA_FLOW_STATUS), 0x77u); /* outside the fuse range: any PAUSER */
    assert_int_equal(r.slverr, 0);
    /* after FUSE_WR_DONE, fuse writes are dropped silently */
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 1);
    r = tb_wr(t, P_SOC(FUSE_OWNER_PK_HASH0 + 4), 0x42u, 0xABu);
    assert_int_equal(r.slverr, 0);
    r = tb_rd(t, P_SOC(FUSE_OWNER_PK_HASH0 + 4), 0xABu);
    assert_int_equal(r.rdata, 0);
    r = tb_wr(t, P_SOC(FUSE_OWNER_PK_HASH0), 0x42u, 0xABu);
    r = tb_rd(t, P_SOC(FUSE_OWNER_PK_HASH0), 0xABu);
    assert_int_equal(r.rdata, 0xA5A5A5A5u);
    tb_free(t);
}

static void test_uds_write_once_backdoor(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    cptra_sim_power_on(t->sim);
    tb_advance_to(t, tb_now(t) + 12);
    tb_wr32(t, P_SOC(FUSE_UDS_SEED0), 0x11223344u);
    tb_wr32(t, P_SOC(FUSE_UDS_SEED0), 0x99999999u); /* write-once: ignored */
    uint32_t v = 0;
    assert_true(t->hw.ops->dbg_read(t->hw.ctx, CPTRA_SOC_IFC_BASE + FUSE_UDS_SEED0, &v));
    assert_int_equal(v, 0x11223344u);
    tb_free(t);
}

/* Mailbox SoC->uC command with the FSM arcs, the registered STATUS mirror lag (§1.1, §4), the
 * uC response and the release, each checked at its exact cycle. */
static void test_mbox_soc_flow(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    uint64_t c = tb_now(t) + 1;
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    cptra_hw_obs_t o = tb_obs(t, c + 1);
    assert_int_equal(o.mbox_lock, 1);
    assert_int_equal(o.mbox_fsm, MBOX_IDLE); /* FSM reacts one clock after the access */
    assert_int_equal(o.mbox_user, 0xFFFFFFFFu);
    assert_int_equal(o.soc_has_lock, 1);
    /* back-to-back STATUS read (ACCESS c+2): the mirror still shows IDLE */
    uint32_t st = tb_rd32(t, P_MBOX(MBOX_STATUS));
    assert_int_equal(ST_FSM(st), MBOX_IDLE);
    assert_int_equal(st & 0x200u, 0x200u); /* soc_has_lock */
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_RDY_FOR_CMD);
    st = tb_rd32(t, P_MBOX(MBOX_STATUS));
    assert_int_equal(ST_FSM(st), MBOX_RDY_FOR_CMD);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 1);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_CMD), 0x12345678u);
    assert_int_equal(tb_obs(t, c + 1).mbox_fsm, MBOX_RDY_FOR_CMD);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_RDY_FOR_DLEN);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_DLEN), 10);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_RDY_FOR_DATA);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0xA0A0A0A0u);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0xB1B1B1B1u);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0x0000C2C2u);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAIN)), 0x0000C2C2u);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 0); /* legal no-op in RDY_FOR_DATA */
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    assert_int_equal(tb_obs(t, c + 1).mbox_fsm, MBOX_RDY_FOR_DATA);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_EXECUTE_UC);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_CMD_AVAIL], 1);
    /* uC notification 1 clk after the write cycle (§4) */
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_CMD_AVAIL], c + 1);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_STATUS)) & 0xFu, MBOX_STATUS_CMD_BUSY);
    /* uC side */
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_CMD)), 0x12345678u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DLEN)), 10);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0xA0A0A0A0u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0xB1B1B1B1u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0x0000C2C2u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0);               /* past the length */
    assert_int_equal(tb_uc_rd(t, CPTRA_MBOX_SRAM_BASE + 4), 0xB1B1B1B1u); /* direct SRAM */
    tb_uc_wr(t, U_MBOX(MBOX_DLEN), 8);
    tb_uc_wr(t, U_MBOX(MBOX_DATAIN), 0x11111111u);
    tb_uc_wr(t, U_MBOX(MBOX_DATAIN), 0x22222222u);
    uint64_t u = tb_now(t);
    tb_uc_wr(t, U_MBOX(MBOX_STATUS), MBOX_STATUS_DATA_READY);
    o = tb_obs(t, u + 1);
    assert_int_equal(o.mbox_fsm, MBOX_EXECUTE_UC);
    assert_int_equal(o.mailbox_data_avail, 0);
    o = tb_obs(t, u + 2);
    assert_int_equal(o.mbox_fsm, MBOX_EXECUTE_SOC);
    assert_int_equal(o.mailbox_data_avail, 1);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_STATUS)) & 0xFu, MBOX_STATUS_DATA_READY);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DLEN)), 8);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0x11111111u);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0x22222222u);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 0);
    o = tb_obs(t, c + 1);
    assert_int_equal(o.mbox_fsm, MBOX_EXECUTE_SOC);
    assert_int_equal(o.mbox_lock, 1);
    o = tb_obs(t, c + 2);
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(o.mbox_lock, 0);
    assert_int_equal(o.mbox_status, 0);
    assert_int_equal(o.mailbox_data_avail, 0);
    assert_int_equal(o.hw_error_non_fatal, 0);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_MBOX_RELEASED], c + 2);
    st = tb_rd32(t, P_MBOX(MBOX_STATUS));
    assert_int_equal(st & 0xFu, 0);
    tb_free(t);
}

static void lock_cmd_dlen(tb_t *t, uint32_t dlen) {
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    tb_wr32(t, P_MBOX(MBOX_CMD), 0x4D454153u);
    tb_wr32(t, P_MBOX(MBOX_DLEN), dlen);
}

static void force_unlock(tb_t *t) {
    uint64_t u = tb_now(t);
    tb_uc_wr(t, U_MBOX(MBOX_UNLOCK), 1);
    cptra_hw_obs_t o = tb_obs(t, u + 2);
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(o.mbox_lock, 0);
    assert_int_equal(o.mbox_execute, 0);
}

static void clear_nf(tb_t *t) {
    tb_wr32(t, P_SOC(CPTRA_HW_ERROR_NON_FATAL), 7);
    tb_advance_to(t, tb_now(t) + 1);
    assert_int_equal(tb_obs(t, tb_now(t)).error_non_fatal_pin, 0);
}

/* §1.2 protocol violations; the non-fatal pin rises 2 clk after the offending access. */
static void test_mbox_violations(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    /* access without lock */
    uint64_t c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_CMD), 1);
    cptra_hw_obs_t o = tb_obs(t, c + 1);
    assert_int_equal(o.hw_error_non_fatal, HW_ERR_MBOX_PROT_NO_LOCK); /* register: c+1 */
    assert_int_equal(o.error_non_fatal_pin, 0);                       /* pin: c+2 (§4) */
    o = tb_obs(t, c + 2);
    assert_int_equal(o.hw_error_non_fatal, HW_ERR_MBOX_PROT_NO_LOCK);
    assert_int_equal(o.error_non_fatal_pin, 1);
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_CMD)), 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_HW_ERROR_NON_FATAL)), HW_ERR_MBOX_PROT_NO_LOCK);
    clear_nf(t);
    c = tb_now(t) + 1;
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(tb_obs(t, c + 2).hw_error_non_fatal, HW_ERR_MBOX_PROT_NO_LOCK);
    clear_nf(t);

    /* out of order in RDY_FOR_CMD: DLEN before CMD */
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_DLEN), 4);
    o = tb_obs(t, c + 1);
    assert_int_equal(o.mbox_fsm, MBOX_RDY_FOR_CMD);
    assert_int_equal(o.error_non_fatal_pin, 0);
    o = tb_obs(t, c + 2);
    assert_int_equal(o.mbox_fsm, MBOX_ERROR);
    assert_int_equal(o.hw_error_non_fatal, HW_ERR_MBOX_PROT_OOO);
    assert_int_equal(o.error_non_fatal_pin, 1);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 1); /* lock kept in ERROR */
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 0);                /* no way out for the SoC */
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_obs(t, tb_now(t)).mbox_fsm, MBOX_ERROR);
    assert_int_equal(ST_FSM(tb_rd32(t, P_MBOX(MBOX_STATUS))), MBOX_ERROR);
    force_unlock(t);
    clear_nf(t);

    /* RDY_FOR_DLEN: write to CMD again */
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    tb_wr32(t, P_MBOX(MBOX_CMD), 1);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_CMD), 2);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_ERROR);
    force_unlock(t);
    clear_nf(t);

    /* RDY_FOR_DATA: DATAOUT read */
    lock_cmd_dlen(t, 4);
    c = tb_now(t) + 1;
    tb_rd32(t, P_MBOX(MBOX_DATAOUT));
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_ERROR);
    force_unlock(t);
    clear_nf(t);

    /* EXECUTE_UC: EXECUTE=0 while the uC is busy */
    lock_cmd_dlen(t, 4);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 7);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    assert_int_equal(tb_obs(t, tb_now(t) + 1).mbox_fsm, MBOX_EXECUTE_UC);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 0);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_ERROR);
    assert_int_equal(tb_obs(t, c + 2).hw_error_non_fatal, HW_ERR_MBOX_PROT_OOO);
    force_unlock(t);
    clear_nf(t);

    /* EXECUTE_SOC with SoC lock: STATUS write is out of order */
    lock_cmd_dlen(t, 4);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 7);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    tb_advance_to(t, tb_now(t) + 2);
    tb_uc_wr(t, U_MBOX(MBOX_STATUS), MBOX_STATUS_CMD_COMPLETE);
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_obs(t, tb_now(t)).mbox_fsm, MBOX_EXECUTE_SOC);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_STATUS), 0);
    assert_int_equal(tb_obs(t, c + 2).mbox_fsm, MBOX_ERROR);
    force_unlock(t);
    clear_nf(t);
    tb_free(t);
}

/* uC -> SoC message, SoC lock request notification, SoC receiver STATUS write. */
static void test_mbox_uc_to_soc(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_LOCK)), 0);
    tb_advance_to(t, tb_now(t) + 1);
    cptra_hw_obs_t o = tb_obs(t, tb_now(t));
    assert_int_equal(o.mbox_lock, 1);
    assert_int_equal(o.soc_has_lock, 0);
    assert_int_equal(o.mbox_user, 0xFFFFFFFFu);
    assert_int_equal(o.mbox_fsm, MBOX_RDY_FOR_CMD);
    uint64_t c = tb_now(t) + 1;
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 1);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_SOC_REQ_LOCK], 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_SOC_REQ_LOCK], c + 1);
    /* uC composes the message; each write acts one clock later, so space them by 2 */
    tb_uc_wr(t, U_MBOX(MBOX_CMD), 0);
    tb_advance_to(t, tb_now(t) + 1);
    tb_uc_wr(t, U_MBOX(MBOX_DLEN), 8);
    tb_advance_to(t, tb_now(t) + 1);
    assert_int_equal(tb_obs(t, tb_now(t)).mbox_fsm, MBOX_RDY_FOR_DATA);
    tb_uc_wr(t, U_MBOX(MBOX_DATAIN), 0xCAFE0001u);
    tb_uc_wr(t, U_MBOX(MBOX_DATAIN), 0xCAFE0002u);
    uint64_t u = tb_now(t);
    tb_uc_wr(t, U_MBOX(MBOX_EXECUTE), 1);
    o = tb_obs(t, u + 2);
    assert_int_equal(o.mbox_fsm, MBOX_EXECUTE_SOC);
    assert_int_equal(o.mailbox_data_avail, 1);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_CMD_AVAIL], 0);
    tb_advance_to(t, u + 2);
    /* another valid SoC agent reads the message */
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_CMD)), 0);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DLEN)), 8);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0xCAFE0001u);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0xCAFE0002u);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0);
    c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_STATUS), MBOX_STATUS_CMD_COMPLETE);
    o = tb_obs(t, c + 2);
    assert_int_equal(o.mbox_fsm, MBOX_EXECUTE_UC);
    assert_int_equal(o.mailbox_data_avail, 0);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_SOC_STATUS], 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_SOC_STATUS], c + 1);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_STATUS)) & 0xFu, MBOX_STATUS_CMD_COMPLETE);
    u = tb_now(t);
    tb_uc_wr(t, U_MBOX(MBOX_EXECUTE), 0);
    o = tb_obs(t, u + 2);
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(o.mbox_lock, 0);
    assert_int_equal(o.hw_error_non_fatal, 0);
    tb_free(t);
}

/* Latched read length = min(words written, ceil(DLEN/4)); DATAOUT past it reads 0. */
static void test_mbox_dlen_clamp(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    lock_cmd_dlen(t, 5); /* 2 dwords */
    for (uint32_t i = 1; i <= 4; i++)
        tb_wr32(t, P_MBOX(MBOX_DATAIN), 0x100u * i);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0x100u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0x200u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(tb_uc_rd(t, CPTRA_MBOX_SRAM_BASE + 12), 0x400u); /* stored, not readable */
    force_unlock(t);
    /* fewer words than DLEN: length = words written */
    lock_cmd_dlen(t, 16);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0xAu);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0xAu);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0);
    force_unlock(t);
    tb_free(t);
}

/* Full round trip through cptra_sim with the echo uC agent. */
static void test_mbox_roundtrip_agent(void **state) {
    (void)state;
    tb_t *t = tb_new(true, NULL);
    tb_boot(t);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    tb_wr32(t, P_MBOX(MBOX_CMD), 0x46505652u);
    tb_wr32(t, P_MBOX(MBOX_DLEN), 20);
    for (uint32_t i = 0; i < 5; i++)
        tb_wr32(t, P_MBOX(MBOX_DATAIN), 0x1000u + i);
    uint64_t c = tb_now(t) + 1;
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    uint32_t st = 0;
    assert_true(
        cptra_sim_poll(t->sim, P_MBOX(MBOX_STATUS), 0xFu, MBOX_STATUS_DATA_READY, ANY, 5000, &st));
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_CMD_AVAIL], c + 1);
    assert_int_equal(t->agent.handled, 1);
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DLEN)), 20);
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(tb_rd32(t, P_MBOX(MBOX_DATAOUT)), 0x1000u + (4 - i) + 1u);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 0);
    tb_advance_to(t, tb_now(t) + 2);
    cptra_hw_obs_t o = tb_obs(t, tb_now(t));
    assert_int_equal(o.mbox_fsm, MBOX_IDLE);
    assert_int_equal(o.mbox_lock, 0);
    tb_free(t);
}

static void test_backdoor_and_vcd(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    char path[] = "/tmp/rtl_vcd_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    if (t->mode == TB_RTL) assert_true(cptra_rtl_open_vcd(t->hw, path));
    tb_boot(t);
    assert_true(t->hw.ops->dbg_write(t->hw.ctx, CPTRA_MBOX_SRAM_BASE + 0x40, 0xFEEDu));
    assert_int_equal(tb_uc_rd(t, CPTRA_MBOX_SRAM_BASE + 0x40), 0xFEEDu);
    uint32_t v = 0;
    assert_true(t->hw.ops->dbg_read(t->hw.ctx, CPTRA_SOC_IFC_BASE + CPTRA_HW_REV_ID, &v));
    assert_int_equal(v, 0x11u);
    assert_true(t->hw.ops->dbg_read(t->hw.ctx, CPTRA_MBOX_SRAM_BASE + 0x40, &v));
    assert_int_equal(v, 0xFEEDu);
    if (t->mode == TB_RTL) {
        cptra_rtl_close_vcd(t->hw);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        static char buf[1 << 20];
        size_t n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = 0;
        fclose(f);
        assert_non_null(strstr(buf, "$enddefinitions"));
        assert_non_null(strstr(buf, "mbox_fsm_ps"));
    }
    unlink(path);
    tb_free(t);
}

/* Firmware-update reset (§2.2 step 8): uC-only reset, BOOT_FW_RST -> BOOT_WAIT for
 * internal_fw_update_reset_wait_cycles (reset 5) -> BOOT_DONE, uC released through the same
 * synchroniser as the cold boot (3 clk). Our timing: FW_RST 1 clk (estimate). */
static void test_boot_fw_update(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    unsigned rel = t->agent.ev_count[CPTRA_EV_UC_RESET_RELEASED];
    uint64_t u = tb_now(t);
    tb_uc_wr(t, U_SOC(CPTRA_INTERNAL_FW_UPDATE_RESET), 1);
    /* both notifications are announced when the reset is decided */
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_ASSERTED], u + 2);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_UC_RESET_RELEASED], rel + 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_RELEASED], u + 2 + 1 + 5 + 3);
    assert_int_equal(tb_obs(t, u + 1).uc_in_reset, 0);
    cptra_hw_obs_t o = tb_obs(t, u + 2);
    assert_int_equal(o.uc_in_reset, 1);
    assert_int_equal(o.boot_fsm, BOOT_FW_RST);
    assert_int_equal(tb_obs(t, u + 3).boot_fsm, BOOT_WAIT);
    assert_int_equal(tb_obs(t, u + 7).boot_fsm, BOOT_WAIT);
    assert_int_equal(tb_obs(t, u + 8).boot_fsm, BOOT_DONE);
    assert_int_equal(tb_obs(t, u + 10).uc_in_reset, 1);
    assert_int_equal(tb_obs(t, u + 11).uc_in_reset, 0);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_RESET_REASON)) & 1u, 1u); /* FW_UPD_RESET */
    tb_free(t);
}

/* BootFSM_BrkPoint strap: FUSE -> WAIT until CPTRA_BOOTFSM_GO (§2.2 step 4). */
static void test_boot_brkpoint(void **state) {
    (void)state;
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.bootfsm_brkpoint = true;
    tb_t *t = tb_new(false, &cfg);
    cptra_sim_power_on(t->sim);
    tb_advance_to(t, tb_now(t) + 9);
    uint64_t c = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_FUSE_WR_DONE), 1);
    assert_int_equal(tb_obs(t, c + 2).boot_fsm, BOOT_WAIT);
    assert_int_equal(tb_obs(t, c + 40).uc_in_reset, 1);
    assert_int_equal(t->agent.ev_count[CPTRA_EV_UC_RESET_RELEASED], 0);
    uint64_t g = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_BOOTFSM_GO), 1);
    assert_int_equal(t->agent.ev_cycle[CPTRA_EV_UC_RESET_RELEASED], g + 5);
    assert_int_equal(tb_obs(t, g + 1).boot_fsm, BOOT_WAIT);
    assert_int_equal(tb_obs(t, g + 2).boot_fsm, BOOT_DONE);
    assert_int_equal(tb_obs(t, g + 4).uc_in_reset, 1);
    assert_int_equal(tb_obs(t, g + 5).uc_in_reset, 0);
    tb_free(t);
}

/* The SHA accelerator window goes to the C implementation (sha_acc.c): SHA-384("abc"), §2.1. */
static void test_sha_window(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_LOCK)), 1); /* held by the uC */
    tb_uc_wr(t, CPTRA_SHA_ACC_BASE + SHA_ACC_LOCK, 1);    /* uC releases it (W1C) */
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_LOCK)), 0);
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_USER)), 0xFFFFFFFFu);
    tb_wr32(t, P_SHA(SHA_ACC_MODE), SHA_ACC_MODE_STREAM_384);
    tb_wr32(t, P_SHA(SHA_ACC_DLEN), 3);
    tb_wr32(t, P_SHA(SHA_ACC_DATAIN), 0x61626300u); /* "abc", big-endian (§2.1) */
    tb_wr32(t, P_SHA(SHA_ACC_EXECUTE), 1);
    assert_true(cptra_sim_poll(t->sim, P_SHA(SHA_ACC_STATUS), 1u, 1u, ANY, 2000, NULL));
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_DIGEST0)), 0xcb00753fu);
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_DIGEST0 + 4)), 0x45a35e8bu);
    assert_int_equal(tb_rd32(t, P_SHA(SHA_ACC_DIGEST0 + 40)), 0x58baeca1u);
    tb_free(t);
}

/* Error registers drive the pins (§2): FW_ERROR_NON_FATAL written by the SoC asserts
 * cptra_error_non_fatal (pin 2 clk after the access, §4) until cleared; cptra_error_fatal is
 * sticky until reset; masks (uC-only) hide bits. */
static void test_error_pins(void **state) {
    (void)state;
    tb_t *t = tb_new(false, NULL);
    tb_boot(t);
    uint64_t c = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_FW_ERROR_NON_FATAL), 0x77u);
    assert_int_equal(tb_obs(t, c + 1).error_non_fatal_pin, 0);
    assert_int_equal(tb_obs(t, c + 2).error_non_fatal_pin, 1);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FW_ERROR_NON_FATAL)), 0x77u);
    c = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_FW_ERROR_NON_FATAL), 0);
    assert_int_equal(tb_obs(t, c + 1).error_non_fatal_pin, 1);
    assert_int_equal(tb_obs(t, c + 2).error_non_fatal_pin, 0);
    /* masked by internal_fw_error_non_fatal_mask (0x63C) */
    tb_uc_wr(t, U_SOC(0x63Cu), 0xFFFFFFFFu);
    tb_wr32(t, P_SOC(CPTRA_FW_ERROR_NON_FATAL), 0x1u);
    tb_advance_to(t, tb_now(t) + 3);
    assert_int_equal(tb_obs(t, tb_now(t)).error_non_fatal_pin, 0);
    /* fatal: sticky */
    c = tb_now(t) + 1;
    tb_wr32(t, P_SOC(CPTRA_FW_ERROR_FATAL), 0x5u);
    assert_int_equal(tb_obs(t, c + 2).error_fatal_pin, 1);
    tb_wr32(t, P_SOC(CPTRA_FW_ERROR_FATAL), 0);
    tb_advance_to(t, tb_now(t) + 5);
    assert_int_equal(tb_obs(t, tb_now(t)).error_fatal_pin, 1);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_FW_ERROR_FATAL)), 0);
    tb_free(t);
}

/* Assorted §1/§2 corners: RO registers, TRNG PAUSER filtering, DLEN >= 128 KiB clamp, straps. */
static void test_spec_corners(void **state) {
    (void)state;
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.security_state = 0x5u; /* MANUF + debug_locked */
    cfg.generic_input_wires[1] = 0xA5u;
    tb_t *t = tb_new(false, &cfg);
    tb_boot(t);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_SECURITY_STATE)), 0x5u);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_GENERIC_INPUT_WIRES0 + 4)), 0xA5u);
    tb_wr32(t, P_SOC(CPTRA_BOOT_STATUS), 0x123u); /* SoC RO */
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_BOOT_STATUS)), 0);
    tb_uc_wr(t, U_SOC(CPTRA_BOOT_STATUS), 0x600u);
    assert_int_equal(tb_rd32(t, P_SOC(CPTRA_BOOT_STATUS)), 0x600u);
    tb_uc_wr(t, U_SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FW);
    tb_advance_to(t, tb_now(t) + 1);
    assert_int_equal(tb_obs(t, tb_now(t)).ready_for_fw, 1);
    assert_int_equal(tb_rd32(t, P_SOC(0x34Cu)), 0); /* inside the fuse sub-range, undefined */
    /* TRNG data: PAUSER-filtered once TRNG_PAUSER_LOCK is set */
    tb_wr32(t, P_SOC(CPTRA_TRNG_VALID_PAUSER), 0x42u);
    tb_wr32(t, P_SOC(CPTRA_TRNG_PAUSER_LOCK), 1);
    assert_int_equal(tb_wr(t, P_SOC(CPTRA_TRNG_DATA0), 0x5u, 0x42u).slverr, 0);
    assert_int_equal(tb_rd(t, P_SOC(CPTRA_TRNG_DATA0), 0x42u).rdata, 0x5u);
    assert_int_equal(tb_rd(t, P_SOC(CPTRA_TRNG_DATA0), 0x43u).rdata, 0);
    assert_int_equal(tb_uc_rd(t, U_SOC(CPTRA_TRNG_DATA0)), 0x5u);
    /* DLEN >= 128 KiB: length clamps to the words actually written */
    assert_int_equal(tb_rd32(t, P_MBOX(MBOX_LOCK)), 0);
    tb_wr32(t, P_MBOX(MBOX_CMD), 1);
    tb_wr32(t, P_MBOX(MBOX_DLEN), 0x40000u);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0xD0u);
    tb_wr32(t, P_MBOX(MBOX_DATAIN), 0xD1u);
    tb_wr32(t, P_MBOX(MBOX_EXECUTE), 1);
    tb_advance_to(t, tb_now(t) + 2);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0xD0u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0xD1u);
    assert_int_equal(tb_uc_rd(t, U_MBOX(MBOX_DATAOUT)), 0);
    /* STATUS.rdptr mirror counts the fetches (2 reads + preload: rdptr stops at the length) */
    uint32_t st = tb_uc_rd(t, U_MBOX(MBOX_STATUS));
    assert_int_equal((st >> 10) & 0x7FFFu, 2u);
    assert_int_equal(ST_FSM(st), MBOX_EXECUTE_UC);
    tb_free(t);
}

int main(int argc, char **argv) {
    tb_parse_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boot_timing),
        cmocka_unit_test(test_reset_values),
        cmocka_unit_test(test_pauser_and_windows),
        cmocka_unit_test(test_fuses),
        cmocka_unit_test(test_uds_write_once_backdoor),
        cmocka_unit_test(test_mbox_soc_flow),
        cmocka_unit_test(test_mbox_violations),
        cmocka_unit_test(test_mbox_uc_to_soc),
        cmocka_unit_test(test_mbox_dlen_clamp),
        cmocka_unit_test(test_mbox_roundtrip_agent),
        cmocka_unit_test(test_backdoor_and_vcd),
        cmocka_unit_test(test_boot_fw_update),
        cmocka_unit_test(test_boot_brkpoint),
        cmocka_unit_test(test_sha_window),
        cmocka_unit_test(test_error_pins),
        cmocka_unit_test(test_spec_corners),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
