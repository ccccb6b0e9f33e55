/* cptra-imgtool create-auth-man | create-auth-flash | verify-flash | check-config
 * (SoC manifest and FLSH flash image, images.md §2-§3; cptra_imgtool-compatible options). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vp_bytes.h"

#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "imgtool.h"
#include "imgtool_cfg.h"

#ifndef IMGTOOL_DEFAULT_VND_SIG_DIR
#define IMGTOOL_DEFAULT_VND_SIG_DIR "vnd_sig"
#endif

static const char man_usage[] =
    "usage: cptra-imgtool create-auth-man --cfg FILE [--man OUT] [--key-dir DIR]\n"
    "                                     [--prebuilt-dir DIR] [--vnd-sig-dir DIR]\n"
    "                                     [--upstream-out FILE]\n"
    "  Builds the ASPEED on-flash SoC manifest (16004 B: upstream Caliptra 1.2 auth manifest\n"
    "  + sec_ver + owner SVN signatures) from a cptra_imgtool TOML configuration.\n"
    "  Defaults: --key-dir key/<prj_name>, --prebuilt-dir prebuilt/<prj_name>,\n"
    "  --man out/<prj_name>-auth-manifest.bin, --vnd-sig-dir " IMGTOOL_DEFAULT_VND_SIG_DIR "\n"
    "  (ASPEED's pre-signed vendor signatures vnd_ecc_sig.der / vnd_lms_sig.der).\n"
    "  Keys commented out in the configuration give zero signatures (unsigned manifest).\n"
    "  --upstream-out also writes the 14284-B SET_AUTH_MANIFEST payload.\n";

static const char flash_usage[] =
    "usage: cptra-imgtool create-auth-flash --cfg FILE [--man IN] [--flash OUT] [--key-dir DIR]\n"
    "                                       [--prebuilt-dir DIR] [--vnd-sig-dir DIR]\n"
    "  Builds the FLSH flash image (caliptra-mcu-sw 2b78374 layout): 0x1 caliptra_file,\n"
    "  0x2 SoC manifest (built unless --man is given), 0x3 mcu_file, then 0x1000+k for the\n"
    "  k-th image_metadata_list entry other than fw_id 1, in configuration order.\n"
    "  Default output: out/<prj_name>-flash-image.bin.\n";

static const char verify_usage[] =
    "usage: cptra-imgtool verify-flash FILE [--bundle FILE] [--no-lms] [--min-sec-ver N]\n"
    "                                  [--require-signed]\n"
    "  Checks the FLSH header (magic, version, count, both CRC-32s), the Caliptra bundle\n"
    "  (id 0x1, or --bundle), the SoC manifest signatures exactly as Caliptra RT 1.2\n"
    "  SET_AUTH_MANIFEST does (keys from the bundle), the ASPEED SVN signatures, and the\n"
    "  SHA-384 of every image against its manifest entry; prints one row per image.\n"
    "  An all-zero (unsigned) manifest passes unless --require-signed.\n";

static const char cfg_usage[] = "usage: cptra-imgtool check-config --cfg FILE\n"
                                "  Parses a cptra_imgtool TOML configuration and prints it.\n";

typedef struct {
    const char *cfg_path, *man, *flash, *key_dir, *prebuilt_dir, *vnd_sig_dir, *upstream_out;
} man_opts_t;

static int parse_opts(int argc, char **argv, man_opts_t *o, const char *usage, int allow_flash,
                      int allow_upstream) {
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (imgtool_is_help(a)) {
            fputs(usage, stdout);
            return 0;
        }
        const char **dst = !strcmp(a, "--cfg")                                ? &o->cfg_path
                           : !strcmp(a, "--man")                              ? &o->man
                           : (allow_flash && !strcmp(a, "--flash"))           ? &o->flash
                           : !strcmp(a, "--key-dir")                          ? &o->key_dir
                           : !strcmp(a, "--prebuilt-dir")                     ? &o->prebuilt_dir
                           : !strcmp(a, "--vnd-sig-dir")                      ? &o->vnd_sig_dir
                           : (allow_upstream && !strcmp(a, "--upstream-out")) ? &o->upstream_out
                                                                              : NULL;
        if (!dst) return imgtool_err("unknown option or argument '%s' (see --help)", a);
        if (!(v = imgtool_optval(argc, argv, &i))) return 1;
        *dst = v;
    }
    if (!o->cfg_path) return imgtool_err("--cfg is required (see --help)");
    return -1; /* continue */
}

/* default "<base>/<prj>" or "<base>" */
static char *default_dir(const char *given, const char *base, const char *prj) {
    if (given) return strdup(given);
    return prj ? imgtool_join(base, prj) : strdup(base);
}

