/* image.bundle: Caliptra 1.x bundle parser, ROM 1.2 verifier (spec/images.md §1.4) and generator,
 * against the ASPEED prebuilt bundles and values of §4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "cptra_bundle.h"
#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "test_common.h"

static void prod_fuses(cptra_fuse_vals_t *f, const uint32_t vendor[12]) {
    memset(f, 0, sizeof *f);
    memcpy(f->key_manifest_pk_hash, vendor, 48);
    memcpy(f->owner_pk_hash, FUSE_OWNER, 48);
    f->life_cycle = CPTRA_LIFECYCLE_PRODUCTION;
    f->lms_verify = 1;
}

static void check_prebuilt(const char *path, size_t size, uint32_t fmc_size, uint32_t rt_size,
                           const uint32_t vendor[12]) {
    size_t n;
    uint8_t *b = td_read(path, &n);
    assert_non_null(b);
    assert_int_equal(n, size);
    cptra_fuse_vals_t f;
    prod_fuses(&f, vendor);
    cptra_bundle_info_t info;
    cptra_verify_cost_t cost;
    assert_int_equal(cptra_bundle_verify(b, n, &f, &info, &cost), 0);
    assert_int_equal(info.vendor_ecc_ok, 1);
    assert_int_equal(info.vendor_lms_ok, 1);
    assert_int_equal(info.owner_ecc_ok, 1);
    assert_int_equal(info.owner_lms_ok, 1);
    assert_int_equal(info.marker, 0x4E414D43u);
    assert_int_equal(info.manifest_size, 5884);
    assert_int_equal(info.flags, 1);
    assert_int_equal(info.pl0_pauser, 0x21212121u);
    assert_int_equal(info.vendor_ecc_pub_key_idx, 3);
    assert_int_equal(info.vendor_lms_pub_key_idx, 3);
    assert_int_equal(info.toc_len, 2);
    assert_int_equal(info.fmc.svn, 0);
    assert_int_equal(info.fmc.version, 0);
    assert_int_equal(info.fmc.size, fmc_size);
    assert_int_equal(info.rt.size, rt_size);
    assert_int_equal(info.fmc.load_addr, 0x40000000u);
    assert_int_equal(info.fmc.entry_point, 0x40000130u);
    assert_int_equal(info.fmc.offset, 5884);
    assert_int_equal(info.rt.load_addr, 0x40005000u);
    assert_int_equal(info.rt.entry_point, 0x40005540u);
    assert_int_equal(info.rt.offset, 5884 + fmc_size);
    assert_memory_equal(info.vendor_pk_hash_fuse, vendor, 48);
    assert_memory_equal(info.owner_pk_hash_fuse, FUSE_OWNER, 48);
    /* hw format: the stored TOC digest is the word-swapped standard digest */
    uint8_t d[48];
    SHA384(b + 5884, fmc_size, d);
    assert_memory_equal(info.fmc.digest, d, 48);
    assert_int_equal(b[5676 + 56], d[3]);
    /* the verifier's work: both key hashes, two header digests, TOC, FMC, RT */
    assert_int_equal(cost.sha384_bytes, 1920 + 144 + 116 + 156 + 208 + fmc_size + rt_size);
    assert_int_equal(cost.ecc384_verifies, 2);
    assert_int_equal(cost.lms_verifies, 2);
    assert_true(cost.sha384_blocks >= cost.sha384_bytes / 128);
    /* §2.4: the pre-signed manifest vendor ECC signature verifies with vendor ECC key 3 */
    size_t sn;
    uint8_t *der = td_read(TD "/vnd_sig/vnd_ecc_sig.der", &sn), sig[96];
    assert_int_equal(sn, 103);
    assert_int_equal(cptra_ecc384_sig_from_der(der, sn, sig), 0);
    uint8_t msg[152] = {1, 0, 0, 0, 0, 0, 0, 0};
    SHA384(msg, sizeof msg, d);
    assert_int_equal(cptra_ecc384_verify(info.vendor_ecc_pub, d, sig, NULL), 0);
    free(der);
    free(b);
}

static void prebuilt_default(void **s) {
    (void)s;
    check_prebuilt(BUNDLE_DEFAULT, 108148, 18848, 83416, FUSE_VENDOR_DEFAULT);
}

static void prebuilt_irot(void **s) {
    (void)s;
    check_prebuilt(BUNDLE_IROT, 106240, 16856, 83500, FUSE_VENDOR_IROT);
}

