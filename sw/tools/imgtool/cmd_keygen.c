/* cptra-imgtool keygen | sign */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "imgtool.h"

static const char keygen_usage[] =
    "usage: cptra-imgtool keygen --type ecc|lms --priv FILE --pub FILE [--force]\n"
    "  ecc: ECC P-384 key pair as PEM (private: PKCS#8, public: SubjectPublicKeyInfo).\n"
    "  lms: LMS_SHA256_N24_H15 / LMOTS_SHA256_N24_W4 key pair in the caliptra raw 48-byte\n"
    "       format (type|type|I|SEED and type|type|I|T1), plus FILE.state next to the private\n"
    "       key holding the next unused leaf (\"next_leaf 0\"). Signing advances it; a key is\n"
    "       exhausted after 32768 signatures. Computing the tree takes a few seconds; it is\n"
    "       cached (public values only) in FILE.tree so that signing is fast.\n"
    "  Existing files are not overwritten without --force.\n";

static const char sign_usage[] =
    "usage: cptra-imgtool sign --algo ecc|lms --key PRIV [--pub PUB] [IN OUT]\n"
    "  Sign-helper reference implementation (the [sign_helper] protocol of this tool):\n"
    "  without IN/OUT it reads the 48-byte digest as hex from stdin and writes the signature\n"
    "  to stdout; with IN/OUT (by_file = true) it reads the raw 48-byte digest from IN and\n"
    "  writes the signature to OUT. ECC signatures are DER, LMS signatures raw 1620 bytes.\n";

static int exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0;
}

int cmd_keygen(int argc, char **argv) {
    const char *type = NULL, *priv = NULL, *pub = NULL;
    int force = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = !strcmp(a, "--type")   ? &type
                           : !strcmp(a, "--priv") ? &priv
                           : !strcmp(a, "--pub")  ? &pub
                                                  : NULL;
        if (imgtool_is_help(a)) {
            fputs(keygen_usage, stdout);
            return 0;
        } else if (!strcmp(a, "--force")) {
            force = 1;
        } else if (dst) {
            if (!(*dst = imgtool_optval(argc, argv, &i))) return 1;
        } else
            return imgtool_err("keygen: unknown argument '%s' (see --help)", a);
    }
    if (!type || !priv || !pub)
        return imgtool_err("keygen: --type, --priv and --pub are required (see --help)");
    if (!force && (exists(priv) || exists(pub)))
        return imgtool_err("keygen: %s or %s exists (use --force to overwrite)", priv, pub);
    if (!strcmp(type, "ecc")) {
        void *k = cptra_ecc384_generate();
        if (!k) return imgtool_err("ECC key generation failed");
        int rc = cptra_ecc384_write_pem(k, priv, pub);
        cptra_ecc384_free(k);
        if (rc) return imgtool_err("cannot write %s / %s", priv, pub);
        printf("wrote %s and %s (ECC P-384)\n", priv, pub);
        return 0;
    }
    if (strcmp(type, "lms") != 0) return imgtool_err("keygen: --type must be ecc or lms");
    uint8_t sk[48], pk[48];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (cptra_lms_priv_generate(sk) != 0) return imgtool_err("LMS key generation failed");
    { /* a stale tree cache of an overwritten key must not be picked up */
        size_t cl = strlen(priv) + 6;
        char *cache = malloc(cl);
        if (!cache) return imgtool_err("out of memory");
        snprintf(cache, cl, "%s.tree", priv);
        remove(cache);
        free(cache);
    }
    if (imgtool_write(priv, sk, 48) != 0) return 1;
    cptra_lms_tree_t *t = imgtool_lms_tree(priv, sk);
    if (!t) return imgtool_err("LMS key generation failed");
    cptra_lms_tree_pub(t, pk);
    cptra_lms_tree_free(t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    size_t sl = strlen(priv) + 7;
    char *state = malloc(sl);
    if (!state) return imgtool_err("out of memory");
    snprintf(state, sl, "%s.state", priv);
    static const char fresh[] = "next_leaf 0\n";
    int rc = imgtool_write(pub, pk, 48) ||
             imgtool_write(state, (const uint8_t *)fresh, sizeof fresh - 1);
    if (!rc) chmod(priv, 0600);
    if (!rc)
        printf("wrote %s, %s, %s and %s.tree (LMS H15/W4, 32768 leaves, tree computed in "
               "%.2f s)\n",
               priv, pub, state, priv, s);
    free(state);
    return rc ? 1 : 0;
}

int cmd_sign(int argc, char **argv) {
    const char *algo = NULL, *key = NULL, *pub = NULL, *in = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = !strcmp(a, "--algo")  ? &algo
                           : !strcmp(a, "--key") ? &key
                           : !strcmp(a, "--pub") ? &pub
                                                 : NULL;
        if (imgtool_is_help(a)) {
            fputs(sign_usage, stdout);
            return 0;
        } else if (dst) {
            if (!(*dst = imgtool_optval(argc, argv, &i))) return 1;
        } else if (a[0] != '-' && !in) {
            in = a;
        } else if (a[0] != '-' && !out) {
            out = a;
        } else
            return imgtool_err("sign: unexpected argument '%s' (see --help)", a);
    }
    if (!algo || !key || (strcmp(algo, "ecc") && strcmp(algo, "lms")))
        return imgtool_err("sign: --algo ecc|lms and --key are required (see --help)");
    if (in && !out) return imgtool_err("sign: give both IN and OUT, or neither");
    uint8_t d[48];
    if (in) {
        if (imgtool_read_exact(in, d, 48) != 0) return 1;
    } else {
        char line[256];
        if (!fgets(line, sizeof line, stdin) || imgtool_parse_hex(line, d, 48) != 0)
            return imgtool_err("sign: expected 96 hex digits on stdin");
    }
    uint8_t sig[1620];
    size_t n;
    if (!strcmp(algo, "lms")) {
        if (imgtool_lms_sign(key, pub, d, sig, NULL) != 0) return 1;
        n = 1620;
    } else {
        char err[300];
        void *k = cptra_ecc384_load_pem(key, 1, err, sizeof err);
        if (!k) return imgtool_err("%s", err);
        uint8_t rs[96];
        int rc = cptra_ecc384_sign(k, d, rs);
        cptra_ecc384_free(k);
        if (rc) return imgtool_err("ECC signing failed");
        /* DER SEQUENCE { INTEGER r, INTEGER s } */
        uint8_t *p = sig + 2;
        for (int i = 0; i < 2; i++) {
            const uint8_t *v = rs + 48 * i;
            int skip = 0;
            while (skip < 47 && v[skip] == 0)
                skip++;
            int pad = v[skip] & 0x80 ? 1 : 0, l = 48 - skip + pad;
            *p++ = 0x02;
            *p++ = (uint8_t)l;
            if (pad) *p++ = 0;
            memcpy(p, v + skip, (size_t)(48 - skip));
            p += 48 - skip;
        }
        n = (size_t)(p - sig);
        sig[0] = 0x30;
        sig[1] = (uint8_t)(n - 2);
    }
    imgtool_keys_cleanup();
    if (out) return imgtool_write(out, sig, n) ? 1 : 0;
    return fwrite(sig, 1, n, stdout) == n && fflush(stdout) == 0 ? 0 : 1;
}
