/* bridge.codec: CPTR codec against the byte streams of spec/qemu-bridge.md §1.3 and the v2
 * examples of docs/bridge-protocol.md; decoder error matrix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cptr_codec.h"

/* qemu-bridge.md §1.3: READ of CA35 0x14c60008 -> APB 0x30020008 */
static const uint8_t SPEC_READ[] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00, 0x03, 0x00,
                                    0x04, 0x00, 0x00, 0x00, 0x08, 0x00, 0x02, 0x30};
static const uint8_t SPEC_WACK[] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00,
                                    0x06, 0x00, 0x00, 0x00, 0x00, 0x00};

static cptr_err_t feed_all(cptr_decoder_t *d, const uint8_t *b, size_t n, cptr_frame_t *f) {
    size_t used = 0;
    cptr_err_t r = cptr_decoder_feed(d, b, n, &used, f);
    if (r == CPTR_OK) assert_int_equal(used, n);
    return r;
}

static void v1_read_golden(void **st) {
    (void)st;
    uint8_t b[32];
    assert_int_equal(cptr_encode_apb_read(b, CPTR_V1, 0x30020008u), 16);
    assert_memory_equal(b, SPEC_READ, 16);
    /* reply: 52 54 50 43 01 00 04 00 04 00 00 00 | d0 d1 d2 d3 */
    const uint8_t rdata[] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00, 0x04, 0x00,
                             0x04, 0x00, 0x00, 0x00, 0xd0, 0xd1, 0xd2, 0xd3};
    assert_int_equal(cptr_encode_apb_rdata(b, CPTR_V1, 0xd3d2d1d0u, CPTR_BUS_SLVERR), 16);
    assert_memory_equal(b, rdata, 16);
    cptr_decoder_t d;
    cptr_frame_t f;
    cptr_decoder_init(&d, CPTR_ROLE_SERVER);
    assert_int_equal(feed_all(&d, SPEC_READ, 16, &f), CPTR_OK);
    assert_int_equal(f.version, 1);
    assert_int_equal(f.cmd, CPTR_APB_READ);
    assert_int_equal(f.addr, 0x30020008u);
    cptr_decoder_free(&d);
    cptr_decoder_init(&d, CPTR_ROLE_CLIENT);
    assert_int_equal(feed_all(&d, rdata, 16, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_APB_RDATA);
    assert_int_equal(f.data, 0xd3d2d1d0u);
    assert_int_equal(f.status, CPTR_BUS_OK);
    cptr_decoder_free(&d);
}

