/* Key handling for cptra-imgtool: stateful LMS signing, external sign helpers, ELF loading. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cptra_crypto.h"
#include "cptra_lms.h"
#include "imgtool.h"

/* One cached tree per private-key file, so a run that signs several times with the same key
 * builds the (1.5 MiB, ~1.6 s) full tree once. */
#define MAX_TREES 8
static struct {
    char *path;
    cptra_lms_tree_t *tree;
} trees[MAX_TREES];

void imgtool_keys_cleanup(void) {
    for (int i = 0; i < MAX_TREES; i++) {
        free(trees[i].path);
        cptra_lms_tree_free(trees[i].tree);
        trees[i].path = NULL;
        trees[i].tree = NULL;
    }
}

int imgtool_lms_read_pub(const char *path, uint8_t pub[48]) {
    if (imgtool_read_exact(path, pub, 48) != 0) return -1;
    if (pub[0] || pub[1] || pub[2] || pub[3] != CPTRA_LMS_SHA256_N24_H15 || pub[4] || pub[5] ||
        pub[6] || pub[7] != CPTRA_LMOTS_SHA256_N24_W4)
        return imgtool_err("%s: not an LMS_SHA256_N24_H15/LMOTS_SHA256_N24_W4 public key", path),
               -1;
    return 0;
}

static char *state_path(const char *priv_path) {
    size_t n = strlen(priv_path) + 7;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s.state", priv_path);
    return p;
}

/* "next_leaf <n>\n" */
static int read_state(const char *path, uint32_t *next) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    unsigned long v;
    int ok = fscanf(f, "next_leaf %lu", &v) == 1 && v <= CPTRA_LMS_LEAVES;
    fclose(f);
    if (!ok) return -2;
    *next = (uint32_t)v;
    return 0;
}

static int write_state(const char *path, uint32_t next) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, "next_leaf %u\n", next);
    return imgtool_write(path, (const uint8_t *)buf, (size_t)n);
}

cptra_lms_tree_t *imgtool_lms_tree(const char *priv_path, const uint8_t priv[48]) {
    size_t n = strlen(priv_path) + 6, len;
    char *cache = malloc(n);
    if (!cache) return NULL;
    snprintf(cache, n, "%s.tree", priv_path);
    cptra_lms_tree_t *t = NULL;
    FILE *f = fopen(cache, "rb");
    if (f) {
        fclose(f);
        uint8_t *b = imgtool_read(cache, CPTRA_LMS_TREE_SERIALIZED_LEN, &len);
        if (b) t = cptra_lms_tree_deserialize(priv, b, len);
        free(b);
        if (!t) imgtool_warn("%s: not a valid tree for this key; recomputing", cache);
    }
    if (!t) {
        t = cptra_lms_tree_build(priv);
        uint8_t *b = t ? malloc(CPTRA_LMS_TREE_SERIALIZED_LEN) : NULL;
        /* best effort: a read-only key directory only costs the recomputation next time */
        if (b && cptra_lms_tree_serialize(t, b, CPTRA_LMS_TREE_SERIALIZED_LEN) == 0) {
            FILE *o = fopen(cache, "wb");
            if (o) {
                int ok =
                    fwrite(b, 1, CPTRA_LMS_TREE_SERIALIZED_LEN, o) == CPTRA_LMS_TREE_SERIALIZED_LEN;
                if (fclose(o) != 0 || !ok) remove(cache);
            }
        }
        free(b);
    }
    free(cache);
    return t;
}

