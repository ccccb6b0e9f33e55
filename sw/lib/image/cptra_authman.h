/* SoC authorization manifest: the upstream Caliptra 1.2 SET_AUTH_MANIFEST payload (14284 B,
 * spec/images.md §2.1-§2.3) with the runtime's verification and AUTHORIZE_AND_STASH lookup, and the
 * ASPEED on-flash variant (16004 B, §2.4) with its SVN signatures. The FLSH container is in
 * cptra_flash.h (included here). */
#ifndef CPTRA_AUTHMAN_H
#define CPTRA_AUTHMAN_H

#include <stddef.h>
#include <stdint.h>

#include "cptra_bundle.h"
#include "cptra_flash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CPTRA_AUTHMAN_MARKER        0x41544D4Eu /* bytes "NMTA" */
#define CPTRA_AUTHMAN_PREAMBLE_SIZE 7168u
#define CPTRA_AUTHMAN_MAX_ENTRIES   127u
#define CPTRA_AUTHMAN_ENTRY_SIZE    56u
#define CPTRA_AUTHMAN_IMC_SIZE      7116u  /* count + 127 entries */
#define CPTRA_AUTHMAN_SIZE          14284u /* preamble + IMC */
#define CPTRA_AUTHMAN_MAX_SIZE      14336u /* SetAuthManifestReq::MAX_MAN_SIZE */
#define CPTRA_ASPEED_MAN_SIZE       16004u
#define CPTRA_ASPEED_SVN_BLOB_SIZE  156u
#define CPTRA_AUTHMAN_FILLER_FW_ID  0xFFFFFFFFu

/* Upstream preamble offsets (§2.1). */
#define CPTRA_AM_OFF_VERSION         8u
#define CPTRA_AM_OFF_FLAGS           12u
#define CPTRA_AM_OFF_VND_ECC_PUB     16u
#define CPTRA_AM_OFF_VND_LMS_PUB     112u
#define CPTRA_AM_OFF_VND_PK_ECC_SIG  160u
#define CPTRA_AM_OFF_VND_PK_LMS_SIG  256u
#define CPTRA_AM_OFF_OWN_ECC_PUB     1876u
#define CPTRA_AM_OFF_OWN_LMS_PUB     1972u
#define CPTRA_AM_OFF_OWN_PK_ECC_SIG  2020u
#define CPTRA_AM_OFF_OWN_PK_LMS_SIG  2116u
#define CPTRA_AM_OFF_VND_IMC_ECC_SIG 3736u
#define CPTRA_AM_OFF_VND_IMC_LMS_SIG 3832u
#define CPTRA_AM_OFF_OWN_IMC_ECC_SIG 5452u
#define CPTRA_AM_OFF_OWN_IMC_LMS_SIG 5548u
#define CPTRA_AM_OFF_IMC             7168u
/* ASPEED on-flash offsets (§2.4) that differ. */
#define CPTRA_ASPEED_OFF_SEC_VER     12u
#define CPTRA_ASPEED_OFF_SVN_ECC_SIG 3740u
#define CPTRA_ASPEED_OFF_SVN_LMS_SIG 3836u
#define CPTRA_ASPEED_OFF_IMC         8888u

/* Preamble flags. */
#define CPTRA_AUTHMAN_FLAG_VENDOR_SIGNATURE_REQUIRED 1u
/* Image metadata flags: bits[1:0] source, bit2 ignore_auth_check, ASPEED bits[31:30] load_stage. */
#define CPTRA_IME_SOURCE(f)      ((f)&3u)
#define CPTRA_IME_IGNORE_AUTH(f) (((f) >> 2) & 1u)
#define CPTRA_IME_LOAD_STAGE(f)  (((f) >> 30) & 3u)
#define CPTRA_IME_FLAGS(src, ign, stage)                                                           \
    (((uint32_t)(src)&3u) | ((uint32_t)((ign) ? 1u : 0u) << 2) | ((uint32_t)(stage) << 30))
#define CPTRA_LOAD_STAGE_NONE    0u
#define CPTRA_LOAD_STAGE_BOOTMCU 1u
#define CPTRA_LOAD_STAGE_SSP     2u

/* AUTHORIZE_AND_STASH results (§2.3). */
#define CPTRA_IMAGE_AUTHORIZED     0xDEADC0DEu
#define CPTRA_IMAGE_NOT_AUTHORIZED 0x21523F21u
#define CPTRA_IMAGE_HASH_MISMATCH  0x8BFB95CBu

typedef struct cptra_authman_entry {
    uint32_t fw_id;
    uint32_t flags;
    uint8_t digest[48]; /* raw, standard SHA-384 byte order */
} cptra_authman_entry_t;

