/* fw.authman: SET_AUTH_MANIFEST and AUTHORIZE_AND_STASH with manifests built here. The vendor
 * FW private key of the ASPEED bundles is not public, so the vendor-signed data uses ASPEED's
 * pre-signed signature (images.md §2.4: version 1, flags 0, zero vendor manifest keys); the
 * bundle's owner FW key (testdata) signs the owner manifest keys, and the owner manifest key signs
 * the image metadata collection. Layout and rules: images.md §2.1-§2.3. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "cptra_authman.h"
#include "cptra_crypto.h"
#include "fw_test_util.h"

#define KEYDIR VP_TESTDATA "/cptra_imgtool/key/ast2700-irot/"
#define P      0x00000001u

static tb_t *g_tb;
static uint8_t *g_img;
static size_t g_len;
static void *k_own_fw, *k_vnd_man, *k_own_man;
static uint8_t g_vnd_sig[96]; /* hw format */

typedef struct {
    uint32_t fw_id, flags;
    uint8_t digest[48];
} ent_t;

static void *load_key(const char *name) {
    char err[128];
    char path[512];
    snprintf(path, sizeof path, "%s%s", KEYDIR, name);
    void *k = cptra_ecc384_load_pem(path, 1, err, sizeof err);
    if (!k) fail_msg("%s: %s", path, err);
    return k;
}

static void swap_words(uint8_t *dst, const uint8_t *src, size_t n) {
    for (size_t i = 0; i < n; i += 4)
        for (int b = 0; b < 4; b++)
            dst[i + (size_t)b] = src[i + 3 - (size_t)b];
}

static void sign_at(void *key, const uint8_t *data, size_t len, uint8_t *out) {
    uint8_t d[48], sig[96];
    unsigned int l;
    EVP_Digest(data, len, d, &l, EVP_sha384(), NULL);
    assert_int_equal(cptra_ecc384_sign(key, d, sig), 0);
    swap_words(out, sig, 96); /* hw format (images.md §1.1) */
}

static void pub_at(void *key, uint8_t *out) {
    uint8_t pub[96];
    assert_int_equal(cptra_ecc384_pub_raw(key, pub), 0);
    swap_words(out, pub, 96);
}

/* Upstream 14284-byte manifest. */
static void build(uint8_t *m, const ent_t *e, uint32_t n, uint32_t flags) {
    memset(m, 0, CPTRA_AUTHMAN_SIZE);
    tput32(m, 0x41544D4Eu);
    tput32(m + 4, 7168);
    tput32(m + 8, 1);
    tput32(m + 12, flags);
    /* vendor manifest keys stay zero; ASPEED's pre-signed vendor signature */
    memcpy(m + 160, g_vnd_sig, 96);
    pub_at(k_own_man, m + 1876);
    sign_at(k_own_fw, m + 1876, 144, m + 2020);
    uint8_t *imc = m + 7168;
    tput32(imc, n);
    for (uint32_t i = 0; i < 127; i++) {
        uint8_t *s = imc + 4 + 56 * i;
        if (i < n) {
            tput32(s, e[i].fw_id);
            tput32(s + 4, e[i].flags);
            memcpy(s + 8, e[i].digest, 48);
        } else {
            tput32(s, 0xFFFFFFFFu);
        }
    }
    if (flags & 1u) sign_at(k_vnd_man, imc, 7116, m + 3736);
    sign_at(k_own_man, imc, 7116, m + 5452);
}

static uint8_t g_req[8 + CPTRA_AUTHMAN_MAX_SIZE];

