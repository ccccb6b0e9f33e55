/* soc_ifc register reset values, access rules and reset domains, table-driven from the
 * caliptra-1x.md §2 register table (the oracle is this table, not the model's own). */
#include <stdio.h>

#include "hw_test_util.h"

#define P 0xA5A5A5A5u /* write pattern: bit0=1, bit1=0 */
#define A 0xFFFFFFFFu

typedef struct {
    uint32_t off;
    uint32_t reset; /* SoC read after cold boot */
    uint32_t after; /* SoC read after SoC writes P */
    char dom;       /* 'P' pwrgood (keeps `after` over warm reset), 'R' rst_b, '-' n/a */
} row_t;

static const row_t rows[] = {
    {0x000, 0, 0, '-'}, /* HW_ERROR_FATAL RW1C */
    {0x004, 0, 0, '-'}, /* HW_ERROR_NON_FATAL RW1C */
    {0x008, 0, P, 'P'}, /* FW_ERROR_FATAL RW */
    {0x00C, 0, P, 'P'}, /* FW_ERROR_NON_FATAL RW */
    {0x010, 0, P, 'P'},
    {0x014, 0, P, 'P'},
    {0x018, 0, P, 'P'},
    {0x01C, 0, P, 'P'},
    {0x020, 0, P, 'P'},
    {0x024, 0, P, 'P'},
    {0x028, 0, P, 'P'},
    {0x02C, 0, P, 'P'},
    {0x030, 0, P, 'P'},
    {0x034, 0, P, 'P'},
    {0x038, 0, 0, '-'},                     /* BOOT_STATUS: SoC write ignored [measured] */
    {0x03C, 0x42000000u, 0x42000000u, '-'}, /* FLOW_STATUS in BOOT_FUSE [measured] */
    {0x040, 0, 0, '-'},                     /* RESET_REASON RO */
    {0x044, 0, 0, '-'},                     /* SECURITY_STATE RO strap */
    {0x048, A, P, 'R'},
    {0x04C, A, P, 'R'},
    {0x050, A, P, 'R'},
    {0x054, A, P, 'R'},
    {0x058, A, P, 'R'}, /* MBOX_VALID_PAUSER */
    {0x05C, 0, 1, 'R'},
    {0x060, 0, 1, 'R'},
    {0x064, 0, 1, 'R'},
    {0x068, 0, 1, 'R'},
    {0x06C, 0, 1, 'R'}, /* MBOX_PAUSER_LOCK */
    {0x070, A, P, 'R'},
    {0x074, 0, 1, 'R'}, /* TRNG pauser + lock */
    {0x078, 0, P, 'R'},
    {0x0A4, 0, P, 'R'}, /* TRNG_DATA[0], [11] */
    {0x0A8, 0, 0, '-'}, /* TRNG_CTRL uC only */
    {0x0B0, 0, 1, 'P'}, /* FUSE_WR_DONE */
    {0x0B4, 0, P, 'P'}, /* TIMER_CONFIG */
    {0x0B8, 0, 1, 'R'}, /* BOOTFSM_GO */
    {0x0BC, 0, P, 'R'}, /* DBG_MANUF_SERVICE_REG */
    {0x0C0, 0, 1, 'R'}, /* CLK_GATING_EN */
    {0x0C4, 0, 0, '-'},
    {0x0C8, 0, 0, '-'}, /* GENERIC_INPUT_WIRES RO */
    {0x0CC, 0, 0, '-'},
    {0x0D0, 0, 0, '-'},       /* GENERIC_OUTPUT_WIRES RO to SoC */
    {0x0D4, 0x11, 0x11, '-'}, /* HW_REV_ID [measured] 0x0000_0011 */
    {0x0D8, 0, 0, '-'},
    {0x0DC, 0, 0, '-'},       /* FW_REV_ID RO to SoC */
    {0x0E0, 0x10, 0x10, '-'}, /* HW_CONFIG: LMS_acc_en=1 (1.1) */
    {0x0E4, 0, 0, '-'},
    {0x0E8, 0, 0, '-'},
    {0x0EC, A, A, '-'},
    {0x0F0, A, A, '-'},
    {0x0F4, 0, 0, '-'},
    {0x0F8, 0, 0, '-'},
    {0x0FC, A, A, '-'},
    {0x100, A, A, '-'},
    {0x104, 0, 0, '-'}, /* WDT regs RO to SoC, periods reset 0xFFFF_FFFF */
    {0x108, A, P, 'P'},
    {0x10C, 0, 1, 'P'}, /* FUSE pauser + lock (pwrgood) */
    {0x110, 0, P, 'P'},
    {0x114, 0, P, 'P'}, /* WDT_CFG */
    {0x118, 0, P, 'R'},
    {0x11C, 0, 0xA5A5, 'R'}, /* iTRNG entropy config */
    {0x120, 0, P, 'R'},
    {0x124, 0, P, 'R'},
    /* fuses (pwrgood); secret ones read 0 to the SoC [measured] */
    {0x200, 0, 0, '-'},
    {0x22C, 0, 0, '-'},
    {0x230, 0, 0, '-'},
    {0x24C, 0, 0, '-'},
    {0x250, 0, P, 'P'},
    {0x27C, 0, P, 'P'},
    {0x280, 0, 0x5, 'P'},
    {0x284, 0, P, 'P'},
    {0x2B0, 0, P, 'P'},
    {0x2B4, 0, P, 'P'},
    {0x2B8, 0, P, 'P'},
    {0x2C4, 0, P, 'P'},
    {0x2C8, 0, 1, 'P'},
    {0x2CC, 0, P, 'P'},
    {0x328, 0, P, 'P'},
    {0x32C, 0, P, 'P'},
    {0x338, 0, P, 'P'},
    {0x33C, 0, 1, 'P'},
    {0x340, 0, 1, 'P'},
    {0x344, 0, P, 'P'},
    {0x348, 0, 0xA5A5, 'P'},
    /* uC-internal: SoC writes dropped */
    {0x600, 0, 0, '-'},
    {0x624, 0, 0, '-'},
    {0x628, 5, 5, '-'},
    {0x630, 0, 0, '-'},
    /* undefined offsets and misaligned: 0, no error [measured] */
    {0x128, 0, 0, '-'},
    {0x1FC, 0, 0, '-'},
    {0x34C, 0, 0, '-'},
    {0x002, 0, 0, '-'},
};

