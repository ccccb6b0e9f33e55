/* fw.rt_conformance: every implemented runtime command with a good request (exact response
 * bytes), a bad checksum, a wrong length, the reserved PAUSER, and PL1 calling a PL0 command;
 * plus the generic rules (DLEN < 4, oversize requests, NON_FATAL cleared per command,
 * unimplemented attestation commands, SHUTDOWN). Oracle: caliptra-1x.md §3.1-§3.3, §3.6. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "cptra_bundle.h"
#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "fw_test_util.h"

#define PL0 SOC_PAUSER
#define PL1 A35_PAUSER
#define RSV 0xFFFFFFFFu

static tb_t *g_tb;
static uint8_t *g_img;
static size_t g_len;

static int setup(void **st) {
    (void)st;
    g_img = tb_load(tb_bundle_path(1), &g_len);
    static const uint8_t rom[] = "a pretend ROM image";
    cptra_fw_cfg_t fc;
    cptra_fw_default_cfg(&fc);
    fc.rom = rom;
    fc.rom_len = sizeof rom;
    memcpy(fc.rom_revision, "0123456789abcdefghij", 20);
    g_tb = tb_new(SECURITY_STATE_UNPROV, &fc);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    f.lms_verify = 1;
    return tb_boot(g_tb, &f, g_img, g_len, NULL, 0) == SOC_SEQ_DONE ? 0 : -1;
}
static int teardown(void **st) {
    (void)st;
    tb_free(g_tb);
    free(g_img);
    return 0;
}

/* Good request: DATA_READY with exactly `exp` (len bytes; checksum field recomputed here). */
static void ok(uint32_t pauser, uint32_t cmd, uint8_t *req, uint32_t len, uint8_t *exp,
               uint32_t elen) {
    uint8_t resp[400];
    uint32_t rl = 0;
    tput32(req, cptra_fw_checksum(cmd, req + 4, len - 4));
    int s = tb_mbox(g_tb, pauser, cmd, req, len, resp, sizeof resp, &rl);
    if (s != MBOX_STATUS_DATA_READY)
        fail_msg("cmd 0x%08x: status %d, error 0x%08x", cmd, s,
                 tb_rd(g_tb, SOC(CPTRA_FW_ERROR_NON_FATAL)));
    assert_int_equal(rl, elen);
    tput32(exp, cptra_fw_checksum(0, exp + 4, elen - 4));
    assert_memory_equal(resp, exp, elen);
    assert_int_equal(tb_rd(g_tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), 0);
}

static void err(uint32_t pauser, uint32_t cmd, uint8_t *req, uint32_t len, int fix_chksum,
                uint32_t code) {
    if (fix_chksum && len >= 4) tput32(req, cptra_fw_checksum(cmd, req + 4, len - 4));
    int s = tb_mbox(g_tb, pauser, cmd, req, len, NULL, 0, NULL);
    if (s != MBOX_STATUS_CMD_FAILURE || tb_rd(g_tb, SOC(CPTRA_FW_ERROR_NON_FATAL)) != code)
        fail_msg("cmd 0x%08x len %u pauser 0x%08x: status %d error 0x%08x, want 0x%08x", cmd, len,
                 pauser, s, tb_rd(g_tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), code);
    /* the runtime stays alive; no fatal error */
    assert_int_equal(tb_rd(g_tb, SOC(CPTRA_FW_ERROR_FATAL)), 0);
}

/* The common rows of the table for one command. */
static void common_rows(uint32_t cmd, const uint8_t *good, uint32_t len, int fixed_len) {
    uint8_t req[2000];
    memcpy(req, good, len);
    tput32(req, cptra_fw_checksum(cmd, req + 4, len - 4) ^ 0x100u);
    err(PL0, cmd, req, len, 0, RT_ERR_INVALID_CHECKSUM);
    memcpy(req, good, len);
    err(RSV, cmd, req, len, 1, RT_ERR_CMD_RESERVED_PAUSER);
    if (fixed_len) {
        memset(req, 0, sizeof req);
        memcpy(req, good, len);
        err(PL0, cmd, req, len + 4, 1, RT_ERR_INSUFFICIENT_MEMORY);
        memcpy(req, good, len);
        err(PL0, cmd, req, len - 4, 1, RT_ERR_INSUFFICIENT_MEMORY);
    }
}

