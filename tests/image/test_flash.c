/* image.flash: the FLSH container (caliptra-mcu-sw 2b78374 layout, spec/images.md §3.1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cptra_flash.h"

static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void crc_vector(void **s) {
    (void)s;
    /* CRC-32/ISO-HDLC check value */
    assert_int_equal(cptra_crc32(0, "123456789", 9), 0xCBF43926u);
    assert_int_equal(cptra_crc32(0, "", 0), 0);
    /* incremental */
    assert_int_equal(cptra_crc32(cptra_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
}

static uint8_t *build3(size_t *n) {
    static const uint8_t a[5] = {1, 2, 3, 4, 5}, c[8] = {9, 9, 9, 9, 9, 9, 9, 9};
    const uint8_t *imgs[3] = {a, NULL, c};
    size_t lens[3] = {5, 0, 8};
    uint32_t ids[3] = {1, 2, 0x1000};
    size_t total = cptra_flash_build(imgs, lens, ids, 3, NULL, 0);
    assert_int_equal(total, 16 + 36 + 8 + 0 + 8);
    uint8_t *b = malloc(total);
    assert_int_equal(cptra_flash_build(imgs, lens, ids, 3, b, total), total);
    *n = total;
    return b;
}

static void build_and_parse(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = build3(&n);
    assert_memory_equal(b, "FLSH", 4);
    assert_int_equal(b[4] | b[5] << 8, 1);
    assert_int_equal(b[6] | b[7] << 8, 3);
    assert_int_equal(le32(b + 8), cptra_crc32(0, b, 8));
    assert_int_equal(le32(b + 12), cptra_crc32(0, b + 16, n - 16));
    cptra_flash_info_t fi;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), 0);
    assert_int_equal(fi.count, 3);
    /* the first image starts after the table; sizes are padded to 4 */
    assert_int_equal(fi.entry[0].offset, 52);
    assert_int_equal(fi.entry[0].size, 8);
    assert_int_equal(fi.entry[1].offset, 60);
    assert_int_equal(fi.entry[1].size, 0);
    assert_int_equal(fi.entry[2].offset, 60);
    assert_int_equal(fi.entry[2].size, 8);
    assert_int_equal(b[52 + 5], 0); /* padding */
    const cptra_flash_entry_t *e = cptra_flash_find(&fi, 0x1000);
    assert_non_null(e);
    assert_int_equal(b[e->offset], 9);
    assert_null(cptra_flash_find(&fi, 3));
    /* too small output buffer: size only */
    uint8_t small[8];
    const uint8_t *imgs[1] = {small};
    size_t lens[1] = {8};
    uint32_t ids[1] = {1};
    assert_int_equal(cptra_flash_build(imgs, lens, ids, 1, small, sizeof small), 16 + 12 + 8);
    assert_int_equal(cptra_flash_build(imgs, lens, ids, 128, NULL, 0), 0);
    free(b);
}

static void errors(void **s) {
    (void)s;
    size_t n;
    uint8_t *b = build3(&n);
    cptra_flash_info_t fi;
    assert_int_equal(cptra_flash_parse(b, 15, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_TRUNCATED);
    assert_int_equal(cptra_flash_parse(NULL, n, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_ARG);
    b[0] = 'X';
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_MAGIC);
    b[0] = 'F';
    b[4] = 2;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_VERSION);
    b[4] = 1;
    b[6] = 128;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_COUNT);
    b[6] = 3;
    b[8] ^= 1;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi), CPTRA_FLASH_E_HDR_CRC);
    b[8] ^= 1;
    b[n - 1] ^= 1;
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_ALL, &fi),
                     CPTRA_FLASH_E_PAYLOAD_CRC);
    /* the ASPEED readers only check the header CRC */
    assert_int_equal(cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_HDR_CRC, &fi), 0);
    b[n - 1] ^= 1;
    /* table longer than the file */
    assert_int_equal(cptra_flash_parse(b, 40, CPTRA_FLASH_CHECK_HDR_CRC, &fi),
                     CPTRA_FLASH_E_TRUNCATED);
    /* image outside the file (payload CRC unchecked) */
    b[16 + 12 * 2 + 4] = 0xF0;
    assert_int_equal(
        cptra_flash_parse(b, n, CPTRA_FLASH_CHECK_HDR_CRC | CPTRA_FLASH_CHECK_RANGES, &fi),
        CPTRA_FLASH_E_RANGE);
    assert_string_equal(cptra_flash_strerror(CPTRA_FLASH_E_MAGIC), "bad magic (expected \"FLSH\")");
    free(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crc_vector),
        cmocka_unit_test(build_and_parse),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