static char *default_out(const char *given, const char *prj, const char *suffix) {
    if (given) return strdup(given);
    size_t n = strlen("out/") + (prj ? strlen(prj) + 1 : 0) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p) snprintf(p, n, "out/%s%s%s", prj ? prj : "", prj ? "-" : "", suffix);
    return p;
}

static int all_zero(const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

/* Read "dir/name" (name "" = empty file), zero-padded to 4 bytes. */
static uint8_t *read_padded(const char *dir, const char *name, size_t *len) {
    if (!name[0]) {
        *len = 0;
        return calloc(1, 1);
    }
    char *path = imgtool_join(dir, name);
    if (!path) return imgtool_err("out of memory"), NULL;
    size_t n;
    uint8_t *b = imgtool_read(path, IMGTOOL_MAX_INPUT, &n);
    free(path);
    if (!b) return NULL;
    size_t padded = (n + 3) & ~(size_t)3;
    uint8_t *p = realloc(b, padded ? padded : 1);
    if (!p) {
        free(b);
        return imgtool_err("out of memory"), NULL;
    }
    memset(p + n, 0, padded - n);
    *len = padded;
    return p;
}

typedef struct {
    const imgtool_cfg_t *cfg;
    const char *key_dir;
} signer_t;

static char *key_path(const signer_t *s, const char *name) {
    return name ? imgtool_join(s->key_dir, name) : NULL;
}

static int load_ecc_pub_hw(const signer_t *s, const char *name, uint8_t *dst_hw) {
    if (!name) return 0;
    char *p = key_path(s, name), err[300];
    void *k = cptra_ecc384_load_pem(p, 0, err, sizeof err);
    free(p);
    if (!k) return imgtool_err("%s", err), -1;
    uint8_t pub[96];
    cptra_ecc384_pub_raw(k, pub);
    cptra_ecc384_free(k);
    cptra_swap_words(dst_hw, pub, 96);
    return 0;
}

static int load_lms_pub(const signer_t *s, const char *name, uint8_t *dst) {
    if (!name) return 0;
    char *p = key_path(s, name);
    int rc = imgtool_lms_read_pub(p, dst);
    free(p);
    return rc;
}

/* ECC signature (hw format) with the key's private PEM or its sign helper; no key = zeros. */
static int sign_ecc(const signer_t *s, const imgtool_keycfg_t *k, int helper, const uint8_t d[48],
                    uint8_t *dst_hw) {
    /* The vendor FW signature is replaced by ASPEED's pre-signed one: its private key in
     * cptra_imgtool is a placeholder that does not match the public key. */
    int check = !(k == &s->cfg->vendor_fw && s->cfg->overrides_presigned);
    uint8_t sig[96];
    if (k->ecc_priv) {
        char *p = key_path(s, k->ecc_priv), err[300];
        void *key = cptra_ecc384_load_pem(p, 1, err, sizeof err);
        free(p);
        if (!key) return imgtool_err("%s", err), -1;
        int rc = cptra_ecc384_sign(key, d, sig);
        cptra_ecc384_free(key);
        if (rc) return imgtool_err("ECC signing failed"), -1;
    } else if (helper >= 0 && s->cfg->sign_helper[helper]) {
        if (imgtool_sign_helper(s->cfg->sign_helper[helper], s->cfg->by_file, 0, d, sig) != 0)
            return -1;
    } else {
        return 0;
    }
    if (k->ecc_pub && check) { /* catch key mix-ups early */
        char *p = key_path(s, k->ecc_pub), err[300];
        void *key = cptra_ecc384_load_pem(p, 0, err, sizeof err);
        free(p);
        if (!key) return imgtool_err("%s", err), -1;
        uint8_t pub[96];
        cptra_ecc384_pub_raw(key, pub);
        cptra_ecc384_free(key);
        if (cptra_ecc384_verify(pub, d, sig, NULL) != 0)
            imgtool_warn("the ECC signature does not verify with %s (key pair mismatch?)",
                         k->ecc_pub);
    }
    cptra_swap_words(dst_hw, sig, 96);
    return 0;
}

static int sign_lms(const signer_t *s, const imgtool_keycfg_t *k, int helper, const uint8_t d[48],
                    uint8_t *dst) {
    if (k->lms_priv) {
        char *pp = key_path(s, k->lms_priv), *pub = key_path(s, k->lms_pub);
        int rc = imgtool_lms_sign(pp, pub, d, dst, NULL);
        free(pp);
        free(pub);
        return rc;
    }
    if (helper >= 0 && s->cfg->sign_helper[helper])
        return imgtool_sign_helper(s->cfg->sign_helper[helper], s->cfg->by_file, 1, d, dst);
    return 0;
}

static int build_manifest(const imgtool_cfg_t *cfg, const char *key_dir, const char *pre_dir,
                          const char *vnd_dir, uint8_t up[CPTRA_AUTHMAN_SIZE],
                          uint8_t out[CPTRA_ASPEED_MAN_SIZE]) {
    signer_t s = {cfg, key_dir};
    uint8_t d[48];
    if (cfg->padding_align_size)
        return imgtool_err("manifest_config.padding_align_size is not supported"), -1;
    memset(up, 0, CPTRA_AUTHMAN_SIZE);
    put_le32(up, CPTRA_AUTHMAN_MARKER);
    put_le32(up + 4, CPTRA_AUTHMAN_PREAMBLE_SIZE);
    put_le32(up + CPTRA_AM_OFF_VERSION, cfg->version);
    put_le32(up + CPTRA_AM_OFF_FLAGS, cfg->flags);
    if (load_ecc_pub_hw(&s, cfg->vendor_man.ecc_pub, up + CPTRA_AM_OFF_VND_ECC_PUB) ||
        load_lms_pub(&s, cfg->vendor_man.lms_pub, up + CPTRA_AM_OFF_VND_LMS_PUB) ||
        load_ecc_pub_hw(&s, cfg->owner_man.ecc_pub, up + CPTRA_AM_OFF_OWN_ECC_PUB) ||
        load_lms_pub(&s, cfg->owner_man.lms_pub, up + CPTRA_AM_OFF_OWN_LMS_PUB))
        return -1;
    /* vendor signed data [8,160) with the vendor FW key */
    cptra_sha384(up + 8, 152, d, NULL);
    if (sign_ecc(&s, &cfg->vendor_fw, -1, d, up + CPTRA_AM_OFF_VND_PK_ECC_SIG) ||
        sign_lms(&s, &cfg->vendor_fw, -1, d, up + CPTRA_AM_OFF_VND_PK_LMS_SIG))
        return -1;
    /* owner manifest keys [1876,2020) with the owner FW key */
    cptra_sha384(up + CPTRA_AM_OFF_OWN_ECC_PUB, 144, d, NULL);
    if (sign_ecc(&s, &cfg->owner_fw, SH_OWNER_ECC_FW, d, up + CPTRA_AM_OFF_OWN_PK_ECC_SIG) ||
        sign_lms(&s, &cfg->owner_fw, SH_OWNER_LMS_FW, d, up + CPTRA_AM_OFF_OWN_PK_LMS_SIG))
        return -1;
    /* image metadata collection, configuration order, 0xFFFFFFFF fillers */
    uint8_t *imc = up + CPTRA_AM_OFF_IMC;
    put_le32(imc, (uint32_t)cfg->n_ime);
    for (size_t i = 0; i < CPTRA_AUTHMAN_MAX_ENTRIES; i++) {
        uint8_t *e = imc + 4 + CPTRA_AUTHMAN_ENTRY_SIZE * i;
        if (i >= cfg->n_ime) {
            put_le32(e, CPTRA_AUTHMAN_FILLER_FW_ID);
            continue;
        }
        const imgtool_ime_t *m = &cfg->ime[i];
        size_t len;
        uint8_t *data = read_padded(pre_dir, m->file, &len);
        if (!data) return -1;
        put_le32(e, m->fw_id);
        put_le32(e + 4, CPTRA_IME_FLAGS(m->source, m->ignore_auth_check, m->load_stage));
        cptra_sha384(data, len, e + 8, NULL);
        free(data);
    }
    cptra_sha384(imc, CPTRA_AUTHMAN_IMC_SIZE, d, NULL);
    if (sign_ecc(&s, &cfg->vendor_man, -1, d, up + CPTRA_AM_OFF_VND_IMC_ECC_SIG) ||
        sign_lms(&s, &cfg->vendor_man, -1, d, up + CPTRA_AM_OFF_VND_IMC_LMS_SIG) ||
        sign_ecc(&s, &cfg->owner_man, SH_OWNER_ECC_MAN, d, up + CPTRA_AM_OFF_OWN_IMC_ECC_SIG) ||
        sign_lms(&s, &cfg->owner_man, SH_OWNER_LMS_MAN, d, up + CPTRA_AM_OFF_OWN_IMC_LMS_SIG))
        return -1;
    /* ASPEED's pre-signed vendor signature replaces a generated one (images.md §2.4) */
    if (cfg->overrides_presigned) {
        int ecc = !all_zero(up + CPTRA_AM_OFF_VND_PK_ECC_SIG, 96);
        int lms = !all_zero(up + CPTRA_AM_OFF_VND_PK_LMS_SIG, 1620);
        if ((ecc || lms) && (cfg->version != 1 || cfg->flags != 0))
            imgtool_warn("the pre-signed vendor signature covers version 1, flags 0 and zero "
                         "vendor manifest keys; this configuration has version %u flags %u",
                         cfg->version, cfg->flags);
        if (ecc) {
            char *p = imgtool_join(vnd_dir, "vnd_ecc_sig.der");
            size_t n;
            uint8_t *der = p ? imgtool_read(p, 4096, &n) : NULL, sig[96];
            free(p);
            if (!der) return -1;
            int rc = cptra_ecc384_sig_from_der(der, n, sig);
            free(der);
            if (rc) return imgtool_err("vnd_ecc_sig.der: not a DER ECDSA signature"), -1;
            memset(up + CPTRA_AM_OFF_VND_ECC_PUB, 0, 96);
            cptra_swap_words(up + CPTRA_AM_OFF_VND_PK_ECC_SIG, sig, 96);
        }
        if (lms) {
            char *p = imgtool_join(vnd_dir, "vnd_lms_sig.der");
            int rc = p ? imgtool_read_exact(p, up + CPTRA_AM_OFF_VND_PK_LMS_SIG, 1620) : -1;
            free(p);
            if (rc) return -1;
            memset(up + CPTRA_AM_OFF_VND_LMS_PUB, 0, 48);
        }
    }
    /* SVN blob signatures with the owner FW key */
    uint8_t blob[CPTRA_ASPEED_SVN_BLOB_SIZE], ecc_hw[96] = {0}, ecc[96], lms[1620] = {0};
    cptra_aspeed_svn_blob(up, cfg->security_version, blob);
    cptra_sha384(blob, sizeof blob, d, NULL);
    if (sign_ecc(&s, &cfg->owner_fw, SH_OWNER_ECC_FW, d, ecc_hw) ||
        sign_lms(&s, &cfg->owner_fw, SH_OWNER_LMS_FW, d, lms))
        return -1;
    cptra_swap_words(ecc, ecc_hw, 96);
    cptra_aspeed_man_build(up, cfg->security_version, ecc, lms, out);
    return 0;
}

typedef struct {
    imgtool_cfg_t cfg;
    char *key_dir, *pre_dir, *vnd_dir;
} ctx_t;

static int ctx_open(ctx_t *c, const man_opts_t *o) {
    char err[512];
    memset(c, 0, sizeof *c);
    if (imgtool_cfg_load(o->cfg_path, &c->cfg, err, sizeof err) != 0)
        return imgtool_err("%s", err), -1;
    c->key_dir = default_dir(o->key_dir, "key", c->cfg.prj_name);
    c->pre_dir = default_dir(o->prebuilt_dir, "prebuilt", c->cfg.prj_name);
    c->vnd_dir = strdup(o->vnd_sig_dir ? o->vnd_sig_dir : IMGTOOL_DEFAULT_VND_SIG_DIR);
    if (!c->key_dir || !c->pre_dir || !c->vnd_dir) return imgtool_err("out of memory"), -1;
    if (c->cfg.n_ime == 0 || c->cfg.ime[0].fw_id != 1)
        imgtool_warn("%s: the first image_metadata_list entry should be the FMC (fw_id 1)",
                     o->cfg_path);
    return 0;
}

static void ctx_close(ctx_t *c) {
    imgtool_cfg_free(&c->cfg);
    free(c->key_dir);
    free(c->pre_dir);
    free(c->vnd_dir);
}

int cmd_create_auth_man(int argc, char **argv) {
    man_opts_t o;
    int r = parse_opts(argc, argv, &o, man_usage, 0, 1);
    if (r >= 0) return r;
    ctx_t c;
    if (ctx_open(&c, &o) != 0) {
        ctx_close(&c);
        return 1;
    }
    int rc = 1;
    uint8_t *up = malloc(CPTRA_AUTHMAN_SIZE), *out = malloc(CPTRA_ASPEED_MAN_SIZE);
    char *path = default_out(o.man, c.cfg.prj_name, "auth-manifest.bin");
    if (!up || !out || !path)
        imgtool_err("out of memory");
    else if (build_manifest(&c.cfg, c.key_dir, c.pre_dir, c.vnd_dir, up, out) == 0 &&
             imgtool_write(path, out, CPTRA_ASPEED_MAN_SIZE) == 0 &&
             (!o.upstream_out || imgtool_write(o.upstream_out, up, CPTRA_AUTHMAN_SIZE) == 0)) {
        printf("wrote %s (%u bytes, %zu images, sec_ver %u)\n", path, CPTRA_ASPEED_MAN_SIZE,
               c.cfg.n_ime, c.cfg.security_version);
        rc = 0;
    }
    free(up);
    free(out);
    free(path);
    ctx_close(&c);
    return rc;
}

int cmd_create_auth_flash(int argc, char **argv) {
    man_opts_t o;
    int r = parse_opts(argc, argv, &o, flash_usage, 1, 0);
    if (r >= 0) return r;
    ctx_t c;
    if (ctx_open(&c, &o) != 0) {
        ctx_close(&c);
        return 1;
    }
    int rc = 1;
    size_t n = 0, cap = 3 + c.cfg.n_ime;
    uint8_t **imgs = calloc(cap, sizeof *imgs), *flash = NULL;
    size_t *lens = calloc(cap, sizeof *lens);
    uint32_t *ids = calloc(cap, sizeof *ids);
    char *path = default_out(o.flash, c.cfg.prj_name, "flash-image.bin");
    if (!imgs || !lens || !ids || !path) {
        imgtool_err("out of memory");
        goto out;
    }
    if (c.cfg.cptra_out_bundle) {
        imgtool_err("image_runtime_list.cptra_out_bundle (A1 out-of-bundle layout) is not "
                    "supported");
        goto out;
    }
    /* 0x1 Caliptra FW bundle */
    if (!c.cfg.caliptra_file[0] && c.cfg.zero_caliptra_file_end) {
        lens[n] = c.cfg.zero_caliptra_file_end;
        imgs[n] = calloc(1, lens[n]);
        if (!imgs[n]) {
            imgtool_err("out of memory");
            goto out;
        }
    } else if (!(imgs[n] = read_padded(c.pre_dir, c.cfg.caliptra_file, &lens[n])))
        goto out;
    if (lens[n] > CPTRA_IMAGE_MAX_SIZE) {
        imgtool_err("%s: %zu bytes, larger than the %u-byte FIRMWARE_LOAD limit",
                    c.cfg.caliptra_file, lens[n], CPTRA_IMAGE_MAX_SIZE);
        goto out;
    }
    ids[n++] = CPTRA_FLASH_ID_CALIPTRA_FW;
    /* 0x2 SoC manifest */
    imgs[n] = malloc(CPTRA_ASPEED_MAN_SIZE);
    lens[n] = CPTRA_ASPEED_MAN_SIZE;
    if (!imgs[n]) {
        imgtool_err("out of memory");
        goto out;
    }
    if (o.man) {
        cptra_aspeed_man_t *m = malloc(sizeof *m);
        int prc = -1;
        size_t ml = 0;
        uint8_t *mb = imgtool_read(o.man, IMGTOOL_MAX_INPUT, &ml);
        if (mb && m && ml == CPTRA_ASPEED_MAN_SIZE) prc = cptra_aspeed_man_parse(mb, ml, m);
        if (mb && ml != CPTRA_ASPEED_MAN_SIZE)
            imgtool_err("%s: %zu bytes, an ASPEED SoC manifest is %u bytes", o.man, ml,
                        CPTRA_ASPEED_MAN_SIZE);
        else if (mb && prc)
            imgtool_err("%s: not an ASPEED SoC manifest (bad marker, size or count)", o.man);
        if (!prc) memcpy(imgs[n], mb, CPTRA_ASPEED_MAN_SIZE);
        free(mb);
        free(m);
        if (prc) goto out;
    } else {
        uint8_t *up = malloc(CPTRA_AUTHMAN_SIZE);
        int brc = up ? build_manifest(&c.cfg, c.key_dir, c.pre_dir, c.vnd_dir, up, imgs[n]) : -1;
        free(up);
        if (brc) goto out;
    }
    ids[n++] = CPTRA_FLASH_ID_SOC_MANIFEST;
    /* 0x3 MCU runtime (bootmcu FMC) */
    if (!(imgs[n] = read_padded(c.pre_dir, c.cfg.mcu_file, &lens[n]))) goto out;
    ids[n++] = CPTRA_FLASH_ID_MCU_RT;
    /* 0x1000 + k: every other entry, configuration order */
    uint32_t k = 0;
    for (size_t i = 0; i < c.cfg.n_ime; i++) {
        if (c.cfg.ime[i].fw_id == 1) continue;
        if (!(imgs[n] = read_padded(c.pre_dir, c.cfg.ime[i].file, &lens[n]))) goto out;
        ids[n++] = CPTRA_FLASH_ID_SOC_BASE + k++;
    }
    size_t total = cptra_flash_build((const uint8_t *const *)imgs, lens, ids, n, NULL, 0);
    if (total == 0 || total > IMGTOOL_MAX_INPUT) {
        imgtool_err("flash image too large (%zu bytes, limit %u)", total, IMGTOOL_MAX_INPUT);
        goto out;
    }
    flash = malloc(total);
    if (!flash ||
        cptra_flash_build((const uint8_t *const *)imgs, lens, ids, n, flash, total) != total) {
        imgtool_err("cannot build the flash image");
        goto out;
    }
    if (imgtool_write(path, flash, total) != 0) goto out;
    printf("wrote %s (%zu bytes, %zu images)\n", path, total, n);
    rc = 0;
out:
    for (size_t i = 0; imgs && i < n + 1 && i < cap; i++)
        free(imgs[i]);
    free(imgs);
    free(lens);
    free(ids);
    free(flash);
    free(path);
    ctx_close(&c);
    return rc;
}

/* One row of the manifest signature table: 1 = OK, 0 = FAIL, else "-" (not checked). */
static const char *sig_result(int ok) {
    return ok == 1 ? "OK" : ok == 0 ? "FAIL" : "-";
}
static void print_sig_pair(const char *what, int ecc_ok, int lms_ok) {
    printf("  %s ECC %s  LMS %s\n", what, sig_result(ecc_ok), sig_result(lms_ok));
}

static const char *id_name(uint32_t id) {
    switch (id) {
    case CPTRA_FLASH_ID_CALIPTRA_FW:
        return "caliptra-fw";
    case CPTRA_FLASH_ID_SOC_MANIFEST:
        return "soc-manifest";
    case CPTRA_FLASH_ID_MCU_RT:
        return "mcu-runtime";
    default:
        return "soc-image";
    }
}

int cmd_verify_flash(int argc, char **argv) {
    const char *path = NULL, *bundle_path = NULL;
    int lms = 1, require_signed = 0;
    uint32_t min_sec = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (imgtool_is_help(a)) {
            fputs(verify_usage, stdout);
            return 0;
        } else if (!strcmp(a, "--bundle")) {
            if (!(bundle_path = imgtool_optval(argc, argv, &i))) return 1;
        } else if (!strcmp(a, "--min-sec-ver")) {
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            if (imgtool_parse_u32(v, &min_sec))
                return imgtool_err("--min-sec-ver: bad number '%s'", v);
        } else if (!strcmp(a, "--no-lms")) {
            lms = 0;
        } else if (!strcmp(a, "--require-signed")) {
            require_signed = 1;
        } else if (a[0] == '-') {
            return imgtool_err("verify-flash: unknown option '%s' (see --help)", a);
        } else if (path) {
            return imgtool_err("verify-flash: more than one file given");
        } else {
            path = a;
        }
    }
    if (!path) return imgtool_err("verify-flash: no flash image given (see --help)");
    size_t len;
    uint8_t *b = imgtool_read(path, IMGTOOL_MAX_INPUT, &len);
    if (!b) return 1;
    int fails = 0, rc = 1;
    cptra_flash_info_t *fi = malloc(sizeof *fi);
    cptra_aspeed_man_t *am = malloc(sizeof *am);
    cptra_authman_t *up = malloc(sizeof *up);
    uint8_t *bundle = NULL;
    if (!fi || !am || !up) {
        imgtool_err("out of memory");
        goto out;
    }
    int e = cptra_flash_parse(b, len, CPTRA_FLASH_CHECK_ALL, fi);
    if (e) {
        imgtool_err("%s: %s", path, cptra_flash_strerror(e));
        goto out;
    }
    printf("flash image: %s (%zu bytes) version %u, %u images, header CRC 0x%08x OK, payload "
           "CRC 0x%08x OK\n",
           path, len, fi->version, fi->count, fi->hdr_crc, fi->payload_crc);

    /* Caliptra bundle: its keys authenticate the manifest */
    cptra_bundle_info_t bi;
    size_t blen = 0;
    const cptra_flash_entry_t *fe = cptra_flash_find(fi, CPTRA_FLASH_ID_CALIPTRA_FW);
    if (bundle_path) {
        bundle = imgtool_read(bundle_path, IMGTOOL_MAX_INPUT, &blen);
        if (!bundle) goto out;
    } else if (fe) {
        blen = fe->size;
        bundle = malloc(blen ? blen : 1);
        if (!bundle) goto out;
        memcpy(bundle, b + fe->offset, blen);
    }
    uint32_t bundle_rc = 0xFFFFFFFFu;
    if (bundle) {
        cptra_fuse_vals_t f;
        memset(&f, 0, sizeof f);
        f.lms_verify = (uint32_t)lms;
        bundle_rc = cptra_bundle_verify(bundle, blen, &f, &bi, NULL);
        printf("caliptra bundle: %s\n", bundle_rc == 0 ? "OK" : cptra_error_name(bundle_rc));
        if (bundle_rc) fails++;
        if (cptra_bundle_parse(bundle, blen, &bi) != 0) memset(&bi, 0, sizeof bi);
    } else {
        printf("caliptra bundle: absent (use --bundle)\n");
    }

    /* SoC manifest */
    const cptra_flash_entry_t *me = cptra_flash_find(fi, CPTRA_FLASH_ID_SOC_MANIFEST);
    int have_man = 0;
    if (!me) {
        printf("soc manifest: MISSING (no image 0x2)\n");
        fails++;
    } else if (cptra_aspeed_man_parse(b + me->offset, me->size, am) != 0) {
        printf("soc manifest: MALFORMED (size %u, expected %u with marker NMTA)\n", me->size,
               CPTRA_ASPEED_MAN_SIZE);
        fails++;
    } else {
        have_man = 1;
        cptra_authman_parse(am->upstream, CPTRA_AUTHMAN_SIZE, up);
        const uint8_t *u = am->upstream;
        int unsigned_man = all_zero(u + CPTRA_AM_OFF_VND_PK_ECC_SIG, 3736 - 160) &&
                           all_zero(u + CPTRA_AM_OFF_VND_IMC_ECC_SIG, 7168 - 3736) &&
                           all_zero(am->svn_ecc_sig, 96);
        printf("soc manifest: version %u flags 0x%x sec_ver %u, %u entries\n", up->version,
               up->flags, am->sec_ver, up->entry_count);
        if (unsigned_man) {
            printf("  signatures: none (unsigned manifest, secure boot disabled)%s\n",
                   require_signed ? " -> FAIL" : "");
            fails += require_signed;
            uint32_t prc = cptra_authman_parse(am->upstream, CPTRA_AUTHMAN_SIZE, NULL);
            if (prc) {
                printf("  structure: FAIL %s\n", cptra_error_name(prc));
                fails++;
            }
        } else if (!bundle) {
            printf("  signatures: cannot check without the Caliptra bundle\n");
            fails++;
        } else {
            cptra_authman_t *chk = malloc(sizeof *chk);
            uint32_t src =
                chk ? cptra_authman_verify(am->upstream, CPTRA_AUTHMAN_SIZE, &bi, lms, chk, NULL)
                    : RUNTIME_INSUFFICIENT_MEMORY;
            if (chk) {
                print_sig_pair("vendor pk signature ", chk->vnd_pk_ecc_ok, chk->vnd_pk_lms_ok);
                print_sig_pair("owner pk signature  ", chk->own_pk_ecc_ok, chk->own_pk_lms_ok);
                print_sig_pair("owner IMC signature ", chk->own_imc_ecc_ok, chk->own_imc_lms_ok);
            }
            free(chk);
            printf("  SET_AUTH_MANIFEST: %s", src == 0 ? "OK" : "FAIL");
            if (src) printf(" 0x%08X %s", src, cptra_error_name(src));
            printf("\n");
            fails += src != 0;
            int s = cptra_aspeed_svn_verify(am, &bi, lms, min_sec, NULL);
            printf("  SVN signature: %s\n", s == 0                     ? "OK"
                                            : s == CPTRA_IMG_E_SEC_VER ? "FAIL (sec_ver too low)"
                                            : s == CPTRA_IMG_E_LMS_SIG ? "FAIL (LMS)"
                                                                       : "FAIL (ECC)");
            fails += s != 0;
        }
    }

    /* per-image table */
    printf("%-12s %-6s %-6s %10s %10s %-5s %s\n", "identifier", "name", "fw_id", "offset", "size",
           "stage", "result");
    uint32_t soc_k = 0;
    (void)soc_k;
    for (unsigned i = 0; i < fi->count; i++) {
        const cptra_flash_entry_t *en = &fi->entry[i];
        const uint8_t *data = b + en->offset;
        char fwid[16] = "-", stage[8] = "-";
        const char *res = "-";
        const cptra_authman_entry_t *ime = NULL;
        if (en->identifier == CPTRA_FLASH_ID_CALIPTRA_FW) {
            res = bundle_path ? "(--bundle used)" : bundle_rc == 0 ? "OK" : "FAIL";
        } else if (en->identifier == CPTRA_FLASH_ID_SOC_MANIFEST) {
            res = have_man ? "parsed" : "FAIL";
        } else if (have_man) {
            /* 0x3 <-> fw_id 1; 0x1000+k <-> the k-th entry other than fw_id 1 */
            uint32_t want = en->identifier >= CPTRA_FLASH_ID_SOC_BASE
                                ? en->identifier - CPTRA_FLASH_ID_SOC_BASE
                                : 0;
            uint32_t k = 0;
            for (uint32_t j = 0; j < up->entry_count && j < CPTRA_AUTHMAN_MAX_ENTRIES; j++) {
                const cptra_authman_entry_t *c = &up->entry[j];
                if (en->identifier == CPTRA_FLASH_ID_MCU_RT) {
                    if (c->fw_id == 1) {
                        ime = c;
                        break;
                    }
                } else if (en->identifier >= CPTRA_FLASH_ID_SOC_BASE && c->fw_id != 1) {
                    if (k++ == want) {
                        ime = c;
                        break;
                    }
                }
            }
            if (!ime) {
                res = "NOT IN MANIFEST";
                fails++;
            } else {
                uint8_t d[48];
                cptra_sha384(data, en->size, d, NULL);
                snprintf(fwid, sizeof fwid, "%u", ime->fw_id);
                snprintf(stage, sizeof stage, "%u", CPTRA_IME_LOAD_STAGE(ime->flags));
                if (memcmp(d, ime->digest, 48) == 0)
                    res = "OK";
                else if (CPTRA_IME_IGNORE_AUTH(ime->flags))
                    res = "IGNORED (ignore_auth_check)";
                else {
                    res = "DIGEST MISMATCH";
                    fails++;
                }
            }
        }
        printf("0x%08x   %-6.6s %-6s %10u %10u %-5s %s\n", en->identifier, id_name(en->identifier),
               fwid, en->offset, en->size, stage, res);
    }
    printf("result: %s\n", fails ? "FAIL" : "OK");
    fflush(stdout);
    rc = fails ? imgtool_err("%s: %d check(s) failed", path, fails) : 0;
out:
    free(b);
    free(fi);
    free(am);
    free(up);
    free(bundle);
    return rc;
}

