/* Caliptra RT 1.2 mailbox command set (caliptra-1x.md §3.1-§3.3, images.md §2.2-§2.3).
 * Attestation commands (certificates, CSRs, DPE, PCR quotes, exported CDIs) are not modelled and
 * answer like an unknown command: RUNTIME_UNIMPLEMENTED_COMMAND. */
#include <stdlib.h>
#include <string.h>
#include "vp_bytes.h"

#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "fw_int.h"

#define SOC(off) (CPTRA_SOC_IFC_BASE + (off))

/* PL0 = the PAUSER named in the image header when header flags bit0 is set; without the flag
 * there is no PL0 caller (caliptra-1x.md §3.1). */
static bool is_pl0(const fw_t *f, uint32_t pauser) {
    return f->image_valid && (f->info.flags & 1u) && f->info.pl0_pauser == pauser;
}

/* 48-byte message hash from the SHA accelerator DIGEST[0..11] (big-endian words, §2.1). */
static void sha_acc_digest(fw_t *f, uint64_t t, uint8_t out[48]) {
    for (int i = 0; i < 12; i++) {
        uint32_t w = fw_rd(f, t, CPTRA_SHA_ACC_BASE + SHA_ACC_DIGEST0 + 4u * (uint32_t)i);
        out[4 * i] = (uint8_t)(w >> 24);
        out[4 * i + 1] = (uint8_t)(w >> 16);
        out[4 * i + 2] = (uint8_t)(w >> 8);
        out[4 * i + 3] = (uint8_t)w;
    }
}


static uint32_t cmd_fw_info(fw_t *f) {
    uint8_t *r = f->resp;
    const cptra_bundle_info_t *in = &f->info;
    put_le32(r + 8, in->pl0_pauser); /* header field as loaded */
    put_le32(r + 12, in->rt.svn);
    put_le32(r + 16, f->min_rt_svn);
    put_le32(r + 20, in->fmc.svn);
    put_le32(r + 24, f->attestation_disabled ? 1u : 0u);
    memcpy(r + 28, f->cfg.rom_revision, 20);
    memcpy(r + 48, in->fmc.revision, 20);
    memcpy(r + 68, in->rt.revision, 20);
    /* Digests as the data vault holds them: 32-bit words of the digest stored little-endian
     * (the image's "hw format", images.md §1.1). */
    if (f->rom) cptra_swap_words(r + 88, f->rom_sha256, 32);
    cptra_swap_words(r + 120, in->fmc.digest, 48);
    cptra_swap_words(r + 168, in->rt.digest, 48);
    cptra_swap_words(r + 216, in->owner_pk_hash, 48);
    if (f->authman_valid) cptra_swap_words(r + 264, f->authman_digest, 48);
    fw_resp_header(f, 312);
    return 0;
}

static uint32_t cmd_lms_verify(fw_t *f, uint64_t t0, const uint8_t *req, uint64_t *cost) {
    uint32_t tree = le32(req + 4), ots = le32(req + 8);
    if (tree != CPTRA_LMS_SHA256_N24_H15) return RT_ERR_LMS_INVALID_LMS_ALGORITHM;
    if (ots != CPTRA_LMOTS_SHA256_N24_W4) return RT_ERR_LMS_INVALID_LMOTS_ALGORITHM;
    uint8_t pub[48], sig[CPTRA_LMS_SIG_LEN], msg[48];
    put_be32(pub, tree);
    put_be32(pub + 4, ots);
    memcpy(pub + 8, req + 12, 16);
    memcpy(pub + 24, req + 28, 24);
    put_be32(sig, le32(req + 52));              /* q: LE u32 in the request */
    memcpy(sig + 4, req + 56, 1252);            /* ots_type (BE) | C | y, raw */
    put_be32(sig + 4 + 1252, le32(req + 1308)); /* signature tree type: LE u32 */
    memcpy(sig + 8 + 1252, req + 1312, 360);
    if (le32(req + 1308) != CPTRA_LMS_SHA256_N24_H15) return RT_ERR_LMS_INVALID_LMS_ALGORITHM;
    if (be32(req + 56) != CPTRA_LMOTS_SHA256_N24_W4) return RT_ERR_LMS_INVALID_LMOTS_ALGORITHM;
    sha_acc_digest(f, t0, msg);
    *cost += f->cost.lms_verify;
    return cptra_lms_verify(msg, 48, pub, sig, sizeof sig) == 0 ? 0 : RT_ERR_LMS_VERIFY_FAILED;
}