/* Decoded upstream manifest. Keys and ECC signatures in standard byte order (x||y, r||s). */
typedef struct cptra_authman {
    uint32_t marker, size, version, flags;
    uint8_t vnd_ecc_pub[96], vnd_lms_pub[48];
    uint8_t vnd_pk_ecc_sig[96], vnd_pk_lms_sig[1620];
    uint8_t own_ecc_pub[96], own_lms_pub[48];
    uint8_t own_pk_ecc_sig[96], own_pk_lms_sig[1620];
    uint8_t vnd_imc_ecc_sig[96], vnd_imc_lms_sig[1620];
    uint8_t own_imc_ecc_sig[96], own_imc_lms_sig[1620];
    uint32_t entry_count;
    /* All 127 slots as the runtime keeps them: after cptra_authman_verify the first entry_count
     * entries are sorted by fw_id; slots beyond what was received are zero. */
    cptra_authman_entry_t entry[CPTRA_AUTHMAN_MAX_ENTRIES];
    /* per-signature results of the last verify: 1 ok, 0 bad, -1 not checked */
    int vnd_pk_ecc_ok, vnd_pk_lms_ok, own_pk_ecc_ok, own_pk_lms_ok;
    int vnd_imc_ecc_ok, vnd_imc_lms_ok, own_imc_ecc_ok, own_imc_lms_ok;
} cptra_authman_t;

/* Structure only (no signature checks, no sorting): decode manifest_size bytes of an upstream
 * manifest. 0 ok, else the RT error the runtime would give for the size/marker/count problem. */
uint32_t cptra_authman_parse(const uint8_t *buf, size_t manifest_size, cptra_authman_t *out);

/* SET_AUTH_MANIFEST exactly as Caliptra RT 1.2: manifest_size bytes (the value of the request's
 * manifest_size field; the caller checks that the mailbox held them). Keys come from the booted
 * FW bundle (fw: vendor_ecc_pub/vendor_lms_pub at the active indices, owner keys). lms_verify =
 * the LMS-verify fuse. Returns 0 or the RT error code; on success out holds the sorted list. */
uint32_t cptra_authman_verify(const uint8_t *buf, size_t manifest_size,
                              const cptra_bundle_info_t *fw, int lms_verify, cptra_authman_t *out,
                              cptra_verify_cost_t *cost);

/* Binary search over the 127 slots by fw_id (as AUTHORIZE_AND_STASH). Returns the slot index
 * or -1; *probes (may be NULL) gets the number of comparisons for cycle charging. */
int cptra_authman_find(const cptra_authman_t *m, uint32_t fw_id, uint32_t *probes);
/* Lookup giving flags + digest: 0 found, -1 not found. */
int cptra_authman_lookup(const cptra_authman_t *m, uint32_t fw_id, uint32_t *flags,
                         uint8_t digest[48]);
/* AUTHORIZE_AND_STASH decision: CPTRA_IMAGE_AUTHORIZED / _NOT_AUTHORIZED / _HASH_MISMATCH. */
uint32_t cptra_authman_authorize(const cptra_authman_t *m, uint32_t fw_id,
                                 const uint8_t measurement[48]);

/* ---- ASPEED on-flash manifest (16004 B) ---- */
typedef struct cptra_aspeed_man {
    uint32_t sec_ver;
    uint8_t svn_ecc_sig[96];              /* r||s standard byte order */
    uint8_t svn_lms_sig[1620];            /* q converted back to big-endian (RFC order) */
    uint32_t svn_lms_q;                   /* as decoded from the little-endian stored q */
    uint8_t upstream[CPTRA_AUTHMAN_SIZE]; /* the 14284-B upstream manifest it converts to */
} cptra_aspeed_man_t;

/* Image-tool level errors (negative, not Caliptra codes). */
#define CPTRA_IMG_E_SIZE    (-1)
#define CPTRA_IMG_E_MARKER  (-2)
#define CPTRA_IMG_E_COUNT   (-3)
#define CPTRA_IMG_E_ECC_SIG (-4)
#define CPTRA_IMG_E_LMS_SIG (-5)
#define CPTRA_IMG_E_SEC_VER (-6)
#define CPTRA_IMG_E_ARG     (-7)

/* Parse the 16004-B file (len must be >= 16004; extra bytes ignored): marker, preamble size
 * 7168, count 1..127. Fills out (including the upstream conversion). 0 or CPTRA_IMG_E_*. */
int cptra_aspeed_man_parse(const uint8_t *buf, size_t len, cptra_aspeed_man_t *out);
/* Upstream (14284 B) + sec_ver + SVN signatures (ECC r||s standard order, LMS in RFC order; both
 * may be NULL = zeros) -> 16004-B on-flash file (q of the LMS signature stored little-endian). */
void cptra_aspeed_man_build(const uint8_t upstream[CPTRA_AUTHMAN_SIZE], uint32_t sec_ver,
                            const uint8_t *svn_ecc_sig, const uint8_t *svn_lms_sig,
                            uint8_t out[CPTRA_ASPEED_MAN_SIZE]);
/* The 156-B SVN blob: version | sec_ver | flags | owner manifest ECC pub (hw format) | LMS pub. */
void cptra_aspeed_svn_blob(const uint8_t upstream[CPTRA_AUTHMAN_SIZE], uint32_t sec_ver,
                           uint8_t blob[CPTRA_ASPEED_SVN_BLOB_SIZE]);
/* Zephyr cptra_verify_soc_manifest_ver: SVN ECC (and LMS when lms) signatures with the owner FW
 * key of the bundle, then sec_ver >= min_sec_ver. 0 or CPTRA_IMG_E_*. */
int cptra_aspeed_svn_verify(const cptra_aspeed_man_t *m, const cptra_bundle_info_t *fw, int lms,
                            uint32_t min_sec_ver, cptra_verify_cost_t *cost);

#ifdef __cplusplus
}
#endif
#endif
