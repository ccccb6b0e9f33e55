#include "spiflash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int spiflash_init(spiflash_t *f, uint32_t window_size) {
    memset(f, 0, sizeof(*f));
    if (window_size == 0) return -1;
    f->data = malloc(window_size);
    if (!f->data) return -1;
    memset(f->data, 0xFF, window_size);
    f->window_size = window_size;
    return 0;
}

void spiflash_free(spiflash_t *f) {
    free(f->data);
    memset(f, 0, sizeof(*f));
}

int spiflash_load_mem(spiflash_t *f, const void *img, size_t len) {
    if (!f->data || len > f->window_size) return -1;
    memset(f->data, 0xFF, f->window_size);
    memcpy(f->data, img, len);
    f->image_size = (uint32_t)len;
    return 0;
}

int spiflash_load_file(spiflash_t *f, const char *path, char *err, size_t errlen) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "flash image %s: %s", path, strerror(errno));
        return -1;
    }
    memset(f->data, 0xFF, f->window_size);
    size_t n = fread(f->data, 1, f->window_size, fp);
    int extra = fgetc(fp) != EOF;
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        snprintf(err, errlen, "flash image %s: read error", path);
        return -1;
    }
    if (extra) {
        snprintf(err, errlen, "flash image %s: larger than the %u-byte flash window", path,
                 f->window_size);
        memset(f->data, 0xFF, f->window_size);
        return -1;
    }
    f->image_size = (uint32_t)n;
    return 0;
}

int spiflash_access(void *ctx, bootmcu_bus_access_t *a) {
    spiflash_t *f = ctx;
    if (a->write) return -1; /* read-only window */
    if (a->off >= f->window_size || f->window_size - a->off < a->size) return -1;
    uint32_t v = 0;
    for (unsigned i = 0; i < a->size; i++)
        v |= (uint32_t)f->data[a->off + i] << (8 * i);
    a->data = v;
    return 0;
}