static uint32_t cmd_set_auth_manifest(fw_t *f, const uint8_t *req, uint32_t dlen, uint64_t *cost) {
    if (dlen < 8) return RT_ERR_INSUFFICIENT_MEMORY;
    uint32_t msize = le32(req + 4);
    if (msize > CPTRA_AUTHMAN_MAX_SIZE || (uint64_t)msize + 8 > dlen)
        return RT_ERR_INSUFFICIENT_MEMORY;
    cptra_verify_cost_t vc;
    memset(&vc, 0, sizeof vc);
    cptra_authman_t *tmp = calloc(1, sizeof *tmp);
    if (!tmp) return RT_ERR_INTERNAL;
    uint32_t rc = cptra_authman_verify(req + 8, msize, &f->info, (int)f->lms_verify_fuse, tmp, &vc);
    *cost += cptra_fw_verify_cycles(&f->cost, &vc);
    if (rc == 0) {
        memcpy(f->am, tmp, sizeof *tmp);
        f->authman_valid = true;
        cptra_sha384(req + 8, msize, f->authman_digest, NULL);
    }
    free(tmp);
    return rc;
}

static uint32_t cmd_authorize(fw_t *f, const uint8_t *req, uint64_t *cost) {
    uint32_t fw_id = le32(req + 4);
    uint32_t flags = le32(req + 108), source = le32(req + 112);
    if (source != 1u) return RT_ERR_AUTH_AND_STASH_UNSUPPORTED_IMAGE_SOURCE;
    uint32_t res = cptra_authman_authorize(f->am, fw_id, req + 8);
    uint32_t probes = 0;
    (void)cptra_authman_find(f->am, fw_id, &probes);
    *cost += (uint64_t)probes * f->cost.rt_authman_probe + 2 * f->cost.sha512_block;
    if (res == CPTRA_AUTH_IMAGE_AUTHORIZED && !(flags & 1u)) {
        fw_pcr_extend(f, 31, req + 8, 48);
        *cost += f->cost.rt_dpe_derive;
    }
    put_le32(f->resp + 8, res);
    fw_resp_header(f, 12);
    return 0;
}

