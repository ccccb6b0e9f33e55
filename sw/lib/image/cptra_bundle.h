/* Caliptra 1.x firmware bundle (caliptra-fw.bin): layout, parser, the ROM 1.2 verifier and the
 * generator. Facts: spec/images.md §1 (layout, byte-order quirks, ROM verification order) and
 * caliptra-sw error/src/lib.rs (1.2 branch) for the error codes. */
#ifndef CPTRA_BUNDLE_H
#define CPTRA_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- layout (images.md §1.2) ---- */
#define CPTRA_MANIFEST_MARKER     0x4E414D43u /* bytes "CMAN" */
#define CPTRA_MANIFEST_SIZE       5884u
#define CPTRA_IMAGE_MAX_SIZE      131072u /* IMAGE_BYTE_SIZE, FIRMWARE_LOAD limit */
#define CPTRA_OFF_VENDOR_ECC_KEYS 8u      /* 4 x {x[48], y[48]} hw format */
#define CPTRA_OFF_VENDOR_LMS_KEYS 392u    /* 32 x 48 */
#define CPTRA_OFF_PRE_ECC_IDX     1928u
#define CPTRA_OFF_PRE_LMS_IDX     1932u
#define CPTRA_OFF_VENDOR_ECC_SIG  1936u
#define CPTRA_OFF_VENDOR_LMS_SIG  2032u
#define CPTRA_OFF_OWNER_ECC_KEY   3652u
#define CPTRA_OFF_OWNER_LMS_KEY   3748u
#define CPTRA_OFF_OWNER_ECC_SIG   3796u
#define CPTRA_OFF_OWNER_LMS_SIG   3892u
#define CPTRA_OFF_HEADER          5520u
#define CPTRA_HEADER_SIZE         156u
#define CPTRA_HEADER_VENDOR_SIZE  116u /* vendor signatures cover header [0,116) */
#define CPTRA_OFF_TOC             5676u
#define CPTRA_TOC_ENTRY_SIZE      104u
#define CPTRA_VENDOR_PK_RANGE_LEN 1920u /* bundle [8,1928) -> FUSE_KEY_MANIFEST_PK_HASH */
#define CPTRA_OWNER_PK_RANGE_LEN  144u  /* bundle [3652,3796) -> FUSE_OWNER_PK_HASH */
#define CPTRA_ICCM_ORG            0x40000000u
#define CPTRA_ICCM_SIZE           0x20000u
#define CPTRA_FMC_MAX_SVN         32u
#define CPTRA_RT_MAX_SVN          128u
#define CPTRA_TOC_ID_FMC          1u
#define CPTRA_TOC_ID_RUNTIME      2u

/* CPTRA_SECURITY_STATE.device_lifecycle values. */
#define CPTRA_LIFECYCLE_UNPROVISIONED 0u
#define CPTRA_LIFECYCLE_MANUFACTURING 1u
#define CPTRA_LIFECYCLE_PRODUCTION    3u

/* ---- error codes the ROM reports (caliptra-sw error/src/lib.rs, 1.2 branch) ---- */
#define FW_PROC_MANIFEST_READ_FAILURE                             0x01020001u
#define FW_PROC_INVALID_IMAGE_SIZE                                0x01020002u
#define IMAGE_VERIFIER_ERR_MANIFEST_MARKER_MISMATCH               0x000B0001u
#define IMAGE_VERIFIER_ERR_MANIFEST_SIZE_MISMATCH                 0x000B0002u
#define IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_INVALID          0x000B0003u
#define IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_FAILURE          0x000B0004u
#define IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH         0x000B0005u
#define IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_FAILURE           0x000B0006u
#define IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH          0x000B0007u
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_OUT_OF_BOUNDS 0x000B0008u
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_REVOKED             0x000B0009u
#define IMAGE_VERIFIER_ERR_HEADER_DIGEST_FAILURE                  0x000B000Au
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_VERIFY_FAILURE              0x000B000Bu
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID           0x000B000Cu
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_MISMATCH      0x000B000Du
#define IMAGE_VERIFIER_ERR_OWNER_ECC_VERIFY_FAILURE               0x000B000Eu
#define IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID            0x000B000Fu
#define IMAGE_VERIFIER_ERR_TOC_ENTRY_COUNT_INVALID                0x000B0010u
#define IMAGE_VERIFIER_ERR_TOC_DIGEST_FAILURE                     0x000B0011u
#define IMAGE_VERIFIER_ERR_TOC_DIGEST_MISMATCH                    0x000B0012u
#define IMAGE_VERIFIER_ERR_FMC_DIGEST_FAILURE                     0x000B0013u
#define IMAGE_VERIFIER_ERR_FMC_DIGEST_MISMATCH                    0x000B0014u
#define IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_FAILURE                 0x000B0015u
#define IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_MISMATCH                0x000B0016u
#define IMAGE_VERIFIER_ERR_FMC_RUNTIME_OVERLAP                    0x000B0017u
#define IMAGE_VERIFIER_ERR_FMC_RUNTIME_INCORRECT_ORDER            0x000B0018u
#define IMAGE_VERIFIER_ERR_OWNER_ECC_PUB_KEY_INVALID_ARG          0x000B0019u
#define IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID_ARG        0x000B001Au
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INVALID_ARG         0x000B001Bu
#define IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID_ARG       0x000B001Cu
/* 0x000B001B is named VENDOR_PUB_KEY_DIGEST_INVALID_ARG in the 1.2 sources (same code). */
#define IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_INVALID_ARG                                       \
    IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INVALID_ARG
