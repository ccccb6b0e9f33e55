/* image.lms: RFC 8554 LMS (N24/H15/W4) against the real ASPEED signatures (spec/images.md §1.1,
 * §2.4, §4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "cptra_lms.h"
#include "test_common.h"

static void hdr_digests(const uint8_t *b, uint8_t dv[48], uint8_t dn[48]) {
    SHA384(b + 5520, 116, dv); /* vendor: header [0,116) */
    SHA384(b + 5520, 156, dn); /* owner: whole header */
}

static void real_bundle_signatures(void **state) {
    (void)state;
    size_t n;
    uint8_t dv[48], dn[48];
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    assert_non_null(b);
    hdr_digests(b, dv, dn);
    /* vendor LMS key 3 at 392 + 3*48, signature at 2032 (q = 3); owner at 3748 / 3892 (q = 5) */
    assert_int_equal(cptra_lms_verify(dv, 48, b + 392 + 3 * 48, b + 2032, 1620), 0);
    assert_int_equal(rd_le32(b + 2032), 0x03000000u); /* q = 3, big-endian */
    assert_int_equal(cptra_lms_verify(dn, 48, b + 3748, b + 3892, 1620), 0);
    /* the vendor signature does not cover the owner digest */
    assert_true(cptra_lms_verify(dn, 48, b + 392 + 3 * 48, b + 2032, 1620) > 0);
    free(b);

    b = td_read(BUNDLE_IROT, &n);
    assert_non_null(b);
    hdr_digests(b, dv, dn);
    assert_int_equal(cptra_lms_verify(dv, 48, b + 392 + 3 * 48, b + 2032, 1620), 0);
    assert_int_equal(rd_le32(b + 2032), 0x05000000u); /* q = 5 */
    assert_int_equal(cptra_lms_verify(dn, 48, b + 3748, b + 3892, 1620), 0);
    free(b);
}

/* §2.4: vnd_lms_sig.der (q = 1) verifies over SHA-384(01000000 00000000 || 144 x 00) with vendor
 * LMS key 3 of the default bundle, but not with the irot bundle's key 3. */
static void presigned_vendor_manifest_signature(void **state) {
    (void)state;
    uint8_t msg[152] = {1, 0, 0, 0, 0, 0, 0, 0}, d[48];
    SHA384(msg, sizeof msg, d);
    size_t n, sn;
    uint8_t *sig = td_read(TD "/vnd_sig/vnd_lms_sig.der", &sn);
    assert_non_null(sig);
    assert_int_equal(sn, 1620);
    assert_int_equal(sig[3], 1); /* q = 1 */
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    assert_int_equal(cptra_lms_verify(d, 48, b + 392 + 3 * 48, sig, sn), 0);
    free(b);
    b = td_read(BUNDLE_IROT, &n);
    assert_int_equal(cptra_lms_verify(d, 48, b + 392 + 3 * 48, sig, sn), CPTRA_LMS_MISMATCH);
    free(b);
    free(sig);
}

