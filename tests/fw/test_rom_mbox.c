/* fw.rom_mbox: the ROM mailbox loop before FIRMWARE_LOAD (caliptra-1x.md §3.4): exact lengths,
 * checksums, STASH_MEASUREMENT limit, and every ROM error fatal (FW_ERROR_FATAL and NON_FATAL =
 * code, pending command answered CMD_FAILURE). */
#include <stdlib.h>
#include <string.h>

#include "fw_test_util.h"

static tb_t *rom_bench(int lock) {
    tb_t *tb = tb_new(SECURITY_STATE_UNPROV, NULL);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    tb_boot_until_ready_for_fw(tb, &f, lock);
    return tb;
}

static int hdr_ok(const uint8_t *r, uint32_t len) {
    return tle32(r) == cptra_fw_checksum(0, r + 4, len - 4) && tle32(r + 4) == 0;
}

static void expect_fatal(tb_t *tb, uint32_t code) {
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), code);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), code);
    assert_int_equal(cptra_fw_phase(&tb->fw), CPTRA_FW_FATAL);
    assert_false(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_READY_FOR_RUNTIME);
}

static void t_caps_version_selftest(void **st) {
    (void)st;
    tb_t *tb = rom_bench(1);
    uint8_t req[4], resp[64];
    uint32_t rl;
    tb_fill_chksum(CPTRA_CMD_CAPABILITIES, req, 4);
    assert_int_equal(tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_CAPABILITIES, req, 4, resp, 64, &rl),
                     MBOX_STATUS_DATA_READY);
    assert_int_equal(rl, 24);
    assert_true(hdr_ok(resp, rl));
    static const uint8_t caps[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}; /* ROM_BASE */
    assert_memory_equal(resp + 8, caps, 16);

    tb_fill_chksum(CPTRA_CMD_VERSION, req, 4);
    assert_int_equal(tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_VERSION, req, 4, resp, 64, &rl),
                     MBOX_STATUS_DATA_READY);
    assert_int_equal(rl, 36);
    assert_true(hdr_ok(resp, rl));
    assert_int_equal(tle32(resp + 8), 0x46495053u);
    assert_int_equal(tle32(resp + 12), tb_rd(tb, SOC(CPTRA_HW_REV_ID)));
    assert_int_equal(tle32(resp + 16), 0x0880u); /* ROM 1.2.0, no FMC yet */
    assert_int_equal(tle32(resp + 20), 0);
    assert_memory_equal(resp + 24, "Caliptra RTM", 12);

    tb_fill_chksum(CPTRA_CMD_SELF_TEST_START, req, 4);
    assert_int_equal(tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_SELF_TEST_START, req, 4, resp, 64, &rl),
                     MBOX_STATUS_DATA_READY);
    assert_int_equal(rl, 8);
    assert_true(hdr_ok(resp, rl));
    tb_fill_chksum(CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4);
    assert_int_equal(
        tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, resp, 64, &rl),
        MBOX_STATUS_DATA_READY);
    assert_int_equal(rl, 8);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), 0);

    /* After the ROM commands FIRMWARE_LOAD still boots to runtime. */
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(1), &len);
    assert_int_equal(
        tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_FIRMWARE_LOAD, img, (uint32_t)len, NULL, 0, NULL),
        MBOX_STATUS_CMD_COMPLETE);
    for (int i = 0;
         i < 10000 && !(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_READY_FOR_RUNTIME); i++)
        cptra_sim_advance(tb->sim, 10000);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_BOOT_STATUS)), 0x600);
    free(img);
    tb_free(tb);
}

static void t_stash_limit(void **st) {
    (void)st;
    tb_t *tb = rom_bench(1);
    uint8_t req[108], resp[16];
    uint32_t rl;
    for (int i = 0; i < 8; i++) {
        memset(req, 0, sizeof req);
        memset(req + 8, 0x11 * (i + 1), 48);
        tb_fill_chksum(CPTRA_CMD_STASH_MEASUREMENT, req, 108);
        assert_int_equal(
            tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_STASH_MEASUREMENT, req, 108, resp, 16, &rl),
            MBOX_STATUS_DATA_READY);
        assert_int_equal(rl, 12);
        assert_true(hdr_ok(resp, rl));
        assert_int_equal(tle32(resp + 8), 0); /* dpe_result */
    }
    assert_int_equal(tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_STASH_MEASUREMENT, req, 108, resp, 16, &rl),
                     MBOX_STATUS_CMD_FAILURE);
    expect_fatal(tb, 0x01020008u);
    tb_free(tb);
}

