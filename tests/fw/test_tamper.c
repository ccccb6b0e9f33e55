/* fw.tamper: single-bit flips over every signed or hashed region of both ASPEED bundles, run
 * through the ROM's FIRMWARE_LOAD verification of the fw model (fuses read from the hw through
 * the uC port: production lifecycle, both key hashes, LMS verification on). Each flip must be
 * rejected with the error of the first check that covers its region (images.md §1.3/§1.4);
 * flips in bytes nothing covers (the preamble's reserved words) must be accepted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cptra_bundle.h"
#include "fw_test_util.h"

typedef struct {
    const char *name;
    uint32_t start, end; /* [start, end) */
    uint32_t allowed[6]; /* accepted error codes (0 = accepted image) */
} region_t;

#define E(x) (0x000B0000u | (x))

static int allowed(const region_t *r, uint32_t rc) {
    for (int i = 0; i < 6; i++)
        if (r->allowed[i] == rc && (rc != 0 || i == 0)) return 1;
    return 0;
}

static unsigned campaign(int irot) {
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(irot), &len);
    assert_non_null(img);
    uint32_t fmc_off = tle32(img + 5676 + 48), fmc_size = tle32(img + 5676 + 52);
    uint32_t rt_off = tle32(img + 5780 + 48), rt_size = tle32(img + 5780 + 52);
    assert_int_equal(fmc_off, 5884);
    assert_int_equal(rt_off, fmc_off + fmc_size);
    const region_t regions[] = {
        {"marker", 0, 4, {E(0x01)}},
        {"manifest size", 4, 8, {E(0x02)}},
        {"vendor pub keys", 8, 1928, {E(0x05)}},
        /* another index: out of bounds, or the signature check with another (zero) key fails */
        {"vendor ecc idx", 1928, 1932, {E(0x08), E(0x0B), E(0x0C), E(0x0D), E(0x1B)}},
        {"vendor lms idx", 1932, 1936, {E(0x32), E(0x31), E(0x33), E(0x30)}},
        {"vendor ecc sig", 1936, 2032, {E(0x0C), E(0x0B), E(0x1C)}},
        {"vendor lms sig", 2032, 3652, {E(0x33), E(0x31)}},
        {"owner pub keys", 3652, 3796, {E(0x07)}},
        {"owner ecc sig", 3796, 3892, {E(0x0F), E(0x0E), E(0x1A)}},
        {"owner lms sig", 3892, 5512, {E(0x38), E(0x36)}},
        {"preamble reserved (unsigned)", 5512, 5520, {0}},
        {"header (vendor+owner signed)", 5520, 5636, {E(0x0C), E(0x0B)}},
        {"header owner data (owner signed)", 5636, 5676, {E(0x0F), E(0x0E)}},
        {"toc", 5676, 5884, {E(0x12)}},
        {"fmc", fmc_off, fmc_off + fmc_size, {E(0x14)}},
        {"runtime", rt_off, rt_off + rt_size, {E(0x16)}},
    };
    assert_int_equal(rt_off + rt_size, len); /* no trailing bytes in these bundles */

    tb_t *tb = tb_new(SECURITY_STATE_PROD, NULL);
    soc_fuses_t f;
    tb_prod_fuses(irot, &f);
    f.lms_verify = 1;
    tb_boot_until_ready_for_fw(tb, &f, 1);
    uint64_t now = cptra_sim_now(tb->sim);

    uint64_t cyc = 0;
    assert_int_equal(cptra_fw_verify_image(&tb->fw, now, img, len, &cyc), 0);
    /* 4 signatures: 2 ECC + 2 LMS at the table's cost, plus SHA-384 blocks. */
    const cptra_fw_cost_t *c = cptra_fw_cost(&tb->fw);
    assert_true(cyc > 2 * c->ecc384_verify + 2 * c->lms_verify);
    assert_true(cyc < 2 * c->ecc384_verify + 2 * c->lms_verify + 20000 * c->sha512_block);

    unsigned flips = 0;
    uint32_t lcg = 12345u + (uint32_t)irot;
    for (size_t r = 0; r < sizeof regions / sizeof regions[0]; r++) {
        const region_t *rg = &regions[r];
        uint32_t size = rg->end - rg->start;
        uint32_t n = size / 16;
        if (n < 16) n = 16;
        if (n > 120) n = 120;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t pos = rg->start + (uint32_t)((uint64_t)i * (size - 1) / (n - 1));
            lcg = lcg * 1103515245u + 12345u;
            uint8_t bit = (uint8_t)(1u << ((lcg >> 16) & 7u));
            img[pos] ^= bit;
            uint32_t rc = cptra_fw_verify_image(&tb->fw, now, img, len, NULL);
            img[pos] ^= bit;
            if (!allowed(rg, rc))
                fail_msg("%s bundle: flip at %u bit 0x%02x (%s): got 0x%08x (%s)",
                         irot ? "irot" : "default", pos, bit, rg->name, rc, cptra_error_name(rc));
            flips++;
        }
    }
    /* Image intact again. */
    assert_int_equal(cptra_fw_verify_image(&tb->fw, now, img, len, NULL), 0);
    tb_free(tb);
    free(img);
    return flips;
}

static void t_default(void **st) {
    (void)st;
    assert_true(campaign(0) >= 500);
}
static void t_irot(void **st) {
    (void)st;
    assert_true(campaign(1) >= 500);
}

/* A few tampered images through the full mailbox FIRMWARE_LOAD: CMD_FAILURE, fatal, code. */
static void t_mailbox_path(void **st) {
    (void)st;
    static const struct {
        uint32_t pos;
        uint32_t code;
    } cases[] = {{0, E(0x01)}, {5700, E(0x12)}, {6000, E(0x14)}, {60000, E(0x16)}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        uint8_t *img = tb_load(tb_bundle_path(0), &len);
        img[cases[i].pos] ^= 0x10;
        tb_t *tb = tb_new(SECURITY_STATE_UNPROV, NULL);
        soc_fuses_t f;
        memset(&f, 0, sizeof f);
        tb_boot_until_ready_for_fw(tb, &f, 1);
        int st2 =
            tb_mbox(tb, SOC_PAUSER, CPTRA_CMD_FIRMWARE_LOAD, img, (uint32_t)len, NULL, 0, NULL);
        assert_int_equal(st2, MBOX_STATUS_CMD_FAILURE);
        assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_FATAL)), cases[i].code);
        assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), cases[i].code);
        tb_free(tb);
        free(img);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_default), cmocka_unit_test(t_irot),
                                       cmocka_unit_test(t_mailbox_path)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
