/* RFC 8554 LMS/LM-OTS for the one parameter set Caliptra 1.x uses (spec/images.md §1.1):
 * LMS_SHA256_N24_H15 (type 12) with LMOTS_SHA256_N24_W4 (type 7); n = 24, w = 4, p = 51, h = 15.
 * Wire formats: public key 48 B = tree_type(BE) | ots_type(BE) | I[16] | T1[24];
 * private key 48 B (caliptra tool format) = tree_type(BE) | ots_type(BE) | I[16] | SEED[24];
 * signature 1620 B = q(BE) | ots_type(BE) | C[24] | y[51][24] | tree_type(BE) | path[15][24].
 * Private leaf keys are derived as in RFC 8554 Appendix A (x_q[i] = H(I|q|i|0xFF|SEED)). */
#ifndef CPTRA_LMS_H_INCLUDED
#define CPTRA_LMS_H_INCLUDED

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CPTRA_LMS_SHA256_N24_H15  12u
#define CPTRA_LMOTS_SHA256_N24_W4 7u
#define CPTRA_LMS_N               24
#define CPTRA_LMS_H               15
#define CPTRA_LMS_P               51
#define CPTRA_LMS_LEAVES          32768u
#define CPTRA_LMS_PUB_LEN         48
#define CPTRA_LMS_PRIV_LEN        48
#define CPTRA_LMS_OTS_SIG_LEN     1252 /* ots_type + C + y */
#define CPTRA_LMS_SIG_LEN         1620

/* Result codes of cptra_lms_verify (0 = valid). */
#define CPTRA_LMS_OK          0
#define CPTRA_LMS_E_MALFORMED (-1) /* NULL input, wrong signature length, q out of range */
#define CPTRA_LMS_E_ALGORITHM (-2) /* tree or OTS type is not 12 / 7, or sig/pub types differ */
#define CPTRA_LMS_MISMATCH    1    /* well-formed, but the candidate root differs from T1 */

/* Verify sig over msg with pub. 0 ok, <0 malformed/unsupported (-2 = bad tree/ots type),
 * >0 mismatch. Optional counter: SHA-256 compression blocks spent (for cycle charging). */
int cptra_lms_verify(const uint8_t *msg, size_t msg_len, const uint8_t *pub /* 48 B */,
                     const uint8_t *sig, size_t sig_len);
int cptra_lms_verify_ex(const uint8_t *msg, size_t msg_len, const uint8_t *pub /* 48 B */,
                        const uint8_t *sig, size_t sig_len, uint32_t *sha256_blocks);

/* Fresh private key (random I and SEED from the OpenSSL RNG). 0 ok. */
int cptra_lms_priv_generate(uint8_t priv[48]);

/* A computed Merkle tree for one private key (about 1.5 MiB). Building the full tree computes
 * all 32768 LM-OTS public keys (a few seconds). A "sparse" tree reproduces the upstream caliptra
 * image generator quirk (images.md §1.1): only leaf `sparse_q` is real, every other leaf's OTS
 * public key is taken as 24 zero bytes; such a tree can only sign at q = sparse_q. */
typedef struct cptra_lms_tree cptra_lms_tree_t;
cptra_lms_tree_t *cptra_lms_tree_build(const uint8_t *priv /* 48 B */);
cptra_lms_tree_t *cptra_lms_tree_build_sparse(const uint8_t *priv /* 48 B */, uint32_t sparse_q);
void cptra_lms_tree_free(cptra_lms_tree_t *t);
void cptra_lms_tree_pub(const cptra_lms_tree_t *t, uint8_t pub[48]);
/* Sign with leaf q (explicit state: the caller must never reuse q). C is random.
 * 0 ok, <0 bad q / bad input. */
int cptra_lms_tree_sign(const cptra_lms_tree_t *t, uint32_t q, const uint8_t *msg, size_t msg_len,
                        uint8_t sig[1620]);

/* The tree holds only public values (hashes of OTS public keys), so it can be cached on disk to
 * sign without recomputing it. Serialized form: "LMST" | u32 1 | I[16] | nodes 1..65535 (24 B
 * each). Deserializing checks I against priv and every inner node against its children; a
 * corrupted leaf only yields signatures that do not verify, so callers verify what they sign. */
#define CPTRA_LMS_TREE_SERIALIZED_LEN (24u + (2u * CPTRA_LMS_LEAVES - 1u) * CPTRA_LMS_N)
int cptra_lms_tree_serialize(const cptra_lms_tree_t *t, uint8_t *out, size_t cap);
cptra_lms_tree_t *cptra_lms_tree_deserialize(const uint8_t *priv /* 48 B */, const uint8_t *buf,
                                             size_t len);

/* Convenience wrappers (each builds and frees a full tree). */
int cptra_lms_keygen(uint8_t priv[48], uint8_t pub[48]);
int cptra_lms_pub_from_priv(const uint8_t *priv /* 48 B */, uint8_t pub[48]);
int cptra_lms_sign(const uint8_t *priv /* 48 B */, uint32_t q, const uint8_t *msg, size_t msg_len,
                   uint8_t sig[1620]);

#ifdef __cplusplus
}
#endif
#endif