#define IMAGE_VERIFIER_ERR_UPDATE_RESET_OWNER_DIGEST_FAILURE                   0x000B001Du
#define IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_ECC_PUB_KEY_IDX_MISMATCH        0x000B001Eu
#define IMAGE_VERIFIER_ERR_UPDATE_RESET_FMC_DIGEST_MISMATCH                    0x000B001Fu
#define IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_INVALID                               0x000B0021u
#define IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_UNALIGNED                             0x000B0022u
#define IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_INVALID                             0x000B0023u
#define IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_UNALIGNED                           0x000B0024u
#define IMAGE_VERIFIER_ERR_FMC_SVN_GREATER_THAN_MAX_SUPPORTED                  0x000B0025u
#define IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_MIN_SUPPORTED                     0x000B0026u
#define IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_FUSE                              0x000B0027u
#define IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_INVALID                           0x000B0028u
#define IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_UNALIGNED                         0x000B0029u
#define IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_INVALID                         0x000B002Au
#define IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_UNALIGNED                       0x000B002Bu
#define IMAGE_VERIFIER_ERR_RUNTIME_SVN_GREATER_THAN_MAX_SUPPORTED              0x000B002Cu
#define IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_MIN_SUPPORTED                 0x000B002Du
#define IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_FUSE                          0x000B002Eu
#define IMAGE_VERIFIER_ERR_IMAGE_LEN_MORE_THAN_BUNDLE_SIZE                     0x000B002Fu
#define IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_MISMATCH                   0x000B0030u
#define IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE                           0x000B0031u
#define IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_OUT_OF_BOUNDS              0x000B0032u
#define IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID                        0x000B0033u
#define IMAGE_VERIFIER_ERR_FMC_RUNTIME_LOAD_ADDR_OVERLAP                       0x000B0034u
#define IMAGE_VERIFIER_ERR_OWNER_LMS_VERIFY_FAILURE                            0x000B0036u
#define IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID                         0x000B0038u
#define IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_REVOKED                          0x000B003Au
#define IMAGE_VERIFIER_ERR_FMC_SIZE_ZERO                                       0x000B003Bu
#define IMAGE_VERIFIER_ERR_RUNTIME_SIZE_ZERO                                   0x000B003Cu
#define IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_LMS_PUB_KEY_IDX_MISMATCH        0x000B003Du
#define IMAGE_VERIFIER_ERR_FMC_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW     0x000B003Eu
#define IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW 0x000B003Fu
#define IMAGE_VERIFIER_ERR_TOC_ENTRY_RANGE_ARITHMETIC_OVERFLOW                 0x000B0040u
#define IMAGE_VERIFIER_ERR_DIGEST_OUT_OF_BOUNDS                                0x000B0041u
/* Runtime codes used by the auth manifest and LMS_VERIFY (cptra_authman.h). */
#define RUNTIME_INSUFFICIENT_MEMORY                                     0x000E0003u
#define RUNTIME_MAILBOX_INVALID_PARAMS                                  0x000E0009u
#define RUNTIME_LMS_VERIFY_FAILED                                       0x000E0042u
#define RUNTIME_LMS_VERIFY_INVALID_LMS_ALGORITHM                        0x000E0043u
#define RUNTIME_LMS_VERIFY_INVALID_LMOTS_ALGORITHM                      0x000E0044u
#define RUNTIME_INVALID_AUTH_MANIFEST_MARKER                            0x000E0045u
#define RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_MISMATCH                    0x000E0046u
#define RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID              0x000E0047u
#define RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID              0x000E0048u
#define RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID               0x000E0049u
#define RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID               0x000E004Au
#define RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN                      0x000E004Bu
#define RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE          0x000E004Cu
#define RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT   0x000E004Du
#define RUNTIME_AUTH_AND_STASH_UNSUPPORTED_IMAGE_SOURCE                 0x000E004Eu
#define RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID 0x000E0053u

