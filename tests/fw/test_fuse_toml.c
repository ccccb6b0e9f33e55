/* fw.fuse_toml: the TOML fuse-file parser (format: models/caliptra/fw/README.md) and the
 * sequencer booting from a parsed fuse file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw_test_util.h"

static const char *k_prod_default =
    "# ast2700-default production fuses (testdata/README.md)\n"
    "key_manifest_pk_hash = \"428d18b0 b49192c0 163b4e0b 2e231d20 eef3ae37 f8046c09 a31911e3 "
    "f6875a9a 287342c5 8c7f8d68 b69fafe1 dd27b2dc\"\n"
    "owner_pk_hash = \"124f40b2 b2035f15 e4878203 7342d795 afc8b36d 065d2fea 9afaee72 4b8b9d53 "
    "433ec6c1 b4dbb9dc 2c6f9f71 e5f218b6\"\n"
    "life_cycle = \"production\"\n"
    "lms_verify = 1\n"
    "anti_rollback_disable = false\n"
    "fmc_key_manifest_svn = 0x0\n"
    "runtime_svn = [0, 0, 0, 0]\n"
    "key_manifest_pk_hash_mask = \"0x00000000\"\n"
    "lms_revocation = 0\n"
    "soc_stepping_id = 0x12\n";

static void t_parse(void **st) {
    (void)st;
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    char err[200];
    assert_int_equal(soc_fuses_parse_toml(k_prod_default, &f, err, sizeof err), 0);
    soc_fuses_t want;
    tb_prod_fuses(0, &want);
    want.lms_verify = 1;
    want.soc_stepping_id = 0x12;
    assert_memory_equal(&f, &want, sizeof f);
    assert_int_equal(f.key_manifest_pk_hash[0], 0x428d18b0u);
    assert_int_equal(f.owner_pk_hash[11], 0xe5f218b6u);
    assert_int_equal(f.life_cycle, 3);
}

static void t_errors(void **st) {
    (void)st;
    static const char *bad[] = {
        "fuse_key_manifest_pk_hash = \"00\"\n", /* FUSE_ prefix: unknown key */
        "owner_pk_hash = \"1 2 3\"\n",          /* 3 words, 12 needed */
        "uds_seed = \"zz\"\n",                  /* not hex */
        "lms_verify = -1\n",                    /* negative */
        "lms_verify = 4294967296\n",            /* > 32 bits */
        "life_cycle = \"debug\"\n",             /* unknown lifecycle name */
        "runtime_svn = [1, 2]\n",               /* 2 of 4 words */
        "soc_stepping_id = \"123456789\"\n",    /* 9 hex digits */
        "[fuses]\nlms_verify = 1\n",            /* tables are not fuses */
        "lms_verify = \n",                      /* TOML syntax error */
        "field_entropy = 1.5\n",                /* float */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        soc_fuses_t f;
        memset(&f, 0xAB, sizeof f);
        soc_fuses_t before = f;
        char err[200] = "";
        if (soc_fuses_parse_toml(bad[i], &f, err, sizeof err) != -1)
            fail_msg("accepted: %s", bad[i]);
        assert_true(strlen(err) > 0);
        assert_memory_equal(&f, &before, sizeof f); /* untouched on error */
    }
    char err[200] = "";
    soc_fuses_t f;
    assert_int_equal(soc_fuses_load_toml("/nonexistent/fuses.toml", &f, err, sizeof err), -1);
    assert_int_equal(soc_fuses_parse_toml(NULL, &f, err, sizeof err), -1);
}

static void t_boot_from_file(void **st) {
    (void)st;
    char path[] = "/tmp/fw_fuse_toml_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(k_prod_default, fp);
    fclose(fp);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    char err[200];
    assert_int_equal(soc_fuses_load_toml(path, &f, err, sizeof err), 0);
    remove(path);
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(0), &len);
    tb_t *tb = tb_new(SECURITY_STATE_PROD, NULL);
    char msg[256];
    if (tb_boot(tb, &f, img, len, msg, sizeof msg) != SOC_SEQ_DONE) fail_msg("%s", msg);
    /* the fuses reached the hw */
    assert_int_equal(tb_rd(tb, SOC(FUSE_LMS_VERIFY)), 1);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_HW_REV_ID)) >> 16, 0x12); /* SOC_STEPPING_ID */
    tb_free(tb);
    free(img);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_parse), cmocka_unit_test(t_errors),
                                       cmocka_unit_test(t_boot_from_file)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
