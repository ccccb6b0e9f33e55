/* platform.apb_map: the interconnect's address translation and decode (caliptra-1x.md §0). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "apb_map.h"

static void translate(void **state) {
    (void)state;
    apb_map_t m = {0x14c60000u, 0x20000u};
    uint32_t c = 0;
    assert_true(apb_map_translate(&m, 0x14c60000u, &c));
    assert_int_equal(c, 0x30020000u); /* window offset 0 = Caliptra 0x3002_0000 */
    assert_true(apb_map_translate(&m, 0x14c7FFFCu, &c));
    assert_int_equal(c, 0x3003FFFCu);
    assert_false(apb_map_translate(&m, 0x14c80000u, &c)); /* past the window */
    assert_false(apb_map_translate(&m, 0x14c5FFFCu, &c));
    assert_true(apb_map_translate(&m, 0x30030000u, &c)); /* Caliptra address accepted */
    assert_int_equal(c, 0x30030000u);
    assert_false(apb_map_translate(&m, 0x30000000u, &c)); /* SRAM: not on APB */
    assert_false(apb_map_translate(&m, 0x30040000u, &c));
    assert_false(apb_map_translate(&m, 0x1030020000ull, &c)); /* 64-bit address */
    /* a smaller window only maps its own size */
    apb_map_t s = {0x1e000000u, 0x1000u};
    assert_true(apb_map_translate(&s, 0x1e000FFCu, &c));
    assert_int_equal(c, 0x30020FFCu);
    assert_false(apb_map_translate(&s, 0x1e001000u, &c));
    /* a window at address 0 */
    apb_map_t z = {0, 0x20000u};
    assert_true(apb_map_translate(&z, 0x10000u, &c));
    assert_int_equal(c, 0x30030000u);
}

static void decode(void **state) {
    (void)state;
    assert_int_equal(apb_map_decode(0x30020000u), APB_TGT_MBOX_CSR);
    assert_int_equal(apb_map_decode(0x30020FFCu), APB_TGT_MBOX_CSR);
    assert_int_equal(apb_map_decode(0x30021000u), APB_TGT_SHA512_ACC);
    assert_int_equal(apb_map_decode(0x30021FFCu), APB_TGT_SHA512_ACC);
    assert_int_equal(apb_map_decode(0x30022000u), APB_TGT_NONE); /* §0: 0x2_2000 -> PSLVERR */
    assert_int_equal(apb_map_decode(0x3002FFFCu), APB_TGT_NONE);
    assert_int_equal(apb_map_decode(0x30030000u), APB_TGT_SOC_IFC);
    assert_int_equal(apb_map_decode(0x3003FFFCu), APB_TGT_SOC_IFC);
    assert_int_equal(apb_map_decode(0x30010000u), APB_TGT_NONE); /* §0: 0x1_0000 -> PSLVERR */
    assert_string_equal(apb_target_name(APB_TGT_SHA512_ACC), "sha512_acc");
    assert_string_equal(apb_target_name(APB_TGT_NONE), "none");
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(translate), cmocka_unit_test(decode)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
