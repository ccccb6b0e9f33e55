/* bootmcu-mkflash: assembles the bootmcu SPI flash image of the VP.
 *   0x000000  Caliptra firmware bundle (caliptra-fw.bin)           images.md §1.4
 *   0x0FF000  OTP fuse block (sw/bootmcu/otp.h) from a fuse TOML    VP format
 *   0x100000  FLSH image (cptra-imgtool create-auth-flash)          images.md §3.2
 * Unused bytes read as erased flash (0xFF). Also makes deterministic test payloads
 * (--pattern) and tampered copies (--flip). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootmcu_map.h"
#include "otp.h"
#include "soc_seq.h"

#define FLSH_OFFSET 0x100000u

static int usage(void) {
    fprintf(stderr,
            "usage: bootmcu-mkflash --out FILE [--bundle FILE] [--fuses TOML] [--flsh FILE]\n"
            "                       [--flip OFFSET[:XOR]]...\n"
            "       bootmcu-mkflash --pattern SEED --size BYTES --out FILE\n"
            "Layout: bundle at 0x0, OTP fuse block at 0x%x, FLSH image at 0x%x; gaps 0xFF.\n"
            "--flip XORs one byte of the result (default XOR 0x01) to make tampered images.\n",
            BOOTMCU_OTP_FLASH_OFFSET, FLSH_OFFSET);
    return 2;
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bootmcu-mkflash: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > BOOTMCU_FLASH_SIZE * 2u) {
                fprintf(stderr, "bootmcu-mkflash: %s: too large\n", path);
                free(buf);
                fclose(f);
                return NULL;
            }
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    fclose(f);
    *len = n;
    return buf;
}

static uint32_t crc32_calc(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static int write_file(const char *path, const uint8_t *p, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
        fprintf(stderr, "bootmcu-mkflash: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

static int pattern(const char *seed_s, const char *size_s, const char *out) {
    char *end;
    unsigned long seed = strtoul(seed_s, &end, 0);
    if (*end) return usage();
    unsigned long size = strtoul(size_s, &end, 0);
    if (*end || size > BOOTMCU_FLASH_SIZE) return usage();
    uint8_t *b = malloc(size ? size : 1);
    if (!b) return 1;
    uint32_t x = (uint32_t)seed * 2654435761u + 1u; /* xorshift32, deterministic */
    for (unsigned long i = 0; i < size; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b[i] = (uint8_t)x;
    }
    int rc = write_file(out, b, size) ? 1 : 0;
    free(b);
    return rc;
}

int main(int argc, char **argv) {
    const char *out = NULL, *bundle = NULL, *fuses = NULL, *flsh = NULL, *pat = NULL, *size = NULL;
    const char *flips[16];
    int nflips = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help")) {
            usage();
            return 0;
        }
        if (!v) return usage();
        if (!strcmp(a, "--out"))
            out = v;
        else if (!strcmp(a, "--bundle"))
            bundle = v;
        else if (!strcmp(a, "--fuses"))
            fuses = v;
        else if (!strcmp(a, "--flsh"))
            flsh = v;
        else if (!strcmp(a, "--pattern"))
            pat = v;
        else if (!strcmp(a, "--size"))
            size = v;
        else if (!strcmp(a, "--flip") && nflips < 16)
            flips[nflips++] = v;
        else
            return usage();
        i++;
    }
    if (!out) return usage();
    if (pat) return size ? pattern(pat, size, out) : usage();

    size_t total = BOOTMCU_OTP_FLASH_OFFSET + BOOTMCU_OTP_SIZE;
    uint8_t *img = NULL, *bun = NULL, *fl = NULL;
    size_t bun_len = 0, fl_len = 0;
    int rc = 1;
    if (bundle && !(bun = read_file(bundle, &bun_len))) goto out;
    if (flsh && !(fl = read_file(flsh, &fl_len))) goto out;
    if (bun_len > BOOTMCU_OTP_FLASH_OFFSET) {
        fprintf(stderr, "bootmcu-mkflash: bundle larger than 0x%x\n", BOOTMCU_OTP_FLASH_OFFSET);
        goto out;
    }
    if (fl && FLSH_OFFSET + fl_len > BOOTMCU_FLASH_SIZE) {
        fprintf(stderr, "bootmcu-mkflash: FLSH image does not fit the flash window\n");
        goto out;
    }
    if (fl) total = FLSH_OFFSET + fl_len;
    img = malloc(total);
    if (!img) goto out;
    memset(img, 0xFF, total);
    if (bun) memcpy(img, bun, bun_len);
    if (fuses) {
        soc_fuses_t fz;
        char err[256];
        memset(&fz, 0, sizeof fz);
        if (soc_fuses_load_toml(fuses, &fz, err, sizeof err)) {
            fprintf(stderr, "bootmcu-mkflash: %s\n", err);
            goto out;
        }
        uint32_t w[BOOTMCU_OTP_NWORDS];
        size_t k = 0;
#define ADD(arr, n)                                                                                \
    for (size_t j = 0; j < (n); j++)                                                               \
        w[k++] = (arr)[j];
        ADD(fz.uds_seed, 12);
        ADD(fz.field_entropy, 8);
        ADD(fz.key_manifest_pk_hash, 12);
        ADD(&fz.key_manifest_pk_hash_mask, 1);
        ADD(fz.owner_pk_hash, 12);
        ADD(&fz.fmc_key_manifest_svn, 1);
        ADD(fz.runtime_svn, 4);
        ADD(&fz.anti_rollback_disable, 1);
        ADD(fz.idevid_cert_attr, 24);
        ADD(fz.idevid_manuf_hsm_id, 4);
        ADD(&fz.life_cycle, 1);
        ADD(&fz.lms_verify, 1);
        ADD(&fz.lms_revocation, 1);
        ADD(&fz.soc_stepping_id, 1);
#undef ADD
        if (k != BOOTMCU_OTP_NWORDS) {
            fprintf(stderr, "bootmcu-mkflash: fuse layout mismatch\n");
            goto out;
        }
        uint8_t *o = img + BOOTMCU_OTP_FLASH_OFFSET;
        put32(o, BOOTMCU_OTP_MAGIC);
        put32(o + 4, BOOTMCU_OTP_VERSION);
        put32(o + 8, BOOTMCU_OTP_NWORDS);
        for (size_t j = 0; j < k; j++)
            put32(o + BOOTMCU_OTP_HDR + 4 * j, w[j]);
        put32(o + 12, crc32_calc(o + BOOTMCU_OTP_HDR, 4 * k));
    }
    if (fl) memcpy(img + FLSH_OFFSET, fl, fl_len);
    for (int i = 0; i < nflips; i++) {
        char *end;
        unsigned long off = strtoul(flips[i], &end, 0), x = 1;
        if (*end == ':') x = strtoul(end + 1, &end, 0);
        if (*end || off >= total || !x || x > 0xFF) {
            fprintf(stderr, "bootmcu-mkflash: bad --flip %s (image is %zu bytes)\n", flips[i],
                    total);
            goto out;
        }
        img[off] ^= (uint8_t)x;
    }
    rc = write_file(out, img, total) ? 1 : 0;
out:
    free(img);
    free(bun);
    free(fl);
    return rc;
}