int cmd_check_config(int argc, char **argv) {
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if (imgtool_is_help(argv[i])) {
            fputs(cfg_usage, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--cfg")) {
            if (!(path = imgtool_optval(argc, argv, &i))) return 1;
        } else
            return imgtool_err("check-config: unknown argument '%s' (see --help)", argv[i]);
    }
    if (!path) return imgtool_err("check-config: --cfg is required");
    imgtool_cfg_t cfg;
    char err[512];
    if (imgtool_cfg_load(path, &cfg, err, sizeof err) != 0) return imgtool_err("%s", err);
    printf("config: %s\n", path);
    printf("manifest: version %u flags %u security_version %u prj_name %s\n", cfg.version,
           cfg.flags, cfg.security_version, cfg.prj_name ? cfg.prj_name : "(none)");
    const struct {
        const char *n;
        const imgtool_keycfg_t *k;
    } kk[] = {{"vendor_fw", &cfg.vendor_fw},
              {"vendor_man", &cfg.vendor_man},
              {"owner_fw", &cfg.owner_fw},
              {"owner_man", &cfg.owner_man}};
    for (int i = 0; i < 4; i++)
        printf(
            "%-10s ecc_pub %s ecc_priv %s lms_pub %s lms_priv %s\n", kk[i].n,
            kk[i].k->ecc_pub ? kk[i].k->ecc_pub : "-", kk[i].k->ecc_priv ? kk[i].k->ecc_priv : "-",
            kk[i].k->lms_pub ? kk[i].k->lms_pub : "-", kk[i].k->lms_priv ? kk[i].k->lms_priv : "-");
    printf("runtime: caliptra_file %s mcu_file %s\n", cfg.caliptra_file, cfg.mcu_file);
    for (size_t i = 0; i < cfg.n_ime; i++)
        printf("image %2zu: fw_id %2u source %u ignore_auth_check %d load_stage %u file '%s' -> "
               "flags 0x%08x\n",
               i, cfg.ime[i].fw_id, cfg.ime[i].source, cfg.ime[i].ignore_auth_check,
               cfg.ime[i].load_stage, cfg.ime[i].file,
               CPTRA_IME_FLAGS(cfg.ime[i].source, cfg.ime[i].ignore_auth_check,
                               cfg.ime[i].load_stage));
    for (int i = 0; i < SH_COUNT; i++)
        if (cfg.sign_helper[i])
            printf("sign_helper[%d]: %s (by_file %d)\n", i, cfg.sign_helper[i], cfg.by_file);
    imgtool_cfg_free(&cfg);
    return 0;
}
