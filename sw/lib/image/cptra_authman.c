/* SoC authorization manifest (upstream 1.2 and ASPEED on-flash). See cptra_authman.h. */
#include "cptra_authman.h"
#include "vp_bytes.h"

#include <string.h>

#include "cptra_crypto.h"
#include "cptra_lms.h"


static void decode_preamble(const uint8_t *b, cptra_authman_t *m) {
    m->marker = le32(b);
    m->size = le32(b + 4);
    m->version = le32(b + CPTRA_AM_OFF_VERSION);
    m->flags = le32(b + CPTRA_AM_OFF_FLAGS);
    cptra_swap_words(m->vnd_ecc_pub, b + CPTRA_AM_OFF_VND_ECC_PUB, 96);
    memcpy(m->vnd_lms_pub, b + CPTRA_AM_OFF_VND_LMS_PUB, 48);
    cptra_swap_words(m->vnd_pk_ecc_sig, b + CPTRA_AM_OFF_VND_PK_ECC_SIG, 96);
    memcpy(m->vnd_pk_lms_sig, b + CPTRA_AM_OFF_VND_PK_LMS_SIG, 1620);
    cptra_swap_words(m->own_ecc_pub, b + CPTRA_AM_OFF_OWN_ECC_PUB, 96);
    memcpy(m->own_lms_pub, b + CPTRA_AM_OFF_OWN_LMS_PUB, 48);
    cptra_swap_words(m->own_pk_ecc_sig, b + CPTRA_AM_OFF_OWN_PK_ECC_SIG, 96);
    memcpy(m->own_pk_lms_sig, b + CPTRA_AM_OFF_OWN_PK_LMS_SIG, 1620);
    cptra_swap_words(m->vnd_imc_ecc_sig, b + CPTRA_AM_OFF_VND_IMC_ECC_SIG, 96);
    memcpy(m->vnd_imc_lms_sig, b + CPTRA_AM_OFF_VND_IMC_LMS_SIG, 1620);
    cptra_swap_words(m->own_imc_ecc_sig, b + CPTRA_AM_OFF_OWN_IMC_ECC_SIG, 96);
    memcpy(m->own_imc_lms_sig, b + CPTRA_AM_OFF_OWN_IMC_LMS_SIG, 1620);
}

/* Size/marker/count checks in the runtime's order. On success *imc_len = the IMC bytes the
 * runtime hashes (min(received, 7116)). */
static uint32_t check_structure(const uint8_t *buf, size_t manifest_size, cptra_authman_t *m,
                                size_t *imc_len) {
    memset(m, 0, sizeof *m);
    m->vnd_pk_ecc_ok = m->vnd_pk_lms_ok = m->own_pk_ecc_ok = m->own_pk_lms_ok = -1;
    m->vnd_imc_ecc_ok = m->vnd_imc_lms_ok = m->own_imc_ecc_ok = m->own_imc_lms_ok = -1;
    if (!buf || manifest_size > CPTRA_AUTHMAN_MAX_SIZE) return RUNTIME_MAILBOX_INVALID_PARAMS;
    if (manifest_size < CPTRA_AUTHMAN_PREAMBLE_SIZE)
        return RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN;
    decode_preamble(buf, m);
    if (m->marker != CPTRA_AUTHMAN_MARKER) return RUNTIME_INVALID_AUTH_MANIFEST_MARKER;
    if (m->size != CPTRA_AUTHMAN_PREAMBLE_SIZE) return RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_MISMATCH;
    size_t rem = manifest_size - CPTRA_AUTHMAN_PREAMBLE_SIZE;
    if (rem < 4) { /* reported after the preamble signatures, as the runtime does */
        *imc_len = rem;
        return 0;
    }
    size_t col = rem < CPTRA_AUTHMAN_IMC_SIZE ? rem : CPTRA_AUTHMAN_IMC_SIZE;
    const uint8_t *imc = buf + CPTRA_AM_OFF_IMC;
    m->entry_count = le32(imc);
    /* the runtime copies what it received over a zeroed collection */
    size_t n_full = (col - 4) / CPTRA_AUTHMAN_ENTRY_SIZE;
    for (size_t i = 0; i < n_full; i++) {
        const uint8_t *e = imc + 4 + CPTRA_AUTHMAN_ENTRY_SIZE * i;
        m->entry[i].fw_id = le32(e);
        m->entry[i].flags = le32(e + 4);
        memcpy(m->entry[i].digest, e + 8, 48);
    }
    *imc_len = col;
    return 0;
}