static int set_manifest(const uint8_t *m, uint32_t size, uint32_t *code) {
    memset(g_req, 0, sizeof g_req);
    tput32(g_req + 4, size);
    memcpy(g_req + 8, m, size);
    tput32(g_req, cptra_fw_checksum(CPTRA_CMD_SET_AUTH_MANIFEST, g_req + 4, size + 4));
    uint8_t resp[16];
    uint32_t rl = 0;
    int s = tb_mbox(g_tb, P, CPTRA_CMD_SET_AUTH_MANIFEST, g_req, size + 8, resp, 16, &rl);
    *code = tb_rd(g_tb, SOC(CPTRA_FW_ERROR_NON_FATAL));
    if (s == MBOX_STATUS_DATA_READY) {
        assert_int_equal(rl, 8);
        assert_int_equal(tle32(resp), cptra_fw_checksum(0, resp + 4, 4));
    }
    return s;
}

static uint32_t authorize(uint32_t fw_id, const uint8_t *meas, uint32_t flags) {
    uint8_t req[116] = {0}, resp[16];
    uint32_t rl = 0;
    tput32(req + 4, fw_id);
    memcpy(req + 8, meas, 48);
    tput32(req + 108, flags);
    tput32(req + 112, 1);
    tb_fill_chksum(CPTRA_CMD_AUTHORIZE_AND_STASH, req, 116);
    assert_int_equal(tb_mbox(g_tb, P, CPTRA_CMD_AUTHORIZE_AND_STASH, req, 116, resp, 16, &rl),
                     MBOX_STATUS_DATA_READY);
    assert_int_equal(rl, 12);
    assert_int_equal(tle32(resp), cptra_fw_checksum(0, resp + 4, 8));
    return tle32(resp + 8);
}

static int setup(void **st) {
    (void)st;
    size_t dl;
    uint8_t *der = tb_load(VP_TESTDATA "/cptra_imgtool/vnd_sig/vnd_ecc_sig.der", &dl);
    uint8_t sig[96];
    if (!der || cptra_ecc384_sig_from_der(der, dl, sig) != 0) return -1;
    swap_words(g_vnd_sig, sig, 96);
    free(der);
    k_own_fw = load_key("own-fw-ecc-prvk.pem");
    k_vnd_man = load_key("vnd-man-ecc-prvk.pem");
    k_own_man = load_key("own-man-ecc-prvk.pem");
    g_img = tb_load(tb_bundle_path(1), &g_len);
    g_tb = tb_new(SECURITY_STATE_UNPROV, NULL);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    return tb_boot(g_tb, &f, g_img, g_len, NULL, 0) == SOC_SEQ_DONE ? 0 : -1;
}

static int teardown(void **st) {
    (void)st;
    tb_free(g_tb);
    free(g_img);
    cptra_ecc384_free(k_own_fw);
    cptra_ecc384_free(k_vnd_man);
    cptra_ecc384_free(k_own_man);
    return 0;
}

static ent_t E[3];
static uint8_t M[CPTRA_AUTHMAN_SIZE];

static void t_authorize(void **st) {
    (void)st;
    memset(E, 0, sizeof E);
    E[0].fw_id = 3;
    E[0].flags = 1;
    memset(E[0].digest, 0x33, 48);
    E[1].fw_id = 1;
    E[1].flags = 1;
    memset(E[1].digest, 0x11, 48);
    E[2].fw_id = 2;
    E[2].flags = 1 | 4; /* ignore_auth_check */
    memset(E[2].digest, 0x22, 48);
    for (uint32_t flags = 0; flags < 1; flags++) {
        build(M, E, 3, flags);
        uint32_t code;
        if (set_manifest(M, CPTRA_AUTHMAN_SIZE, &code) != MBOX_STATUS_DATA_READY)
            fail_msg("SET_AUTH_MANIFEST (flags %u) failed: 0x%08x", flags, code);
        uint8_t m1[48], m3[48], other[48];
        memset(m1, 0x11, 48);
        memset(m3, 0x33, 48);
        memset(other, 0x77, 48);
        assert_int_equal(authorize(1, m1, 1), CPTRA_AUTH_IMAGE_AUTHORIZED);
        assert_int_equal(authorize(3, m3, 1), CPTRA_AUTH_IMAGE_AUTHORIZED);
        assert_int_equal(authorize(3, m3, 0), CPTRA_AUTH_IMAGE_AUTHORIZED); /* and stash */
        assert_int_equal(authorize(1, m3, 1), CPTRA_AUTH_IMAGE_HASH_MISMATCH);
        assert_int_equal(authorize(2, other, 1), CPTRA_AUTH_IMAGE_AUTHORIZED); /* ignored */
        assert_int_equal(authorize(9, m1, 1), CPTRA_AUTH_IMAGE_NOT_AUTHORIZED);
        assert_int_equal(authorize(0xFFFFFFFEu, m1, 1), CPTRA_AUTH_IMAGE_NOT_AUTHORIZED);
    }
    /* FW_INFO reports the manifest digest (data-vault word order) */
    uint8_t req[4] = {0}, resp[320];
    uint32_t rl;
    tb_fill_chksum(CPTRA_CMD_FW_INFO, req, 4);
    assert_int_equal(tb_mbox(g_tb, P, CPTRA_CMD_FW_INFO, req, 4, resp, 320, &rl),
                     MBOX_STATUS_DATA_READY);
    uint8_t d[48], exp[48];
    unsigned int l;
    EVP_Digest(M, CPTRA_AUTHMAN_SIZE, d, &l, EVP_sha384(), NULL);
    swap_words(exp, d, 48);
    assert_memory_equal(resp + 264, exp, 48);
}