static void t_capabilities(void **st) {
    (void)st;
    uint8_t req[8] = {0}, exp[24] = {0};
    exp[8 + 7] = 1;
    ok(PL0, CPTRA_CMD_CAPABILITIES, req, 4, exp, 24);
    ok(PL1, CPTRA_CMD_CAPABILITIES, req, 4, exp, 24);
    /* no request fields: a longer request with a good checksum is accepted (rt-1.2.5 handler
       takes no arguments) */
    ok(PL0, CPTRA_CMD_CAPABILITIES, req, 8, exp, 24);
    common_rows(CPTRA_CMD_CAPABILITIES, req, 4, 0);
}

static void t_version(void **st) {
    (void)st;
    uint8_t req[4] = {0}, exp[36] = {0};
    tput32(exp + 8, 0x46495053u);
    tput32(exp + 12, tb_rd(g_tb, SOC(CPTRA_HW_REV_ID)));
    tput32(exp + 16, (tle32(g_img + 5676 + 28) & 0xFFFF) << 16 | 0x0880u);
    tput32(exp + 20, tle32(g_img + 5780 + 28));
    memcpy(exp + 24, "Caliptra RTM", 12);
    ok(PL1, CPTRA_CMD_VERSION, req, 4, exp, 36);
    common_rows(CPTRA_CMD_VERSION, req, 4, 0);
}

static void fw_info_expect(uint8_t *exp, uint32_t attestation_disabled) {
    memset(exp, 0, 312);
    tput32(exp + 8, 0x21212121u);
    tput32(exp + 12, tle32(g_img + 5780 + 32));
    tput32(exp + 16, tle32(g_img + 5780 + 32));
    tput32(exp + 20, tle32(g_img + 5676 + 32));
    tput32(exp + 24, attestation_disabled);
    memcpy(exp + 28, "0123456789abcdefghij", 20);
    memcpy(exp + 48, g_img + 5676 + 8, 20);
    memcpy(exp + 68, g_img + 5780 + 8, 20);
    static const uint8_t rom[] = "a pretend ROM image";
    uint8_t d[48];
    unsigned int l;
    EVP_Digest(rom, sizeof rom, d, &l, EVP_sha256(), NULL);
    for (int i = 0; i < 8; i++) /* data-vault word order: LE words of the BE digest words */
        for (int b = 0; b < 4; b++)
            exp[88 + 4 * i + b] = d[4 * i + 3 - b];
    memcpy(exp + 120, g_img + 5676 + 56, 48); /* TOC digests are stored in the same word order */
    memcpy(exp + 168, g_img + 5780 + 56, 48);
    /* owner pk hash: the fuse words (testdata/README.md) as LE words */
    static const uint32_t owner[12] = {0x124f40b2, 0xb2035f15, 0xe4878203, 0x7342d795,
                                       0xafc8b36d, 0x065d2fea, 0x9afaee72, 0x4b8b9d53,
                                       0x433ec6c1, 0xb4dbb9dc, 0x2c6f9f71, 0xe5f218b6};
    for (int i = 0; i < 12; i++)
        tput32(exp + 216 + 4 * i, owner[i]);
}

static void t_fw_info(void **st) {
    (void)st;
    uint8_t req[4] = {0}, exp[312];
    fw_info_expect(exp, 0);
    ok(PL1, CPTRA_CMD_FW_INFO, req, 4, exp, 312);
    common_rows(CPTRA_CMD_FW_INFO, req, 4, 0);
}

/* SoC-side SHA-384 through the accelerator (streaming, §2.1); leaves the digest in DIGEST. */
static void sha_acc(const uint8_t *msg, uint32_t len) {
    cptra_sim_t *s = g_tb->sim;
    assert_int_equal(cptra_sim_read(s, SHA(SHA_ACC_LOCK), PL1).rdata & 1u, 0);
    cptra_sim_write(s, SHA(SHA_ACC_MODE), 0, PL1);
    cptra_sim_write(s, SHA(SHA_ACC_DLEN), len, PL1);
    for (uint32_t i = 0; i < (len + 3) / 4; i++) {
        uint32_t w = 0;
        for (uint32_t b = 0; b < 4; b++)
            w |= (4 * i + b < len ? (uint32_t)msg[4 * i + b] : 0u) << (24 - 8 * b);
        cptra_sim_write(s, SHA(SHA_ACC_DATAIN), w, PL1);
    }
    cptra_sim_write(s, SHA(SHA_ACC_EXECUTE), 1, PL1);
    assert_true(cptra_sim_poll(s, SHA(SHA_ACC_STATUS), 1, 1, PL1, 100000, NULL));
    cptra_sim_write(s, SHA(SHA_ACC_LOCK), 1, PL1); /* release; DIGEST persists */
}

