/* fw.boot: both ASPEED bundles boot to runtime-ready through the SoC sequencer (unprovisioned and
 * production fuses), and wrong fuse hashes fail with the ROM's error (images.md §1.4 step 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cptra_bundle.h"
#include "fw_test_util.h"

static void check_runtime(tb_t *tb, const uint8_t *img, size_t len) {
    /* Oracle: versions straight from the TOC bytes (images.md §1.2: version @28 of each entry). */
    uint32_t fmc_ver = tle32(img + 5676 + 28), rt_ver = tle32(img + 5780 + 28);
    (void)len;
    assert_int_equal(tb_rd(tb, SOC(CPTRA_BOOT_STATUS)), 0x600);
    uint32_t flow = tb_rd(tb, SOC(CPTRA_FLOW_STATUS));
    assert_true(flow & FLOW_STATUS_READY_FOR_RUNTIME);
    assert_true(flow & FLOW_STATUS_READY_FOR_FW);
    assert_true(flow & FLOW_STATUS_MAILBOX_FLOW_DONE);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_REV_ID0)), (fmc_ver & 0xFFFFu) << 16 | 0x0880u);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_REV_ID1)), rt_ver);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), 0);
    assert_int_equal(cptra_fw_phase(&tb->fw), CPTRA_FW_RT_READY);
    cptra_fw_image_info_t ii;
    cptra_fw_image(&tb->fw, &ii);
    assert_true(ii.loaded);
    assert_true(ii.pl0_pauser_valid);
    assert_int_equal(ii.pl0_pauser, 0x21212121u); /* ASPEED fork sets it (images.md §1.2) */
}

static void boot_one(int irot, int prod) {
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(irot), &len);
    assert_non_null(img);
    soc_fuses_t f;
    if (prod) {
        tb_prod_fuses(irot, &f);
    } else {
        memset(&f, 0, sizeof f);
    }
    tb_t *tb = tb_new(prod ? SECURITY_STATE_PROD : SECURITY_STATE_UNPROV, NULL);
    char msg[256];
    soc_seq_action_t a = tb_boot(tb, &f, img, len, msg, sizeof msg);
    if (a != SOC_SEQ_DONE) fail_msg("boot failed: %s", msg);
    check_runtime(tb, img, len);
    /* The sequencer saw every phase in order. */
    uint64_t c1, c2, c3;
    assert_true(tl_find(&tb->soc_tl, "soc.ready_for_fuses", &c1));
    assert_true(tl_find(&tb->soc_tl, "soc.ready_for_fw", &c2));
    assert_true(tl_find(&tb->soc_tl, "soc.ready_for_runtime", &c3));
    assert_true(c1 < c2 && c2 < c3);
    tb_free(tb);
    free(img);
}

static void t_default_unprov(void **st) {
    (void)st;
    boot_one(0, 0);
}
static void t_irot_unprov(void **st) {
    (void)st;
    boot_one(1, 0);
}
static void t_default_prod(void **st) {
    (void)st;
    boot_one(0, 1);
}
static void t_irot_prod(void **st) {
    (void)st;
    boot_one(1, 1);
}

static void boot_fail(int irot, soc_fuses_t *f, uint32_t want) {
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(irot), &len);
    tb_t *tb = tb_new(SECURITY_STATE_PROD, NULL);
    char msg[256];
    soc_seq_action_t a = tb_boot(tb, f, img, len, msg, sizeof msg);
    assert_int_equal(a, SOC_SEQ_FAILED);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), want);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), want);
    assert_int_equal(cptra_fw_fatal_error(&tb->fw), want);
    assert_int_equal(cptra_fw_phase(&tb->fw), CPTRA_FW_FATAL);
    char code[16];
    snprintf(code, sizeof code, "0x%08x", want);
    assert_non_null(strstr(msg, code));
    /* failed during verification: manifest loaded (130), verification not complete (131) */
    assert_int_equal(tb_rd(tb, SOC(CPTRA_BOOT_STATUS)), 130);
    assert_false(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_READY_FOR_RUNTIME);
    tb_free(tb);
    free(img);
}

static void t_wrong_vendor_hash(void **st) {
    (void)st;
    for (int irot = 0; irot < 2; irot++) {
        soc_fuses_t f;
        tb_prod_fuses(irot, &f);
        f.key_manifest_pk_hash[5] ^= 0x00010000u;
        boot_fail(irot, &f, IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH);
    }
}

static void t_other_bundles_hash(void **st) {
    /* The irot hash does not match the default bundle. */
    (void)st;
    soc_fuses_t f;
    tb_prod_fuses(1, &f);
    boot_fail(0, &f, IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH);
}

static void t_wrong_owner_hash(void **st) {
    (void)st;
    soc_fuses_t f;
    tb_prod_fuses(0, &f);
    f.owner_pk_hash[11] ^= 1u;
    boot_fail(0, &f, IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH);
}

/* Sequencer failure report: an empty FIRMWARE_LOAD is a fatal ROM error (DLEN 0). */
static void t_seq_failure_message(void **st) {
    (void)st;
    tb_t *tb = tb_new(SECURITY_STATE_UNPROV, NULL);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    static const uint8_t none[4];
    char msg[256];
    assert_int_equal(tb_boot(tb, &f, none, 0, msg, sizeof msg), SOC_SEQ_FAILED);
    assert_non_null(strstr(msg, "CPTRA_FW_ERROR_FATAL=0x01020002"));
    /* the ROM was in its mailbox loop: LDevID complete (70) was the last status */
    assert_non_null(strstr(msg, "CPTRA_BOOT_STATUS=0x46"));
    tb_free(tb);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_default_unprov),    cmocka_unit_test(t_irot_unprov),
        cmocka_unit_test(t_default_prod),      cmocka_unit_test(t_irot_prod),
        cmocka_unit_test(t_wrong_vendor_hash), cmocka_unit_test(t_other_bundles_hash),
        cmocka_unit_test(t_wrong_owner_hash),  cmocka_unit_test(t_seq_failure_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
