/* cptra-imgtool bundle create | verify | show (Caliptra 1.x FW bundle, images.md §1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "imgtool.h"

static const char bundle_usage[] =
    "usage: cptra-imgtool bundle <create|verify|show> [options]\n"
    "\n"
    "  bundle create --fmc FILE --rt FILE --out FILE [options]\n"
    "      FMC/RT may be raw binaries or ELF files (PT_LOAD segments by physical address).\n"
    "      --format auto|bin|elf    input format (auto: ELF when it parses as one)\n"
    "      --ecc-idx N              vendor ECC key index 0..3 (default 3)\n"
    "      --lms-idx N              vendor LMS key index 0..31 (default 3)\n"
    "      --vendor-ecc-priv PEM    signing key for vendor ECC slot ecc-idx\n"
    "      --vendor-ecc-pub I=PEM   public key for vendor ECC slot I (repeatable)\n"
    "      --vendor-lms-priv FILE   48-B LMS private key for slot lms-idx\n"
    "      --vendor-lms-pub I=FILE  48-B LMS public key for slot I (repeatable)\n"
    "      --owner-ecc-priv PEM  --owner-ecc-pub PEM\n"
    "      --owner-lms-priv FILE --owner-lms-pub FILE\n"
    "      --fmc-load A --fmc-entry A --rt-load A --rt-entry A\n"
    "                               defaults 0x40000000 / load / 0x40005000 / load, or the ELF\n"
    "      --fmc-svn N --rt-svn N --fmc-version N --rt-version N\n"
    "      --fmc-rev HEX40 --rt-rev HEX40   20-byte revision (git commit)\n"
    "      --pl0-pauser V           set header flags bit0 and pl0_pauser (ASPEED: 0x21212121)\n"
    "      --flags V                header flags (default 0, or 1 with --pl0-pauser)\n"
    "  bundle verify FILE [fuse options]\n"
    "      Runs the Caliptra ROM 1.2 FIRMWARE_LOAD checks (images.md §1.4) and reports every\n"
    "      signature and digest. Exit status 0 only if the ROM would accept the image.\n"
    "      --vendor-pk-hash HEX|WORDS  FUSE_KEY_MANIFEST_PK_HASH (96 hex digits or 12 words)\n"
    "      --owner-pk-hash HEX|WORDS   FUSE_OWNER_PK_HASH\n"
    "      --lifecycle unprovisioned|manufacturing|production|N\n"
    "                               (default: production with --vendor-pk-hash, else\n"
    "                               unprovisioned)\n"
    "      --ecc-revocation MASK  --lms-revocation MASK\n"
    "      --fmc-svn-fuse V  --rt-svn-fuse V   raw fuse words (SVN = highest set bit + 1)\n"
    "      --anti-rollback-disable  --no-lms (LMS verification is on by default)\n"
    "      --quiet                  only the verdict line\n"
    "  bundle show FILE\n"
    "      Prints every field and the fuse words (register order) of the key hashes.\n";

static int parse_words_or_hex(const char *s, uint32_t words[12]) {
    uint8_t d[48];
    if (imgtool_parse_hex(s, d, 48) == 0) {
        cptra_digest_to_words(d, words);
        return 0;
    }
    /* 12 whitespace/comma separated words */
    char *copy = strdup(s), *save = NULL;
    int n = 0;
    for (char *t = strtok_r(copy, " ,\t\n", &save); t; t = strtok_r(NULL, " ,\t\n", &save)) {
        uint8_t w[4];
        if (n >= 12 || imgtool_parse_hex(t, w, 4) != 0) {
            n = -1;
            break;
        }
        words[n++] = (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 | (uint32_t)w[2] << 8 | w[3];
    }
    free(copy);
    return n == 12 ? 0 : -1;
}

static void print_words(const char *label, const uint32_t w[12]) {
    printf("%s", label);
    for (int i = 0; i < 12; i++)
        printf("%s%08x", i ? " " : "", w[i]);
    printf("\n");
}

static void print_hex(const char *label, const uint8_t *p, size_t n) {
    char buf[2 * 1620 + 1];
    imgtool_hex(p, n, buf);
    printf("%s%s\n", label, buf);
}