static void t_ecdsa_verify(void **st) {
    (void)st;
    static const uint8_t msg[] = "message for ECDSA384_VERIFY";
    sha_acc(msg, sizeof msg);
    uint8_t digest[48];
    unsigned int l;
    EVP_Digest(msg, sizeof msg, digest, &l, EVP_sha384(), NULL);
    void *key = cptra_ecc384_generate();
    uint8_t req[196] = {0}, sig[96];
    assert_int_equal(cptra_ecc384_pub_raw(key, req + 4), 0);
    assert_int_equal(cptra_ecc384_sign(key, digest, sig), 0);
    memcpy(req + 100, sig, 96);
    uint8_t exp[8] = {0};
    ok(PL1, CPTRA_CMD_ECDSA384_VERIFY, req, 196, exp, 8);
    common_rows(CPTRA_CMD_ECDSA384_VERIFY, req, 196, 1);
    req[150] ^= 0x01; /* signature s */
    err(PL1, CPTRA_CMD_ECDSA384_VERIFY, req, 196, 1, RT_ERR_ECDSA_VERIFY_FAILED);
    req[150] ^= 0x01;
    /* another message in the accelerator: the same signature no longer verifies */
    sha_acc((const uint8_t *)"other", 5);
    err(PL1, CPTRA_CMD_ECDSA384_VERIFY, req, 196, 1, RT_ERR_ECDSA_VERIFY_FAILED);
    /* a public key that is not a curve point */
    memset(req + 4, 0x01, 96);
    err(PL1, CPTRA_CMD_ECDSA384_VERIFY, req, 196, 1, RT_ERR_ECDSA_VERIFY_FAILED);
    cptra_ecc384_free(key);
}

static void t_lms_verify(void **st) {
    (void)st;
    size_t kl;
    uint8_t *priv = tb_load(VP_TESTDATA "/cptra_imgtool/key/ast2700-irot/own-fw-lms-prvk.pem", &kl);
    assert_non_null(priv);
    assert_int_equal(kl, 48);
    /* caliptra-tool keys are only valid at q = 5 (images.md §1.1) */
    cptra_lms_tree_t *t = cptra_lms_tree_build_sparse(priv, 5);
    uint8_t pub[48], sig[1620], digest[48];
    cptra_lms_tree_pub(t, pub);
    static const uint8_t msg[] = "message for LMS_VERIFY";
    sha_acc(msg, sizeof msg);
    unsigned int l;
    EVP_Digest(msg, sizeof msg, digest, &l, EVP_sha384(), NULL);
    assert_int_equal(cptra_lms_tree_sign(t, 5, digest, 48, sig), 0);
    uint8_t req[1672] = {0};
    tput32(req + 4, 12);
    tput32(req + 8, 7);
    memcpy(req + 12, pub + 8, 16);
    memcpy(req + 28, pub + 24, 24);
    tput32(req + 52, 5);
    memcpy(req + 56, sig + 4, 1252);
    tput32(req + 1308, 12);
    memcpy(req + 1312, sig + 1260, 360);
    uint8_t exp[8] = {0};
    ok(PL1, CPTRA_CMD_LMS_VERIFY, req, 1672, exp, 8);
    common_rows(CPTRA_CMD_LMS_VERIFY, req, 1672, 1);
    req[700] ^= 0x20;
    err(PL1, CPTRA_CMD_LMS_VERIFY, req, 1672, 1, RT_ERR_LMS_VERIFY_FAILED);
    req[700] ^= 0x20;
    tput32(req + 4, 11);
    err(PL1, CPTRA_CMD_LMS_VERIFY, req, 1672, 1, RT_ERR_LMS_INVALID_LMS_ALGORITHM);
    tput32(req + 4, 12);
    tput32(req + 8, 6);
    err(PL1, CPTRA_CMD_LMS_VERIFY, req, 1672, 1, RT_ERR_LMS_INVALID_LMOTS_ALGORITHM);
    tput32(req + 8, 7);
    ok(PL1, CPTRA_CMD_LMS_VERIFY, req, 1672, exp, 8);
    cptra_lms_tree_free(t);
    free(priv);
}

