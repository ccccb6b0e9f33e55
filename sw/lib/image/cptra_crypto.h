/* Small OpenSSL helpers shared by the image library and the image tool: SHA-384 with cost
 * accounting, ECDSA P-384 over a prehashed digest with raw (standard byte order) keys and
 * signatures, PEM/DER conversions. */
#ifndef CPTRA_CRYPTO_H
#define CPTRA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "cptra_bundle.h"

#ifdef __cplusplus
extern "C" {
#endif

/* SHA-384; adds the bytes and 128-byte compressions to cost when cost != NULL. */
void cptra_sha384(const void *data, size_t len, uint8_t out[48], cptra_verify_cost_t *cost);

/* ECDSA P-384 verify of a 48-byte digest. pub = x||y, sig = r||s (standard byte order).
 * 0 valid, 1 signature does not verify (includes r or s out of range), -1 the key is not a
 * valid curve point. Counts one ECC verify in cost. */
int cptra_ecc384_verify(const uint8_t pub[96], const uint8_t digest[48], const uint8_t sig[96],
                        cptra_verify_cost_t *cost);

/* pkey is an EVP_PKEY* (void* keeps OpenSSL out of this header). */
int cptra_ecc384_sign(void *pkey, const uint8_t digest[48], uint8_t sig[96]);
int cptra_ecc384_pub_raw(void *pkey, uint8_t pub[96]); /* 0 ok, -1 not a P-384 key */
void *cptra_ecc384_load_pem(const char *path, int want_private, char *err, size_t errlen);
void cptra_ecc384_free(void *pkey);
void *cptra_ecc384_generate(void);
int cptra_ecc384_write_pem(void *pkey, const char *priv_path, const char *pub_path);
/* DER ECDSA-Sig-Value -> r||s. 0 ok, -1 malformed. */
int cptra_ecc384_sig_from_der(const uint8_t *der, size_t len, uint8_t sig[96]);

#ifdef __cplusplus
}
#endif
#endif