static void print_toc(const char *name, const cptra_toc_info_t *t, const uint8_t calc[48]) {
    printf("%s TOC: id %u type %u version 0x%08x svn %u reserved %u\n", name, t->id, t->type,
           t->version, t->svn, t->reserved);
    printf("  load 0x%08x entry 0x%08x offset %u size %u\n", t->load_addr, t->entry_point,
           t->offset, t->size);
    print_hex("  revision  ", t->revision, 20);
    print_hex("  digest    ", t->digest, 48);
    print_hex("  computed  ", calc, 48);
}

static int show(const char *path) {
    size_t len;
    uint8_t *b = imgtool_read(path, IMGTOOL_MAX_INPUT, &len);
    if (!b) return 1;
    cptra_bundle_info_t info;
    if (cptra_bundle_parse(b, len, &info) != 0) {
        free(b);
        return imgtool_err("%s: %zu bytes, shorter than the %u-byte manifest", path, len,
                           CPTRA_MANIFEST_SIZE);
    }
    printf("file: %s (%zu bytes)\n", path, len);
    printf("marker 0x%08x (%s) size %u\n", info.marker,
           info.marker == CPTRA_MANIFEST_MARKER ? "CMAN" : "BAD", info.manifest_size);
    printf("vendor_ecc_pub_key_idx %u vendor_lms_pub_key_idx %u\n", info.vendor_ecc_pub_key_idx,
           info.vendor_lms_pub_key_idx);
    for (int i = 0; i < 4; i++) {
        uint8_t k[96];
        cptra_swap_words(k, b + CPTRA_OFF_VENDOR_ECC_KEYS + 96 * i, 96);
        printf("vendor ECC key %d x ", i);
        print_hex("", k, 48);
        print_hex("                   y ", k + 48, 48);
    }
    for (int i = 0; i < 32; i++) {
        char label[40];
        snprintf(label, sizeof label, "vendor LMS key %2d ", i);
        print_hex(label, b + CPTRA_OFF_VENDOR_LMS_KEYS + 48 * i, 48);
    }
    print_hex("vendor ECC sig r ", info.vendor_ecc_sig, 48);
    print_hex("vendor ECC sig s ", info.vendor_ecc_sig + 48, 48);
    printf("vendor LMS sig q %u\n", info.vendor_lms_q);
    print_hex("owner ECC key x ", info.owner_ecc_pub, 48);
    print_hex("owner ECC key y ", info.owner_ecc_pub + 48, 48);
    print_hex("owner LMS key   ", info.owner_lms_pub, 48);
    print_hex("owner ECC sig r ", info.owner_ecc_sig, 48);
    print_hex("owner ECC sig s ", info.owner_ecc_sig + 48, 48);
    printf("owner LMS sig q %u\n", info.owner_lms_q);
    printf("header: revision %08x %08x ecc_idx %u lms_idx %u flags 0x%08x toc_len %u "
           "pl0_pauser 0x%08x%s\n",
           info.hdr_revision[0], info.hdr_revision[1], info.hdr_vendor_ecc_pub_key_idx,
           info.hdr_vendor_lms_pub_key_idx, info.flags, info.toc_len, info.pl0_pauser,
           (info.flags & 1) ? " (valid)" : " (ignored: flags bit0 clear)");
    print_hex("  toc_digest ", info.toc_digest, 48);
    print_hex("  computed   ", info.toc_digest_calc, 48);
    printf("  vendor not_before '%.15s' not_after '%.15s'\n", (const char *)info.vendor_not_before,
           (const char *)info.vendor_not_after);
    printf("  owner  not_before '%.15s' not_after '%.15s' epoch %02x%02x\n",
           (const char *)info.owner_not_before, (const char *)info.owner_not_after,
           info.owner_epoch[0], info.owner_epoch[1]);
    print_hex("  vendor header digest (hdr[0,116))  ", info.header_digest_vendor, 48);
    print_hex("  owner header digest  (hdr[0,156))  ", info.header_digest_owner, 48);
    print_toc("FMC", &info.fmc, info.fmc_digest_calc);
    print_toc("RT", &info.rt, info.rt_digest_calc);
    print_hex("vendor pk hash (SHA-384 of [8,1928))   ", info.vendor_pk_hash, 48);
    print_hex("owner pk hash  (SHA-384 of [3652,3796)) ", info.owner_pk_hash, 48);
    print_words("FUSE_KEY_MANIFEST_PK_HASH: ", info.vendor_pk_hash_fuse);
    print_words("FUSE_OWNER_PK_HASH: ", info.owner_pk_hash_fuse);
    free(b);
    return 0;
}

