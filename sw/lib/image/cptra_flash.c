/* "FLSH" flash image, see cptra_flash.h. Freestanding: no libc beyond memcpy/memset. */
#include "cptra_flash.h"
#include "vp_bytes.h"

#if __STDC_HOSTED__
#include <string.h>
#else /* the bootmcu firmware (-ffreestanding) brings its own */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
#endif

uint32_t cptra_crc32(uint32_t crc, const void *data, size_t len) {
    const uint8_t *p = data;
    crc = ~crc;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

const char *cptra_flash_strerror(int err) {
    switch (err) {
    case CPTRA_FLASH_OK:
        return "ok";
    case CPTRA_FLASH_E_TRUNCATED:
        return "truncated (shorter than the header or the image table)";
    case CPTRA_FLASH_E_MAGIC:
        return "bad magic (expected \"FLSH\")";
    case CPTRA_FLASH_E_VERSION:
        return "unsupported header version (expected 1)";
    case CPTRA_FLASH_E_COUNT:
        return "image count larger than 127";
    case CPTRA_FLASH_E_HDR_CRC:
        return "header CRC-32 mismatch";
    case CPTRA_FLASH_E_PAYLOAD_CRC:
        return "payload CRC-32 mismatch";
    case CPTRA_FLASH_E_RANGE:
        return "an image lies outside the file";
    default:
        return "bad argument";
    }
}

int cptra_flash_parse(const uint8_t *buf, size_t len, uint32_t flags, cptra_flash_info_t *info) {
    if (!buf || !info) return CPTRA_FLASH_E_ARG;
    memset(info, 0, sizeof *info);
    if (len < CPTRA_FLASH_HDR_SIZE) return CPTRA_FLASH_E_TRUNCATED;
    info->version = (uint16_t)(buf[4] | buf[5] << 8);
    info->count = (uint16_t)(buf[6] | buf[7] << 8);
    info->hdr_crc = le32(buf + 8);
    info->payload_crc = le32(buf + 12);
    info->hdr_crc_calc = cptra_crc32(0, buf, 8);
    /* only when asked: on the bootmcu the whole-payload CRC would cost millions of cycles */
    if (flags & CPTRA_FLASH_CHECK_PAYLOAD_CRC)
        info->payload_crc_calc = cptra_crc32(0, buf + 16, len - 16);
    if (le32(buf) != CPTRA_FLASH_MAGIC) return CPTRA_FLASH_E_MAGIC;
    if (info->version != CPTRA_FLASH_VERSION) return CPTRA_FLASH_E_VERSION;
    if (info->count > CPTRA_FLASH_MAX_IMAGES) return CPTRA_FLASH_E_COUNT;
    if ((flags & CPTRA_FLASH_CHECK_HDR_CRC) && info->hdr_crc != info->hdr_crc_calc)
        return CPTRA_FLASH_E_HDR_CRC;
    if (len < CPTRA_FLASH_HDR_SIZE + (size_t)CPTRA_FLASH_ENTRY_SIZE * info->count)
        return CPTRA_FLASH_E_TRUNCATED;
    for (unsigned i = 0; i < info->count; i++) {
        const uint8_t *e = buf + CPTRA_FLASH_HDR_SIZE + CPTRA_FLASH_ENTRY_SIZE * i;
        info->entry[i].identifier = le32(e);
        info->entry[i].offset = le32(e + 4);
        info->entry[i].size = le32(e + 8);
    }
    if ((flags & CPTRA_FLASH_CHECK_PAYLOAD_CRC) && info->payload_crc != info->payload_crc_calc)
        return CPTRA_FLASH_E_PAYLOAD_CRC;
    if (flags & CPTRA_FLASH_CHECK_RANGES)
        for (unsigned i = 0; i < info->count; i++)
            if ((uint64_t)info->entry[i].offset + info->entry[i].size > len)
                return CPTRA_FLASH_E_RANGE;
    return CPTRA_FLASH_OK;
}

const cptra_flash_entry_t *cptra_flash_find(const cptra_flash_info_t *info, uint32_t identifier) {
    if (!info) return NULL;
    for (unsigned i = 0; i < info->count && i < CPTRA_FLASH_MAX_IMAGES; i++)
        if (info->entry[i].identifier == identifier) return &info->entry[i];
    return NULL;
}

size_t cptra_flash_build(const uint8_t *const *images, const size_t *lens, const uint32_t *ids,
                         size_t n, uint8_t *out, size_t cap) {
    if (n > CPTRA_FLASH_MAX_IMAGES || (n && (!images || !lens || !ids))) return 0;
    uint64_t total = CPTRA_FLASH_HDR_SIZE + (uint64_t)CPTRA_FLASH_ENTRY_SIZE * n;
    for (size_t i = 0; i < n; i++) {
        if (lens[i] && !images[i]) return 0;
        total += ((uint64_t)lens[i] + 3) & ~(uint64_t)3;
    }
    if (total > UINT32_MAX) return 0;
    if (!out || cap < total) return (size_t)total;
    memset(out, 0, (size_t)total);
    put_le32(out, CPTRA_FLASH_MAGIC);
    out[4] = (uint8_t)CPTRA_FLASH_VERSION;
    out[5] = 0;
    out[6] = (uint8_t)n;
    out[7] = (uint8_t)(n >> 8);
    uint32_t off = (uint32_t)(CPTRA_FLASH_HDR_SIZE + CPTRA_FLASH_ENTRY_SIZE * n);
    for (size_t i = 0; i < n; i++) {
        uint8_t *e = out + CPTRA_FLASH_HDR_SIZE + CPTRA_FLASH_ENTRY_SIZE * i;
        uint32_t padded = (uint32_t)((lens[i] + 3) & ~(size_t)3);
        put_le32(e, ids[i]);
        put_le32(e + 4, off);
        put_le32(e + 8, padded);
        if (lens[i]) memcpy(out + off, images[i], lens[i]);
        off += padded;
    }
    put_le32(out + 8, cptra_crc32(0, out, 8));
    put_le32(out + 12, cptra_crc32(0, out + 16, (size_t)total - 16));
    return (size_t)total;
}
