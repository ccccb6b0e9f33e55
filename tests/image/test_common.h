/* Shared helpers for the image tests: testdata access and spec constants. */
#ifndef IMAGE_TEST_COMMON_H
#define IMAGE_TEST_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VP_TESTDATA
#error "VP_TESTDATA must be defined"
#endif
#define TD             VP_TESTDATA "/cptra_imgtool"
#define BUNDLE_DEFAULT TD "/prebuilt/ast2700-default/caliptra-fw.bin"
#define BUNDLE_IROT    TD "/prebuilt/ast2700-irot/caliptra-fw.bin"
#define KEYS           TD "/key/ast2700-default"

/* spec/images.md §4 / testdata/README.md fuse words (register order) */
static const uint32_t FUSE_VENDOR_DEFAULT[12] = {0x428d18b0, 0xb49192c0, 0x163b4e0b, 0x2e231d20,
                                                 0xeef3ae37, 0xf8046c09, 0xa31911e3, 0xf6875a9a,
                                                 0x287342c5, 0x8c7f8d68, 0xb69fafe1, 0xdd27b2dc};
static const uint32_t FUSE_VENDOR_IROT[12] = {0x66d13497, 0x2b5f2322, 0x3cfa49d7, 0x45a49666,
                                              0xa5f750fc, 0xdd873a05, 0x1c8ea507, 0x330228ba,
                                              0xb1024a9d, 0xcc310748, 0x99a7deb3, 0x190a539a};
static const uint32_t FUSE_OWNER[12] = {0x124f40b2, 0xb2035f15, 0xe4878203, 0x7342d795,
                                        0xafc8b36d, 0x065d2fea, 0x9afaee72, 0x4b8b9d53,
                                        0x433ec6c1, 0xb4dbb9dc, 0x2c6f9f71, 0xe5f218b6};

static inline uint8_t *td_read(const char *path, size_t *len) {
    if (len) *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (len) *len = (size_t)n;
    return b;
}

static inline uint32_t rd_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