static const char *ok_str(int v) {
    return v == 1 ? "OK" : v == 0 ? "FAIL" : "-";
}

static int verify(int argc, char **argv) {
    const char *path = NULL;
    cptra_fuse_vals_t f;
    memset(&f, 0, sizeof f);
    f.lms_verify = 1;
    int have_lc = 0, have_vendor = 0, quiet = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (imgtool_is_help(a)) {
            fputs(bundle_usage, stdout);
            return 0;
        } else if (!strcmp(a, "--vendor-pk-hash")) {
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            if (parse_words_or_hex(v, f.key_manifest_pk_hash) != 0)
                return imgtool_err("--vendor-pk-hash: expected 96 hex digits or 12 words");
            have_vendor = 1;
        } else if (!strcmp(a, "--owner-pk-hash")) {
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            if (parse_words_or_hex(v, f.owner_pk_hash) != 0)
                return imgtool_err("--owner-pk-hash: expected 96 hex digits or 12 words");
        } else if (!strcmp(a, "--lifecycle")) {
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            have_lc = 1;
            if (!strcmp(v, "unprovisioned"))
                f.life_cycle = CPTRA_LIFECYCLE_UNPROVISIONED;
            else if (!strcmp(v, "manufacturing"))
                f.life_cycle = CPTRA_LIFECYCLE_MANUFACTURING;
            else if (!strcmp(v, "production"))
                f.life_cycle = CPTRA_LIFECYCLE_PRODUCTION;
            else if (imgtool_parse_u32(v, &f.life_cycle) != 0 || f.life_cycle > 3)
                return imgtool_err("--lifecycle: unknown value '%s'", v);
        } else if (!strcmp(a, "--ecc-revocation") || !strcmp(a, "--lms-revocation") ||
                   !strcmp(a, "--fmc-svn-fuse")) {
            uint32_t *dst = !strcmp(a, "--ecc-revocation")   ? &f.key_manifest_pk_hash_mask
                            : !strcmp(a, "--lms-revocation") ? &f.lms_revocation
                                                             : &f.fmc_key_manifest_svn;
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            if (imgtool_parse_u32(v, dst) != 0) return imgtool_err("%s: bad number '%s'", a, v);
        } else if (!strcmp(a, "--rt-svn-fuse")) {
            uint8_t w[16];
            if (!(v = imgtool_optval(argc, argv, &i))) return 1;
            uint32_t one;
            if (imgtool_parse_u32(v, &one) == 0) {
                f.runtime_svn[0] = one;
            } else if (imgtool_parse_hex(v, w, 16) == 0) { /* 128-bit big-endian hex */
                for (int k = 0; k < 4; k++)
                    f.runtime_svn[3 - k] = (uint32_t)w[4 * k] << 24 | (uint32_t)w[4 * k + 1] << 16 |
                                           (uint32_t)w[4 * k + 2] << 8 | w[4 * k + 3];
            } else
                return imgtool_err("--rt-svn-fuse: bad value '%s'", v);
        } else if (!strcmp(a, "--anti-rollback-disable")) {
            f.anti_rollback_disable = 1;
        } else if (!strcmp(a, "--no-lms")) {
            f.lms_verify = 0;
        } else if (!strcmp(a, "--lms")) {
            f.lms_verify = 1;
        } else if (!strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (a[0] == '-') {
            return imgtool_err("bundle verify: unknown option '%s' (see --help)", a);
        } else if (path) {
            return imgtool_err("bundle verify: more than one file given");
        } else {
            path = a;
        }
    }
    if (!path) return imgtool_err("bundle verify: no bundle file given (see --help)");
    if (!have_lc)
        f.life_cycle = have_vendor ? CPTRA_LIFECYCLE_PRODUCTION : CPTRA_LIFECYCLE_UNPROVISIONED;

    size_t len;
    uint8_t *b = imgtool_read(path, IMGTOOL_MAX_INPUT, &len);
    if (!b) return 1;
    cptra_bundle_info_t info;
    cptra_verify_cost_t cost;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint32_t rc = cptra_bundle_verify(b, len, &f, &info, &cost);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;

    if (!quiet && len >= CPTRA_MANIFEST_SIZE) {
        /* Every check on its own, independent of where the ROM order stops. */
        cptra_bundle_info_t p;
        cptra_bundle_parse(b, len, &p);
        int v_ecc = -1, v_lms = -1, o_ecc = -1, o_lms = -1;
        if (p.vendor_ecc_pub_key_idx < 4)
            v_ecc = cptra_ecc384_verify(p.vendor_ecc_pub, p.header_digest_vendor, p.vendor_ecc_sig,
                                        NULL) == 0;
        if (p.vendor_lms_pub_key_idx < 32)
            v_lms = cptra_lms_verify(p.header_digest_vendor, 48, p.vendor_lms_pub,
                                     b + CPTRA_OFF_VENDOR_LMS_SIG, CPTRA_LMS_SIG_LEN) == 0;
        o_ecc =
            cptra_ecc384_verify(p.owner_ecc_pub, p.header_digest_owner, p.owner_ecc_sig, NULL) == 0;
        o_lms = cptra_lms_verify(p.header_digest_owner, 48, p.owner_lms_pub,
                                 b + CPTRA_OFF_OWNER_LMS_SIG, CPTRA_LMS_SIG_LEN) == 0;
        uint64_t fe = (uint64_t)p.fmc.offset + p.fmc.size, re = (uint64_t)p.rt.offset + p.rt.size;
        printf("bundle: %s (%zu bytes)\n", path, len);
        printf("  marker/size            %s\n",
               p.marker == CPTRA_MANIFEST_MARKER && p.manifest_size == CPTRA_MANIFEST_SIZE
                   ? "OK"
                   : "FAIL");
        print_words("  vendor pk hash (fuse words) ", p.vendor_pk_hash_fuse);
        print_words("  owner pk hash  (fuse words) ", p.owner_pk_hash_fuse);
        printf("  vendor ECC signature   %s (key %u)\n", ok_str(v_ecc), p.vendor_ecc_pub_key_idx);
        printf("  vendor LMS signature   %s (key %u, q %u)%s\n", ok_str(v_lms),
               p.vendor_lms_pub_key_idx, p.vendor_lms_q, f.lms_verify ? "" : " [not required]");
        printf("  owner ECC signature    %s\n", ok_str(o_ecc));
        printf("  owner LMS signature    %s (q %u)%s\n", ok_str(o_lms), p.owner_lms_q,
               f.lms_verify ? "" : " [not required]");
        printf("  TOC digest             %s\n",
               memcmp(p.toc_digest, p.toc_digest_calc, 48) == 0 ? "OK" : "FAIL");
        printf("  FMC digest             %s\n", fe > len ? "OUT OF RANGE"
                                                : memcmp(p.fmc.digest, p.fmc_digest_calc, 48) == 0
                                                    ? "OK"
                                                    : "FAIL");
        printf("  RT digest              %s\n", re > len ? "OUT OF RANGE"
                                                : memcmp(p.rt.digest, p.rt_digest_calc, 48) == 0
                                                    ? "OK"
                                                    : "FAIL");
        printf("  fuses: lifecycle %u lms_verify %u ecc_revocation 0x%x lms_revocation 0x%x\n",
               f.life_cycle, f.lms_verify, f.key_manifest_pk_hash_mask, f.lms_revocation);
        printf("  cost: %u SHA-384 bytes (%u blocks), %u ECC verifies, %u LMS verifies "
               "(%u SHA-256 blocks); %.1f ms\n",
               cost.sha384_bytes, cost.sha384_blocks, cost.ecc384_verifies, cost.lms_verifies,
               cost.sha256_blocks, ms);
    }
    free(b);
    if (rc == 0) {
        printf("ROM verdict: OK\n");
        return 0;
    }
    printf("ROM verdict: FAIL 0x%08X %s\n", rc, cptra_error_name(rc));
    fflush(stdout);
    return imgtool_err("%s: the Caliptra ROM would reject this image: 0x%08X %s", path, rc,
                       cptra_error_name(rc));
}

