/* image.authman: SET_AUTH_MANIFEST verification and AUTHORIZE_AND_STASH lookup as Caliptra RT 1.2
 * (spec/images.md §2.1-§2.3), and the ASPEED on-flash manifest (§2.4). Manifests are built here
 * with the ASPEED test keys and the pre-signed vendor signature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "cptra_authman.h"
#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "test_common.h"

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void *load_key(const char *path, int priv) {
    char err[256];
    void *k = cptra_ecc384_load_pem(path, priv, err, sizeof err);
    assert_non_null(k);
    return k;
}

static void ecc_sign_hw(const char *priv, const uint8_t d[48], uint8_t *dst) {
    void *k = load_key(priv, 1);
    uint8_t sig[96];
    assert_int_equal(cptra_ecc384_sign(k, d, sig), 0);
    cptra_swap_words(dst, sig, 96);
    cptra_ecc384_free(k);
}

/* own-fw and own-man LMS keys are the same sparse (leaf 5) key in testdata */
static void lms_sign(const uint8_t d[48], uint8_t *dst) {
    size_t n;
    uint8_t *priv = td_read(KEYS "/own-fw-lms-prvk.pem", &n);
    cptra_lms_tree_t *t = cptra_lms_tree_build_sparse(priv, 5);
    assert_int_equal(cptra_lms_tree_sign(t, 5, d, 48, dst), 0);
    cptra_lms_tree_free(t);
    free(priv);
}

/* Sign the IMC (the first imc_len bytes after the preamble) with the owner manifest keys. */
static void sign_imc(uint8_t *m, size_t imc_len) {
    uint8_t d[48];
    SHA384(m + 7168, imc_len, d);
    ecc_sign_hw(KEYS "/own-man-ecc-prvk.pem", d, m + CPTRA_AM_OFF_OWN_IMC_ECC_SIG);
    lms_sign(d, m + CPTRA_AM_OFF_OWN_IMC_LMS_SIG);
}

static const uint32_t ids[3] = {12, 3, 7};

static uint8_t *build(void) {
    uint8_t *m = calloc(1, CPTRA_AUTHMAN_SIZE), d[48];
    put32(m, CPTRA_AUTHMAN_MARKER);
    put32(m + 4, 7168);
    put32(m + 8, 1); /* version 1, flags 0, zero vendor keys: what the pre-signed sig covers */
    size_t n;
    uint8_t *der = td_read(TD "/vnd_sig/vnd_ecc_sig.der", &n), sig[96];
    assert_int_equal(cptra_ecc384_sig_from_der(der, n, sig), 0);
    cptra_swap_words(m + CPTRA_AM_OFF_VND_PK_ECC_SIG, sig, 96);
    free(der);
    uint8_t *lms = td_read(TD "/vnd_sig/vnd_lms_sig.der", &n);
    memcpy(m + CPTRA_AM_OFF_VND_PK_LMS_SIG, lms, 1620);
    free(lms);
    /* owner manifest keys, signed by the owner FW key of the bundle */
    void *k = load_key(KEYS "/own-man-ecc-pubk.pem", 0);
    uint8_t pub[96];
    cptra_ecc384_pub_raw(k, pub);
    cptra_ecc384_free(k);
    cptra_swap_words(m + CPTRA_AM_OFF_OWN_ECC_PUB, pub, 96);
    uint8_t *lp = td_read(KEYS "/own-man-lms-pubk.pem", &n);
    memcpy(m + CPTRA_AM_OFF_OWN_LMS_PUB, lp, 48);
    free(lp);
    SHA384(m + 1876, 144, d);
    ecc_sign_hw(KEYS "/own-fw-ecc-prvk.pem", d, m + CPTRA_AM_OFF_OWN_PK_ECC_SIG);
    lms_sign(d, m + CPTRA_AM_OFF_OWN_PK_LMS_SIG);
    /* IMC: three entries in configuration (unsorted) order, then 0xFFFFFFFF fillers */
    uint8_t *imc = m + 7168;
    put32(imc, 3);
    for (int i = 0; i < 127; i++) {
        uint8_t *e = imc + 4 + 56 * i;
        if (i >= 3) {
            put32(e, 0xFFFFFFFFu);
            continue;
        }
        uint8_t data = (uint8_t)ids[i];
        put32(e, ids[i]);
        put32(e + 4, CPTRA_IME_FLAGS(1, ids[i] == 7, ids[i] == 12 ? 1 : 0));
        SHA384(&data, 1, e + 8);
    }
    sign_imc(m, CPTRA_AUTHMAN_IMC_SIZE);
    return m;
}

static cptra_bundle_info_t fw_default, fw_irot;

static int setup(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    cptra_bundle_parse(b, n, &fw_default);
    free(b);
    b = td_read(BUNDLE_IROT, &n);
    cptra_bundle_parse(b, n, &fw_irot);
    free(b);
    return 0;
}