static void test_reset_and_access_table(void **st) {
    (void)st;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const row_t *r = &rows[i];
        cptra_hw_t hw = cptra_model_new(NULL);
        uint64_t c = t_boot(hw);
        uint32_t v = t_rd(hw, c, SOC(r->off));
        if (v != r->reset)
            fprintf(stderr, "reset 0x%03x: got 0x%08x want 0x%08x\n", r->off, v, r->reset);
        assert_int_equal(v, r->reset);
        t_wr(hw, c + 2, SOC(r->off), P);
        v = t_rd(hw, c + 4, SOC(r->off));
        if (v != r->after)
            fprintf(stderr, "after 0x%03x: got 0x%08x want 0x%08x\n", r->off, v, r->after);
        assert_int_equal(v, r->after);
        if (r->dom != '-') {
            hw.ops->set_rst_b(hw.ctx, 100, false);
            hw.ops->set_rst_b(hw.ctx, 110, true);
            v = t_rd(hw, 119, SOC(r->off));
            uint32_t want = r->dom == 'P' ? r->after : r->reset;
            if (v != want)
                fprintf(stderr, "warm 0x%03x: got 0x%08x want 0x%08x\n", r->off, v, want);
            assert_int_equal(v, want);
            hw.ops->set_pwrgood(hw.ctx, 200, false);
            hw.ops->set_pwrgood(hw.ctx, 210, true);
            hw.ops->set_rst_b(hw.ctx, 220, true);
            v = t_rd(hw, 229, SOC(r->off));
            assert_int_equal(v, r->reset);
        }
        hw.ops->destroy(hw.ctx);
    }
}

