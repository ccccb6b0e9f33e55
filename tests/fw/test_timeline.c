/* fw.timeline: the boot timeline of a full Caliptra boot follows the cost table to the cycle, and
 * the default table reproduces the published profile (caliptra-1x.md §4: ~36M clk to the ROM
 * mailbox loop; ECC verify 1 223 938 clk; SHA-512 87 clk/block). */
#include <stdlib.h>
#include <string.h>

#include "cptra_bundle.h"
#include "fw_test_util.h"

static const uint32_t order[] = {
    385, 386, 387, 257, 1,   2,     3,     4,     5,     6,     7,     8,     9,     10,   65,
    66,  67,  68,  69,  70,  129,   130,   131,   132,   133,   134,   135,   136,   193,  194,
    195, 196, 197, 198, 320, 0x400, 0x401, 0x402, 0x403, 0x404, 0x405, 0x406, 0x407, 0x600};

static void run_timeline(const cptra_fw_cost_t *override) {
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(0), &len);
    cptra_fw_cfg_t fc;
    cptra_fw_default_cfg(&fc);
    fc.cost = override;
    tb_t *tb = tb_new(SECURITY_STATE_UNPROV, &fc);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    char msg[256];
    assert_int_equal(tb_boot(tb, &f, img, len, msg, sizeof msg), SOC_SEQ_DONE);
    const cptra_fw_cost_t *c = cptra_fw_cost(&tb->fw);
    if (override) assert_memory_equal(c, override, sizeof *c);

    uint64_t rel, kat, loop, ld, vd, ready, rdy_fw;
    assert_true(tl_find(&tb->fw_tl, "rom.reset_release", &rel));
    assert_true(tl_find(&tb->fw_tl, "rom.kat_done", &kat));
    assert_true(tl_find(&tb->fw_tl, "rom.mbox_loop", &loop));
    assert_true(tl_find(&tb->fw_tl, "rom.fw_load_start", &ld));
    assert_true(tl_find(&tb->fw_tl, "rom.verify_done", &vd));
    assert_true(tl_find(&tb->fw_tl, "rt.ready", &ready));
    assert_true(tl_find(&tb->soc_tl, "soc.ready_for_fw", &rdy_fw));

    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 385), rel + c->rom_init);
    assert_int_equal(kat, rel + c->rom_init + c->rom_kat_ecc + c->rom_kat_lms + c->rom_kat_other);
    assert_int_equal(loop, kat + c->rom_cold_start + c->rom_idevid + c->rom_ldevid);
    assert_int_equal(loop - rel, cptra_fw_cost_rom_to_mbox_loop(c));
    /* The SoC pushed the image as soon as ready_for_fw rose (IDevID start); the ROM takes it in
     * its mailbox loop. */
    assert_true(rdy_fw < loop);
    /* ready_for_fw rises with IDevID start (after ColdResetStarted, before IDevID status 1) */
    assert_true(rdy_fw >= cptra_fw_cycle_of(&tb->fw, 257));
    assert_true(rdy_fw <= cptra_fw_cycle_of(&tb->fw, 1) + 4000 /* poll interval */);
    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 257), kat + c->rom_cold_start);
    assert_int_equal(ld, loop);
    /* Verification work from the image library, charged with the hardware figures. */
    cptra_fuse_vals_t fv;
    memset(&fv, 0, sizeof fv);
    cptra_verify_cost_t vc;
    memset(&vc, 0, sizeof vc);
    assert_int_equal(cptra_bundle_verify(img, len, &fv, NULL, &vc), 0);
    assert_int_equal(vc.ecc384_verifies, 2); /* vendor + owner, LMS fuse off */
    assert_int_equal(vc.lms_verifies, 0);
    uint64_t verify = (uint64_t)vc.sha384_blocks * c->sha512_block + 2 * c->ecc384_verify;
    uint64_t manifest = (5884 / 4) * c->mbox_word + c->rom_fw_manifest;
    assert_int_equal(vd, ld + c->rom_cmd_base + manifest + verify);
    cptra_fw_image_info_t ii;
    cptra_fw_image(&tb->fw, &ii);
    assert_int_equal(ii.verify_cycles, verify);
    uint32_t fmc_size = tle32(img + 5676 + 52), rt_size = tle32(img + 5780 + 52);
    uint64_t load = (uint64_t)((fmc_size + rt_size + 3) / 4) * c->rom_fw_load_word;
    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 134), vd + c->rom_fw_dv + load);
    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 320), vd + c->rom_fw_dv + load + c->rom_fmc_alias);
    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 0x407),
                     vd + c->rom_fw_dv + load + c->rom_fmc_alias + c->rom_to_fmc + c->fmc_rt_alias);
    assert_int_equal(ready, vd + c->rom_fw_dv + load + c->rom_fmc_alias + c->rom_to_fmc +
                                c->fmc_rt_alias + c->rt_init);
    assert_int_equal(cptra_fw_cycle_of(&tb->fw, 0x600), ready);
    print_message("release %llu mbox_loop +%llu verify %llu (%u SHA blocks) rt.ready +%llu\n",
                  (unsigned long long)rel, (unsigned long long)(loop - rel),
                  (unsigned long long)verify, vc.sha384_blocks, (unsigned long long)(ready - rel));
    /* Every §3.7 status was written, in order. */
    uint64_t prev = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        uint64_t cy = cptra_fw_cycle_of(&tb->fw, order[i]);
        if (cy == 0 || cy < prev)
            fail_msg("boot status %u at %llu (previous %llu)", order[i], (unsigned long long)cy,
                     (unsigned long long)prev);
        prev = cy;
    }
    tb_free(tb);
    free(img);
}

static void t_default_costs(void **st) {
    (void)st;
    cptra_fw_cost_t c;
    cptra_fw_cost_default(&c);
    /* Spec figures (caliptra-1x.md §4). */
    assert_int_equal(c.ecc384_verify, 1223938);
    assert_int_equal(c.sha512_block, 87);
    assert_int_equal(c.rom_kat_ecc, 3570000);
    assert_int_equal(c.rom_kat_lms, 1060000);
    assert_int_equal(c.rom_idevid, 3300000);
    assert_int_equal(c.rom_ldevid, 3300000);
    /* ~36M clk from simulation start to the mailbox loop; ready_for_fuses at 6 155. */
    assert_int_equal(cptra_fw_cost_rom_to_mbox_loop(&c) + 6155, 36000000);
    assert_int_equal(cptra_fw_sha384_blocks(0), 1);
    assert_int_equal(cptra_fw_sha384_blocks(111), 1);
    assert_int_equal(cptra_fw_sha384_blocks(112), 2);
    assert_int_equal(cptra_fw_sha384_blocks(1024), 9);
    run_timeline(NULL);
}

static void t_override_costs(void **st) {
    (void)st;
    cptra_fw_cost_t c;
    cptra_fw_cost_default(&c);
    c.rom_init = 1000;
    c.rom_kat_other = 12345;
    c.rom_idevid = 777;
    c.ecc384_verify = 5;
    c.rt_init = 99;
    run_timeline(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_default_costs),
                                       cmocka_unit_test(t_override_costs)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