static void verify_and_lookup(void **s) {
    (void)s;
    uint8_t *m = build();
    cptra_authman_t am;
    cptra_verify_cost_t cost;
    memset(&cost, 0, sizeof cost);
    assert_int_equal(cptra_authman_verify(m, CPTRA_AUTHMAN_SIZE, &fw_default, 1, &am, &cost), 0);
    assert_int_equal(am.vnd_pk_ecc_ok, 1);
    assert_int_equal(am.vnd_pk_lms_ok, 1);
    assert_int_equal(am.own_pk_ecc_ok, 1);
    assert_int_equal(am.own_imc_lms_ok, 1);
    assert_int_equal(am.vnd_imc_ecc_ok, -1); /* flags bit0 clear: not checked */
    assert_int_equal(cost.ecc384_verifies, 3);
    assert_int_equal(cost.lms_verifies, 3);
    assert_int_equal(cost.sha384_bytes, 152 + 144 + 7116);
    /* sorted in place, fillers untouched */
    assert_int_equal(am.entry_count, 3);
    assert_int_equal(am.entry[0].fw_id, 3);
    assert_int_equal(am.entry[1].fw_id, 7);
    assert_int_equal(am.entry[2].fw_id, 12);
    assert_int_equal(am.entry[3].fw_id, 0xFFFFFFFFu);
    uint32_t flags, probes;
    uint8_t dig[48], data = 12, want[48];
    SHA384(&data, 1, want);
    assert_int_equal(cptra_authman_lookup(&am, 12, &flags, dig), 0);
    assert_int_equal(flags, 0x40000001u); /* source 1, load_stage 1 */
    assert_memory_equal(dig, want, 48);
    assert_int_equal(cptra_authman_find(&am, 7, &probes), 1);
    assert_in_range(probes, 1, 7); /* binary search over 127 slots */
    assert_int_equal(cptra_authman_lookup(&am, 4, NULL, NULL), -1);
    assert_int_equal(cptra_authman_authorize(&am, 12, want), CPTRA_IMAGE_AUTHORIZED);
    want[0] ^= 1;
    assert_int_equal(cptra_authman_authorize(&am, 12, want), CPTRA_IMAGE_HASH_MISMATCH);
    assert_int_equal(cptra_authman_authorize(&am, 7, want), CPTRA_IMAGE_AUTHORIZED); /* ignore */
    assert_int_equal(cptra_authman_authorize(&am, 99, want), CPTRA_IMAGE_NOT_AUTHORIZED);
    /* §2.4: the pre-signed vendor LMS signature only matches the default bundle's key 3 */
    assert_int_equal(cptra_authman_verify(m, CPTRA_AUTHMAN_SIZE, &fw_irot, 1, &am, NULL),
                     RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID);
    assert_int_equal(cptra_authman_verify(m, CPTRA_AUTHMAN_SIZE, &fw_irot, 0, &am, NULL), 0);
    free(m);
}

static void expect(uint8_t *m, size_t size, uint32_t code) {
    cptra_authman_t am;
    uint32_t rc = cptra_authman_verify(m, size, &fw_default, 1, &am, NULL);
    if (rc != code)
        print_error("got 0x%08x %s expected 0x%08x %s\n", rc, cptra_error_name(rc), code,
                    cptra_error_name(code));
    assert_int_equal(rc, code);
}

static void rt_errors(void **s) {
    (void)s;
    uint8_t *m = build();
    uint8_t *big = calloc(1, CPTRA_AUTHMAN_MAX_SIZE + 1);
    memcpy(big, m, CPTRA_AUTHMAN_SIZE);
    expect(big, CPTRA_AUTHMAN_MAX_SIZE + 1, RUNTIME_MAILBOX_INVALID_PARAMS);
    expect(big, CPTRA_AUTHMAN_MAX_SIZE, 0); /* trailing bytes beyond the IMC are ignored */
    free(big);
    expect(m, 7167, RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN);
    expect(m, 0, RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN);
    m[0] ^= 1;
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_INVALID_AUTH_MANIFEST_MARKER);
    m[0] ^= 1;
    put32(m + 4, 14284); /* the preamble size, not the file size */
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_MISMATCH);
    put32(m + 4, 7168);
    m[12] = 1; /* flags are vendor-signed */
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID);
    m[12] = 0;
    m[CPTRA_AM_OFF_VND_PK_LMS_SIG + 100] ^= 4;
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID);
    m[CPTRA_AM_OFF_VND_PK_LMS_SIG + 100] ^= 4;
    m[CPTRA_AM_OFF_OWN_LMS_PUB + 30] ^= 1; /* owner keys are owner-FW-signed */
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID);
    m[CPTRA_AM_OFF_OWN_LMS_PUB + 30] ^= 1;
    m[CPTRA_AM_OFF_OWN_PK_LMS_SIG + 500] ^= 1;
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID);
    m[CPTRA_AM_OFF_OWN_PK_LMS_SIG + 500] ^= 1;
    expect(m, 7170, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE);
    expect(m, 7168, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE);
    /* the preamble signatures are checked before the IMC size */
    m[CPTRA_AM_OFF_OWN_PK_ECC_SIG + 5] ^= 1;
    expect(m, 7170, RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID);
    m[CPTRA_AM_OFF_OWN_PK_ECC_SIG + 5] ^= 1;
    expect(m, 7168 + 4 + 56 * 2, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE);
    put32(m + 7168, 0);
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT);
    put32(m + 7168, 128);
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT);
    put32(m + 7168, 3);
    m[7168 + 4 + 8] ^= 1; /* an entry digest */
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID);
    m[7168 + 4 + 8] ^= 1;
    m[CPTRA_AM_OFF_OWN_IMC_LMS_SIG + 40] ^= 1;
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID);
    m[CPTRA_AM_OFF_OWN_IMC_LMS_SIG + 40] ^= 1;
    expect(m, CPTRA_AUTHMAN_SIZE, 0);
    /* duplicate fw_id (re-signed) */
    put32(m + 7168 + 4 + 56 * 2, 12);
    sign_imc(m, CPTRA_AUTHMAN_IMC_SIZE);
    expect(m, CPTRA_AUTHMAN_SIZE, RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID);
    free(m);
}