/* Name of any code above ("IMAGE_VERIFIER_ERR_..."), "OK" for 0, "UNKNOWN" otherwise. */
const char *cptra_error_name(uint32_t code);

/* ---- inputs and outputs ---- */

/* Fuse register values, words in register order (as the SoC writes them). */
typedef struct cptra_fuse_vals {
    uint32_t key_manifest_pk_hash[12];
    uint32_t key_manifest_pk_hash_mask; /* bit i revokes vendor ECC key i (i = 0..2) */
    uint32_t owner_pk_hash[12];
    uint32_t fmc_key_manifest_svn; /* one-hot-ish: fuse SVN = index of the highest set bit + 1 */
    uint32_t runtime_svn[4];       /* 128-bit, word 0 least significant, same encoding */
    uint32_t anti_rollback_disable;
    uint32_t life_cycle; /* CPTRA_LIFECYCLE_* */
    uint32_t lms_verify; /* 1 = verify LMS signatures too */
    uint32_t lms_revocation;
} cptra_fuse_vals_t;

/* Work the verifier did, so a caller can charge cycles. */
typedef struct cptra_verify_cost {
    uint32_t sha384_bytes;  /* bytes fed to SHA-384 */
    uint32_t sha384_blocks; /* 128-byte SHA-384 compressions (with padding) */
    uint32_t ecc384_verifies;
    uint32_t lms_verifies;
    uint32_t sha256_blocks; /* SHA-256 compressions spent inside LMS verification */
} cptra_verify_cost_t;

typedef struct cptra_toc_info {
    uint32_t id;
    uint32_t type;
    uint8_t revision[20];
    uint32_t version;
    uint32_t svn;
    uint32_t reserved;
    uint32_t load_addr;
    uint32_t entry_point;
    uint32_t offset;
    uint32_t size;
    uint8_t digest[48]; /* as stored, converted to standard SHA-384 byte order */
} cptra_toc_info_t;

typedef struct cptra_bundle_info {
    size_t image_len;
    uint32_t marker;
    uint32_t manifest_size;
    /* preamble */
    uint32_t vendor_ecc_pub_key_idx; /* preamble copies */
    uint32_t vendor_lms_pub_key_idx;
    uint8_t vendor_ecc_pub[96]; /* key at vendor_ecc_pub_key_idx: x||y, standard byte order
                                   (zero if the index is out of range) */
    uint8_t vendor_lms_pub[48]; /* key at vendor_lms_pub_key_idx (zero if out of range) */
    uint8_t vendor_ecc_sig[96]; /* r||s, standard byte order */
    uint32_t vendor_lms_q;      /* q of the vendor LMS signature */
    uint8_t owner_ecc_pub[96];  /* x||y standard byte order */
    uint8_t owner_lms_pub[48];
    uint8_t owner_ecc_sig[96];
    uint32_t owner_lms_q;
    /* header */
    uint32_t hdr_revision[2];
    uint32_t hdr_vendor_ecc_pub_key_idx;
    uint32_t hdr_vendor_lms_pub_key_idx;
    uint32_t flags; /* bit0: pl0_pauser valid */
    uint32_t toc_len;
    uint32_t pl0_pauser;
    uint8_t toc_digest[48]; /* standard byte order */
    uint8_t vendor_not_before[15], vendor_not_after[15];
    uint8_t owner_not_before[15], owner_not_after[15];
    uint8_t owner_epoch[2];
    cptra_toc_info_t fmc;
    cptra_toc_info_t rt;
    /* computed */
    uint8_t vendor_pk_hash[48];       /* SHA-384(bundle[8,1928)), standard order */
    uint8_t owner_pk_hash[48];        /* SHA-384(bundle[3652,3796)) */
    uint32_t vendor_pk_hash_fuse[12]; /* the same as fuse register words */
    uint32_t owner_pk_hash_fuse[12];
    uint8_t header_digest_vendor[48]; /* SHA-384(header[0,116)) */
    uint8_t header_digest_owner[48];  /* SHA-384(header[0,156)) */
    uint8_t toc_digest_calc[48];
    uint8_t fmc_digest_calc[48]; /* valid when the range is inside the buffer */
    uint8_t rt_digest_calc[48];
    /* per-check results of the last cptra_bundle_verify (1 = checked and OK, 0 = failed,
       -1 = not reached / skipped) */
    int vendor_ecc_ok, vendor_lms_ok, owner_ecc_ok, owner_lms_ok;
    int toc_digest_ok, fmc_digest_ok, rt_digest_ok;
} cptra_bundle_info_t;