/* Registers the uC writes and the SoC only reads. */
static void test_uc_owned_registers(void **st) {
    (void)st;
    static const uint32_t offs[] = {CPTRA_BOOT_STATUS,
                                    CPTRA_GENERIC_OUTPUT_WIRES0,
                                    CPTRA_GENERIC_OUTPUT_WIRES0 + 4,
                                    CPTRA_FW_REV_ID0,
                                    CPTRA_FW_REV_ID1,
                                    0x0EC};
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        cptra_hw_t hw = cptra_model_new(NULL);
        uint64_t c = t_boot(hw);
        cptra_hw_uc_write(hw, c, CPTRA_SOC_IFC_BASE + offs[i], 0x600u + (uint32_t)i);
        assert_int_equal(t_rd(hw, c + 1, SOC(offs[i])), 0x600u + i);
        t_wr(hw, c + 3, SOC(offs[i]), 0xDEADBEEFu);
        assert_int_equal(cptra_hw_uc_read(hw, c + 5, CPTRA_SOC_IFC_BASE + offs[i]), 0x600u + i);
        hw.ops->destroy(hw.ctx);
    }
    /* FLOW_STATUS: FW bits written by the uC, HW bits live */
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    t_wr(hw, c, SOC(CPTRA_FUSE_WR_DONE), 1);
    cptra_hw_uc_write(hw, c + 10, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS, 0xFFFFFFFFu);
    assert_int_equal(t_rd(hw, c + 11, SOC(CPTRA_FLOW_STATUS)),
                     0xB1FFFFFFu | (uint32_t)BOOT_DONE << 25);
    assert_int_equal(t_obs(hw, c + 11).ready_for_fw, 1);
    assert_int_equal(t_obs(hw, c + 11).ready_for_runtime, 1);
    hw.ops->destroy(hw.ctx);
}

static void test_fuses_lock_and_secrets(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    t_wr(hw, c, SOC(FUSE_UDS_SEED0), 0x11223344u);
    t_wr(hw, c + 2, SOC(FUSE_UDS_SEED0), 0x55667788u); /* write-once: ignored */
    t_wr(hw, c + 4, SOC(FUSE_FIELD_ENTROPY0 + 28), 0xCAFEu);
    assert_int_equal(t_rd(hw, c + 6, SOC(FUSE_UDS_SEED0)), 0);
    assert_int_equal(cptra_hw_uc_read(hw, c + 7, CPTRA_SOC_IFC_BASE + FUSE_UDS_SEED0), 0x11223344u);
    assert_int_equal(cptra_hw_uc_read(hw, c + 7, CPTRA_SOC_IFC_BASE + FUSE_FIELD_ENTROPY0 + 28),
                     0xCAFEu);
    t_wr(hw, c + 8, SOC(FUSE_RUNTIME_SVN0), 7);
    t_wr(hw, c + 10, SOC(FUSE_SOC_STEPPING_ID), 0x1234u);
    assert_int_equal(t_rd(hw, c + 12, SOC(CPTRA_HW_REV_ID)), 0x12340011u);
    t_wr(hw, c + 14, SOC(CPTRA_FUSE_WR_DONE), 1);
    /* after FUSE_WR_DONE: fuse writes silently dropped (no PSLVERR) */
    apb_resp_t r = t_apb(hw, c + 16, SOC(FUSE_RUNTIME_SVN0), 1, 9, SOC_PAUSER);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(t_rd(hw, c + 18, SOC(FUSE_RUNTIME_SVN0)), 7);
    t_wr(hw, c + 20, SOC(FUSE_FIELD_ENTROPY0), 1);
    assert_int_equal(cptra_hw_uc_read(hw, c + 21, CPTRA_SOC_IFC_BASE + FUSE_FIELD_ENTROPY0), 0);
    /* uC cannot write fuses */
    cptra_hw_uc_write(hw, c + 22, CPTRA_SOC_IFC_BASE + FUSE_LIFE_CYCLE, 3);
    assert_int_equal(t_rd(hw, c + 24, SOC(FUSE_LIFE_CYCLE)), 0);
    hw.ops->destroy(hw.ctx);
}

