#include "elf_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static uint16_t le16(const uint8_t *p) {
    return (uint16_t)(p[0] | (p[1] << 8));
}

#define EM_RISCV 243
#define PT_LOAD  1

int elf_load_mem(rv32_cpu_t *cpu, const uint8_t *img, size_t len, uint32_t *entry, char *err,
                 size_t errlen) {
    if (len < 52 || memcmp(img, "\177ELF", 4) != 0) {
        snprintf(err, errlen, "not an ELF file");
        return -1;
    }
    if (img[4] != 1 || img[5] != 1) {
        snprintf(err, errlen, "not a 32-bit little-endian ELF");
        return -1;
    }
    if (le16(img + 18) != EM_RISCV) {
        snprintf(err, errlen, "not a RISC-V ELF (e_machine %u)", le16(img + 18));
        return -1;
    }
    uint32_t phoff = le32(img + 28);
    uint16_t phentsize = le16(img + 42), phnum = le16(img + 44);
    if (phnum == 0 || phentsize < 32 || phoff > len || (uint64_t)phentsize * phnum > len - phoff) {
        snprintf(err, errlen, "bad program header table");
        return -1;
    }
    int loaded = 0;
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = img + phoff + (size_t)i * phentsize;
        if (le32(ph) != PT_LOAD) continue;
        uint32_t off = le32(ph + 4), paddr = le32(ph + 12), filesz = le32(ph + 16),
                 memsz = le32(ph + 20);
        if (memsz == 0) continue;
        if (filesz > memsz || off > len || filesz > len - off ||
            (uint64_t)paddr + memsz > 0x100000000ull) {
            snprintf(err, errlen, "segment %u: bad sizes or offsets", i);
            return -1;
        }
        if (rv32_mem_write(cpu, paddr, img + off, filesz) != filesz) {
            snprintf(err, errlen, "segment %u (0x%08x, %u bytes) is outside the memory map", i,
                     paddr, filesz);
            return -1;
        }
        static const uint8_t zero[256];
        for (uint32_t z = filesz; z < memsz;) {
            uint32_t n = memsz - z > sizeof(zero) ? (uint32_t)sizeof(zero) : memsz - z;
            if (rv32_mem_write(cpu, paddr + z, zero, n) != n) {
                snprintf(err, errlen, "segment %u .bss (0x%08x) is outside the memory map", i,
                         paddr + z);
                return -1;
            }
            z += n;
        }
        loaded++;
    }
    if (!loaded) {
        snprintf(err, errlen, "no loadable segments");
        return -1;
    }
    *entry = le32(img + 24);
    return 0;
}

int elf_load_file(rv32_cpu_t *cpu, const char *path, uint32_t *entry, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            if (cap >= (256u << 20)) {
                snprintf(err, errlen, "%s: file too large", path);
                free(buf);
                fclose(f);
                return -1;
            }
            cap = cap ? cap * 2 : 65536;
            uint8_t *n = realloc(buf, cap);
            if (!n) {
                free(buf);
                fclose(f);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            buf = n;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    fclose(f);
    char e2[200];
    int rc = elf_load_mem(cpu, buf, len, entry, e2, sizeof(e2));
    if (rc) snprintf(err, errlen, "%s: %s", path, e2);
    free(buf);
    return rc;
}