int imgtool_lms_sign(const char *priv_path, const char *pub_path, const uint8_t digest[48],
                     uint8_t sig[1620], uint8_t pub_out[48]) {
    uint8_t priv[48], pub[48], calc[48];
    int have_pub = 0;
    if (imgtool_read_exact(priv_path, priv, 48) != 0) return -1;
    if (priv[3] != CPTRA_LMS_SHA256_N24_H15 || priv[7] != CPTRA_LMOTS_SHA256_N24_W4 || priv[0] ||
        priv[1] || priv[2] || priv[4] || priv[5] || priv[6])
        return imgtool_err("%s: not an LMS_SHA256_N24_H15/LMOTS_SHA256_N24_W4 private key",
                           priv_path),
               -1;
    if (pub_path) {
        if (imgtool_lms_read_pub(pub_path, pub) != 0) return -1;
        have_pub = 1;
        if (memcmp(pub + 8, priv + 8, 16) != 0)
            return imgtool_err("%s and %s: key identifiers differ", priv_path, pub_path), -1;
        /* Caliptra image-generator keys: root over leaf 5 only. */
        cptra_lms_tree_t *sp = cptra_lms_tree_build_sparse(priv, 5);
        if (!sp) return imgtool_err("out of memory"), -1;
        cptra_lms_tree_pub(sp, calc);
        static char warned[MAX_TREES][256];
        int seen = 0;
        for (int i = 0; i < MAX_TREES && !seen; i++)
            seen = !strcmp(warned[i], priv_path);
        for (int i = 0; i < MAX_TREES && !seen && memcmp(calc, pub, 48) == 0; i++)
            if (!warned[i][0]) {
                snprintf(warned[i], sizeof warned[i], "%s", priv_path);
                break;
            }
        if (memcmp(calc, pub, 48) == 0) {
            if (!seen)
                imgtool_warn("%s is a caliptra image-generator LMS key: only leaf 5 is usable, so "
                             "every signature reuses that one-time key",
                             priv_path);
            int rc = cptra_lms_tree_sign(sp, 5, digest, 48, sig);
            cptra_lms_tree_free(sp);
            if (pub_out) memcpy(pub_out, pub, 48);
            return rc == 0 ? 0 : (imgtool_err("LMS signing failed"), -1);
        }
        cptra_lms_tree_free(sp);
    }
    char *sp = state_path(priv_path);
    if (!sp) return imgtool_err("out of memory"), -1;
    uint32_t next = 0;
    int rs = read_state(sp, &next);
    if (rs == -1) {
        imgtool_err("%s: no LMS state file; keys made by `cptra-imgtool keygen --type lms` have "
                    "one (refusing to guess the next unused leaf)",
                    sp);
        free(sp);
        return -1;
    }
    if (rs == -2) {
        imgtool_err("%s: malformed LMS state file (expected \"next_leaf N\")", sp);
        free(sp);
        return -1;
    }
    if (next >= CPTRA_LMS_LEAVES) {
        imgtool_err("%s: LMS key exhausted (all %u one-time keys used)", priv_path,
                    CPTRA_LMS_LEAVES);
        free(sp);
        return -1;
    }
    cptra_lms_tree_t *t = NULL;
    int slot = -1;
    for (int i = 0; i < MAX_TREES; i++)
        if (trees[i].path && !strcmp(trees[i].path, priv_path))
            t = trees[i].tree;
        else if (!trees[i].path && slot < 0)
            slot = i;
    if (!t) {
        t = imgtool_lms_tree(priv_path, priv);
        if (!t) {
            free(sp);
            return imgtool_err("out of memory"), -1;
        }
        if (slot >= 0) {
            trees[slot].path = strdup(priv_path);
            trees[slot].tree = t;
        }
    }
    cptra_lms_tree_pub(t, calc);
    int rc = -1;
    if (have_pub && memcmp(calc, pub, 48) != 0) {
        imgtool_err("%s does not match the private key %s", pub_path, priv_path);
    } else if (write_state(sp, next + 1) != 0) {
        /* the state is advanced before the signature exists: a crash never reuses a leaf */
    } else if (cptra_lms_tree_sign(t, next, digest, 48, sig) != 0) {
        imgtool_err("LMS signing failed");
    } else if (cptra_lms_verify(digest, 48, calc, sig, CPTRA_LMS_SIG_LEN) != 0) {
        imgtool_err("%s.tree: the cached LMS tree is corrupt (delete it to recompute)", priv_path);
    } else {
        if (pub_out) memcpy(pub_out, calc, 48);
        rc = 0;
    }
    if (slot < 0 || trees[slot].tree != t) {
        int cached = 0;
        for (int i = 0; i < MAX_TREES; i++)
            cached |= trees[i].tree == t;
        if (!cached) cptra_lms_tree_free(t);
    }
    free(sp);
    return rc;
}

/* ---- sign helpers ---- */

