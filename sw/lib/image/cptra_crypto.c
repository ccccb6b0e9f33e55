/* OpenSSL helpers, see cptra_crypto.h. */
#include "cptra_crypto.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

void cptra_sha384(const void *data, size_t len, uint8_t out[48], cptra_verify_cost_t *cost) {
    unsigned int olen = 48;
    EVP_Digest(data, len, out, &olen, EVP_sha384(), NULL);
    if (cost) {
        cost->sha384_bytes += (uint32_t)len;
        /* 1 pad byte + 16-byte length, 128-byte blocks */
        cost->sha384_blocks += (uint32_t)((len + 17 + 127) / 128);
    }
}

static EVP_PKEY *pkey_from_raw(const uint8_t pub[96]) {
    uint8_t point[97];
    point[0] = 0x04;
    memcpy(point + 1, pub, 96);
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    OSSL_PARAM params[3];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, "secp384r1", 0);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point);
    params[2] = OSSL_PARAM_construct_end();
    if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
        pkey = NULL;
    EVP_PKEY_CTX_free(ctx);
    if (pkey) {
        /* fromdata does not always check the point is on the curve */
        EVP_PKEY_CTX *c2 = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
        if (!c2 || EVP_PKEY_public_check(c2) != 1) {
            EVP_PKEY_free(pkey);
            pkey = NULL;
        }
        EVP_PKEY_CTX_free(c2);
    }
    ERR_clear_error();
    return pkey;
}

int cptra_ecc384_verify(const uint8_t pub[96], const uint8_t digest[48], const uint8_t sig[96],
                        cptra_verify_cost_t *cost) {
    if (cost) cost->ecc384_verifies++;
    EVP_PKEY *pkey = pkey_from_raw(pub);
    if (!pkey) return -1;
    int rc = 1;
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, 48, NULL), *s = BN_bin2bn(sig + 48, 48, NULL);
    unsigned char *der = NULL;
    int derlen;
    if (es && r && s && ECDSA_SIG_set0(es, r, s) == 1) {
        r = s = NULL; /* owned by es */
        derlen = i2d_ECDSA_SIG(es, &der);
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
        if (derlen > 0 && ctx && EVP_PKEY_verify_init(ctx) > 0 &&
            EVP_PKEY_verify(ctx, der, (size_t)derlen, digest, 48) == 1)
            rc = 0;
        EVP_PKEY_CTX_free(ctx);
    }
    OPENSSL_free(der);
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return rc;
}

static int bn_to_48(const BIGNUM *bn, uint8_t out[48]) {
    return BN_bn2binpad(bn, out, 48) == 48 ? 0 : -1;
}

int cptra_ecc384_sig_from_der(const uint8_t *der, size_t len, uint8_t sig[96]) {
    const unsigned char *p = der;
    ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)len);
    int rc = -1;
    if (es && p == der + len) {
        const BIGNUM *r, *s;
        ECDSA_SIG_get0(es, &r, &s);
        if (bn_to_48(r, sig) == 0 && bn_to_48(s, sig + 48) == 0) rc = 0;
    }
    ECDSA_SIG_free(es);
    ERR_clear_error();
    return rc;
}

int cptra_ecc384_sign(void *pk, const uint8_t digest[48], uint8_t sig[96]) {
    EVP_PKEY *pkey = pk;
    unsigned char der[128];
    size_t derlen = sizeof der;
    int rc = -1;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    if (ctx && EVP_PKEY_sign_init(ctx) > 0 && EVP_PKEY_sign(ctx, der, &derlen, digest, 48) > 0)
        rc = cptra_ecc384_sig_from_der(der, derlen, sig);
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();
    return rc;
}

int cptra_ecc384_pub_raw(void *pk, uint8_t pub[96]) {
    EVP_PKEY *pkey = pk;
    char group[64];
    size_t glen = 0;
    if (!pkey || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC ||
        EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &glen) != 1 ||
        strcmp(group, "secp384r1") != 0)
        return -1;
    BIGNUM *x = NULL, *y = NULL;
    int rc = -1;
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
        EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1 && bn_to_48(x, pub) == 0 &&
        bn_to_48(y, pub + 48) == 0)
        rc = 0;
    BN_free(x);
    BN_free(y);
    ERR_clear_error();
    return rc;
}

void *cptra_ecc384_load_pem(const char *path, int want_private, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return NULL;
    }
    EVP_PKEY *pkey = want_private ? PEM_read_PrivateKey(f, NULL, NULL, NULL)
                                  : PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    ERR_clear_error();
    if (!pkey) {
        snprintf(err, errlen, "%s: not a PEM %s key", path, want_private ? "private" : "public");
        return NULL;
    }
    uint8_t pub[96];
    if (cptra_ecc384_pub_raw(pkey, pub) != 0) {
        snprintf(err, errlen, "%s: not an ECC P-384 key", path);
        EVP_PKEY_free(pkey);
        return NULL;
    }
    return pkey;
}

void cptra_ecc384_free(void *pkey) {
    EVP_PKEY_free(pkey);
}

void *cptra_ecc384_generate(void) {
    EVP_PKEY *pkey = EVP_EC_gen("secp384r1");
    ERR_clear_error();
    return pkey;
}

int cptra_ecc384_write_pem(void *pk, const char *priv_path, const char *pub_path) {
    EVP_PKEY *pkey = pk;
    int ok = 1;
    if (priv_path) {
        FILE *f = fopen(priv_path, "wb");
        ok = f && PEM_write_PrivateKey(f, pkey, NULL, NULL, 0, NULL, NULL) == 1;
        if (f) ok = (fclose(f) == 0) && ok;
    }
    if (ok && pub_path) {
        FILE *f = fopen(pub_path, "wb");
        ok = f && PEM_write_PUBKEY(f, pkey) == 1;
        if (f) ok = (fclose(f) == 0) && ok;
    }
    ERR_clear_error();
    return ok ? 0 : -1;
}