static void expect_reject(uint8_t *m, uint32_t size, uint32_t want) {
    uint32_t code;
    assert_int_equal(set_manifest(m, size, &code), MBOX_STATUS_CMD_FAILURE);
    if (code != want) fail_msg("got 0x%08x want 0x%08x", code, want);
    /* the previously accepted manifest stays in force */
    uint8_t m1[48];
    memset(m1, 0x11, 48);
    assert_int_equal(authorize(1, m1, 1), CPTRA_AUTH_IMAGE_AUTHORIZED);
}

static void t_rejects(void **st) {
    (void)st;
    static uint8_t m[CPTRA_AUTHMAN_SIZE];
    ent_t dup[3];
    memcpy(dup, E, sizeof dup);
    dup[2].fw_id = 3;
    build(m, dup, 3, 0);
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0053u); /* duplicate fw_id */

    build(m, E, 3, 0);
    m[0] ^= 1;
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0045u); /* marker */
    build(m, E, 3, 0);
    tput32(m + 4, 7172);
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0046u); /* preamble size */
    build(m, E, 3, 0);
    m[170] ^= 4;
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0047u); /* vendor pk signature */
    build(m, E, 3, 0);
    m[20] ^= 4; /* vendor manifest key changed after signing */
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0047u);
    build(m, E, 3, 1); /* flags are vendor-signed data too */
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0047u);
    build(m, E, 3, 0);
    m[2030] ^= 4;
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0049u); /* owner pk signature */
    build(m, E, 3, 0);
    m[7168 + 4 + 8] ^= 1; /* IMC digest changed after signing: owner IMC signature */
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0049u);
    build(m, E, 3, 0);
    m[5460] ^= 1; /* owner IMC signature */
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E0049u);
    /* unused vendor IMC signature bytes are not checked when flags bit0 is clear */
    build(m, E, 3, 0);
    m[3740] ^= 1;
    uint32_t code;
    assert_int_equal(set_manifest(m, CPTRA_AUTHMAN_SIZE, &code), MBOX_STATUS_DATA_READY);
    build(m, E, 3, 0);
    expect_reject(m, 7000, 0x000E004Bu); /* shorter than the preamble */
    build(m, E, 0, 0);
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E004Du); /* count 0 */
    build(m, E, 3, 0);
    tput32(m + 7168, 128);
    expect_reject(m, CPTRA_AUTHMAN_SIZE, 0x000E004Du); /* count > 127 */
    build(m, E, 3, 0);
    expect_reject(m, 7168 + 4 + 56 * 2, 0x000E004Cu); /* IMC shorter than the count needs */
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_authorize), cmocka_unit_test(t_rejects)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