static void malformed_inputs(void **state) {
    (void)state;
    size_t n;
    uint8_t dv[48], dn[48], pub[48], sig[1620];
    uint8_t *b = td_read(BUNDLE_DEFAULT, &n);
    hdr_digests(b, dv, dn);
    memcpy(pub, b + 3748, 48);
    memcpy(sig, b + 3892, 1620);
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), 0);
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1619), CPTRA_LMS_E_MALFORMED);
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 4), CPTRA_LMS_E_MALFORMED);
    assert_int_equal(cptra_lms_verify(dn, 48, pub, NULL, 1620), CPTRA_LMS_E_MALFORMED);
    assert_int_equal(cptra_lms_verify(NULL, 48, pub, sig, 1620), CPTRA_LMS_E_MALFORMED);
    pub[3] = 11; /* LMS_SHA256_N24_H10 is not supported */
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_E_ALGORITHM);
    pub[3] = 12;
    pub[7] = 8;
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_E_ALGORITHM);
    pub[7] = 7;
    sig[7] = 6; /* OTS type in the signature */
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_E_ALGORITHM);
    sig[7] = 7;
    sig[1256 + 3] = 13; /* tree type in the signature */
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_E_ALGORITHM);
    sig[1256 + 3] = 12;
    sig[1] = 0x80; /* q >= 2^15 */
    assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_E_MALFORMED);
    sig[1] = 0;
    /* any single-bit change of message, C, y or path is a mismatch */
    for (int i = 0; i < 48; i += 7) {
        dn[i] ^= 1;
        assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_MISMATCH);
        dn[i] ^= 1;
    }
    for (int off = 8; off < 1620; off += 97) {
        if (off >= 1256 && off < 1260) continue;
        sig[off] ^= 0x10;
        assert_int_equal(cptra_lms_verify(dn, 48, pub, sig, 1620), CPTRA_LMS_MISMATCH);
        sig[off] ^= 0x10;
    }
    uint32_t blocks = 0;
    assert_int_equal(cptra_lms_verify_ex(dn, 48, pub, sig, 1620, &blocks), 0);
    /* 2 (message) + chains (<= 51*15) + 20 (K) + 1 (leaf) + 15*2 (path) */
    assert_in_range(blocks, 53, 53 + 51 * 15);
    free(b);
}

/* §1.1 generator quirk: caliptra-tool keys are sparse trees over leaf 5 only. */
static void sparse_testdata_key(void **state) {
    (void)state;
    size_t n, pn;
    uint8_t *priv = td_read(KEYS "/own-fw-lms-prvk.pem", &n);
    uint8_t *pubf = td_read(KEYS "/own-fw-lms-pubk.pem", &pn);
    assert_int_equal(n, 48);
    assert_int_equal(pn, 48);
    cptra_lms_tree_t *t = cptra_lms_tree_build_sparse(priv, 5);
    assert_non_null(t);
    uint8_t pub[48], sig[1620], msg[48] = {1, 2, 3};
    cptra_lms_tree_pub(t, pub);
    assert_memory_equal(pub, pubf, 48);
    assert_int_equal(cptra_lms_tree_sign(t, 5, msg, 48, sig), 0);
    assert_int_equal(cptra_lms_verify(msg, 48, pubf, sig, 1620), 0);
    assert_int_equal(cptra_lms_tree_sign(t, 6, msg, 48, sig), -1); /* not a real leaf */
    cptra_lms_tree_free(t);
    /* the same key at another sparse leaf gives another root */
    t = cptra_lms_tree_build_sparse(priv, 6);
    cptra_lms_tree_pub(t, pub);
    assert_memory_not_equal(pub, pubf, 48);
    cptra_lms_tree_free(t);
    /* only full trees are cached; a damaged or foreign cache is refused */
    uint8_t *ser = calloc(1, CPTRA_LMS_TREE_SERIALIZED_LEN);
    t = cptra_lms_tree_build_sparse(priv, 5);
    assert_int_equal(cptra_lms_tree_serialize(t, ser, CPTRA_LMS_TREE_SERIALIZED_LEN), -1);
    cptra_lms_tree_free(t);
    memcpy(ser, "LMST\0\0\0\1", 8);
    memcpy(ser + 8, priv + 8, 16);
    assert_null(cptra_lms_tree_deserialize(priv, ser, CPTRA_LMS_TREE_SERIALIZED_LEN - 1));
    assert_null(cptra_lms_tree_deserialize(priv, ser, CPTRA_LMS_TREE_SERIALIZED_LEN)); /* zeros */
    free(ser);
    /* bad private key types are refused */
    priv[3] = 5;
    assert_null(cptra_lms_tree_build_sparse(priv, 5));
    free(priv);
    free(pubf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_bundle_signatures),
        cmocka_unit_test(presigned_vendor_manifest_signature),
        cmocka_unit_test(malformed_inputs),
        cmocka_unit_test(sparse_testdata_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
