/* File, number and message helpers for cptra-imgtool. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imgtool.h"

int imgtool_verr(const char *fmt, va_list ap) {
    fputs("cptra-imgtool: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    return 1;
}

int imgtool_err(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    imgtool_verr(fmt, ap);
    va_end(ap);
    return 1;
}

void imgtool_warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("cptra-imgtool: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

uint8_t *imgtool_read(const char *path, size_t max, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        imgtool_err("%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        imgtool_err("%s: not a regular file", path);
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        fclose(f);
        imgtool_err("%s: file too large (%lld bytes, limit %zu)", path, (long long)st.st_size, max);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *b = malloc(n + 1);
    if (!b) {
        fclose(f);
        imgtool_err("out of memory");
        return NULL;
    }
    if (n && fread(b, 1, n, f) != n) {
        fclose(f);
        free(b);
        imgtool_err("%s: read error", path);
        return NULL;
    }
    fclose(f);
    b[n] = 0;
    *len = n;
    return b;
}

int imgtool_read_exact(const char *path, uint8_t *buf, size_t n) {
    size_t len;
    uint8_t *b = imgtool_read(path, 1u << 20, &len);
    if (!b) return -1;
    if (len != n) {
        free(b);
        imgtool_err("%s: expected %zu bytes, found %zu", path, n, len);
        return -1;
    }
    memcpy(buf, b, n);
    free(b);
    return 0;
}

static int mkdirs_for(const char *path) {
    char *p = strdup(path);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int imgtool_write(const char *path, const uint8_t *buf, size_t len) {
    if (mkdirs_for(path) != 0)
        return imgtool_err("%s: cannot create the parent directory: %s", path, strerror(errno)), -1;
    size_t tl = strlen(path) + 16;
    char *tmp = malloc(tl);
    if (!tmp) return imgtool_err("out of memory"), -1;
    snprintf(tmp, tl, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f && (len == 0 || fwrite(buf, 1, len, f) == len);
    if (f) ok = (fclose(f) == 0) && ok;
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        imgtool_err("%s: cannot write: %s", path, strerror(e));
        return -1;
    }
    free(tmp);
    return 0;
}

char *imgtool_join(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) return NULL;
    if (!*dir || name[0] == '/')
        snprintf(p, n, "%s", name);
    else
        snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

int imgtool_parse_u32(const char *s, uint32_t *out) {
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v > 0xFFFFFFFFull || s[0] == '-') return -1;
    *out = (uint32_t)v;
    return 0;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int imgtool_parse_hex(const char *s, uint8_t *out, size_t n) {
    size_t k = 0;
    int hi = -1;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    for (; *s; s++) {
        if (*s == ' ' || *s == ':' || *s == '_' || *s == '\n' || *s == '\t' || *s == ',') continue;
        int v = hexval((unsigned char)*s);
        if (v < 0 || k >= n) return -1;
        if (hi < 0)
            hi = v;
        else {
            out[k++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return (k == n && hi < 0) ? 0 : -1;
}

void imgtool_hex(const uint8_t *p, size_t n, char *out) {
    static const char d[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[p[i] >> 4];
        out[2 * i + 1] = d[p[i] & 15];
    }
    out[2 * n] = 0;
}

int imgtool_is_help(const char *a) {
    return !strcmp(a, "--help") || !strcmp(a, "-h");
}

const char *imgtool_optval(int argc, char **argv, int *i) {
    if (*i + 1 >= argc) {
        imgtool_err("option %s needs a value", argv[*i]);
        return NULL;
    }
    (*i)++;
    return argv[*i];
}
