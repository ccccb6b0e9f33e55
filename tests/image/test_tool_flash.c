/* image.tool_flash: cptra-imgtool create-auth-flash / create-auth-man / verify-flash on the
 * cptra_imgtool irot configurations, checked against what spec/images.md §2-§4 predicts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "cptra_authman.h"
#include "test_common.h"

#ifndef IMGTOOL
#error "IMGTOOL must be defined"
#endif

static char tmp[64];

static int run(const char *fmt, ...) {
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 255;
}

static int setup(void **s) {
    (void)s;
    snprintf(tmp, sizeof tmp, "/tmp/image-tool-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **s) {
    (void)s;
    run("rm -rf %s", tmp);
    return 0;
}

#define CFG(name) TD "/config/" name ".toml"
#define IROT_ARGS "--key-dir " TD "/key/ast2700-irot --prebuilt-dir " TD "/prebuilt/ast2700-irot"

static const char *const files[] = {"u-boot-spl.bin",
                                    "ddr4_pmu_train_imem.bin",
                                    "ddr4_pmu_train_dmem.bin",
                                    "ddr4_2d_pmu_train_imem.bin",
                                    "ddr4_2d_pmu_train_dmem.bin",
                                    "ddr5_pmu_train_imem.bin",
                                    "ddr5_pmu_train_dmem.bin",
                                    "dp_fw.bin",
                                    "uefi_ast2700.bin",
                                    "",
                                    "",
                                    "",
                                    "ssp.bin",
                                    "tsp.bin"};
static const uint32_t stages[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 0};

static void digest_padded(const char *name, uint8_t d[48], size_t *padded) {
    if (!name[0]) {
        SHA384((const uint8_t *)"", 0, d);
        *padded = 0;
        return;
    }
    char path[512];
    snprintf(path, sizeof path, TD "/prebuilt/ast2700-irot/%s", name);
    size_t n;
    uint8_t *b = td_read(path, &n);
    assert_non_null(b);
    size_t p = (n + 3) & ~(size_t)3;
    b = realloc(b, p + 1);
    memset(b + n, 0, p - n);
    SHA384(b, p, d);
    *padded = p;
    free(b);
}

static void irot_unsigned(void **s) {
    (void)s;
    assert_int_equal(run(IMGTOOL " create-auth-flash --cfg " CFG(
                             "ast2700-irot-manifest") " " IROT_ARGS " --flash %s/a.bin >/dev/null",
                         tmp),
                     0);
    assert_int_equal(run(IMGTOOL " create-auth-flash --cfg " CFG(
                             "ast2700-irot-manifest") " " IROT_ARGS " --flash %s/b.bin >/dev/null",
                         tmp),
                     0);
    /* no signatures: byte-identical across runs */
    assert_int_equal(run("cmp -s %s/a.bin %s/b.bin", tmp, tmp), 0);
    assert_int_equal(run(IMGTOOL " verify-flash %s/a.bin >/dev/null", tmp), 0);
    assert_int_equal(run(IMGTOOL " verify-flash --require-signed %s/a.bin >/dev/null 2>&1", tmp),
                     1);

    char path[128];
    snprintf(path, sizeof path, "%s/a.bin", tmp);
    size_t n;
    uint8_t *b = td_read(path, &n);
    assert_non_null(b);
    cptra_flash_info_t fi;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), 0);
    /* bundle + manifest + MCU FMC + the 13 entries other than fw_id 1 */
    assert_int_equal(fi.count, 16);
    assert_int_equal(fi.entry[0].identifier, 1);
    assert_int_equal(fi.entry[0].offset, 16 + 12 * 16);
    assert_int_equal(fi.entry[0].size, 106240);
    assert_int_equal(fi.entry[1].identifier, 2);
    assert_int_equal(fi.entry[1].size, 16004);
    assert_int_equal(fi.entry[2].identifier, 3);
    assert_int_equal(fi.entry[2].size, 133792); /* u-boot-spl.bin 133791 padded to 4 */
    for (unsigned i = 3; i < 16; i++)
        assert_int_equal(fi.entry[i].identifier, 0x1000 + i - 3);
    /* §4: the bundle inside is the irot prebuilt (sha256 aa648c63...abd4) */
    uint8_t h[32];
    SHA256(b + fi.entry[0].offset, fi.entry[0].size, h);
    assert_int_equal(h[0], 0xaa);
    assert_int_equal(h[1], 0x64);
    assert_int_equal(h[31], 0xd4);
    /* the manifest: 14 entries in configuration order with padded-file digests */
    cptra_aspeed_man_t am;
    assert_int_equal(cptra_aspeed_man_parse(b + fi.entry[1].offset, fi.entry[1].size, &am), 0);
    assert_int_equal(am.sec_ver, 1);
    cptra_authman_t m;
    assert_int_equal(cptra_authman_parse(am.upstream, CPTRA_AUTHMAN_SIZE, &m), 0);
    assert_int_equal(m.version, 1);
    assert_int_equal(m.flags, 0);
    assert_int_equal(m.entry_count, 14);
    for (unsigned i = 0; i < 14; i++) {
        uint8_t d[48];
        size_t padded;
        digest_padded(files[i], d, &padded);
        assert_int_equal(m.entry[i].fw_id, i + 1);
        assert_int_equal(m.entry[i].flags, 1u | stages[i] << 30);
        assert_memory_equal(m.entry[i].digest, d, 48);
        if (i > 0) {
            assert_int_equal(fi.entry[2 + i].size, padded);
            uint8_t f[48];
            SHA384(b + fi.entry[2 + i].offset, fi.entry[2 + i].size, f);
            assert_memory_equal(f, d, 48);
        }
    }
    /* empty placeholders: SHA-384("") = 38b060a7...98b95b */
    assert_int_equal(m.entry[9].digest[0], 0x38);
    assert_int_equal(m.entry[9].digest[1], 0xb0);
    assert_int_equal(m.entry[9].digest[47], 0x5b);
    assert_int_equal(m.entry[14].fw_id, 0xFFFFFFFFu);
    /* unsigned: every key and signature is zero */
    for (size_t i = 16; i < 7168; i++)
        assert_int_equal(am.upstream[i], 0);
    /* create-auth-man writes the same manifest */
    assert_int_equal(
        run(IMGTOOL " create-auth-man --cfg " CFG(
                "ast2700-irot-manifest") " " IROT_ARGS
                                         " --man %s/m.bin --upstream-out %s/u.bin >/dev/null",
            tmp, tmp),
        0);
    snprintf(path, sizeof path, "%s/m.bin", tmp);
    uint8_t *man = td_read(path, &n);
    assert_int_equal(n, 16004);
    assert_memory_equal(man, b + fi.entry[1].offset, 16004);
    free(man);
    snprintf(path, sizeof path, "%s/u.bin", tmp);
    man = td_read(path, &n);
    assert_int_equal(n, 14284);
    assert_memory_equal(man, am.upstream, 14284);
    free(man);
    /* --man reuses a given manifest */
    assert_int_equal(run(IMGTOOL " create-auth-flash --cfg " CFG(
                             "ast2700-irot-manifest") " " IROT_ARGS
                                                      " --man %s/m.bin --flash %s/c.bin >/dev/null",
                         tmp, tmp),
                     0);
    assert_int_equal(run("cmp -s %s/a.bin %s/c.bin", tmp, tmp), 0);
    free(b);
}