static void t_stash_measurement(void **st) {
    (void)st;
    uint8_t req[108] = {0}, exp[12] = {0};
    memset(req + 8, 0xA5, 48);
    ok(PL0, CPTRA_CMD_STASH_MEASUREMENT, req, 108, exp, 12);
    err(PL1, CPTRA_CMD_STASH_MEASUREMENT, req, 108, 1, RT_ERR_INCORRECT_PAUSER_PRIVILEGE_LEVEL);
    common_rows(CPTRA_CMD_STASH_MEASUREMENT, req, 108, 1);
}

static void t_extend_pcr(void **st) {
    (void)st;
    uint8_t req[56] = {0}, exp[8] = {0};
    tput32(req + 4, 4);
    memset(req + 8, 0x5A, 48);
    ok(PL1, CPTRA_CMD_EXTEND_PCR, req, 56, exp, 8);
    common_rows(CPTRA_CMD_EXTEND_PCR, req, 56, 1);
    for (uint32_t i = 0; i < 4; i++) {
        tput32(req + 4, i);
        err(PL1, CPTRA_CMD_EXTEND_PCR, req, 56, 1, RT_ERR_PCR_RESERVED);
    }
    tput32(req + 4, 32);
    err(PL1, CPTRA_CMD_EXTEND_PCR, req, 56, 1, RT_ERR_PCR_INVALID_INDEX);
    tput32(req + 4, 256);
    err(PL1, CPTRA_CMD_EXTEND_PCR, req, 56, 1, RT_ERR_MAILBOX_INVALID_PARAMS);
}

static void t_increment_pcr_reset(void **st) {
    (void)st;
    uint8_t req[8] = {0}, exp[8] = {0};
    tput32(req + 4, 31);
    ok(PL1, CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER, req, 8, exp, 8);
    common_rows(CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER, req, 8, 1);
    tput32(req + 4, 32);
    err(PL1, CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER, req, 8, 1, RT_ERR_MAILBOX_INVALID_PARAMS);
}

static void t_auth_rows(void **st) {
    (void)st;
    /* AUTHORIZE_AND_STASH before any manifest: fw_id unknown */
    uint8_t req[116] = {0}, exp[12] = {0};
    tput32(req + 4, 0x1234);
    tput32(req + 108, 1);
    tput32(req + 112, 1);
    tput32(exp + 8, CPTRA_AUTH_IMAGE_NOT_AUTHORIZED);
    ok(PL1, CPTRA_CMD_AUTHORIZE_AND_STASH, req, 116, exp, 12);
    common_rows(CPTRA_CMD_AUTHORIZE_AND_STASH, req, 116, 1);
    tput32(req + 112, 2);
    err(PL1, CPTRA_CMD_AUTHORIZE_AND_STASH, req, 116, 1,
        RT_ERR_AUTH_AND_STASH_UNSUPPORTED_IMAGE_SOURCE);
    /* SET_AUTH_MANIFEST framing: too short, manifest_size beyond the request */
    uint8_t m[64] = {0};
    err(PL1, CPTRA_CMD_SET_AUTH_MANIFEST, m, 4, 1, RT_ERR_INSUFFICIENT_MEMORY);
    tput32(m + 4, 100);
    err(PL1, CPTRA_CMD_SET_AUTH_MANIFEST, m, 64, 1, RT_ERR_INSUFFICIENT_MEMORY);
    tput32(m + 4, 14337);
    err(PL1, CPTRA_CMD_SET_AUTH_MANIFEST, m, 64, 1, RT_ERR_INSUFFICIENT_MEMORY);
    tput32(m + 4, 56); /* shorter than the preamble */
    err(PL1, CPTRA_CMD_SET_AUTH_MANIFEST, m, 64, 1, 0x000E004Bu);
    tput32(m + 4, 56);
    tput32(m, cptra_fw_checksum(CPTRA_CMD_SET_AUTH_MANIFEST, m + 4, 60) + 1);
    err(PL1, CPTRA_CMD_SET_AUTH_MANIFEST, m, 64, 0, RT_ERR_INVALID_CHECKSUM);
    err(RSV, CPTRA_CMD_SET_AUTH_MANIFEST, m, 64, 1, RT_ERR_CMD_RESERVED_PAUSER);
}