static void test_fuse_pauser_lock(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    t_wr(hw, c, SOC(CPTRA_FUSE_VALID_PAUSER), 0x1234u);
    t_wr(hw, c + 2, SOC(CPTRA_FUSE_PAUSER_LOCK), 1);
    t_wr(hw, c + 4, SOC(CPTRA_FUSE_VALID_PAUSER), 0x9999u); /* locked: dropped */
    assert_int_equal(t_rd(hw, c + 6, SOC(CPTRA_FUSE_VALID_PAUSER)), 0x1234u);
    apb_resp_t r = t_apb(hw, c + 8, SOC(FUSE_OWNER_PK_HASH0), 1, 5, SOC_PAUSER);
    assert_int_equal(r.slverr, 1);
    r = t_apb(hw, c + 10, SOC(FUSE_OWNER_PK_HASH0), 1, 5, 0x1234u);
    assert_int_equal(r.slverr, 0);
    r = t_apb(hw, c + 12, SOC(FUSE_OWNER_PK_HASH0), 0, 0, 0x7u);
    assert_int_equal(r.slverr, 1);
    assert_int_equal(r.rdata, 0);
    r = t_apb(hw, c + 14, SOC(0x5FC), 0, 0, 0x7u); /* whole sub-range 0x200-0x5FF */
    assert_int_equal(r.slverr, 1);
    r = t_apb(hw, c + 16, SOC(FUSE_OWNER_PK_HASH0), 0, 0, 0x1234u);
    assert_int_equal(r.slverr, 0);
    assert_int_equal(r.rdata, 5);
    r = t_apb(hw, c + 18, SOC(CPTRA_DBG_MANUF_SERVICE_REG), 0, 0, 0x7u); /* outside: ok */
    assert_int_equal(r.slverr, 0);
    r = t_apb(hw, c + 20, SOC(0x600), 0, 0, 0x7u);
    assert_int_equal(r.slverr, 0);
    hw.ops->destroy(hw.ctx);
}

static void test_fuse_pauser_integ(void **st) {
    (void)st;
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.set_fuse_pauser_integ = true;
    cfg.fuse_valid_pauser_integ = 0x42u;
    cptra_hw_t hw = cptra_model_new(&cfg);
    uint64_t c = t_boot(hw);
    assert_int_equal(t_apb(hw, c, SOC(FUSE_LIFE_CYCLE), 1, 1, SOC_PAUSER).slverr, 1);
    assert_int_equal(t_apb(hw, c + 2, SOC(FUSE_LIFE_CYCLE), 1, 1, 0x42u).slverr, 0);
    hw.ops->destroy(hw.ctx);
}

static void test_trng(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    uint32_t ts = CPTRA_SOC_IFC_BASE + CPTRA_TRNG_STATUS;
    t_wr(hw, c, SOC(CPTRA_TRNG_VALID_PAUSER), 0x77u);
    t_wr(hw, c + 2, SOC(CPTRA_TRNG_PAUSER_LOCK), 1);
    cptra_hw_uc_write(hw, c + 3, ts, 1); /* DATA_REQ */
    assert_int_equal(t_rd(hw, c + 4, SOC(CPTRA_TRNG_STATUS)), 1);
    t_wr(hw, c + 6, SOC(CPTRA_TRNG_DATA0), 0xAAAAu); /* wrong PAUSER: dropped */
    assert_int_equal(t_apb(hw, c + 8, SOC(CPTRA_TRNG_DATA0), 1, 0xBBBBu, 0x77u).slverr, 0);
    assert_int_equal(t_rd(hw, c + 10, SOC(CPTRA_TRNG_DATA0)), 0); /* mismatching reader */
    assert_int_equal(t_apb(hw, c + 12, SOC(CPTRA_TRNG_DATA0), 0, 0, 0x77u).rdata, 0xBBBBu);
    t_wr(hw, c + 14, SOC(CPTRA_TRNG_STATUS), 2); /* wrong PAUSER: no WR_DONE */
    assert_int_equal(t_rd(hw, c + 16, SOC(CPTRA_TRNG_STATUS)), 1);
    t_apb(hw, c + 18, SOC(CPTRA_TRNG_STATUS), 1, 2, 0x77u);
    assert_int_equal(cptra_hw_uc_read(hw, c + 20, ts), 3);
    assert_int_equal(cptra_hw_uc_read(hw, c + 20, CPTRA_SOC_IFC_BASE + CPTRA_TRNG_DATA0), 0xBBBBu);
    cptra_hw_uc_write(hw, c + 21, ts, 0); /* DATA_REQ=0 clears WR_DONE */
    assert_int_equal(cptra_hw_uc_read(hw, c + 22, ts), 0);
    cptra_hw_uc_write(hw, c + 23, CPTRA_SOC_IFC_BASE + CPTRA_TRNG_CTRL, 1); /* clear */
    assert_int_equal(cptra_hw_uc_read(hw, c + 24, CPTRA_SOC_IFC_BASE + CPTRA_TRNG_DATA0), 0);
    hw.ops->destroy(hw.ctx);
}