/* "I=FILE" */
static int parse_slot(const char *v, uint32_t max, uint32_t *idx, const char **file) {
    const char *eq = strchr(v, '=');
    if (!eq) return -1;
    char num[16];
    size_t n = (size_t)(eq - v);
    if (n == 0 || n >= sizeof num) return -1;
    memcpy(num, v, n);
    num[n] = 0;
    if (imgtool_parse_u32(num, idx) != 0 || *idx > max || !eq[1]) return -1;
    *file = eq + 1;
    return 0;
}

static int load_ecc_pub(const char *path, uint8_t pub[96]) {
    char err[256];
    void *k = cptra_ecc384_load_pem(path, 0, err, sizeof err);
    if (!k) k = cptra_ecc384_load_pem(path, 1, err, sizeof err); /* a private key file works too */
    if (!k) return imgtool_err("%s", err), -1;
    cptra_ecc384_pub_raw(k, pub);
    cptra_ecc384_free(k);
    return 0;
}

static int load_image(const char *path, uint8_t **buf, size_t *len, uint32_t *load, uint32_t *entry,
                      int *is_elf, const char *format) {
    *buf = imgtool_read(path, IMGTOOL_MAX_INPUT, len);
    if (!*buf) return -1;
    if (!strcmp(format, "bin")) {
        *is_elf = 0;
        return 0;
    }
    int e = imgtool_elf_flatten(buf, len, load, entry, path, !strcmp(format, "elf"));
    if (e < 0) return -1;
    *is_elf = e;
    return 0;
}