static uint32_t check_count(const cptra_authman_t *m, size_t col) {
    if (col < 4) return RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE;
    if (m->entry_count == 0 || m->entry_count > CPTRA_AUTHMAN_MAX_ENTRIES)
        return RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT;
    if (col < 4 + (size_t)CPTRA_AUTHMAN_ENTRY_SIZE * m->entry_count)
        return RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE;
    return 0;
}

uint32_t cptra_authman_parse(const uint8_t *buf, size_t manifest_size, cptra_authman_t *out) {
    cptra_authman_t tmp;
    cptra_authman_t *m = out ? out : &tmp;
    size_t col = 0;
    uint32_t e = check_structure(buf, manifest_size, m, &col);
    return e ? e : check_count(m, col);
}

/* 0 ok; code on failure. ECC first, then LMS when enabled. */
static uint32_t check_pair(const uint8_t d[48], const uint8_t *ecc_pub, const uint8_t *ecc_sig,
                           const uint8_t *lms_pub, const uint8_t *lms_sig, int lms,
                           uint32_t ecc_err, uint32_t lms_err, int *ecc_ok, int *lms_ok,
                           cptra_verify_cost_t *cost) {
    int rc = cptra_ecc384_verify(ecc_pub, d, ecc_sig, cost);
    *ecc_ok = rc == 0;
    if (rc) return ecc_err;
    if (lms) {
        uint32_t blocks = 0;
        rc = cptra_lms_verify_ex(d, 48, lms_pub, lms_sig, CPTRA_LMS_SIG_LEN, &blocks);
        if (cost) {
            cost->lms_verifies++;
            cost->sha256_blocks += blocks;
        }
        *lms_ok = rc == 0;
        if (rc) return lms_err;
    }
    return 0;
}

uint32_t cptra_authman_verify(const uint8_t *buf, size_t manifest_size,
                              const cptra_bundle_info_t *fw, int lms_verify, cptra_authman_t *out,
                              cptra_verify_cost_t *cost) {
    cptra_authman_t local;
    cptra_authman_t *m = out ? out : &local;
    size_t col = 0;
    uint8_t d[48];
    if (!fw) return RUNTIME_MAILBOX_INVALID_PARAMS;
    uint32_t e = check_structure(buf, manifest_size, m, &col);
    if (e) return e;
    /* vendor signed data: [8,160) with the FW bundle's active vendor keys */
    cptra_sha384(buf + 8, 152, d, cost);
    e = check_pair(d, fw->vendor_ecc_pub, m->vnd_pk_ecc_sig, fw->vendor_lms_pub, m->vnd_pk_lms_sig,
                   lms_verify, RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID,
                   RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID, &m->vnd_pk_ecc_ok,
                   &m->vnd_pk_lms_ok, cost);
    if (e) return e;
    /* owner pub keys: [1876,2020) with the FW bundle's owner keys */
    cptra_sha384(buf + CPTRA_AM_OFF_OWN_ECC_PUB, 144, d, cost);
    e = check_pair(d, fw->owner_ecc_pub, m->own_pk_ecc_sig, fw->owner_lms_pub, m->own_pk_lms_sig,
                   lms_verify, RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID,
                   RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID, &m->own_pk_ecc_ok,
                   &m->own_pk_lms_ok, cost);
    if (e) return e;
    /* image metadata collection */
    if (col < 4) return RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE;
    e = check_count(m, col);
    if (e) return e;
    cptra_sha384(buf + CPTRA_AM_OFF_IMC, col, d, cost);
    if (m->flags & CPTRA_AUTHMAN_FLAG_VENDOR_SIGNATURE_REQUIRED) {
        e = check_pair(d, m->vnd_ecc_pub, m->vnd_imc_ecc_sig, m->vnd_lms_pub, m->vnd_imc_lms_sig,
                       lms_verify, RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID,
                       RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID, &m->vnd_imc_ecc_ok,
                       &m->vnd_imc_lms_ok, cost);
        if (e) return e;
    }
    e = check_pair(d, m->own_ecc_pub, m->own_imc_ecc_sig, m->own_lms_pub, m->own_imc_lms_sig,
                   lms_verify, RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID,
                   RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID, &m->own_imc_ecc_ok,
                   &m->own_imc_lms_ok, cost);
    if (e) return e;
    /* insertion sort of the listed entries by fw_id; a duplicate is an error */
    for (uint32_t i = 1; i < m->entry_count; i++) {
        cptra_authman_entry_t key = m->entry[i];
        uint32_t j = i;
        while (j > 0 && m->entry[j - 1].fw_id > key.fw_id) {
            m->entry[j] = m->entry[j - 1];
            j--;
        }
        if (j > 0 && m->entry[j - 1].fw_id == key.fw_id)
            return RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID;
        m->entry[j] = key;
    }
    return 0;
}

