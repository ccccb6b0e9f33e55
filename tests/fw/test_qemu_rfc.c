/* fw.qemu_rfc: the CAPABILITIES request sequence of the QEMU RFC, issued with the A35 PAUSER on a
 * booted runtime: LOCK read, CMD=0x43415053, DLEN=4, DATAIN=0xFFFFFED9, EXECUTE=1, poll STATUS.
 * Oracle: caliptra-1x.md §1.3 (sender), §3.1 (checksum), §3.3 (CAPABILITIES layout). */
#include <stdlib.h>
#include <string.h>

#include "fw_test_util.h"

static void t_caps(void **st) {
    (void)st;
    size_t len;
    uint8_t *img = tb_load(tb_bundle_path(0), &len);
    tb_t *tb = tb_new(SECURITY_STATE_UNPROV, NULL);
    soc_fuses_t f;
    memset(&f, 0, sizeof f);
    assert_int_equal(tb_boot(tb, &f, img, len, NULL, 0), SOC_SEQ_DONE);
    cptra_sim_t *s = tb->sim;
    const uint32_t P = A35_PAUSER;

    /* 0 - (0x43 + 0x41 + 0x50 + 0x53) */
    assert_int_equal(cptra_fw_checksum(0x43415053u, NULL, 0), 0xFFFFFED9u);

    apb_resp_t r = cptra_sim_read(s, MBOX(MBOX_LOCK), P);
    assert_false(r.slverr);
    assert_int_equal(r.rdata & 1u, 0);
    assert_false(cptra_sim_write(s, MBOX(MBOX_CMD), 0x43415053u, P).slverr);
    assert_false(cptra_sim_write(s, MBOX(MBOX_DLEN), 4, P).slverr);
    assert_false(cptra_sim_write(s, MBOX(MBOX_DATAIN), 0xFFFFFED9u, P).slverr);
    assert_false(cptra_sim_write(s, MBOX(MBOX_EXECUTE), 1, P).slverr);
    /* mailbox_flow_done drops while the runtime works */
    uint32_t status = 0;
    int polls = 0;
    int saw_busy_flow = 0;
    do {
        status = cptra_sim_read(s, MBOX(MBOX_STATUS), P).rdata & 0xFu;
        if (status == MBOX_STATUS_CMD_BUSY && polls == 5) {
            /* mailbox_flow_done is 0 while the runtime executes (§3.1) */
            assert_false(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_MAILBOX_FLOW_DONE);
            saw_busy_flow = 1;
        }
        polls++;
    } while (status == MBOX_STATUS_CMD_BUSY && polls < 1000000);
    assert_int_equal(status, MBOX_STATUS_DATA_READY);
    assert_true(saw_busy_flow); /* the command takes time: rt_cmd_base cycles */
    uint32_t dlen = cptra_sim_read(s, MBOX(MBOX_DLEN), P).rdata;
    assert_int_equal(dlen, 24);
    uint8_t resp[24];
    for (int i = 0; i < 6; i++)
        tput32(resp + 4 * i, cptra_sim_read(s, MBOX(MBOX_DATAOUT), P).rdata);
    /* checksum over the response with cmd = 0 */
    assert_int_equal(tle32(resp), cptra_fw_checksum(0, resp + 4, 20));
    uint32_t sum = 0;
    for (int i = 0; i < 24; i++)
        sum += resp[i];
    assert_int_equal((tle32(resp) + (sum - (resp[0] + resp[1] + resp[2] + resp[3]))) & 0xFFFFFFFFu,
                     0);
    assert_int_equal(tle32(resp + 4), 0); /* FIPS_APPROVED */
    /* capabilities: u128 big-endian, RT_BASE = bit 64 -> byte 8 + 7 */
    static const uint8_t caps[16] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(resp + 8, caps, 16);
    assert_false(cptra_sim_write(s, MBOX(MBOX_EXECUTE), 0, P).slverr);
    cptra_sim_advance(s, 4);
    assert_int_equal(cptra_sim_read(s, MBOX(MBOX_STATUS), P).rdata & 0xFu, 0);
    assert_true(tb_rd(tb, SOC(CPTRA_FLOW_STATUS)) & FLOW_STATUS_MAILBOX_FLOW_DONE);
    assert_int_equal(tb_rd(tb, SOC(CPTRA_FW_ERROR_NON_FATAL)), 0);
    tb_free(tb);
    free(img);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_caps)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