static int create(int argc, char **argv) {
    cptra_bundle_params_t p;
    cptra_bundle_keys_t k;
    memset(&p, 0, sizeof p);
    memset(&k, 0, sizeof k);
    p.ecc_idx = 3;
    p.lms_idx = 3;
    p.fmc.id = CPTRA_TOC_ID_FMC;
    p.fmc.type = 1;
    p.rt.id = CPTRA_TOC_ID_RUNTIME;
    p.rt.type = 1;
    const char *fmc_path = NULL, *rt_path = NULL, *out = NULL, *format = "auto";
    const char *v_ecc_priv = NULL, *v_lms_priv = NULL, *o_ecc_priv = NULL, *o_lms_priv = NULL;
    const char *o_ecc_pub = NULL, *o_lms_pub = NULL;
    const char *v_ecc_pub[4] = {0}, *v_lms_pub[32] = {0};
    int have_flags = 0, have_pauser = 0;
    int set_fl = 0, set_fe = 0, set_rl = 0, set_re = 0;
    uint32_t fl = 0, fen = 0, rl = 0, ren = 0;
    int rc = 1;
    uint8_t *fmc = NULL, *rt = NULL, *bundle = NULL;
    void *vek = NULL, *oek = NULL;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (imgtool_is_help(a)) {
            fputs(bundle_usage, stdout);
            return 0;
        }
        if (a[0] != '-' || !a[1]) return imgtool_err("bundle create: unexpected argument '%s'", a);
        if (!(v = imgtool_optval(argc, argv, &i))) return 1;
        uint32_t *num = NULL;
        if (!strcmp(a, "--fmc"))
            fmc_path = v;
        else if (!strcmp(a, "--rt"))
            rt_path = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--format")) {
            if (strcmp(v, "auto") && strcmp(v, "bin") && strcmp(v, "elf"))
                return imgtool_err("--format must be auto, bin or elf");
            format = v;
        } else if (!strcmp(a, "--vendor-ecc-priv"))
            v_ecc_priv = v;
        else if (!strcmp(a, "--vendor-lms-priv"))
            v_lms_priv = v;
        else if (!strcmp(a, "--owner-ecc-priv"))
            o_ecc_priv = v;
        else if (!strcmp(a, "--owner-lms-priv"))
            o_lms_priv = v;
        else if (!strcmp(a, "--owner-ecc-pub"))
            o_ecc_pub = v;
        else if (!strcmp(a, "--owner-lms-pub"))
            o_lms_pub = v;
        else if (!strcmp(a, "--vendor-ecc-pub") || !strcmp(a, "--vendor-lms-pub")) {
            uint32_t idx;
            const char *file;
            int lms = !strcmp(a, "--vendor-lms-pub");
            if (parse_slot(v, lms ? 31 : 3, &idx, &file) != 0)
                return imgtool_err("%s: expected I=FILE with I in 0..%d", a, lms ? 31 : 3);
            if (lms)
                v_lms_pub[idx] = file;
            else
                v_ecc_pub[idx] = file;
        } else if (!strcmp(a, "--fmc-rev") || !strcmp(a, "--rt-rev")) {
            uint8_t *dst = !strcmp(a, "--fmc-rev") ? p.fmc.revision : p.rt.revision;
            if (imgtool_parse_hex(v, dst, 20) != 0)
                return imgtool_err("%s: expected 40 hex digits", a);
        } else if (!strcmp(a, "--ecc-idx"))
            num = &p.ecc_idx;
        else if (!strcmp(a, "--lms-idx"))
            num = &p.lms_idx;
        else if (!strcmp(a, "--fmc-svn"))
            num = &p.fmc.svn;
        else if (!strcmp(a, "--rt-svn"))
            num = &p.rt.svn;
        else if (!strcmp(a, "--fmc-version"))
            num = &p.fmc.version;
        else if (!strcmp(a, "--rt-version"))
            num = &p.rt.version;
        else if (!strcmp(a, "--fmc-load"))
            num = &fl, set_fl = 1;
        else if (!strcmp(a, "--fmc-entry"))
            num = &fen, set_fe = 1;
        else if (!strcmp(a, "--rt-load"))
            num = &rl, set_rl = 1;
        else if (!strcmp(a, "--rt-entry"))
            num = &ren, set_re = 1;
        else if (!strcmp(a, "--pl0-pauser"))
            num = &p.pl0_pauser, have_pauser = 1;
        else if (!strcmp(a, "--flags"))
            num = &p.flags, have_flags = 1;
        else
            return imgtool_err("bundle create: unknown option '%s' (see --help)", a);
        if (num && imgtool_parse_u32(v, num) != 0) return imgtool_err("%s: bad number '%s'", a, v);
    }
    if (!fmc_path || !rt_path || !out)
        return imgtool_err("bundle create: --fmc, --rt and --out are required (see --help)");
    if (p.ecc_idx > 3 || p.lms_idx > 31)
        return imgtool_err("bundle create: --ecc-idx must be 0..3 and --lms-idx 0..31");
    if (have_pauser && !have_flags) p.flags = 1;

    size_t fmc_len, rt_len;
    int fmc_elf, rt_elf;
    uint32_t e_load, e_entry;
    if (load_image(fmc_path, &fmc, &fmc_len, &e_load, &e_entry, &fmc_elf, format) != 0) goto out;
    p.fmc.load_addr = set_fl ? fl : fmc_elf ? e_load : CPTRA_ICCM_ORG;
    p.fmc.entry_point = set_fe ? fen : fmc_elf ? e_entry : p.fmc.load_addr;
    if (load_image(rt_path, &rt, &rt_len, &e_load, &e_entry, &rt_elf, format) != 0) goto out;
    p.rt.load_addr = set_rl ? rl : rt_elf ? e_load : 0x40005000u;
    p.rt.entry_point = set_re ? ren : rt_elf ? e_entry : p.rt.load_addr;

    /* keys */
    for (int i = 0; i < 4; i++)
        if (v_ecc_pub[i] && load_ecc_pub(v_ecc_pub[i], p.vendor_ecc_pub[i]) != 0) goto out;
    for (int i = 0; i < 32; i++)
        if (v_lms_pub[i] && imgtool_lms_read_pub(v_lms_pub[i], p.vendor_lms_pub[i]) != 0) goto out;
    if (o_ecc_pub && load_ecc_pub(o_ecc_pub, p.owner_ecc_pub) != 0) goto out;
    if (o_lms_pub && imgtool_lms_read_pub(o_lms_pub, p.owner_lms_pub) != 0) goto out;
    char err[256];
    if (v_ecc_priv) {
        if (!(vek = cptra_ecc384_load_pem(v_ecc_priv, 1, err, sizeof err))) {
            imgtool_err("%s", err);
            goto out;
        }
        uint8_t pub[96];
        cptra_ecc384_pub_raw(vek, pub);
        if (!v_ecc_pub[p.ecc_idx])
            memcpy(p.vendor_ecc_pub[p.ecc_idx], pub, 96);
        else if (memcmp(pub, p.vendor_ecc_pub[p.ecc_idx], 96) != 0) {
            imgtool_err("--vendor-ecc-priv does not match vendor ECC key %u", p.ecc_idx);
            goto out;
        }
        k.vendor_ecc_priv = vek;
    }
    if (o_ecc_priv) {
        if (!(oek = cptra_ecc384_load_pem(o_ecc_priv, 1, err, sizeof err))) {
            imgtool_err("%s", err);
            goto out;
        }
        uint8_t pub[96];
        cptra_ecc384_pub_raw(oek, pub);
        if (!o_ecc_pub)
            memcpy(p.owner_ecc_pub, pub, 96);
        else if (memcmp(pub, p.owner_ecc_pub, 96) != 0) {
            imgtool_err("--owner-ecc-priv does not match --owner-ecc-pub");
            goto out;
        }
        k.owner_ecc_priv = oek;
    }

    /* Build unsigned for LMS first (the header digests do not depend on signatures), then sign
     * LMS through the stateful signer and patch the signatures in. */
    size_t blen;
    bundle = cptra_bundle_create(&p, &k, fmc, fmc_len, rt, rt_len, &blen, err, sizeof err);
    if (!bundle) {
        imgtool_err("bundle create: %s", err);
        goto out;
    }
    if (v_lms_priv) {
        uint8_t d[48], pub[48];
        cptra_sha384(bundle + CPTRA_OFF_HEADER, CPTRA_HEADER_VENDOR_SIZE, d, NULL);
        if (imgtool_lms_sign(v_lms_priv, v_lms_pub[p.lms_idx], d, bundle + CPTRA_OFF_VENDOR_LMS_SIG,
                             pub) != 0)
            goto out;
        memcpy(bundle + CPTRA_OFF_VENDOR_LMS_KEYS + 48 * p.lms_idx, pub, 48);
    }
    if (o_lms_priv) {
        uint8_t d[48], pub[48];
        cptra_sha384(bundle + CPTRA_OFF_HEADER, CPTRA_HEADER_SIZE, d, NULL);
        if (imgtool_lms_sign(o_lms_priv, o_lms_pub, d, bundle + CPTRA_OFF_OWNER_LMS_SIG, pub) != 0)
            goto out;
        /* the owner keys are hashed into the owner pk hash, not signed by the header */
        memcpy(bundle + CPTRA_OFF_OWNER_LMS_KEY, pub, 48);
    }
    if (imgtool_write(out, bundle, blen) != 0) goto out;
    printf("wrote %s (%zu bytes: manifest %u, FMC %u, RT %u)\n", out, blen, CPTRA_MANIFEST_SIZE,
           (unsigned)((fmc_len + 3) & ~(size_t)3), (unsigned)((rt_len + 3) & ~(size_t)3));
    rc = 0;
out:
    free(fmc);
    free(rt);
    free(bundle);
    cptra_ecc384_free(vek);
    cptra_ecc384_free(oek);
    return rc;
}

int cmd_bundle(int argc, char **argv) {
    if (argc < 1 || imgtool_is_help(argv[0])) {
        fputs(bundle_usage, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    if (!strcmp(argv[0], "create")) return create(argc - 1, argv + 1);
    if (!strcmp(argv[0], "verify")) return verify(argc - 1, argv + 1);
    if (!strcmp(argv[0], "show")) {
        if (argc >= 2 && imgtool_is_help(argv[1])) {
            fputs(bundle_usage, stdout);
            return 0;
        }
        if (argc != 2) return imgtool_err("bundle show: expected exactly one file (see --help)");
        return show(argv[1]);
    }
    return imgtool_err("bundle: unknown action '%s' (create, verify, show)", argv[0]);
}