/* Structure only: size >= manifest, fields decoded, pk hashes and all digests computed where the
 * ranges fit in buf. 0 ok; <0 when shorter than the manifest (-1) or NULL input (-2). Does not
 * check the marker or any value. */
int cptra_bundle_parse(const uint8_t *buf, size_t len, cptra_bundle_info_t *info);

/* The Caliptra ROM 1.2 FIRMWARE_LOAD verification in the order of images.md §1.4 (size check,
 * marker/size, preamble, header, TOC, FMC, runtime). 0 on success, else the exact ROM error code.
 * info and cost may be NULL. */
uint32_t cptra_bundle_verify(const uint8_t *buf, size_t len, const cptra_fuse_vals_t *fuses,
                             cptra_bundle_info_t *info, cptra_verify_cost_t *cost);

/* Update-reset flavour (RT FIRMWARE_LOAD → ROM update reset): additionally requires the owner pk
 * digest, vendor key indices and FMC digest to equal those of the cold-boot image `cold`. */
uint32_t cptra_bundle_verify_update(const uint8_t *buf, size_t len, const cptra_fuse_vals_t *fuses,
                                    const cptra_bundle_info_t *cold, cptra_bundle_info_t *info,
                                    cptra_verify_cost_t *cost);

/* Fuse-word helpers: the 12 register words of a standard-order 48-byte digest (word i = BE u32
 * of bytes [4i,4i+4)), and the reverse. */
void cptra_digest_to_words(const uint8_t digest[48], uint32_t words[12]);
void cptra_words_to_digest(const uint32_t words[12], uint8_t digest[48]);
/* "HW format" on disk: every 4-byte group byte-reversed. n must be a multiple of 4. */
void cptra_swap_words(uint8_t *dst, const uint8_t *src, size_t n);

/* ---- generator ---- */
typedef struct cptra_bundle_keys {
    /* private keys: OpenSSL EVP_PKEY* (ECC P-384) as void* to keep this header OpenSSL-free */
    void *vendor_ecc_priv;          /* signs with vendor key [ecc_idx] */
    const uint8_t *vendor_lms_priv; /* 48-B raw; NULL = no vendor LMS signature (zeros) */
    uint32_t vendor_lms_q;          /* leaf to use (caller keeps the state) */
    int vendor_lms_sparse;          /* 1: caliptra-tool key, only leaf vendor_lms_q is valid */
    void *owner_ecc_priv;           /* NULL = no owner signature */
    const uint8_t *owner_lms_priv;
    uint32_t owner_lms_q;
    int owner_lms_sparse;
} cptra_bundle_keys_t;

typedef struct cptra_bundle_params {
    uint8_t vendor_ecc_pub[4][96]; /* x||y standard order; unused slots may stay zero */
    uint8_t vendor_lms_pub[32][48];
    uint32_t ecc_idx, lms_idx;
    uint8_t owner_ecc_pub[96];
    uint8_t owner_lms_pub[48];
    uint32_t flags, pl0_pauser;
    uint32_t hdr_revision[2];
    uint8_t vendor_not_before[15], vendor_not_after[15];
    uint8_t owner_not_before[15], owner_not_after[15];
    cptra_toc_info_t fmc, rt; /* id/type/version/svn/load/entry/revision used; offset, size and
                                 digest are computed */
} cptra_bundle_params_t;

/* Build manifest ‖ FMC ‖ RT (sizes padded to 4 with zeros) and sign. Returns a malloc'd buffer
 * (caller frees) and its length, or NULL with a message in err. */
uint8_t *cptra_bundle_create(const cptra_bundle_params_t *p, const cptra_bundle_keys_t *k,
                             const uint8_t *fmc, size_t fmc_len, const uint8_t *rt, size_t rt_len,
                             size_t *out_len, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