static void t_self_test(void **st) {
    (void)st;
    uint8_t req[4] = {0}, exp[8] = {0};
    err(PL1, CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, 1, RT_ERR_SELF_TEST_NOT_STARTED);
    ok(PL1, CPTRA_CMD_SELF_TEST_START, req, 4, exp, 8);
    assert_int_equal(tb_rd(g_tb, SOC(CPTRA_BOOT_STATUS)), 0x601);
    err(PL1, CPTRA_CMD_SELF_TEST_START, req, 4, 1, RT_ERR_SELF_TEST_IN_PROGRESS);
    err(PL1, CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, 1, RT_ERR_SELF_TEST_IN_PROGRESS);
    cptra_sim_advance(g_tb->sim, cptra_fw_cost(&g_tb->fw)->rt_self_test);
    assert_int_equal(tb_rd(g_tb, SOC(CPTRA_BOOT_STATUS)), 0x602);
    ok(PL1, CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, exp, 8);
    err(PL1, CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, 1, RT_ERR_SELF_TEST_NOT_STARTED);
    common_rows(CPTRA_CMD_SELF_TEST_GET_RESULTS, req, 4, 0);
}

static void t_generic_rules(void **st) {
    (void)st;
    uint8_t req[16] = {0};
    err(PL1, CPTRA_CMD_CAPABILITIES, req, 0, 0, RT_ERR_MAILBOX_INVALID_PARAMS);
    err(PL1, CPTRA_CMD_CAPABILITIES, req, 3, 0, RT_ERR_MAILBOX_INVALID_PARAMS);
    /* DLEN above 3586 dwords (only a few words written) */
    static uint8_t big[14348];
    err(PL1, CPTRA_CMD_CAPABILITIES, big, 14348, 0, RT_ERR_INSUFFICIENT_MEMORY);
    /* CPTRA_FW_ERROR_NON_FATAL is cleared by the next command */
    uint8_t exp[24] = {0};
    exp[15] = 1;
    ok(PL1, CPTRA_CMD_CAPABILITIES, req, 4, exp, 24);
    err(PL1, CPTRA_CMD_GET_IDEV_CSR, req, 4, 1, RT_ERR_GET_IDEV_CSR_UNPROVISIONED);
    /* attestation commands answer like an unimplemented command */
    static const uint32_t unimpl[] = {CPTRA_CMD_GET_IDEV_CERT,
                                      CPTRA_CMD_GET_IDEV_INFO,
                                      CPTRA_CMD_POPULATE_IDEV_CERT,
                                      CPTRA_CMD_GET_LDEV_CERT,
                                      CPTRA_CMD_GET_FMC_ALIAS_CERT,
                                      CPTRA_CMD_GET_RT_ALIAS_CERT,
                                      CPTRA_CMD_INVOKE_DPE,
                                      CPTRA_CMD_DPE_TAG_TCI,
                                      CPTRA_CMD_DPE_GET_TAGGED_TCI,
                                      CPTRA_CMD_QUOTE_PCRS,
                                      CPTRA_CMD_ADD_SUBJECT_ALT_NAME,
                                      CPTRA_CMD_CERTIFY_KEY_EXTENDED,
                                      CPTRA_CMD_GET_FMC_ALIAS_CSR,
                                      CPTRA_CMD_SIGN_WITH_EXPORTED_ECDSA,
                                      CPTRA_CMD_REVOKE_EXPORTED_CDI_HANDLE,
                                      CPTRA_CMD_REALLOCATE_DPE_CONTEXT_LIMITS,
                                      CPTRA_CMD_GET_PCR_LOG,
                                      0x11223344u};
    for (size_t i = 0; i < sizeof unimpl / sizeof unimpl[0]; i++) {
        err(PL0, unimpl[i], req, 4, 1, RT_ERR_UNIMPLEMENTED_COMMAND);
        err(PL1, unimpl[i], req, 4, 1, RT_ERR_UNIMPLEMENTED_COMMAND);
    }
}

static void t_disable_attestation(void **st) {
    (void)st;
    uint8_t req[4] = {0}, exp[312] = {0};
    common_rows(CPTRA_CMD_DISABLE_ATTESTATION, req, 4, 0);
    ok(PL1, CPTRA_CMD_DISABLE_ATTESTATION, req, 4, exp, 8);
    fw_info_expect(exp, 1);
    ok(PL1, CPTRA_CMD_FW_INFO, req, 4, exp, 312);
}