static void test_error_pins(void **st) {
    (void)st;
    cptra_hw_t hw = cptra_model_new(NULL);
    uint64_t c = t_boot(hw);
    /* [measured] SoC write 0x77 to FW_ERROR_NON_FATAL asserts the non-fatal pin */
    t_wr(hw, 31, SOC(CPTRA_FW_ERROR_NON_FATAL), 0x77u);
    assert_int_equal(t_obs(hw, 32).error_non_fatal_pin, 0);
    assert_int_equal(t_obs(hw, 33).error_non_fatal_pin, 1);
    t_wr(hw, 41, SOC(CPTRA_FW_ERROR_NON_FATAL), 0);
    assert_int_equal(t_obs(hw, 42).error_non_fatal_pin, 1);
    assert_int_equal(t_obs(hw, 43).error_non_fatal_pin, 0);
    /* masked (uC internal mask) -> no pin */
    cptra_hw_uc_write(hw, 50, CPTRA_SOC_IFC_BASE + 0x63C, 0xFFu);
    t_wr(hw, 51, SOC(CPTRA_FW_ERROR_NON_FATAL), 0x77u);
    assert_int_equal(t_obs(hw, 60).error_non_fatal_pin, 0);
    /* FW fatal: pin sticky until reset */
    t_wr(hw, 61, SOC(CPTRA_FW_ERROR_FATAL), 0x1u);
    assert_int_equal(t_obs(hw, 62).error_fatal_pin, 0);
    assert_int_equal(t_obs(hw, 63).error_fatal_pin, 1);
    t_wr(hw, 65, SOC(CPTRA_FW_ERROR_FATAL), 0);
    assert_int_equal(t_obs(hw, 80).error_fatal_pin, 1);
    hw.ops->set_rst_b(hw.ctx, 90, false);
    assert_int_equal(t_obs(hw, 91).error_fatal_pin, 0);
    (void)c;
    hw.ops->destroy(hw.ctx);
}

static void test_security_state_and_inputs_from_cfg(void **st) {
    (void)st;
    cptra_model_cfg_t cfg;
    cptra_model_default_cfg(&cfg);
    cfg.security_state = 0x5;
    cfg.generic_input_wires[1] = 0xABCDu;
    cfg.hw_config = 0x13;
    cptra_hw_t hw = cptra_model_new(&cfg);
    uint64_t c = t_boot(hw);
    assert_int_equal(t_rd(hw, c, SOC(CPTRA_SECURITY_STATE)), 0x5);
    assert_int_equal(t_rd(hw, c + 2, SOC(CPTRA_GENERIC_INPUT_WIRES0 + 4)), 0xABCDu);
    assert_int_equal(t_rd(hw, c + 4, SOC(CPTRA_HW_CONFIG)), 0x13);
    t_wr(hw, c + 6, SOC(CPTRA_SECURITY_STATE), 0);
    assert_int_equal(t_rd(hw, c + 8, SOC(CPTRA_SECURITY_STATE)), 0x5);
    hw.ops->destroy(hw.ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_and_access_table),
        cmocka_unit_test(test_uc_owned_registers),
        cmocka_unit_test(test_fuses_lock_and_secrets),
        cmocka_unit_test(test_fuse_pauser_lock),
        cmocka_unit_test(test_fuse_pauser_integ),
        cmocka_unit_test(test_trng),
        cmocka_unit_test(test_error_pins),
        cmocka_unit_test(test_security_state_and_inputs_from_cfg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