static void fuse_policies(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    cptra_fuse_vals_t f;
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    /* wrong or zero vendor hash */
    prod_fuses(&f, FUSE_VENDOR_IROT);
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH);
    memset(f.key_manifest_pk_hash, 0, 48);
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_INVALID);
    f.life_cycle = CPTRA_LIFECYCLE_UNPROVISIONED; /* skipped when unprovisioned */
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    /* owner hash compared only when non-zero */
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    f.owner_pk_hash[11] ^= 1;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH);
    memset(f.owner_pk_hash, 0, 48);
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    /* key 3 can never be revoked; LMS key 3 is revocable (only 31 is not) */
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    f.key_manifest_pk_hash_mask = 0xF;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    f.lms_revocation = 1u << 3;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_REVOKED);
    f.lms_verify = 0; /* LMS index checks only with LMS verification */
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    /* SVN: fuse SVN = highest set bit + 1; image SVN is 0 */
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    f.fmc_key_manifest_svn = 1;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_FUSE);
    f.anti_rollback_disable = 1;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    f.anti_rollback_disable = 0;
    f.fmc_key_manifest_svn = 0;
    f.runtime_svn[2] = 1;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_FUSE);
    f.life_cycle = CPTRA_LIFECYCLE_UNPROVISIONED;
    assert_int_equal(cptra_bundle_verify(b, n, &f, NULL, NULL), 0);
    free(b);
}

