/* fw.update: FIRMWARE_LOAD to the runtime = impactless update through the ROM update-reset flow
 * (caliptra-1x.md §2.2 step 8, §3.7 statuses 321..328; images.md §1.4 update-reset rules). */
#include <stdlib.h>
#include <string.h>

#include "cptra_bundle.h"
#include "fw_test_util.h"

static tb_t *booted(uint8_t **img, size_t *len) {
    *img = tb_load(tb_bundle_path(0), len);
    tb_t *tb = tb_new(SECURITY_STATE_UNPROV, NULL);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    assert_int_equal(tb_boot(tb, &f, *img, *len, NULL, 0), SOC_SEQ_DONE);
    return tb;
}

static void wait_runtime(tb_t *tb) {
    for (int i = 0; i < 20000; i++) {
        if (cptra_fw_phase(&tb->fw) == CPTRA_FW_RT_READY &&
            tb_rd(tb, SOC(CPTRA_BOOT_STATUS)) == 0x600)
            return;
        cptra_sim_advance(tb->sim, 10000);
    }
    fail_msg("runtime did not come back");
}

static void t_same_bundle(void **st) {
    (void)st;
    uint8_t *img;
    size_t len;
    tb_t *tb = booted(&img, &len);
    uint64_t first_ready = cptra_fw_cycle_of(&tb->fw, 0x600);
    assert_int_equal(
        tb_mbox(tb, A35_PAUSER, CPTRA_CMD_FIRMWARE_LOAD, img, (uint32_t)len, NULL, 0, NULL),
        MBOX_STATUS_CMD_COMPLETE);
    wait_runtime(tb);
    assert_true(tb_rd(tb, SOC(CPTRA_RESET_REASON)) & 1u); /* FW_UPD_RESET */
    uint64_t prev = 0;
    for (uint32_t bs = 321; bs <= 328; bs++) {
        uint64_t c = cptra_fw_cycle_of(&tb->fw, bs);
        assert_true(c > first_ready && c >= prev);
        prev = c;
    }
    assert_true(cptra_fw_cycle_of(&tb->fw, 0x600) > prev);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), 0);
    /* the runtime answers again */
    uint8_t req[4], resp[32];
    uint32_t rl;
    tb_fill_chksum(CPTRA_CMD_CAPABILITIES, req, 4);
    assert_int_equal(tb_mbox(tb, A35_PAUSER, CPTRA_CMD_CAPABILITIES, req, 4, resp, 32, &rl),
                     MBOX_STATUS_DATA_READY);
    assert_int_equal(resp[15], 1);
    tb_free(tb);
    free(img);
}

static void t_other_fmc(void **st) {
    (void)st;
    uint8_t *img;
    size_t len, len2;
    tb_t *tb = booted(&img, &len);
    uint8_t *irot = tb_load(tb_bundle_path(1), &len2);
    /* different FMC than the cold-boot image: rejected, fatal */
    assert_int_equal(
        tb_mbox(tb, A35_PAUSER, CPTRA_CMD_FIRMWARE_LOAD, irot, (uint32_t)len2, NULL, 0, NULL),
        MBOX_STATUS_CMD_FAILURE);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)),
                     IMAGE_VERIFIER_ERR_UPDATE_RESET_FMC_DIGEST_MISMATCH);
    tb_free(tb);
    free(img);
    free(irot);
}

/* Warm reset (rst_b only, §2.2 step 7): fuses persist, the SoC writes FUSE_WR_DONE again and
 * re-locks the PAUSER slots; the ROM runs its KATs and resumes the retained image without a
 * download. */
static void t_warm_reset(void **st) {
    (void)st;
    uint8_t *img;
    size_t len;
    tb_t *tb = booted(&img, &len);
    uint64_t first_ready = cptra_fw_cycle_of(&tb->fw, 0x600);
    cptra_sim_advance(tb->sim, 100);
    tb->hw.ops->set_rst_b(tb->hw.ctx, cptra_sim_now(tb->sim), false);
    cptra_sim_advance(tb->sim, 20);
    tb->hw.ops->set_rst_b(tb->hw.ctx, cptra_sim_now(tb->sim), true);
    assert_true(cptra_sim_poll(tb->sim, SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FUSES,
                               FLOW_STATUS_READY_FOR_FUSES, SOC_PAUSER, 1000, NULL));
    assert_true(tb_rd(tb, SOC(CPTRA_RESET_REASON)) & 2u); /* WARM_RESET */
    cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), A35_PAUSER, SOC_PAUSER);
    cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1, SOC_PAUSER);
    cptra_sim_write(tb->sim, SOC(CPTRA_FUSE_WR_DONE), 1, SOC_PAUSER);
    wait_runtime(tb);
    assert_true(cptra_fw_cycle_of(&tb->fw, 387) > first_ready); /* KATs re-ran */
    assert_true(cptra_fw_cycle_of(&tb->fw, 0x600) > first_ready);
    assert_true(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_READY_FOR_RUNTIME);
    uint8_t req[4], resp[32];
    uint32_t rl;
    tb_fill_chksum(CPTRA_CMD_CAPABILITIES, req, 4);
    assert_int_equal(tb_mbox(tb, A35_PAUSER, CPTRA_CMD_CAPABILITIES, req, 4, resp, 32, &rl),
                     MBOX_STATUS_DATA_READY);
    tb_free(tb);
    free(img);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_same_bundle),
                                       cmocka_unit_test(t_other_fmc),
                                       cmocka_unit_test(t_warm_reset)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