int cptra_authman_find(const cptra_authman_t *m, uint32_t fw_id, uint32_t *probes) {
    uint32_t lo = 0, hi = CPTRA_AUTHMAN_MAX_ENTRIES, n = 0;
    int found = -1;
    if (m) {
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            n++;
            if (m->entry[mid].fw_id == fw_id) {
                found = (int)mid;
                break;
            }
            if (m->entry[mid].fw_id < fw_id)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    if (probes) *probes = n;
    return found;
}

int cptra_authman_lookup(const cptra_authman_t *m, uint32_t fw_id, uint32_t *flags,
                         uint8_t digest[48]) {
    int i = cptra_authman_find(m, fw_id, NULL);
    if (i < 0) return -1;
    if (flags) *flags = m->entry[i].flags;
    if (digest) memcpy(digest, m->entry[i].digest, 48);
    return 0;
}

uint32_t cptra_authman_authorize(const cptra_authman_t *m, uint32_t fw_id,
                                 const uint8_t measurement[48]) {
    int i = cptra_authman_find(m, fw_id, NULL);
    if (i < 0) return CPTRA_IMAGE_NOT_AUTHORIZED;
    if (CPTRA_IME_IGNORE_AUTH(m->entry[i].flags)) return CPTRA_IMAGE_AUTHORIZED;
    if (!measurement || memcmp(m->entry[i].digest, measurement, 48) != 0)
        return CPTRA_IMAGE_HASH_MISMATCH;
    return CPTRA_IMAGE_AUTHORIZED;
}

/* ---- ASPEED on-flash manifest ---- */

int cptra_aspeed_man_parse(const uint8_t *buf, size_t len, cptra_aspeed_man_t *out) {
    if (!buf || !out) return CPTRA_IMG_E_ARG;
    memset(out, 0, sizeof *out);
    if (len < CPTRA_ASPEED_MAN_SIZE) return CPTRA_IMG_E_SIZE;
    if (le32(buf) != CPTRA_AUTHMAN_MARKER) return CPTRA_IMG_E_MARKER;
    if (le32(buf + 4) != CPTRA_AUTHMAN_PREAMBLE_SIZE) return CPTRA_IMG_E_SIZE;
    uint8_t *u = out->upstream;
    memcpy(u, buf, 12);                 /* marker, size, version */
    memcpy(u + 12, buf + 16, 4);        /* flags */
    memcpy(u + 16, buf + 20, 1860);     /* vendor keys + vendor pk signatures */
    memcpy(u + 1876, buf + 1880, 1860); /* owner keys + owner pk signatures */
    memcpy(u + 3736, buf + 5456, 3432); /* vendor + owner IMC signatures */
    memcpy(u + 7168, buf + 8888, CPTRA_AUTHMAN_IMC_SIZE);
    out->sec_ver = le32(buf + CPTRA_ASPEED_OFF_SEC_VER);
    cptra_swap_words(out->svn_ecc_sig, buf + CPTRA_ASPEED_OFF_SVN_ECC_SIG, 96);
    memcpy(out->svn_lms_sig, buf + CPTRA_ASPEED_OFF_SVN_LMS_SIG, 1620);
    /* q is stored little-endian: restore RFC order */
    cptra_swap_words(out->svn_lms_sig, out->svn_lms_sig, 4);
    out->svn_lms_q = le32(buf + CPTRA_ASPEED_OFF_SVN_LMS_SIG);
    uint32_t count = le32(u + 7168);
    if (count == 0 || count > CPTRA_AUTHMAN_MAX_ENTRIES) return CPTRA_IMG_E_COUNT;
    return 0;
}

void cptra_aspeed_man_build(const uint8_t upstream[CPTRA_AUTHMAN_SIZE], uint32_t sec_ver,
                            const uint8_t *svn_ecc_sig, const uint8_t *svn_lms_sig,
                            uint8_t out[CPTRA_ASPEED_MAN_SIZE]) {
    const uint8_t *u = upstream;
    memset(out, 0, CPTRA_ASPEED_MAN_SIZE);
    memcpy(out, u, 12);
    put_le32(out + CPTRA_ASPEED_OFF_SEC_VER, sec_ver);
    memcpy(out + 16, u + 12, 4);
    memcpy(out + 20, u + 16, 1860);
    memcpy(out + 1880, u + 1876, 1860);
    if (svn_ecc_sig) cptra_swap_words(out + CPTRA_ASPEED_OFF_SVN_ECC_SIG, svn_ecc_sig, 96);
    if (svn_lms_sig) {
        memcpy(out + CPTRA_ASPEED_OFF_SVN_LMS_SIG, svn_lms_sig, 1620);
        cptra_swap_words(out + CPTRA_ASPEED_OFF_SVN_LMS_SIG, svn_lms_sig, 4); /* q little-endian */
    }
    memcpy(out + 5456, u + 3736, 3432);
    memcpy(out + 8888, u + 7168, CPTRA_AUTHMAN_IMC_SIZE);
}

void cptra_aspeed_svn_blob(const uint8_t upstream[CPTRA_AUTHMAN_SIZE], uint32_t sec_ver,
                           uint8_t blob[CPTRA_ASPEED_SVN_BLOB_SIZE]) {
    memcpy(blob, upstream + CPTRA_AM_OFF_VERSION, 4);
    put_le32(blob + 4, sec_ver);
    memcpy(blob + 8, upstream + CPTRA_AM_OFF_FLAGS, 4);
    memcpy(blob + 12, upstream + CPTRA_AM_OFF_OWN_ECC_PUB, 144); /* as stored: hw format */
}

int cptra_aspeed_svn_verify(const cptra_aspeed_man_t *m, const cptra_bundle_info_t *fw, int lms,
                            uint32_t min_sec_ver, cptra_verify_cost_t *cost) {
    if (!m || !fw) return CPTRA_IMG_E_ARG;
    uint8_t blob[CPTRA_ASPEED_SVN_BLOB_SIZE], d[48];
    cptra_aspeed_svn_blob(m->upstream, m->sec_ver, blob);
    cptra_sha384(blob, sizeof blob, d, cost);
    if (cptra_ecc384_verify(fw->owner_ecc_pub, d, m->svn_ecc_sig, cost) != 0)
        return CPTRA_IMG_E_ECC_SIG;
    if (lms) {
        uint32_t blocks = 0;
        int rc = cptra_lms_verify_ex(d, 48, fw->owner_lms_pub, m->svn_lms_sig, 1620, &blocks);
        if (cost) {
            cost->lms_verifies++;
            cost->sha256_blocks += blocks;
        }
        if (rc) return CPTRA_IMG_E_LMS_SIG;
    }
    if (m->sec_ver < min_sec_ver) return CPTRA_IMG_E_SEC_VER;
    return 0;
}