static int run_shell(const char *cmd, const uint8_t *in, size_t inlen, uint8_t *out, size_t cap,
                     size_t *outlen) {
    int pin[2], pout[2];
    if (pipe(pin) != 0) return -1;
    if (pipe(pout) != 0) {
        close(pin[0]);
        close(pin[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(pin[0]);
        close(pin[1]);
        close(pout[0]);
        close(pout[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(pin[0], 0);
        dup2(pout[1], 1);
        close(pin[0]);
        close(pin[1]);
        close(pout[0]);
        close(pout[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(pin[0]);
    close(pout[1]);
    /* the inputs are tiny (< 100 B), so writing before reading cannot deadlock */
    if (inlen) {
        ssize_t w = write(pin[1], in, inlen);
        (void)w;
    }
    close(pin[1]);
    size_t n = 0;
    for (;;) {
        uint8_t tmp[4096];
        ssize_t r = read(pout[0], tmp, sizeof tmp);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        size_t take = (size_t)r;
        if (n + take > cap) take = cap - n;
        memcpy(out + n, tmp, take);
        n += take;
    }
    close(pout[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    *outlen = n;
    if (!WIFEXITED(status)) return -2;
    return WEXITSTATUS(status);
}

/* Accept binary or hex text output. */
static size_t maybe_unhex(uint8_t *buf, size_t n) {
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        int c = buf[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            digits++;
        else if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return n; /* binary */
    }
    if (digits % 2 || digits == 0) return n;
    size_t k = 0;
    int hi = -1;
    for (size_t i = 0; i < n; i++) {
        int c = buf[i], v;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else
            continue;
        if (hi < 0)
            hi = v;
        else {
            buf[k++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return k;
}

int imgtool_sign_helper(const char *cmd, int by_file, int is_lms, const uint8_t digest[48],
                        uint8_t *sig) {
    uint8_t out[8192];
    size_t n = 0;
    int rc;
    if (by_file) {
        char din[] = "/tmp/cptra-imgtool-tbs-XXXXXX", dout[] = "/tmp/cptra-imgtool-sig-XXXXXX";
        int fi = mkstemp(din);
        if (fi < 0) return imgtool_err("cannot create a temporary file"), -1;
        int fo = mkstemp(dout);
        if (fo < 0) {
            close(fi);
            unlink(din);
            return imgtool_err("cannot create a temporary file"), -1;
        }
        ssize_t w = write(fi, digest, 48);
        close(fi);
        close(fo);
        size_t cl = strlen(cmd) + strlen(din) + strlen(dout) + 4;
        char *full = malloc(cl);
        if (!full || w != 48) {
            free(full);
            unlink(din);
            unlink(dout);
            return imgtool_err("cannot prepare the sign helper input"), -1;
        }
        snprintf(full, cl, "%s %s %s", cmd, din, dout);
        size_t dummy;
        rc = run_shell(full, NULL, 0, out, sizeof out, &dummy);
        free(full);
        if (rc == 0) {
            FILE *f = fopen(dout, "rb");
            n = f ? fread(out, 1, sizeof out, f) : 0;
            if (f) fclose(f);
        }
        unlink(din);
        unlink(dout);
    } else {
        char hex[97];
        imgtool_hex(digest, 48, hex);
        hex[96] = '\n';
        rc = run_shell(cmd, (const uint8_t *)hex, 97, out, sizeof out, &n);
    }
    if (rc != 0)
        return imgtool_err("sign helper `%s` failed (%s %d)", cmd,
                           rc == -2 ? "killed," : "exit status", rc),
               -1;
    n = maybe_unhex(out, n);
    if (is_lms) {
        if (n != CPTRA_LMS_SIG_LEN)
            return imgtool_err("sign helper `%s` returned %zu bytes, expected a %d-byte LMS "
                               "signature",
                               cmd, n, CPTRA_LMS_SIG_LEN),
                   -1;
        memcpy(sig, out, n);
        return 0;
    }
    if (n == 96) {
        memcpy(sig, out, 96);
        return 0;
    }
    if (cptra_ecc384_sig_from_der(out, n, sig) != 0)
        return imgtool_err("sign helper `%s` did not return a DER ECDSA P-384 signature", cmd), -1;
    return 0;
}

/* ---- ELF ---- */

static uint64_t rd(const uint8_t *p, int sz) {
    uint64_t v = 0;
    for (int i = sz - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static int elf_err(int report, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int elf_err(int report, const char *fmt, ...) {
    if (report) {
        va_list ap;
        va_start(ap, fmt);
        imgtool_verr(fmt, ap);
        va_end(ap);
    }
    return 1;
}

static int elf_flatten(uint8_t **bufp, size_t *lenp, uint32_t *load, uint32_t *entry,
                       const char *name, int report);

int imgtool_elf_flatten(uint8_t **bufp, size_t *lenp, uint32_t *load, uint32_t *entry,
                        const char *name, int strict) {
    int rc = elf_flatten(bufp, lenp, load, entry, name, strict);
    if (rc < 0 && !strict) {
        /* the ASPEED default bundle's runtime image is such a raw, truncated ELF */
        imgtool_warn("%s starts with an ELF header but is not a loadable ELF: using it as a raw "
                     "binary (--format elf to insist)",
                     name);
        return 0;
    }
    return rc;
}

static int elf_flatten(uint8_t **bufp, size_t *lenp, uint32_t *load, uint32_t *entry,
                       const char *name, int report) {
    uint8_t *b = *bufp;
    size_t len = *lenp;
    if (len < 4 || memcmp(b,
                          "\x7f"
                          "ELF",
                          4) != 0)
        return 0;
    if (len < 52 || (b[4] != 1 && b[4] != 2) || b[5] != 1)
        return elf_err(report, "%s: unsupported ELF (need 32/64-bit little-endian)", name), -1;
    int is64 = b[4] == 2;
    size_t ehsize = is64 ? 64 : 52;
    if (len < ehsize) return elf_err(report, "%s: truncated ELF header", name), -1;
    uint64_t e_entry = is64 ? rd(b + 24, 8) : rd(b + 24, 4);
    uint64_t phoff = is64 ? rd(b + 32, 8) : rd(b + 28, 4);
    unsigned phentsize = (unsigned)(is64 ? rd(b + 54, 2) : rd(b + 42, 2));
    unsigned phnum = (unsigned)(is64 ? rd(b + 56, 2) : rd(b + 44, 2));
    if (phentsize < (is64 ? 56u : 32u) || phoff > len || (uint64_t)phentsize * phnum > len - phoff)
        return elf_err(report, "%s: bad ELF program header table", name), -1;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = b + phoff + (uint64_t)i * phentsize;
        if (rd(ph, 4) != 1) /* PT_LOAD */
            continue;
        uint64_t off = is64 ? rd(ph + 8, 8) : rd(ph + 4, 4);
        uint64_t paddr = is64 ? rd(ph + 24, 8) : rd(ph + 12, 4);
        uint64_t filesz = is64 ? rd(ph + 32, 8) : rd(ph + 16, 4);
        if (!filesz) continue;
        if (off > len || filesz > len - off)
            return elf_err(report, "%s: PT_LOAD segment %u outside the file", name, i), -1;
        if (paddr < lo) lo = paddr;
        if (paddr + filesz > hi) hi = paddr + filesz;
    }
    if (lo == UINT64_MAX) return elf_err(report, "%s: ELF has no loadable segment", name), -1;
    if (hi - lo > CPTRA_IMAGE_MAX_SIZE || hi > 0x100000000ull)
        return elf_err(report, "%s: loadable segments span %llu bytes (limit %u)", name,
                       (unsigned long long)(hi - lo), CPTRA_IMAGE_MAX_SIZE),
               -1;
    size_t n = (size_t)(hi - lo);
    uint8_t *img = calloc(1, n ? n : 1);
    if (!img) return elf_err(report, "out of memory"), -1;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = b + phoff + (uint64_t)i * phentsize;
        if (rd(ph, 4) != 1) continue;
        uint64_t off = is64 ? rd(ph + 8, 8) : rd(ph + 4, 4);
        uint64_t paddr = is64 ? rd(ph + 24, 8) : rd(ph + 12, 4);
        uint64_t filesz = is64 ? rd(ph + 32, 8) : rd(ph + 16, 4);
        if (filesz) memcpy(img + (paddr - lo), b + off, (size_t)filesz);
    }
    free(b);
    *bufp = img;
    *lenp = n;
    *load = (uint32_t)lo;
    *entry = (uint32_t)e_entry;
    return 1;
}