/* §2.2: a truncated IMC leaves zero slots after the sorted entries and breaks the search. */
static void truncated_imc(void **s) {
    (void)s;
    uint8_t *m = build();
    size_t imc = 4 + 56 * 3;
    sign_imc(m, imc);
    cptra_authman_t am;
    assert_int_equal(cptra_authman_verify(m, 7168 + imc, &fw_default, 1, &am, NULL), 0);
    assert_int_equal(am.entry[3].fw_id, 0);
    assert_int_equal(cptra_authman_find(&am, 12, NULL), -1);
    free(m);
}

static void aspeed_on_flash(void **s) {
    (void)s;
    uint8_t *up = build(), *out = malloc(CPTRA_ASPEED_MAN_SIZE), blob[156], d[48], ecc[96];
    uint8_t lms[1620];
    cptra_aspeed_svn_blob(up, 5, blob);
    assert_int_equal(rd_le32(blob), 1);
    assert_int_equal(rd_le32(blob + 4), 5);
    assert_memory_equal(blob + 12, up + 1876, 144);
    SHA384(blob, sizeof blob, d);
    void *k = load_key(KEYS "/own-fw-ecc-prvk.pem", 1);
    cptra_ecc384_sign(k, d, ecc);
    cptra_ecc384_free(k);
    lms_sign(d, lms);
    cptra_aspeed_man_build(up, 5, ecc, lms, out);
    /* §2.4 layout */
    assert_int_equal(rd_le32(out), CPTRA_AUTHMAN_MARKER);
    assert_int_equal(rd_le32(out + 4), 7168);
    assert_int_equal(rd_le32(out + 8), 1);
    assert_int_equal(rd_le32(out + 12), 5);
    assert_int_equal(rd_le32(out + 3836), 5); /* LMS q little-endian */
    assert_int_equal(rd_le32(out + 8888), 3);
    assert_memory_equal(out + 8892, up + 7172, 56);
    assert_memory_equal(out + 7172, up + 5452, 96);
    cptra_aspeed_man_t am;
    assert_int_equal(cptra_aspeed_man_parse(out, CPTRA_ASPEED_MAN_SIZE, &am), 0);
    assert_memory_equal(am.upstream, up, CPTRA_AUTHMAN_SIZE);
    assert_int_equal(am.sec_ver, 5);
    assert_int_equal(am.svn_lms_q, 5);
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_default, 1, 5, NULL), 0);
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_irot, 1, 0, NULL), 0); /* same owner */
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_default, 1, 6, NULL), CPTRA_IMG_E_SEC_VER);
    am.sec_ver = 6; /* the SVN is signed */
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_default, 1, 0, NULL), CPTRA_IMG_E_ECC_SIG);
    am.sec_ver = 5;
    am.svn_lms_sig[700] ^= 1;
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_default, 0, 0, NULL), 0);
    assert_int_equal(cptra_aspeed_svn_verify(&am, &fw_default, 1, 0, NULL), CPTRA_IMG_E_LMS_SIG);
    /* the converted upstream manifest passes SET_AUTH_MANIFEST */
    cptra_authman_t m;
    assert_int_equal(
        cptra_authman_verify(am.upstream, CPTRA_AUTHMAN_SIZE, &fw_default, 1, &m, NULL), 0);
    assert_int_equal(cptra_aspeed_man_parse(out, CPTRA_ASPEED_MAN_SIZE - 1, &am), CPTRA_IMG_E_SIZE);
    out[0] ^= 1;
    assert_int_equal(cptra_aspeed_man_parse(out, CPTRA_ASPEED_MAN_SIZE, &am), CPTRA_IMG_E_MARKER);
    out[0] ^= 1;
    put32(out + 8888, 200);
    assert_int_equal(cptra_aspeed_man_parse(out, CPTRA_ASPEED_MAN_SIZE, &am), CPTRA_IMG_E_COUNT);
    free(up);
    free(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verify_and_lookup),
        cmocka_unit_test(rt_errors),
        cmocka_unit_test(truncated_imc),
        cmocka_unit_test(aspeed_on_flash),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