uint32_t rt_execute(fw_t *f, uint64_t t0, uint32_t cmd, const uint8_t *req, uint32_t dlen,
                    uint32_t pauser, uint64_t *cost) {
    if (f->shutdown) return RT_ERR_SHUTDOWN;
    if (pauser == CPTRA_UC_PAUSER) return RT_ERR_CMD_RESERVED_PAUSER;
    if (dlen < 4) return RT_ERR_MAILBOX_INVALID_PARAMS;
    if (cptra_fw_checksum(cmd, req + 4, dlen - 4) != le32(req)) return RT_ERR_INVALID_CHECKSUM;
    memset(f->resp, 0, sizeof f->resp);
    switch (cmd) {
    case CPTRA_CMD_CAPABILITIES:
        f->resp[8 + 7] = 0x01; /* u128 BE, bit64 = RT_BASE */
        fw_resp_header(f, 24);
        return 0;
    case CPTRA_CMD_FW_INFO:
        return cmd_fw_info(f);
    case CPTRA_CMD_VERSION:
        put_le32(f->resp + 8, 0x46495053u);
        put_le32(f->resp + 12, fw_rd(f, t0, SOC(CPTRA_HW_REV_ID)));
        put_le32(f->resp + 16, fw_rd(f, t0, SOC(CPTRA_FW_REV_ID0)));
        put_le32(f->resp + 20, fw_rd(f, t0, SOC(CPTRA_FW_REV_ID1)));
        memcpy(f->resp + 24, "Caliptra RTM", 12);
        fw_resp_header(f, 36);
        return 0;
    case CPTRA_CMD_ECDSA384_VERIFY: {
        if (dlen != 196) return RT_ERR_INSUFFICIENT_MEMORY;
        uint8_t digest[48];
        sha_acc_digest(f, t0, digest);
        *cost += f->cost.ecc384_verify;
        if (cptra_ecc384_verify(req + 4, digest, req + 100, NULL) != 0)
            return RT_ERR_ECDSA_VERIFY_FAILED;
        fw_resp_header(f, 8);
        return 0;
    }
    case CPTRA_CMD_LMS_VERIFY: {
        if (dlen != 1672) return RT_ERR_INSUFFICIENT_MEMORY;
        uint32_t rc = cmd_lms_verify(f, t0, req, cost);
        if (rc) return rc;
        fw_resp_header(f, 8);
        return 0;
    }
    case CPTRA_CMD_STASH_MEASUREMENT:
        if (!is_pl0(f, pauser)) return RT_ERR_INCORRECT_PAUSER_PRIVILEGE_LEVEL;
        if (dlen != 108) return RT_ERR_INSUFFICIENT_MEMORY;
        fw_pcr_extend(f, 31, req + 8, 48);
        *cost += f->cost.rt_dpe_derive;
        put_le32(f->resp + 8, 0);
        fw_resp_header(f, 12);
        return 0;
    case CPTRA_CMD_EXTEND_PCR: {
        if (dlen != 56) return RT_ERR_INSUFFICIENT_MEMORY;
        uint32_t idx = le32(req + 4);
        if (idx > 0xFF) return RT_ERR_MAILBOX_INVALID_PARAMS;
        if (idx >= 32) return RT_ERR_PCR_INVALID_INDEX;
        if (idx <= 3) return RT_ERR_PCR_RESERVED;
        fw_pcr_extend(f, (int)idx, req + 8, 48);
        *cost += 2 * f->cost.sha512_block;
        fw_resp_header(f, 8);
        return 0;
    }
    case CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER: {
        if (dlen != 8) return RT_ERR_INSUFFICIENT_MEMORY;
        uint32_t idx = le32(req + 4);
        if (idx >= 32) return RT_ERR_MAILBOX_INVALID_PARAMS;
        if (f->pcr_reset[idx] == UINT32_MAX) return RT_ERR_INCREMENT_PCR_RESET_MAX_REACHED;
        f->pcr_reset[idx]++;
        fw_resp_header(f, 8);
        return 0;
    }
    case CPTRA_CMD_SET_AUTH_MANIFEST: {
        uint32_t rc = cmd_set_auth_manifest(f, req, dlen, cost);
        if (rc) return rc;
        fw_resp_header(f, 8);
        return 0;
    }
    case CPTRA_CMD_AUTHORIZE_AND_STASH:
        if (dlen != 116) return RT_ERR_INSUFFICIENT_MEMORY;
        return cmd_authorize(f, req, cost);
    case CPTRA_CMD_DISABLE_ATTESTATION:
        f->attestation_disabled = true;
        fw_resp_header(f, 8);
        return 0;
    case CPTRA_CMD_SHUTDOWN:
        /* Zeroize and refuse everything afterwards (RT fails the command itself). */
        f->shutdown = true;
        return RT_ERR_SHUTDOWN;
    case CPTRA_CMD_SELF_TEST_START:
        if (f->self_test == 1) return RT_ERR_SELF_TEST_IN_PROGRESS;
        f->self_test = 1;
        f->self_test_done = t0 + f->cost.rt_cmd_base + f->cost.rt_self_test;
        fw_wr(f, t0, SOC(CPTRA_BOOT_STATUS), CPTRA_BS_RT_SELF_TEST_START);
        f->boot_status = CPTRA_BS_RT_SELF_TEST_START;
        f->bs_cycle[CPTRA_BS_RT_SELF_TEST_START] = t0;
        fw_sched(f, f->self_test_done, STEP_SELF_TEST_DONE, 0, 0, NULL);
        fw_resp_header(f, 8);
        return 0;
    case CPTRA_CMD_SELF_TEST_GET_RESULTS:
        if (f->self_test == 0) return RT_ERR_SELF_TEST_NOT_STARTED;
        if (f->self_test == 1) return RT_ERR_SELF_TEST_IN_PROGRESS;
        f->self_test = 0;
        fw_resp_header(f, 8);
        return 0;
    case CPTRA_CMD_GET_IDEV_CSR:
        /* The model never builds an IDevID CSR (no manufacturing flow): unprovisioned. */
        return RT_ERR_GET_IDEV_CSR_UNPROVISIONED;
    default:
        /* Attestation commands and unknown codes. */
        return RT_ERR_UNIMPLEMENTED_COMMAND;
    }
}
