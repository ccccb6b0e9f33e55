/* Caliptra 1.x firmware bundle: parser, ROM 1.2 verifier, generator. See cptra_bundle.h. */
#include "cptra_bundle.h"
#include "vp_bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cptra_crypto.h"
#include "cptra_lms.h"


void cptra_swap_words(uint8_t *dst, const uint8_t *src, size_t n) {
    for (size_t i = 0; i + 4 <= n; i += 4) {
        uint8_t a = src[i], b = src[i + 1], c = src[i + 2], d = src[i + 3];
        dst[i] = d;
        dst[i + 1] = c;
        dst[i + 2] = b;
        dst[i + 3] = a;
    }
}

void cptra_digest_to_words(const uint8_t digest[48], uint32_t words[12]) {
    for (int i = 0; i < 12; i++)
        words[i] = be32(digest + 4 * i);
}

void cptra_words_to_digest(const uint32_t words[12], uint8_t digest[48]) {
    for (int i = 0; i < 12; i++) {
        digest[4 * i] = (uint8_t)(words[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(words[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(words[i] >> 8);
        digest[4 * i + 3] = (uint8_t)words[i];
    }
}

static int all_zero(const uint8_t *p, size_t n) {
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

/* ---- error names ---- */
#define E(x)                                                                                       \
    { x, #x }
static const struct {
    uint32_t code;
    const char *name;
} err_names[] = {
    E(FW_PROC_MANIFEST_READ_FAILURE),
    E(FW_PROC_INVALID_IMAGE_SIZE),
    E(IMAGE_VERIFIER_ERR_MANIFEST_MARKER_MISMATCH),
    E(IMAGE_VERIFIER_ERR_MANIFEST_SIZE_MISMATCH),
    E(IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_INVALID),
    E(IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_OUT_OF_BOUNDS),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_REVOKED),
    E(IMAGE_VERIFIER_ERR_HEADER_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_VERIFY_FAILURE),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_MISMATCH),
    E(IMAGE_VERIFIER_ERR_OWNER_ECC_VERIFY_FAILURE),
    E(IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID),
    E(IMAGE_VERIFIER_ERR_TOC_ENTRY_COUNT_INVALID),
    E(IMAGE_VERIFIER_ERR_TOC_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_TOC_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_FMC_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_FMC_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_FMC_RUNTIME_OVERLAP),
    E(IMAGE_VERIFIER_ERR_FMC_RUNTIME_INCORRECT_ORDER),
    E(IMAGE_VERIFIER_ERR_OWNER_ECC_PUB_KEY_INVALID_ARG),
    E(IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID_ARG),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INVALID_ARG),
    E(IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID_ARG),
    E(IMAGE_VERIFIER_ERR_UPDATE_RESET_OWNER_DIGEST_FAILURE),
    E(IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_ECC_PUB_KEY_IDX_MISMATCH),
    E(IMAGE_VERIFIER_ERR_UPDATE_RESET_FMC_DIGEST_MISMATCH),
    E(IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_INVALID),
    E(IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_UNALIGNED),
    E(IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_INVALID),
    E(IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_UNALIGNED),
    E(IMAGE_VERIFIER_ERR_FMC_SVN_GREATER_THAN_MAX_SUPPORTED),
    E(IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_MIN_SUPPORTED),
    E(IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_FUSE),
    E(IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_INVALID),
    E(IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_UNALIGNED),
    E(IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_INVALID),
    E(IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_UNALIGNED),
    E(IMAGE_VERIFIER_ERR_RUNTIME_SVN_GREATER_THAN_MAX_SUPPORTED),
    E(IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_MIN_SUPPORTED),
    E(IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_FUSE),
    E(IMAGE_VERIFIER_ERR_IMAGE_LEN_MORE_THAN_BUNDLE_SIZE),
    E(IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_MISMATCH),
    E(IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE),
    E(IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_OUT_OF_BOUNDS),
    E(IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID),
    E(IMAGE_VERIFIER_ERR_FMC_RUNTIME_LOAD_ADDR_OVERLAP),
    E(IMAGE_VERIFIER_ERR_OWNER_LMS_VERIFY_FAILURE),
    E(IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID),
    E(IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_REVOKED),
    E(IMAGE_VERIFIER_ERR_FMC_SIZE_ZERO),
    E(IMAGE_VERIFIER_ERR_RUNTIME_SIZE_ZERO),
    E(IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_LMS_PUB_KEY_IDX_MISMATCH),
    E(IMAGE_VERIFIER_ERR_FMC_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW),
    E(IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW),
    E(IMAGE_VERIFIER_ERR_TOC_ENTRY_RANGE_ARITHMETIC_OVERFLOW),
    E(IMAGE_VERIFIER_ERR_DIGEST_OUT_OF_BOUNDS),
    E(RUNTIME_INSUFFICIENT_MEMORY),
    E(RUNTIME_MAILBOX_INVALID_PARAMS),
    E(RUNTIME_LMS_VERIFY_FAILED),
    E(RUNTIME_LMS_VERIFY_INVALID_LMS_ALGORITHM),
    E(RUNTIME_LMS_VERIFY_INVALID_LMOTS_ALGORITHM),
    E(RUNTIME_INVALID_AUTH_MANIFEST_MARKER),
    E(RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_MISMATCH),
    E(RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID),
    E(RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID),
    E(RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID),
    E(RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID),
    E(RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN),
    E(RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE),
    E(RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT),
    E(RUNTIME_AUTH_AND_STASH_UNSUPPORTED_IMAGE_SOURCE),
    E(RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID),
};
#undef E

const char *cptra_error_name(uint32_t code) {
    if (code == 0) return "OK";
    for (size_t i = 0; i < sizeof err_names / sizeof err_names[0]; i++)
        if (err_names[i].code == code) return err_names[i].name;
    return "UNKNOWN";
}

/* ---- parse ---- */

static void parse_toc(const uint8_t *p, cptra_toc_info_t *t) {
    t->id = le32(p);
    t->type = le32(p + 4);
    memcpy(t->revision, p + 8, 20);
    t->version = le32(p + 28);
    t->svn = le32(p + 32);
    t->reserved = le32(p + 36);
    t->load_addr = le32(p + 40);
    t->entry_point = le32(p + 44);
    t->offset = le32(p + 48);
    t->size = le32(p + 52);
    cptra_swap_words(t->digest, p + 56, 48);
}

/* Digest of [off, off+size) when it lies inside the buffer; 0 ok, -1 out of range. */
static int range_digest(const uint8_t *buf, size_t len, uint32_t off, uint32_t size,
                        uint8_t out[48], cptra_verify_cost_t *cost) {
    uint64_t end = (uint64_t)off + size;
    if (end > len) return -1;
    cptra_sha384(buf + off, size, out, cost);
    return 0;
}

int cptra_bundle_parse(const uint8_t *buf, size_t len, cptra_bundle_info_t *info) {
    if (!buf || !info) return -2;
    memset(info, 0, sizeof *info);
    info->image_len = len;
    info->vendor_ecc_ok = info->vendor_lms_ok = info->owner_ecc_ok = info->owner_lms_ok = -1;
    info->toc_digest_ok = info->fmc_digest_ok = info->rt_digest_ok = -1;
    if (len < CPTRA_MANIFEST_SIZE) return -1;
    info->marker = le32(buf);
    info->manifest_size = le32(buf + 4);
    info->vendor_ecc_pub_key_idx = le32(buf + CPTRA_OFF_PRE_ECC_IDX);
    info->vendor_lms_pub_key_idx = le32(buf + CPTRA_OFF_PRE_LMS_IDX);
    if (info->vendor_ecc_pub_key_idx < 4)
        cptra_swap_words(info->vendor_ecc_pub,
                         buf + CPTRA_OFF_VENDOR_ECC_KEYS + 96 * info->vendor_ecc_pub_key_idx, 96);
    if (info->vendor_lms_pub_key_idx < 32)
        memcpy(info->vendor_lms_pub,
               buf + CPTRA_OFF_VENDOR_LMS_KEYS + 48 * info->vendor_lms_pub_key_idx, 48);
    cptra_swap_words(info->vendor_ecc_sig, buf + CPTRA_OFF_VENDOR_ECC_SIG, 96);
    info->vendor_lms_q = be32(buf + CPTRA_OFF_VENDOR_LMS_SIG);
    cptra_swap_words(info->owner_ecc_pub, buf + CPTRA_OFF_OWNER_ECC_KEY, 96);
    memcpy(info->owner_lms_pub, buf + CPTRA_OFF_OWNER_LMS_KEY, 48);
    cptra_swap_words(info->owner_ecc_sig, buf + CPTRA_OFF_OWNER_ECC_SIG, 96);
    info->owner_lms_q = be32(buf + CPTRA_OFF_OWNER_LMS_SIG);

    const uint8_t *h = buf + CPTRA_OFF_HEADER;
    info->hdr_revision[0] = le32(h);
    info->hdr_revision[1] = le32(h + 4);
    info->hdr_vendor_ecc_pub_key_idx = le32(h + 8);
    info->hdr_vendor_lms_pub_key_idx = le32(h + 12);
    info->flags = le32(h + 16);
    info->toc_len = le32(h + 20);
    info->pl0_pauser = le32(h + 24);
    cptra_swap_words(info->toc_digest, h + 28, 48);
    memcpy(info->vendor_not_before, h + 76, 15);
    memcpy(info->vendor_not_after, h + 91, 15);
    memcpy(info->owner_not_before, h + 116, 15);
    memcpy(info->owner_not_after, h + 131, 15);
    memcpy(info->owner_epoch, h + 146, 2);
    parse_toc(buf + CPTRA_OFF_TOC, &info->fmc);
    parse_toc(buf + CPTRA_OFF_TOC + CPTRA_TOC_ENTRY_SIZE, &info->rt);

    cptra_sha384(buf + CPTRA_OFF_VENDOR_ECC_KEYS, CPTRA_VENDOR_PK_RANGE_LEN, info->vendor_pk_hash,
                 NULL);
    cptra_sha384(buf + CPTRA_OFF_OWNER_ECC_KEY, CPTRA_OWNER_PK_RANGE_LEN, info->owner_pk_hash,
                 NULL);
    cptra_digest_to_words(info->vendor_pk_hash, info->vendor_pk_hash_fuse);
    cptra_digest_to_words(info->owner_pk_hash, info->owner_pk_hash_fuse);
    cptra_sha384(h, CPTRA_HEADER_VENDOR_SIZE, info->header_digest_vendor, NULL);
    cptra_sha384(h, CPTRA_HEADER_SIZE, info->header_digest_owner, NULL);
    cptra_sha384(buf + CPTRA_OFF_TOC, 2 * CPTRA_TOC_ENTRY_SIZE, info->toc_digest_calc, NULL);
    range_digest(buf, len, info->fmc.offset, info->fmc.size, info->fmc_digest_calc, NULL);
    range_digest(buf, len, info->rt.offset, info->rt.size, info->rt_digest_calc, NULL);
    return 0;
}

/* ---- verify (ROM 1.2 order, images.md §1.4) ---- */

static uint32_t fmc_fuse_svn(const cptra_fuse_vals_t *f) {
    uint32_t v = f->fmc_key_manifest_svn, n = 0;
    while (v) {
        n++;
        v >>= 1;
    }
    return n; /* 32 - leading_zeros */
}

static uint32_t rt_fuse_svn(const cptra_fuse_vals_t *f) {
    for (int i = 3; i >= 0; i--) {
        uint32_t v = f->runtime_svn[i], n = 0;
        while (v) {
            n++;
            v >>= 1;
        }
        if (n) return 32u * (uint32_t)i + n;
    }
    return 0;
}

static int lms_check(const uint8_t digest[48], const uint8_t *pub, const uint8_t *sig,
                     cptra_verify_cost_t *cost) {
    uint32_t blocks = 0;
    int rc = cptra_lms_verify_ex(digest, 48, pub, sig, CPTRA_LMS_SIG_LEN, &blocks);
    if (cost) {
        cost->lms_verifies++;
        cost->sha256_blocks += blocks;
    }
    return rc;
}

static uint32_t verify_exe(const uint8_t *buf, size_t len, const cptra_toc_info_t *t, int is_fmc,
                           const cptra_fuse_vals_t *fuses, const cptra_bundle_info_t *cold,
                           cptra_bundle_info_t *info, cptra_verify_cost_t *cost) {
    uint8_t actual[48];
    uint64_t end = (uint64_t)t->offset + t->size;
    if (end > UINT32_MAX) return IMAGE_VERIFIER_ERR_TOC_ENTRY_RANGE_ARITHMETIC_OVERFLOW;
    /* The SHA accelerator cannot read past the received image: report a digest failure. */
    if (range_digest(buf, len, t->offset, t->size, actual, cost) != 0)
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_DIGEST_FAILURE
                      : IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_FAILURE;
    if (memcmp(actual, t->digest, 48) != 0) {
        if (is_fmc)
            info->fmc_digest_ok = 0;
        else
            info->rt_digest_ok = 0;
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_DIGEST_MISMATCH
                      : IMAGE_VERIFIER_ERR_RUNTIME_DIGEST_MISMATCH;
    }
    if (is_fmc)
        info->fmc_digest_ok = 1;
    else
        info->rt_digest_ok = 1;

    uint64_t last = (uint64_t)t->load_addr + t->size;
    if (last > UINT32_MAX) /* load_addr.checked_add(size) */
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW
                      : IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW;
    last -= 1;
    const uint64_t lo = CPTRA_ICCM_ORG, hi = (uint64_t)CPTRA_ICCM_ORG + CPTRA_ICCM_SIZE;
    if (t->load_addr < lo || t->load_addr >= hi || last < lo || last >= hi)
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_INVALID
                      : IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_INVALID;
    if (t->load_addr % 4)
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_LOAD_ADDR_UNALIGNED
                      : IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDR_UNALIGNED;
    if (t->entry_point < lo || t->entry_point >= hi)
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_INVALID
                      : IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_INVALID;
    if (t->entry_point % 4)
        return is_fmc ? IMAGE_VERIFIER_ERR_FMC_ENTRY_POINT_UNALIGNED
                      : IMAGE_VERIFIER_ERR_RUNTIME_ENTRY_POINT_UNALIGNED;
    int svn_check =
        fuses->life_cycle != CPTRA_LIFECYCLE_UNPROVISIONED && !(fuses->anti_rollback_disable & 1u);
    if (svn_check) {
        if (is_fmc) {
            if (t->svn > CPTRA_FMC_MAX_SVN)
                return IMAGE_VERIFIER_ERR_FMC_SVN_GREATER_THAN_MAX_SUPPORTED;
            if (t->svn < fmc_fuse_svn(fuses)) return IMAGE_VERIFIER_ERR_FMC_SVN_LESS_THAN_FUSE;
        } else {
            if (t->svn > CPTRA_RT_MAX_SVN)
                return IMAGE_VERIFIER_ERR_RUNTIME_SVN_GREATER_THAN_MAX_SUPPORTED;
            if (t->svn < rt_fuse_svn(fuses)) return IMAGE_VERIFIER_ERR_RUNTIME_SVN_LESS_THAN_FUSE;
        }
    }
    if (is_fmc && cold && memcmp(actual, cold->fmc.digest, 48) != 0)
        return IMAGE_VERIFIER_ERR_UPDATE_RESET_FMC_DIGEST_MISMATCH;
    return 0;
}

static uint32_t verify_impl(const uint8_t *buf, size_t len, const cptra_fuse_vals_t *fuses,
                            const cptra_bundle_info_t *cold, cptra_bundle_info_t *info_out,
                            cptra_verify_cost_t *cost_out) {
    cptra_bundle_info_t local;
    cptra_verify_cost_t cost_local;
    cptra_bundle_info_t *info = info_out ? info_out : &local;
    cptra_verify_cost_t *cost = cost_out ? cost_out : &cost_local;
    cptra_fuse_vals_t nofuses;
    memset(cost, 0, sizeof *cost);
    if (!fuses) {
        memset(&nofuses, 0, sizeof nofuses);
        fuses = &nofuses;
    }
    memset(info, 0, sizeof *info);
    if (!buf) return FW_PROC_INVALID_IMAGE_SIZE;

    /* 1. FIRMWARE_LOAD size, then the manifest copy. */
    if (len == 0 || len > CPTRA_IMAGE_MAX_SIZE) return FW_PROC_INVALID_IMAGE_SIZE;
    if (cptra_bundle_parse(buf, len, info) != 0) return FW_PROC_MANIFEST_READ_FAILURE;

    /* 2. marker, size */
    if (info->marker != CPTRA_MANIFEST_MARKER) return IMAGE_VERIFIER_ERR_MANIFEST_MARKER_MISMATCH;
    if (info->manifest_size != CPTRA_MANIFEST_SIZE)
        return IMAGE_VERIFIER_ERR_MANIFEST_SIZE_MISMATCH;

    /* 3a. vendor pk digest (skipped when unprovisioned) */
    if (fuses->life_cycle != CPTRA_LIFECYCLE_UNPROVISIONED) {
        uint8_t expected[48], actual[48];
        cptra_words_to_digest(fuses->key_manifest_pk_hash, expected);
        if (all_zero(expected, 48)) return IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_INVALID;
        cptra_sha384(buf + CPTRA_OFF_VENDOR_ECC_KEYS, CPTRA_VENDOR_PK_RANGE_LEN, actual, cost);
        if (memcmp(expected, actual, 48) != 0)
            return IMAGE_VERIFIER_ERR_VENDOR_PUB_KEY_DIGEST_MISMATCH;
    }
    /* 3b. owner pk digest (always computed; compared when the fuse is non-zero) */
    {
        uint8_t expected[48], actual[48];
        cptra_sha384(buf + CPTRA_OFF_OWNER_ECC_KEY, CPTRA_OWNER_PK_RANGE_LEN, actual, cost);
        cptra_words_to_digest(fuses->owner_pk_hash, expected);
        if (!all_zero(expected, 48) && memcmp(expected, actual, 48) != 0)
            return IMAGE_VERIFIER_ERR_OWNER_PUB_KEY_DIGEST_MISMATCH;
        if (cold && memcmp(cold->owner_pk_hash, actual, 48) != 0)
            return IMAGE_VERIFIER_ERR_UPDATE_RESET_OWNER_DIGEST_FAILURE;
    }
    /* 3c. vendor ECC index */
    uint32_t ecc_idx = info->vendor_ecc_pub_key_idx;
    if (ecc_idx > 3) return IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_OUT_OF_BOUNDS;
    if (ecc_idx < 3 && (fuses->key_manifest_pk_hash_mask & (1u << ecc_idx)))
        return IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_REVOKED;
    if (cold && cold->vendor_ecc_pub_key_idx != ecc_idx)
        return IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_ECC_PUB_KEY_IDX_MISMATCH;
    /* 3d. vendor LMS index */
    int lms = (fuses->lms_verify & 1u) != 0;
    uint32_t lms_idx = info->vendor_lms_pub_key_idx;
    if (lms) {
        if (lms_idx > 31) return IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_OUT_OF_BOUNDS;
        if (lms_idx < 31 && (fuses->lms_revocation & (1u << lms_idx)))
            return IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_REVOKED;
        if (cold && cold->vendor_lms_pub_key_idx != lms_idx)
            return IMAGE_VERIFIER_ERR_UPDATE_RESET_VENDOR_LMS_PUB_KEY_IDX_MISMATCH;
    }

    /* 4. header */
    const uint8_t *h = buf + CPTRA_OFF_HEADER;
    uint8_t dv[48], dn[48];
    cptra_sha384(h, CPTRA_HEADER_VENDOR_SIZE, dv, cost);
    cptra_sha384(h, CPTRA_HEADER_SIZE, dn, cost);
    if (all_zero(info->vendor_ecc_pub, 48) || all_zero(info->vendor_ecc_pub + 48, 48))
        return IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INVALID_ARG;
    if (all_zero(info->vendor_ecc_sig, 48) || all_zero(info->vendor_ecc_sig + 48, 48))
        return IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID_ARG;
    int rc = cptra_ecc384_verify(info->vendor_ecc_pub, dv, info->vendor_ecc_sig, cost);
    info->vendor_ecc_ok = rc == 0;
    if (rc < 0) return IMAGE_VERIFIER_ERR_VENDOR_ECC_VERIFY_FAILURE;
    if (rc > 0) return IMAGE_VERIFIER_ERR_VENDOR_ECC_SIGNATURE_INVALID;
    if (lms) {
        rc = lms_check(dv, info->vendor_lms_pub, buf + CPTRA_OFF_VENDOR_LMS_SIG, cost);
        info->vendor_lms_ok = rc == 0;
        if (rc < 0) return IMAGE_VERIFIER_ERR_VENDOR_LMS_VERIFY_FAILURE;
        if (rc > 0) return IMAGE_VERIFIER_ERR_VENDOR_LMS_SIGNATURE_INVALID;
    }
    if (info->hdr_vendor_ecc_pub_key_idx != ecc_idx)
        return IMAGE_VERIFIER_ERR_VENDOR_ECC_PUB_KEY_INDEX_MISMATCH;
    if (lms && info->hdr_vendor_lms_pub_key_idx != lms_idx)
        return IMAGE_VERIFIER_ERR_VENDOR_LMS_PUB_KEY_INDEX_MISMATCH;
    if (all_zero(info->owner_ecc_pub, 48) || all_zero(info->owner_ecc_pub + 48, 48))
        return IMAGE_VERIFIER_ERR_OWNER_ECC_PUB_KEY_INVALID_ARG;
    if (all_zero(info->owner_ecc_sig, 48) || all_zero(info->owner_ecc_sig + 48, 48))
        return IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID_ARG;
    rc = cptra_ecc384_verify(info->owner_ecc_pub, dn, info->owner_ecc_sig, cost);
    info->owner_ecc_ok = rc == 0;
    if (rc < 0) return IMAGE_VERIFIER_ERR_OWNER_ECC_VERIFY_FAILURE;
    if (rc > 0) return IMAGE_VERIFIER_ERR_OWNER_ECC_SIGNATURE_INVALID;
    if (lms) {
        rc = lms_check(dn, info->owner_lms_pub, buf + CPTRA_OFF_OWNER_LMS_SIG, cost);
        info->owner_lms_ok = rc == 0;
        if (rc < 0) return IMAGE_VERIFIER_ERR_OWNER_LMS_VERIFY_FAILURE;
        if (rc > 0) return IMAGE_VERIFIER_ERR_OWNER_LMS_SIGNATURE_INVALID;
    }

    /* 5. TOC */
    if (info->toc_len != 2) return IMAGE_VERIFIER_ERR_TOC_ENTRY_COUNT_INVALID;
    uint8_t toc_actual[48];
    cptra_sha384(buf + CPTRA_OFF_TOC, 2 * CPTRA_TOC_ENTRY_SIZE, toc_actual, cost);
    info->toc_digest_ok = memcmp(toc_actual, info->toc_digest, 48) == 0;
    if (!info->toc_digest_ok) return IMAGE_VERIFIER_ERR_TOC_DIGEST_MISMATCH;
    const cptra_toc_info_t *fmc = &info->fmc, *rt = &info->rt;
    if (fmc->size == 0) return IMAGE_VERIFIER_ERR_FMC_SIZE_ZERO;
    if (rt->size == 0) return IMAGE_VERIFIER_ERR_RUNTIME_SIZE_ZERO;
    if ((uint64_t)CPTRA_MANIFEST_SIZE + fmc->size + rt->size > len)
        return IMAGE_VERIFIER_ERR_IMAGE_LEN_MORE_THAN_BUNDLE_SIZE;
    uint64_t fs = fmc->offset, fe = fs + fmc->size, rs = rt->offset, re = rs + rt->size;
    if (fe > UINT32_MAX || re > UINT32_MAX)
        return IMAGE_VERIFIER_ERR_TOC_ENTRY_RANGE_ARITHMETIC_OVERFLOW;
    if (fs < re && fe > rs) return IMAGE_VERIFIER_ERR_FMC_RUNTIME_OVERLAP;
    if (fe > rs) return IMAGE_VERIFIER_ERR_FMC_RUNTIME_INCORRECT_ORDER;
    uint64_t fl = fmc->load_addr, fle = fl + fmc->size - 1;
    if (fle > UINT32_MAX) return IMAGE_VERIFIER_ERR_FMC_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW;
    uint64_t rl = rt->load_addr, rle = rl + rt->size - 1;
    if (rle > UINT32_MAX)
        return IMAGE_VERIFIER_ERR_RUNTIME_LOAD_ADDRESS_IMAGE_SIZE_ARITHMETIC_OVERFLOW;
    if (fl <= rle && fle >= rl) return IMAGE_VERIFIER_ERR_FMC_RUNTIME_LOAD_ADDR_OVERLAP;

    /* 6. FMC, 7. runtime */
    uint32_t e = verify_exe(buf, len, fmc, 1, fuses, cold, info, cost);
    if (e) return e;
    return verify_exe(buf, len, rt, 0, fuses, cold, info, cost);
}

uint32_t cptra_bundle_verify(const uint8_t *buf, size_t len, const cptra_fuse_vals_t *fuses,
                             cptra_bundle_info_t *info, cptra_verify_cost_t *cost) {
    return verify_impl(buf, len, fuses, NULL, info, cost);
}

uint32_t cptra_bundle_verify_update(const uint8_t *buf, size_t len, const cptra_fuse_vals_t *fuses,
                                    const cptra_bundle_info_t *cold, cptra_bundle_info_t *info,
                                    cptra_verify_cost_t *cost) {
    return verify_impl(buf, len, fuses, cold, info, cost);
}

/* ---- generator ---- */

static void put_toc(uint8_t *p, const cptra_toc_info_t *t) {
    put_le32(p, t->id);
    put_le32(p + 4, t->type);
    memcpy(p + 8, t->revision, 20);
    put_le32(p + 28, t->version);
    put_le32(p + 32, t->svn);
    put_le32(p + 36, t->reserved);
    put_le32(p + 40, t->load_addr);
    put_le32(p + 44, t->entry_point);
    put_le32(p + 48, t->offset);
    put_le32(p + 52, t->size);
    cptra_swap_words(p + 56, t->digest, 48);
}

static int lms_sign_with(const uint8_t *priv, uint32_t q, int sparse, const uint8_t digest[48],
                         uint8_t *sig) {
    cptra_lms_tree_t *t =
        sparse ? cptra_lms_tree_build_sparse(priv, q) : cptra_lms_tree_build(priv);
    if (!t) return -1;
    int rc = cptra_lms_tree_sign(t, q, digest, 48, sig);
    cptra_lms_tree_free(t);
    return rc;
}

uint8_t *cptra_bundle_create(const cptra_bundle_params_t *p, const cptra_bundle_keys_t *k,
                             const uint8_t *fmc, size_t fmc_len, const uint8_t *rt, size_t rt_len,
                             size_t *out_len, char *err, size_t errlen) {
    if (!p || !k || !out_len || (!fmc && fmc_len) || (!rt && rt_len)) {
        snprintf(err, errlen, "bad arguments");
        return NULL;
    }
    if (p->ecc_idx > 3 || p->lms_idx > 31) {
        snprintf(err, errlen, "key index out of range (ecc 0..3, lms 0..31)");
        return NULL;
    }
    size_t fpad = (fmc_len + 3) & ~(size_t)3, rpad = (rt_len + 3) & ~(size_t)3;
    size_t total = CPTRA_MANIFEST_SIZE + fpad + rpad;
    if (fmc_len == 0 || rt_len == 0 || total > CPTRA_IMAGE_MAX_SIZE) {
        snprintf(err, errlen,
                 "FMC (%zu B) and runtime (%zu B) must be non-empty and the bundle (%zu B) at most "
                 "%u B",
                 fmc_len, rt_len, total, CPTRA_IMAGE_MAX_SIZE);
        return NULL;
    }
    uint8_t *b = calloc(1, total);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    memcpy(b + CPTRA_MANIFEST_SIZE, fmc, fmc_len);
    memcpy(b + CPTRA_MANIFEST_SIZE + fpad, rt, rt_len);
    put_le32(b, CPTRA_MANIFEST_MARKER);
    put_le32(b + 4, CPTRA_MANIFEST_SIZE);
    for (int i = 0; i < 4; i++)
        cptra_swap_words(b + CPTRA_OFF_VENDOR_ECC_KEYS + 96 * i, p->vendor_ecc_pub[i], 96);
    memcpy(b + CPTRA_OFF_VENDOR_LMS_KEYS, p->vendor_lms_pub, 32 * 48);
    put_le32(b + CPTRA_OFF_PRE_ECC_IDX, p->ecc_idx);
    put_le32(b + CPTRA_OFF_PRE_LMS_IDX, p->lms_idx);
    cptra_swap_words(b + CPTRA_OFF_OWNER_ECC_KEY, p->owner_ecc_pub, 96);
    memcpy(b + CPTRA_OFF_OWNER_LMS_KEY, p->owner_lms_pub, 48);

    cptra_toc_info_t tf = p->fmc, tr = p->rt;
    tf.offset = CPTRA_MANIFEST_SIZE;
    tf.size = (uint32_t)fpad;
    tr.offset = (uint32_t)(CPTRA_MANIFEST_SIZE + fpad);
    tr.size = (uint32_t)rpad;
    cptra_sha384(b + tf.offset, tf.size, tf.digest, NULL);
    cptra_sha384(b + tr.offset, tr.size, tr.digest, NULL);
    put_toc(b + CPTRA_OFF_TOC, &tf);
    put_toc(b + CPTRA_OFF_TOC + CPTRA_TOC_ENTRY_SIZE, &tr);

    uint8_t *h = b + CPTRA_OFF_HEADER, d[48], sig[96];
    put_le32(h, p->hdr_revision[0]);
    put_le32(h + 4, p->hdr_revision[1]);
    put_le32(h + 8, p->ecc_idx);
    put_le32(h + 12, p->lms_idx);
    put_le32(h + 16, p->flags);
    put_le32(h + 20, 2);
    put_le32(h + 24, p->pl0_pauser);
    cptra_sha384(b + CPTRA_OFF_TOC, 2 * CPTRA_TOC_ENTRY_SIZE, d, NULL);
    cptra_swap_words(h + 28, d, 48);
    memcpy(h + 76, p->vendor_not_before, 15);
    memcpy(h + 91, p->vendor_not_after, 15);
    memcpy(h + 116, p->owner_not_before, 15);
    memcpy(h + 131, p->owner_not_after, 15);

    /* vendor signatures over header [0,116) */
    cptra_sha384(h, CPTRA_HEADER_VENDOR_SIZE, d, NULL);
    if (k->vendor_ecc_priv) {
        if (cptra_ecc384_sign(k->vendor_ecc_priv, d, sig) != 0) {
            snprintf(err, errlen, "vendor ECC signing failed");
            goto fail;
        }
        cptra_swap_words(b + CPTRA_OFF_VENDOR_ECC_SIG, sig, 96);
    }
    if (k->vendor_lms_priv &&
        lms_sign_with(k->vendor_lms_priv, k->vendor_lms_q, k->vendor_lms_sparse, d,
                      b + CPTRA_OFF_VENDOR_LMS_SIG) != 0) {
        snprintf(err, errlen, "vendor LMS signing failed (bad key or leaf %u)", k->vendor_lms_q);
        goto fail;
    }
    /* owner signatures over the whole header */
    cptra_sha384(h, CPTRA_HEADER_SIZE, d, NULL);
    if (k->owner_ecc_priv) {
        if (cptra_ecc384_sign(k->owner_ecc_priv, d, sig) != 0) {
            snprintf(err, errlen, "owner ECC signing failed");
            goto fail;
        }
        cptra_swap_words(b + CPTRA_OFF_OWNER_ECC_SIG, sig, 96);
    }
    if (k->owner_lms_priv && lms_sign_with(k->owner_lms_priv, k->owner_lms_q, k->owner_lms_sparse,
                                           d, b + CPTRA_OFF_OWNER_LMS_SIG) != 0) {
        snprintf(err, errlen, "owner LMS signing failed (bad key or leaf %u)", k->owner_lms_q);
        goto fail;
    }
    *out_len = total;
    return b;
fail:
    free(b);
    return NULL;
}