static void sizes(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    cptra_fuse_vals_t f;
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    uint8_t *big = calloc(1, 131073);
    memcpy(big, b, n);
    assert_int_equal(cptra_bundle_verify(b, 0, &f, NULL, NULL), FW_PROC_INVALID_IMAGE_SIZE);
    assert_int_equal(cptra_bundle_verify(big, 131073, &f, NULL, NULL), FW_PROC_INVALID_IMAGE_SIZE);
    /* trailing bytes up to 128 KiB are allowed */
    assert_int_equal(cptra_bundle_verify(big, 131072, &f, NULL, NULL), 0);
    assert_int_equal(cptra_bundle_verify(b, 5883, &f, NULL, NULL), FW_PROC_MANIFEST_READ_FAILURE);
    assert_int_equal(cptra_bundle_verify(b, n - 4, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_IMAGE_LEN_MORE_THAN_BUNDLE_SIZE);
    assert_int_equal(cptra_bundle_verify(b, 5884, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_IMAGE_LEN_MORE_THAN_BUNDLE_SIZE);
    cptra_bundle_info_t info;
    assert_int_equal(cptra_bundle_parse(b, 100, &info), -1);
    free(big);
    free(b);
}

static void update_reset(void **s) {
    (void)s;
    size_t n, m;
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n), *c = td_read(BUNDLE_IROT, &m);
    cptra_fuse_vals_t f;
    prod_fuses(&f, FUSE_VENDOR_DEFAULT);
    cptra_bundle_info_t cold, cold2, info;
    assert_int_equal(cptra_bundle_verify(b, n, &f, &cold, NULL), 0);
    assert_int_equal(cptra_bundle_verify_update(b, n, &f, &cold, &info, NULL), 0);
    /* the irot bundle has the same owner keys and indices but a different FMC */
    f.lms_verify = 0;
    memset(f.key_manifest_pk_hash, 0, 48);
    f.life_cycle = CPTRA_LIFECYCLE_UNPROVISIONED;
    assert_int_equal(cptra_bundle_verify_update(c, m, &f, &cold, &info, NULL),
                     IMAGE_VERIFIER_ERR_UPDATE_RESET_FMC_DIGEST_MISMATCH);
    cold2 = cold;
    cold2.vendor_ecc_pub_key_idx = 2;
    assert_int_equal(cptra_bundle_verify_update(b, n, &f, &cold2, &info, NULL),
                     IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_ECC_PUB_KEY_IDX_MISMATCH);
    cold2 = cold;
    cold2.owner_pk_hash[0] ^= 1;
    assert_int_equal(cptra_bundle_verify_update(b, n, &f, &cold2, &info, NULL),
                     IMAGE_VERIFIER_ERR_UPDATE_RESET_OWNER_DIGEST_FAILURE);
    free(b);
    free(c);
}

/* Build a bundle with the ASPEED default test keys (the FMC/RT bytes of the prebuilt). */
static uint8_t *make_bundle(size_t *len) {
    size_t n;
    uint8_t *pre = td_read(BUNDLE_DEFAULT, &n);
    char err[256];
    void *vk = cptra_ecc384_load_pem(KEYS "/vnd-fw-ecc-prvk.pem", 1, err, sizeof err);
    void *ok = cptra_ecc384_load_pem(KEYS "/own-fw-ecc-prvk.pem", 1, err, sizeof err);
    assert_non_null(vk);
    assert_non_null(ok);
    size_t l1, l2, l3, l4;
    uint8_t *vl = td_read(KEYS "/vnd-fw-lms-prvk.pem", &l1),
            *vp = td_read(KEYS "/vnd-fw-lms-pubk.pem", &l2);
    uint8_t *ol = td_read(KEYS "/own-fw-lms-prvk.pem", &l3),
            *op = td_read(KEYS "/own-fw-lms-pubk.pem", &l4);
    cptra_bundle_params_t p;
    memset(&p, 0, sizeof p);
    p.ecc_idx = 3;
    p.lms_idx = 3;
    cptra_ecc384_pub_raw(vk, p.vendor_ecc_pub[3]);
    memcpy(p.vendor_lms_pub[3], vp, 48);
    cptra_ecc384_pub_raw(ok, p.owner_ecc_pub);
    memcpy(p.owner_lms_pub, op, 48);
    p.flags = 1;
    p.pl0_pauser = 0x21212121;
    p.fmc.id = 1;
    p.fmc.type = 1;
    p.fmc.load_addr = 0x40000000;
    p.fmc.entry_point = 0x40000130;
    p.rt.id = 2;
    p.rt.type = 1;
    p.rt.load_addr = 0x40005000;
    p.rt.entry_point = 0x40005540;
    cptra_bundle_keys_t k = {vk, vl, 5, 1, ok, ol, 5, 1};
    /* odd sizes: the generator pads each image to 4 bytes */
    uint8_t *b = cptra_bundle_create(&p, &k, pre + 5884, 18845, pre + 5884 + 18848, 83414, len, err,
                                     sizeof err);
    assert_non_null(b);
    cptra_ecc384_free(vk);
    cptra_ecc384_free(ok);
    free(vl);
    free(vp);
    free(ol);
    free(op);
    free(pre);
    return b;
}

static uint32_t rng = 0x12345678u;
static uint32_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void flip_expect(uint8_t *b, size_t n, const cptra_fuse_vals_t *f, size_t off, int bit,
                        uint32_t expect) {
    b[off] ^= (uint8_t)(1u << bit);
    uint32_t rc = cptra_bundle_verify(b, n, f, NULL, NULL);
    b[off] ^= (uint8_t)(1u << bit);
    if (rc != expect)
        print_error("flip at %zu bit %d: got 0x%08x %s, expected 0x%08x %s\n", off, bit, rc,
                    cptra_error_name(rc), expect, cptra_error_name(expect));
    assert_int_equal(rc, expect);
}

/* Single-bit flips in every signed or hashed region give the ROM's error for that region. */
static void created_bundle_and_flips(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = make_bundle(&n);
    assert_int_equal(n, 5884 + 18848 + 83416);
    cptra_bundle_info_t info;
    assert_int_equal(cptra_bundle_parse(b, n, &info), 0);
    assert_int_equal(info.fmc.offset, 5884);
    assert_int_equal(info.fmc.size, 18848);
    assert_int_equal(info.rt.offset, 5884 + 18848);
    assert_int_equal(info.rt.size, 83416);
    assert_int_equal(info.vendor_lms_q, 5);
    cptra_fuse_vals_t f;
    prod_fuses(&f, info.vendor_pk_hash_fuse);
    memcpy(f.owner_pk_hash, info.owner_pk_hash_fuse, 48);
    /* the owner keys are the ASPEED ones, so the owner fuse words are those of §4 */
    assert_memory_equal(info.owner_pk_hash_fuse, FUSE_OWNER, 48);
    assert_int_equal(cptra_bundle_verify(b, n, &f, &info, NULL), 0);

    static const struct {
        size_t start, end;
        uint32_t expect;
    } regions[] = {
        {0, 4, IMAGE_VERIFIER_ERR_MANIFEST_MARKER_MISMATCH},
        {4, 8, IMAGE_VERIFIER_ERR_MANIFEST_SIZE_MISMATCH},
        {8, 1928, IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH},
        {1936, 2032, IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID},
        {2040, 2032 + 1256, IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID}, /* C, y */
        {2032 + 1260, 3652, IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID}, /* path */
        {3652, 3796, IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH},
        {3796, 3892, IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID},
        {3900, 3892 + 1256, IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID},
        {3892 + 1260, 5512, IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID},
        {5512, 5520, 0}, /* reserved: neither hashed nor signed */
        {5520, 5636, IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID},
        {5636, 5676, IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID},
        {5676, 5884, IMAGE_VERIFIER_ERR_TOC_DIGEST_MISMATCH},
        {5884, 5884 + 18848, IMAGE_VERIFIER_ERR_FMC_DIGEST_MISMATCH},
        {5884 + 18848, 5884 + 18848 + 83416, IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_MISMATCH},
    };
    for (size_t r = 0; r < sizeof regions / sizeof regions[0]; r++) {
        size_t len = regions[r].end - regions[r].start;
        flip_expect(b, n, &f, regions[r].start, 0, regions[r].expect);
        flip_expect(b, n, &f, regions[r].end - 1, 7, regions[r].expect);
        for (int k = 0; k < 4; k++)
            flip_expect(b, n, &f, regions[r].start + next_rand() % len, (int)(next_rand() % 8),
                        regions[r].expect);
    }
    /* index fields: idx 3 ^ bit; slots 0..2 are empty in this bundle */
    flip_expect(b, n, &f, 1928, 0, IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INVALID_ARG);
    flip_expect(b, n, &f, 1928, 2, IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_OUT_OF_BOUNDS);
    flip_expect(b, n, &f, 1931, 7, IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_OUT_OF_BOUNDS);
    flip_expect(b, n, &f, 1932, 1, IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE);
    flip_expect(b, n, &f, 1932, 5, IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_OUT_OF_BOUNDS);
    /* LMS signature header fields: q, OTS type, tree type */
    flip_expect(b, n, &f, 2035, 0, IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID); /* q 5->4 */
    flip_expect(b, n, &f, 2033, 7, IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE);    /* q >= 2^15 */
    flip_expect(b, n, &f, 2039, 1, IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE);
    flip_expect(b, n, &f, 2032 + 1259, 0, IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE);
    flip_expect(b, n, &f, 3895, 2, IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID);
    flip_expect(b, n, &f, 3899, 0, IMAGE_VERIFIER_ERR_OWNER_LMS_VERIFY_FAILURE);
    flip_expect(b, n, &f, 3892 + 1259, 3, IMAGE_VERIFIER_ERR_OWNER_LMS_VERIFY_FAILURE);
    /* without LMS verification the LMS signatures are not read */
    f.lms_verify = 0;
    flip_expect(b, n, &f, 2500, 0, 0);
    flip_expect(b, n, &f, 4000, 0, 0);
    free(b);
}

static void zero_and_invalid_keys(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = make_bundle(&n);
    cptra_fuse_vals_t f;
    memset(&f, 0, sizeof f); /* unprovisioned, ECC only */
    uint8_t *c = malloc(n);
    memcpy(c, b, n);
    memset(c + 3796, 0, 96);
    assert_int_equal(cptra_bundle_verify(c, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID_ARG);
    memcpy(c, b, n);
    memset(c + 3652, 0, 48);
    assert_int_equal(cptra_bundle_verify(c, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_OWNER_ECC_PUB_KEY_INVALID_ARG);
    memcpy(c, b, n);
    memset(c + 1936 + 48, 0, 48);
    assert_int_equal(cptra_bundle_verify(c, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID_ARG);
    /* a point that is not on the curve */
    memcpy(c, b, n);
    c[8 + 3 * 96 + 10] ^= 1;
    assert_int_equal(cptra_bundle_verify(c, n, &f, NULL, NULL),
                     IMAGE_VERIFIER_ERR_VENDOR_ECC_VERIFY_FAILURE);
    free(c);
    free(b);
    assert_string_equal(cptra_error_name(0x000B0014), "IMAGE_VERIFIER_ERR_FMC_DIGEST_MISMATCH");
    assert_string_equal(cptra_error_name(0x01020002), "FW_PROC_INVALID_IMAGE_SIZE");
    assert_string_equal(cptra_error_name(0x000E0053),
                        "RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID");
    assert_string_equal(cptra_error_name(0), "OK");
    assert_string_equal(cptra_error_name(0x12345678), "UNKNOWN");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prebuilt_default),      cmocka_unit_test(prebuilt_irot),
        cmocka_unit_test(fuse_policies),         cmocka_unit_test(sizes),
        cmocka_unit_test(update_reset),          cmocka_unit_test(created_bundle_and_flips),
        cmocka_unit_test(zero_and_invalid_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
