/* Memory-mapped SPI flash: a read-only window onto the flash image. The window has a fixed
 * size; the image is loaded at offset 0 and the rest reads as erased flash (0xFF). The window
 * bytes can be mapped into the ISS as a read-only host region (fast path) or accessed through
 * spiflash_access (stores are bus errors). */
#ifndef BOOTMCU_SPIFLASH_H
#define BOOTMCU_SPIFLASH_H

#include <stddef.h>
#include <stdint.h>

#include "../bootmcu_bus.h"

typedef struct spiflash {
    uint8_t *data; /* window_size bytes */
    uint32_t window_size;
    uint32_t image_size;
} spiflash_t;

/* Returns 0, or -1 (out of memory / zero size). */
int spiflash_init(spiflash_t *f, uint32_t window_size);
void spiflash_free(spiflash_t *f);
/* Load an image file. Returns 0, or -1 with a message in err (missing file, larger than the
 * window, read error). */
int spiflash_load_file(spiflash_t *f, const char *path, char *err, size_t errlen);
int spiflash_load_mem(spiflash_t *f, const void *img, size_t len);
int spiflash_access(void *ctx, bootmcu_bus_access_t *a);

#endif