static void irot_signed(void **s) {
    (void)s;
    assert_int_equal(run(IMGTOOL " create-auth-flash --cfg " CFG(
                             "ast2700-irot-ecc-manifest") " " IROT_ARGS
                                                          " --flash %s/e.bin >/dev/null",
                         tmp),
                     0);
    /* ECC-only secure boot: accepted */
    assert_int_equal(run(IMGTOOL " verify-flash --no-lms %s/e.bin >/dev/null", tmp), 0);
    assert_int_equal(run(IMGTOOL " create-auth-flash --cfg " CFG(
                             "ast2700-irot-ecc-lms-manifest") " " IROT_ARGS
                                                              " --flash %s/l.bin >/dev/null 2>&1",
                         tmp),
                     0);
    /* §2.4: the pre-signed vendor LMS signature does not verify with the irot bundle's LMS key 3
     * (RT error 0x000E0048), but does with the default bundle's */
    assert_int_equal(run(IMGTOOL " verify-flash %s/l.bin 2>/dev/null | grep -q 0x000E0048", tmp),
                     0);
    assert_int_equal(run(IMGTOOL " verify-flash %s/l.bin >/dev/null 2>&1", tmp), 1);
    assert_int_equal(
        run(IMGTOOL " verify-flash --bundle " BUNDLE_DEFAULT " %s/l.bin >/dev/null", tmp), 0);
    /* the signed manifest carries sec_ver 1 and the owner SVN signature */
    char path[128];
    snprintf(path, sizeof path, "%s/l.bin", tmp);
    size_t n;
    uint8_t *b = td_read(path, &n);
    cptra_flash_info_t fi;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), 0);
    cptra_aspeed_man_t am;
    assert_int_equal(cptra_aspeed_man_parse(b + fi.entry[1].offset, fi.entry[1].size, &am), 0);
    assert_int_equal(am.svn_lms_q, 5);
    /* pre-signed vendor data: vendor manifest keys zeroed */
    for (int i = 16; i < 160; i++)
        assert_int_equal(am.upstream[i], 0);
    /* a corrupted image (CRCs fixed up) is caught by its digest */
    uint8_t *img = b + fi.entry[5].offset;
    img[10] ^= 1;
    uint32_t crc = cptra_crc32(0, b + 16, n - 16);
    memcpy(b + 12, &crc, 4); /* little-endian host */
    snprintf(path, sizeof path, "%s/bad.bin", tmp);
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
    assert_int_equal(run(IMGTOOL " verify-flash --bundle " BUNDLE_DEFAULT
                                 " %s 2>/dev/null | grep -q 'DIGEST MISMATCH'",
                         path),
                     0);
    assert_int_equal(
        run(IMGTOOL " verify-flash --bundle " BUNDLE_DEFAULT " %s >/dev/null 2>&1", path), 1);
    free(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(irot_unsigned),
        cmocka_unit_test(irot_signed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