static void v1_write_golden(void **st) {
    (void)st;
    /* 52 54 50 43 01 00 05 00 08 00 00 00 | a0 a1 a2 a3 | v0 v1 v2 v3 */
    const uint8_t w[] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00, 0x05, 0x00, 0x08, 0x00,
                         0x00, 0x00, 0xa0, 0xa1, 0xa2, 0xa3, 0x10, 0x11, 0x12, 0x13};
    uint8_t b[32];
    assert_int_equal(cptr_encode_apb_write(b, CPTR_V1, 0xa3a2a1a0u, 0x13121110u), 20);
    assert_memory_equal(b, w, 20);
    assert_int_equal(cptr_encode_apb_wack(b, CPTR_V1, CPTR_BUS_SLVERR), 12);
    assert_memory_equal(b, SPEC_WACK, 12);
    cptr_decoder_t d;
    cptr_frame_t f;
    cptr_decoder_init(&d, CPTR_ROLE_SERVER);
    assert_int_equal(feed_all(&d, w, 20, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_APB_WRITE);
    assert_int_equal(f.addr, 0xa3a2a1a0u);
    assert_int_equal(f.data, 0x13121110u);
    cptr_decoder_free(&d);
    cptr_decoder_init(&d, CPTR_ROLE_CLIENT);
    assert_int_equal(feed_all(&d, SPEC_WACK, 12, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_APB_WACK);
    cptr_decoder_free(&d);
}

/* docs/bridge-protocol.md §4 examples */
static void v2_golden(void **st) {
    (void)st;
    uint8_t b[128];
    const uint8_t rd2[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x04, 0x00, 0x08, 0x00,
                           0x00, 0x00, 0xef, 0xbe, 0xad, 0xde, 0x01, 0x00, 0x00, 0x00};
    assert_int_equal(cptr_encode_apb_rdata(b, CPTR_V2, 0xDEADBEEFu, CPTR_BUS_SLVERR), 20);
    assert_memory_equal(b, rd2, 20);
    const uint8_t wack2[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x06, 0x00,
                             0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    assert_int_equal(cptr_encode_apb_wack(b, CPTR_V2, CPTR_BUS_OK), 16);
    assert_memory_equal(b, wack2, 16);
    /* MBOX_EXEC CAPABILITIES with the RFC's checksum word 0xFFFFFED9 */
    const uint8_t caps[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x08, 0x00, 0x0c, 0x00, 0x00, 0x00,
                            0x53, 0x50, 0x41, 0x43, 0x04, 0x00, 0x00, 0x00, 0xd9, 0xfe, 0xff, 0xff};
    const uint8_t req[] = {0xd9, 0xfe, 0xff, 0xff};
    assert_int_equal(cptr_encode_mbox_exec(b, 0x43415053u, req, 4), 24);
    assert_memory_equal(b, caps, 24);
    cptr_decoder_t d;
    cptr_frame_t f;
    cptr_decoder_init(&d, CPTR_ROLE_SERVER);
    assert_int_equal(feed_all(&d, caps, sizeof caps, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_MBOX_EXEC);
    assert_int_equal(f.mbox_cmd, 0x43415053u);
    assert_int_equal(f.dlen, 4);
    assert_memory_equal(f.bytes, req, 4);
    const uint8_t posted[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x07, 0x00, 0x08, 0x00,
                              0x00, 0x00, 0x08, 0x00, 0x02, 0x30, 0x53, 0x50, 0x41, 0x43};
    assert_int_equal(cptr_encode_apb_write_posted(b, 0x30020008u, 0x43415053u), 20);
    assert_memory_equal(b, posted, 20);
    assert_int_equal(feed_all(&d, posted, 20, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_APB_WRITE_POSTED);
    assert_int_equal(f.data, 0x43415053u);
    const uint32_t ops[2][3] = {{CPTR_OP_READ, 0x30020000u, 0}, {CPTR_OP_WRITE, 0x30020008u, 7}};
    size_t n = cptr_encode_batch(b, ops, 2);
    assert_int_equal(n, 40);
    assert_int_equal(feed_all(&d, b, n, &f), CPTR_OK);
    assert_int_equal(f.cmd, CPTR_BATCH);
    assert_int_equal(f.count, 2);
    assert_int_equal(cptr_get32(f.bytes + 12 + 8), 7);
    const uint8_t hello[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x0c, 0x00, 0, 0, 0, 0};
    assert_int_equal(cptr_encode_hello(b), 12);
    assert_memory_equal(b, hello, 12);
    cptr_decoder_free(&d);

    /* MBOX_RESULT: CMD_FAILURE with RUNTIME_UNIMPLEMENTED_COMMAND, no data */
    const uint8_t fail[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x09, 0x00, 0x10, 0x00,
                            0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
                            0x02, 0x00, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x00};
    assert_int_equal(cptr_encode_mbox_result(b, CPTR_MBOX_CMD_FAILURE, 3, 0x000E0002u, NULL, 0),
                     28);
    assert_memory_equal(b, fail, 28);
    /* MBOX_RESULT: CAPABILITIES ok, 24-byte response with RT_BASE (caliptra-1x.md §3.3) */
    const uint8_t ok[] = {0x52, 0x54, 0x50, 0x43, 0x02, 0x00, 0x09, 0x00, 0x28, 0x00, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
                          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    uint8_t caps_resp[24] = {0xff, 0xff, 0xff, 0xff};
    caps_resp[15] = 0x01;
    assert_int_equal(cptr_encode_mbox_result(b, CPTR_MBOX_OK, 1, 0, caps_resp, 24), 52);
    assert_memory_equal(b, ok, 52);
    cptr_decoder_init(&d, CPTR_ROLE_CLIENT);
    assert_int_equal(feed_all(&d, ok, 52, &f), CPTR_OK);
    assert_int_equal(f.result, CPTR_MBOX_OK);
    assert_int_equal(f.status, 1);
    assert_int_equal(f.dlen, 24);
    assert_memory_equal(f.bytes, caps_resp, 24);
    assert_int_equal(feed_all(&d, fail, 28, &f), CPTR_OK);
    assert_int_equal(f.result, CPTR_MBOX_CMD_FAILURE);
    assert_int_equal(f.fw_error, 0x000E0002u);
    cptr_decoder_free(&d);
}

/* One byte at a time, several frames back to back, plus an over-long v1 payload whose extra
 * bytes are read and discarded (reference behaviour, qemu-bridge.md §1.5). */
static void incremental(void **st) {
    (void)st;
    uint8_t s[128];
    size_t n = 0;
    n += cptr_encode_apb_read(s + n, CPTR_V1, 0x3003003Cu);
    n += cptr_encode_header(s + n, CPTR_V1, CPTR_APB_WRITE, 12);
    cptr_put32(s + n, 0x30020018u);
    cptr_put32(s + n + 4, 1);
    cptr_put32(s + n + 8, 0xAAAAAAAAu);
    n += 12;
    n += cptr_encode_apb_read(s + n, CPTR_V1, 0x3002001Cu);
    cptr_decoder_t d;
    cptr_frame_t f;
    cptr_decoder_init(&d, CPTR_ROLE_SERVER);
    uint32_t got[3][2];
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t used;
        cptr_err_t r = cptr_decoder_feed(&d, s + i, 1, &used, &f);
        assert_int_equal(used, 1);
        if (r == CPTR_OK) {
            assert_true(k < 3);
            got[k][0] = f.addr;
            got[k][1] = f.data;
            k++;
        } else {
            assert_int_equal(r, CPTR_NEED_MORE);
        }
    }
    assert_int_equal(k, 3);
    assert_int_equal(got[0][0], 0x3003003Cu);
    assert_int_equal(got[1][0], 0x30020018u);
    assert_int_equal(got[1][1], 1);
    assert_int_equal(got[2][0], 0x3002001Cu);
    assert_int_equal(cptr_decoder_eof(&d), CPTR_OK);
    cptr_decoder_free(&d);
}

static cptr_err_t decode_one(cptr_role_t role, const uint8_t *b, size_t n) {
    cptr_decoder_t d;
    cptr_frame_t f;
    size_t used;
    cptr_decoder_init(&d, role);
    cptr_err_t r = cptr_decoder_feed(&d, b, n, &used, &f);
    if (r == CPTR_NEED_MORE) r = cptr_decoder_eof(&d);
    /* errors are sticky */
    if (r != CPTR_OK && r != CPTR_E_TRUNCATED)
        assert_int_equal(cptr_decoder_feed(&d, SPEC_READ, 16, &used, &f), r);
    cptr_decoder_free(&d);
    return r;
}

static void error_matrix(void **st) {
    (void)st;
    uint8_t b[64];
    memcpy(b, SPEC_READ, 16);
    b[0] = 0x43; /* "CPTR" sent big-endian is the classic mistake */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_BAD_MAGIC);
    memcpy(b, SPEC_READ, 16);
    b[4] = 3;
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_BAD_VERSION);
    memcpy(b, SPEC_READ, 16);
    b[4] = 0;
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_BAD_VERSION);
    memcpy(b, SPEC_READ, 16);
    b[6] = CPTR_APB_RDATA; /* a reply sent to the server */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_UNKNOWN_CMD);
    b[6] = 1; /* MBOX protocol's EXECUTE: not CPTR */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_UNKNOWN_CMD);
    memcpy(b, SPEC_READ, 16);
    b[6] = CPTR_MBOX_EXEC; /* v2 command in a v1 frame */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_UNKNOWN_CMD);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_READ, 3);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 15), CPTR_E_SHORT_PAYLOAD);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_WRITE, 4);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 16), CPTR_E_SHORT_PAYLOAD);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_WRITE, CPTR_MAX_PAYLOAD + 1);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 12), CPTR_E_OVERSIZED);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_READ, 0xFFFFFFFFu);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 12), CPTR_E_OVERSIZED);
    cptr_encode_header(b, CPTR_V2, CPTR_MBOX_EXEC, 8 + CPTR_MBOX_MAX_DATA + 1);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 12), CPTR_E_OVERSIZED);
    /* v2 inner length disagreeing with payload_len */
    cptr_encode_header(b, CPTR_V2, CPTR_MBOX_EXEC, 12);
    cptr_put32(b + 12, 0x43415053u);
    cptr_put32(b + 16, 8);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 24), CPTR_E_BAD_PAYLOAD);
    cptr_encode_header(b, CPTR_V2, CPTR_BATCH, 16);
    cptr_put32(b + 12, 1);
    cptr_put32(b + 16, 9); /* op 9 */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, b, 28), CPTR_E_BAD_PAYLOAD);
    /* truncated: header only, then EOF; and half a header */
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, SPEC_READ, 12), CPTR_E_TRUNCATED);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, SPEC_READ, 5), CPTR_E_TRUNCATED);
    assert_int_equal(decode_one(CPTR_ROLE_SERVER, SPEC_READ, 0), CPTR_OK);
    /* client side: v1 RDATA too short */
    cptr_encode_header(b, CPTR_V1, CPTR_APB_RDATA, 2);
    assert_int_equal(decode_one(CPTR_ROLE_CLIENT, b, 14), CPTR_E_SHORT_PAYLOAD);
    /* reset clears the sticky error */
    cptr_decoder_t d;
    cptr_frame_t f;
    size_t used;
    cptr_decoder_init(&d, CPTR_ROLE_SERVER);
    b[0] = 0;
    assert_int_equal(cptr_decoder_feed(&d, b, 12, &used, &f), CPTR_E_BAD_MAGIC);
    cptr_decoder_reset(&d);
    assert_int_equal(cptr_decoder_feed(&d, SPEC_READ, 16, &used, &f), CPTR_OK);
    cptr_decoder_free(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(v1_read_golden), cmocka_unit_test(v1_write_golden),
        cmocka_unit_test(v2_golden),      cmocka_unit_test(incremental),
        cmocka_unit_test(error_matrix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
