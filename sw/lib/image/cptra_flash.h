/* "FLSH" flash image (caliptra-mcu-sw @ 2b7837402 layout, spec/images.md §3.1).
 * Freestanding C (stdint/string only, no OpenSSL, no malloc) so the bootmcu firmware can use it.
 *
 *   0  magic "FLSH" | 4 header_version u16 (=1) | 6 image_count u16 | 8 header CRC-32 of [0,8)
 *   12 payload CRC-32 of [16,end) | 16 image info[N] {identifier, offset, size} | image data
 */
#ifndef CPTRA_FLASH_H
#define CPTRA_FLASH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CPTRA_FLASH_MAGIC           0x48534C46u /* LE u32 of the bytes "FLSH" */
#define CPTRA_FLASH_VERSION         1u
#define CPTRA_FLASH_HDR_SIZE        16u
#define CPTRA_FLASH_ENTRY_SIZE      12u
#define CPTRA_FLASH_MAX_IMAGES      127u /* ASPEED readers' img_count limit */
#define CPTRA_FLASH_ID_CALIPTRA_FW  0x0001u
#define CPTRA_FLASH_ID_SOC_MANIFEST 0x0002u
#define CPTRA_FLASH_ID_MCU_RT       0x0003u
#define CPTRA_FLASH_ID_SOC_BASE     0x1000u
#define CPTRA_FLASH_SPI_OFFSET      0x100000u /* where the AST2700 keeps it on SPI (images.md §3.2) */

/* Parse results (0 = ok). */
#define CPTRA_FLASH_OK            0
#define CPTRA_FLASH_E_TRUNCATED   (-1) /* shorter than the header or the image info table */
#define CPTRA_FLASH_E_MAGIC       (-2)
#define CPTRA_FLASH_E_VERSION     (-3)
#define CPTRA_FLASH_E_COUNT       (-4) /* image_count > 127 */
#define CPTRA_FLASH_E_HDR_CRC     (-5)
#define CPTRA_FLASH_E_PAYLOAD_CRC (-6)
#define CPTRA_FLASH_E_RANGE       (-7) /* an image lies (partly) outside the buffer */
#define CPTRA_FLASH_E_ARG         (-8)

/* Checks selected by cptra_flash_parse flags. */
#define CPTRA_FLASH_CHECK_HDR_CRC     1u /* what the ASPEED readers check */
#define CPTRA_FLASH_CHECK_PAYLOAD_CRC 2u /* what `xtask flash-image verify` also checks */
#define CPTRA_FLASH_CHECK_RANGES      4u
#define CPTRA_FLASH_CHECK_ALL         7u

typedef struct cptra_flash_entry {
    uint32_t identifier;
    uint32_t offset; /* from byte 0 of the flash image */
    uint32_t size;   /* padded to a multiple of 4 */
} cptra_flash_entry_t;

typedef struct cptra_flash_info {
    uint16_t version;
    uint16_t count;
    uint32_t hdr_crc, hdr_crc_calc;
    uint32_t payload_crc, payload_crc_calc; /* calc: with CHECK_PAYLOAD_CRC, whole buffer */
    cptra_flash_entry_t entry[CPTRA_FLASH_MAX_IMAGES];
} cptra_flash_info_t;

/* CRC-32/ISO-HDLC (zlib crc32): start with crc = 0. */
uint32_t cptra_crc32(uint32_t crc, const void *data, size_t len);

/* Parse and check; returns the first failing check as CPTRA_FLASH_E_*. info is filled as far as
 * the buffer allows even on error. */
int cptra_flash_parse(const uint8_t *buf, size_t len, uint32_t flags, cptra_flash_info_t *info);
const char *cptra_flash_strerror(int err);

/* Entry with this identifier, or NULL. */
const cptra_flash_entry_t *cptra_flash_find(const cptra_flash_info_t *info, uint32_t identifier);

/* Build: images[i] with lengths lens[i] and identifiers ids[i]; each zero-padded to 4.
 * Returns the total size; writes only when out != NULL and cap is large enough
 * (call once with out = NULL to size). Returns 0 on bad arguments (n > 127, size overflow). */
size_t cptra_flash_build(const uint8_t *const *images, const size_t *lens, const uint32_t *ids,
                         size_t n, uint8_t *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