typedef struct {
    const char *name;
    uint32_t cmd;
    uint32_t len; /* DLEN */
    int bad_chksum;
    int reserved_pauser;
    uint32_t status; /* expected final STATUS */
    uint32_t code;   /* expected fatal code */
} rom_case_t;

static void t_fatal_table(void **st) {
    (void)st;
    static const rom_case_t cases[] = {
        {"bad checksum", CPTRA_CMD_CAPABILITIES, 4, 1, 0, MBOX_STATUS_CMD_FAILURE, 0x01020005u},
        {"CAPS length 8", CPTRA_CMD_CAPABILITIES, 8, 0, 0, MBOX_STATUS_CMD_FAILURE, 0x01020006u},
        {"VERSION length 0", CPTRA_CMD_VERSION, 0, 0, 0, MBOX_STATUS_CMD_FAILURE, 0x01020006u},
        {"STASH length 104", CPTRA_CMD_STASH_MEASUREMENT, 104, 0, 0, MBOX_STATUS_CMD_FAILURE,
         0x01020006u},
        {"STASH bad checksum", CPTRA_CMD_STASH_MEASUREMENT, 108, 1, 0, MBOX_STATUS_CMD_FAILURE,
         0x01020005u},
        {"RT-only command", CPTRA_CMD_FW_INFO, 4, 0, 0, MBOX_STATUS_CMD_FAILURE, 0x01020004u},
        {"unknown command", 0x12345678u, 4, 0, 0, MBOX_STATUS_CMD_FAILURE, 0x01020004u},
        {"reserved PAUSER", CPTRA_CMD_CAPABILITIES, 4, 0, 1, MBOX_STATUS_CMD_FAILURE, 0x01020009u},
        {"GET_IDEV_CSR", CPTRA_CMD_GET_IDEV_CSR, 4, 0, 0, MBOX_STATUS_CMD_FAILURE, 0x0102000Au},
        {"FIRMWARE_LOAD DLEN 0", CPTRA_CMD_FIRMWARE_LOAD, 0, 0, 0, MBOX_STATUS_CMD_FAILURE,
         0x01020002u},
        {"SHUTDOWN", CPTRA_CMD_SHUTDOWN, 4, 0, 0, MBOX_STATUS_DATA_READY, 0x000E0008u},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const rom_case_t *c = &cases[i];
        tb_t *tb = rom_bench(!c->reserved_pauser);
        uint8_t req[128];
        memset(req, 0, sizeof req);
        if (c->len >= 4) tb_fill_chksum(c->cmd, req, c->len);
        if (c->bad_chksum) req[0] ^= 1;
        uint32_t pauser = c->reserved_pauser ? 0xFFFFFFFFu : SOC_PAUSER;
        uint8_t resp[64];
        uint32_t rl;
        int stt = tb_mbox(tb, pauser, c->cmd, req, c->len, resp, 64, &rl);
        if (stt != (int)c->status) fail_msg("%s: status %d", c->name, stt);
        if (c->status == MBOX_STATUS_DATA_READY) {
            assert_int_equal(rl, 8);
            assert_true(hdr_ok(resp, rl));
        }
        expect_fatal(tb, c->code);
        /* The ROM loops: nothing else is answered. */
        tb_fill_chksum(CPTRA_CMD_CAPABILITIES, req, 4);
        assert_int_equal(cptra_sim_read(tb->sim, MBOX(MBOX_LOCK), pauser).rdata & 1u, 0);
        cptra_sim_write(tb->sim, MBOX(MBOX_CMD), CPTRA_CMD_CAPABILITIES, pauser);
        cptra_sim_write(tb->sim, MBOX(MBOX_DLEN), 4, pauser);
        cptra_sim_write(tb->sim, MBOX(MBOX_DATAIN), tle32(req), pauser);
        cptra_sim_write(tb->sim, MBOX(MBOX_EXECUTE), 1, pauser);
        cptra_sim_advance(tb->sim, 1000000);
        assert_int_equal(cptra_sim_read(tb->sim, MBOX(MBOX_STATUS), pauser).rdata & 0xFu,
                         MBOX_STATUS_CMD_BUSY);
        tb_free(tb);
    }
}

static void t_image_too_big(void **st) {
    (void)st;
    tb_t *tb = rom_bench(1);
    static uint8_t big[131076];
    assert_int_equal(
        tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_FIRMWARE_LOAD, big, sizeof big, NULL, 0, NULL),
        MBOX_STATUS_CMD_FAILURE);
    expect_fatal(tb, 0x01020002u);
    tb_free(tb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_caps_version_selftest), cmocka_unit_test(t_stash_limit),
        cmocka_unit_test(t_fatal_table), cmocka_unit_test(t_image_too_big)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