/* Hostile requests: random command codes (all §3.2 codes and others), random lengths and bytes,
 * good or bad checksums. The runtime must answer every one with DATA_READY or CMD_FAILURE, never
 * go fatal, and keep answering afterwards. */
static void t_random_requests(void **st) {
    (void)st;
    static const uint32_t codes[] = {CPTRA_CMD_CAPABILITIES,
                                     CPTRA_CMD_FW_INFO,
                                     CPTRA_CMD_VERSION,
                                     CPTRA_CMD_ECDSA384_VERIFY,
                                     CPTRA_CMD_LMS_VERIFY,
                                     CPTRA_CMD_STASH_MEASUREMENT,
                                     CPTRA_CMD_EXTEND_PCR,
                                     CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER,
                                     CPTRA_CMD_SET_AUTH_MANIFEST,
                                     CPTRA_CMD_AUTHORIZE_AND_STASH,
                                     CPTRA_CMD_SELF_TEST_START,
                                     CPTRA_CMD_SELF_TEST_GET_RESULTS,
                                     CPTRA_CMD_GET_IDEV_CSR,
                                     CPTRA_CMD_INVOKE_DPE,
                                     CPTRA_CMD_QUOTE_PCRS,
                                     0,
                                     0xFFFFFFFFu};
    static uint8_t req[2048];
    uint32_t lcg = 0xC0FFEEu;
    for (int i = 0; i < 300; i++) {
        lcg = lcg * 1103515245u + 12345u;
        uint32_t cmd = codes[(lcg >> 8) % (sizeof codes / sizeof codes[0])];
        lcg = lcg * 1103515245u + 12345u;
        uint32_t len = (lcg >> 8) % 1800;
        if (i % 3 == 0) { /* exact sizes of the fixed requests */
            static const uint32_t sizes[] = {4, 8, 56, 108, 116, 196, 1672};
            len = sizes[(lcg >> 20) % 7];
        }
        for (uint32_t b = 0; b < len; b++) {
            lcg = lcg * 1103515245u + 12345u;
            req[b] = (uint8_t)(lcg >> 16);
        }
        if (len >= 4 && (i & 1)) tput32(req, cptra_fw_checksum(cmd, req + 4, len - 4));
        uint32_t pauser = (i % 5 == 0) ? PL0 : PL1;
        uint8_t resp[400];
        uint32_t rl;
        int s2 = tb_mbox(g_tb, pauser, cmd, req, len, resp, sizeof resp, &rl);
        if (s2 != MBOX_STATUS_DATA_READY && s2 != MBOX_STATUS_CMD_FAILURE)
            fail_msg("request %d (cmd 0x%08x len %u): status %d", i, cmd, len, s2);
        if (s2 == MBOX_STATUS_DATA_READY)
            assert_int_equal(tle32(resp), cptra_fw_checksum(0, resp + 4, rl - 4));
        assert_int_equal(tb_rd(g_tb, SOC(CPTRA_FW_ERROR_FATAL)), 0);
    }
    uint8_t q[4] = {0}, exp[24] = {0};
    exp[15] = 1;
    ok(PL1, CPTRA_CMD_CAPABILITIES, q, 4, exp, 24);
}

static void t_shutdown_last(void **st) {
    (void)st;
    uint8_t req[4] = {0};
    common_rows(CPTRA_CMD_SHUTDOWN, req, 4, 0);
    err(PL1, CPTRA_CMD_SHUTDOWN, req, 4, 1, RT_ERR_SHUTDOWN);
    err(PL1, CPTRA_CMD_CAPABILITIES, req, 4, 1, RT_ERR_SHUTDOWN);
    err(PL0, CPTRA_CMD_FW_INFO, req, 4, 1, RT_ERR_SHUTDOWN);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_capabilities),    cmocka_unit_test(t_version),
        cmocka_unit_test(t_fw_info),         cmocka_unit_test(t_ecdsa_verify),
        cmocka_unit_test(t_lms_verify),      cmocka_unit_test(t_stash_measurement),
        cmocka_unit_test(t_extend_pcr),      cmocka_unit_test(t_increment_pcr_reset),
        cmocka_unit_test(t_auth_rows),       cmocka_unit_test(t_self_test),
        cmocka_unit_test(t_generic_rules),   cmocka_unit_test(t_disable_attestation),
        cmocka_unit_test(t_random_requests), cmocka_unit_test(t_shutdown_last),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
