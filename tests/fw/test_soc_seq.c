/* fw.soc_seq: the SoC sequencer's pull interface on its own, against a scripted target: the
 * exact access order of a Caliptra-only boot (caliptra-1x.md §2.2 step 3: PAUSER slots, fuses,
 * FUSE_WR_DONE), one access at a time, and its failure reports. */
#include <string.h>

#include "fw_test_util.h"

typedef struct {
    apb_req_t log[400];
    int n;
} script_t;

/* A target that is ready for everything and answers FIRMWARE_LOAD with `fw_status`. */
static soc_seq_action_t drive(soc_seq_t *s, script_t *sc, uint32_t fw_status, int lock_slverr) {
    uint64_t now = 0;
    for (int guard = 0; guard < 100000; guard++) {
        apb_req_t req;
        uint64_t wait = 0;
        soc_seq_action_t a = soc_seq_next(s, now, &req, &wait);
        if (a == SOC_SEQ_DONE || a == SOC_SEQ_FAILED) return a;
        if (a == SOC_SEQ_POWER_ON) {
            now += 10;
            continue;
        }
        if (a == SOC_SEQ_WAIT) {
            now += wait;
            continue;
        }
        assert_int_equal(a, SOC_SEQ_ACCESS);
        if (sc->n < 400) sc->log[sc->n++] = req;
        apb_resp_t r = {0, 0, 0};
        if (!req.write) {
            if (req.addr == SOC(CPTRA_FLOW_STATUS))
                r.rdata = FLOW_STATUS_READY_FOR_FUSES | FLOW_STATUS_READY_FOR_FW |
                          FLOW_STATUS_READY_FOR_RUNTIME;
            else if (req.addr == MBOX(MBOX_STATUS))
                r.rdata = fw_status;
            else if (req.addr == MBOX(MBOX_LOCK))
                r.slverr = (uint8_t)lock_slverr;
            else if (req.addr == SOC(CPTRA_FW_ERROR_FATAL))
                r.rdata = fw_status == MBOX_STATUS_CMD_FAILURE ? 0x000B0014u : 0;
            else if (req.addr == SOC(CPTRA_BOOT_STATUS))
                r.rdata = 130;
        }
        now += 2;
        soc_seq_response(s, now, &r);
    }
    fail_msg("sequencer did not finish");
    return SOC_SEQ_FAILED;
}

static int find_write(const script_t *sc, uint32_t addr, uint32_t data, int from) {
    for (int i = from; i < sc->n; i++)
        if (sc->log[i].write && sc->log[i].addr == addr && sc->log[i].wdata == data) return i;
    return -1;
}

static void t_order(void **st) {
    (void)st;
    soc_seq_cfg_t cfg;
    soc_seq_default_cfg(&cfg);
    assert_int_equal(cfg.pauser, 0x21212121u);
    cfg.a35_pauser = 0x0000ABCDu;
    tb_prod_fuses(1, &cfg.fuses);
    cfg.fuses.lms_verify = 1;
    static const uint8_t fw[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    cfg.fw = fw;
    cfg.fw_len = sizeof fw;
    soc_seq_t *s = soc_seq_new(&cfg);
    script_t sc;
    memset(&sc, 0, sizeof sc);
    assert_int_equal(drive(s, &sc, MBOX_STATUS_CMD_COMPLETE, 0), SOC_SEQ_DONE);
    for (int i = 0; i < sc.n; i++)
        assert_int_equal(sc.log[i].pauser, 0x21212121u);
    int p0 = find_write(&sc, SOC(CPTRA_MBOX_VALID_PAUSER0), 0x21212121u, 0);
    int l0 = find_write(&sc, SOC(CPTRA_MBOX_PAUSER_LOCK0), 1, 0);
    int p1 = find_write(&sc, SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), 0xABCDu, 0);
    int l1 = find_write(&sc, SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1, 0);
    int h0 = find_write(&sc, SOC(FUSE_KEY_MANIFEST_PK_HASH0), 0x66d13497u, 0);
    int h11 = find_write(&sc, SOC(FUSE_KEY_MANIFEST_PK_HASH0 + 44), 0x190a539au, 0);
    int o0 = find_write(&sc, SOC(FUSE_OWNER_PK_HASH0), 0x124f40b2u, 0);
    int lc = find_write(&sc, SOC(FUSE_LIFE_CYCLE), 3, 0);
    int lms = find_write(&sc, SOC(FUSE_LMS_VERIFY), 1, 0);
    int done = find_write(&sc, SOC(CPTRA_FUSE_WR_DONE), 1, 0);
    int cmd = find_write(&sc, MBOX(MBOX_CMD), CPTRA_CMD_FIRMWARE_LOAD, 0);
    int dlen = find_write(&sc, MBOX(MBOX_DLEN), 10, 0);
    int d0 = find_write(&sc, MBOX(MBOX_DATAIN), 0x04030201u, 0);
    int d2 = find_write(&sc, MBOX(MBOX_DATAIN), 0x00000A09u, 0); /* zero-padded last word */
    int ex1 = find_write(&sc, MBOX(MBOX_EXECUTE), 1, 0);
    int ex0 = find_write(&sc, MBOX(MBOX_EXECUTE), 0, 0);
    assert_true(p0 >= 0 && p0 < l0 && l0 < p1 && p1 < l1 && l1 < h0 && h0 < h11);
    assert_true(h11 < o0 && o0 < lc && lc < lms && lms < done);
    assert_true(done < cmd && cmd < dlen && dlen < d0 && d0 < d2 && d2 < ex1 && ex1 < ex0);
    assert_int_equal(d2, d0 + 2);
    soc_seq_free(s);
}

static void t_failures(void **st) {
    (void)st;
    soc_seq_cfg_t cfg;
    soc_seq_default_cfg(&cfg);
    static const uint8_t fw[8];
    cfg.fw = fw;
    cfg.fw_len = sizeof fw;
    script_t sc;
    memset(&sc, 0, sizeof sc);
    soc_seq_t *s = soc_seq_new(&cfg);
    assert_int_equal(drive(s, &sc, MBOX_STATUS_CMD_FAILURE, 0), SOC_SEQ_FAILED);
    assert_int_equal(soc_seq_fw_error_fatal(s), 0x000B0014u);
    assert_int_equal(soc_seq_boot_status(s), 130);
    assert_non_null(strstr(soc_seq_message(s), "CMD_FAILURE"));
    assert_non_null(strstr(soc_seq_message(s), "CPTRA_FW_ERROR_FATAL=0x000b0014"));
    assert_non_null(strstr(soc_seq_message(s), "CPTRA_BOOT_STATUS=0x82"));
    /* the mailbox was released (EXECUTE=0) before reporting */
    assert_true(find_write(&sc, MBOX(MBOX_EXECUTE), 0, 0) >= 0);
    soc_seq_free(s);

    memset(&sc, 0, sizeof sc);
    s = soc_seq_new(&cfg);
    assert_int_equal(drive(s, &sc, MBOX_STATUS_CMD_COMPLETE, 1), SOC_SEQ_FAILED);
    assert_non_null(strstr(soc_seq_message(s), "PSLVERR"));
    soc_seq_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(t_order), cmocka_unit_test(t_failures)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
