/* Mailbox FSM: every transition and every violation of caliptra-1x.md §1.2, with exact cycles.
 * Timing oracle (§4): a register access at ACCESS cycle c changes the real FSM state from c+2;
 * STATUS.mbox_fsm_ps / soc_has_lock / rdptr mirror the flops one cycle later; the non-fatal
 * error pin rises 2 clk after the offending access; EXECUTE=1 -> uC notification at c+1. */
#include "hw_test_util.h"

#define UC_MBOX(o)  (CPTRA_MBOX_CSR_BASE + (o))
#define ST_FSM(v)   (((v) >> 6) & 7u)
#define ST_SHL(v)   (((v) >> 9) & 1u)
#define ST_RDPTR(v) (((v) >> 10) & 0x7FFFu)

typedef struct {
    cptra_hw_t hw;
    t_log_t log;
    uint64_t c; /* next free ACCESS cycle */
} fx_t;

static void fx_init(fx_t *f) {
    memset(f, 0, sizeof(*f));
    f->hw = cptra_model_new(NULL);
    assert_non_null(f->hw.ops);
    f->hw.ops->set_notify(f->hw.ctx, t_log_notify, &f->log);
    f->c = t_boot(f->hw) + 1;
}
static void fx_done(fx_t *f) {
    f->hw.ops->destroy(f->hw.ctx);
}
/* back-to-back APB: each transfer takes 2 cycles */
static uint32_t srd(fx_t *f, uint32_t o) {
    uint32_t v = t_rd(f->hw, f->c, MBOX(o));
    f->c += 2;
    return v;
}
static void swr(fx_t *f, uint32_t o, uint32_t d) {
    t_wr(f->hw, f->c, MBOX(o), d);
    f->c += 2;
}
static uint8_t fsm(fx_t *f, uint64_t c) {
    return t_obs(f->hw, c).mbox_fsm;
}

/* SoC: lock, CMD, DLEN, n words, (EXECUTE). Leaves f->c after the last transfer. */
static void soc_send(fx_t *f, uint32_t cmd, uint32_t dlen, unsigned nwords, bool exec) {
    assert_int_equal(srd(f, MBOX_LOCK), 0);
    swr(f, MBOX_CMD, cmd);
    swr(f, MBOX_DLEN, dlen);
    for (unsigned i = 0; i < nwords; i++)
        swr(f, MBOX_DATAIN, 0x1000u + i);
    if (exec) swr(f, MBOX_EXECUTE, 1);
}

static void test_reset_values(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    static const uint32_t offs[] = {MBOX_USER,    MBOX_CMD,     MBOX_DLEN,   MBOX_DATAIN,
                                    MBOX_DATAOUT, MBOX_EXECUTE, MBOX_STATUS, MBOX_UNLOCK};
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
        assert_int_equal(srd(&f, offs[i]), 0);
    /* the DATAOUT read in IDLE was an access without lock: flag only */
    assert_int_equal(srd(&f, MBOX_LOCK), 0); /* reset 0, read acquires */
    assert_int_equal(srd(&f, MBOX_LOCK), 1);
    fx_done(&f);
}

static void test_lock_timing_and_mirror_lag(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    uint64_t c = f.c; /* LOCK read ACCESS cycle */
    assert_int_equal(srd(&f, MBOX_LOCK), 0);
    assert_int_equal(srd(&f, MBOX_USER), SOC_PAUSER);
    assert_int_equal(fsm(&f, c + 1), MBOX_IDLE);
    assert_int_equal(fsm(&f, c + 2), MBOX_RDY_FOR_CMD);
    /* STATUS read at c+2: real state is RDY_FOR_CMD but the mirror still shows IDLE */
    uint32_t s2 = t_rd(f.hw, c + 2, MBOX(MBOX_STATUS));
    assert_int_equal(ST_FSM(s2), MBOX_IDLE);
    assert_int_equal(ST_SHL(s2), 1); /* soc_has_lock flop set at c+1, mirror at c+2 */
    uint32_t s3 = t_rd(f.hw, c + 3, MBOX(MBOX_STATUS));
    assert_int_equal(ST_FSM(s3), MBOX_RDY_FOR_CMD);
    uint32_t s1 = t_rd(f.hw, c + 1, MBOX(MBOX_STATUS));
    assert_int_equal(ST_SHL(s1), 0);
    assert_int_equal(t_obs(f.hw, c + 3).soc_has_lock, 1);
    assert_int_equal(t_obs(f.hw, c + 3).mbox_lock, 1);
    fx_done(&f);
}

static void test_back_to_back_sequence(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    uint64_t c = f.c;
    /* LOCK@c, CMD@c+2, DLEN@c+4, DATAIN@c+6,c+8, EXECUTE@c+10 — all accepted back-to-back.
     * The model keeps one step of history, so states are observed in time order. */
    assert_int_equal(srd(&f, MBOX_LOCK), 0);
    assert_int_equal(fsm(&f, c + 1), MBOX_IDLE);
    swr(&f, MBOX_CMD, 0xC0DEu); /* ACCESS c+2: state RDY_FOR_CMD since c+2 */
    assert_int_equal(fsm(&f, c + 3), MBOX_RDY_FOR_CMD);
    swr(&f, MBOX_DLEN, 8);
    assert_int_equal(fsm(&f, c + 4), MBOX_RDY_FOR_DLEN);
    assert_int_equal(fsm(&f, c + 5), MBOX_RDY_FOR_DLEN);
    swr(&f, MBOX_DATAIN, 0x1000u);
    assert_int_equal(fsm(&f, c + 6), MBOX_RDY_FOR_DATA);
    swr(&f, MBOX_DATAIN, 0x1001u);
    swr(&f, MBOX_EXECUTE, 1);
    assert_int_equal(fsm(&f, c + 11), MBOX_RDY_FOR_DATA);
    assert_int_equal(fsm(&f, c + 12), MBOX_EXECUTE_UC);
    uint64_t ca = 0;
    assert_int_equal(t_log_find(&f.log, CPTRA_EV_CMD_AVAIL, &ca), 1);
    assert_int_equal(ca, c + 11); /* uc_mbox_data_avail 1 clk after the EXECUTE write */
    assert_int_equal(ST_FSM(t_rd(f.hw, c + 12, MBOX(MBOX_STATUS))), MBOX_RDY_FOR_DATA);
    uint32_t s = t_rd(f.hw, c + 14, MBOX(MBOX_STATUS));
    assert_int_equal(ST_FSM(s), MBOX_EXECUTE_UC);
    assert_int_equal(s & 0xF, MBOX_STATUS_CMD_BUSY);
    assert_int_equal(ST_RDPTR(s), 1); /* rdptr := 1 on entry */
    assert_int_equal(t_obs(f.hw, c + 14).hw_error_non_fatal, 0);
    assert_int_equal(t_rd(f.hw, c + 16, MBOX(MBOX_CMD)), 0xC0DEu);
    assert_int_equal(t_rd(f.hw, c + 18, MBOX(MBOX_DLEN)), 8);
    assert_int_equal(t_rd(f.hw, c + 20, MBOX(MBOX_DATAIN)), 0x1001u);
    fx_done(&f);
}

/* Full SoC->uC->SoC exchange at the register level, with the uC port. */
static void test_execute_uc_to_soc_to_idle(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    soc_send(&f, 0x11u, 7, 3, true); /* 3 words written, ceil(7/4)=2 readable */
    uint64_t u = f.c + 10;
    cptra_hw_t hw = f.hw;
    assert_int_equal(cptra_hw_uc_read(hw, u, UC_MBOX(MBOX_CMD)), 0x11u);
    assert_int_equal(cptra_hw_uc_read(hw, u, UC_MBOX(MBOX_DATAOUT)), 0x1000u);
    assert_int_equal(cptra_hw_uc_read(hw, u + 1, UC_MBOX(MBOX_DATAOUT)), 0x1001u);
    assert_int_equal(cptra_hw_uc_read(hw, u + 2, UC_MBOX(MBOX_DATAOUT)), 0); /* past length */
    assert_int_equal(cptra_hw_uc_read(hw, u + 3, UC_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(ST_RDPTR(cptra_hw_uc_read(hw, u + 5, UC_MBOX(MBOX_STATUS))), 2); /* stops */
    /* word 2 was stored (DATAIN beyond DLEN accepted) but is not readable */
    assert_int_equal(cptra_hw_uc_read(hw, u + 5, CPTRA_MBOX_SRAM_BASE + 8), 0x1002u);
    cptra_hw_uc_write(hw, u + 6, UC_MBOX(MBOX_DLEN), 4);
    cptra_hw_uc_write(hw, u + 7, UC_MBOX(MBOX_DATAIN), 0xBEEFu);
    cptra_hw_uc_write(hw, u + 8, UC_MBOX(MBOX_STATUS), MBOX_STATUS_DATA_READY);
    assert_int_equal(fsm(&f, u + 9), MBOX_EXECUTE_UC);
    assert_int_equal(fsm(&f, u + 10), MBOX_EXECUTE_SOC);
    assert_int_equal(t_obs(hw, u + 9).mailbox_data_avail, 0);
    assert_int_equal(t_obs(hw, u + 10).mailbox_data_avail, 1); /* 1 clk after uC access ends */
    f.c = u + 11;
    assert_int_equal(srd(&f, MBOX_STATUS) & 0xF, MBOX_STATUS_DATA_READY);
    assert_int_equal(srd(&f, MBOX_DLEN), 4);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0xBEEFu);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0);
    uint64_t e = f.c;
    swr(&f, MBOX_EXECUTE, 0);
    assert_int_equal(fsm(&f, e + 1), MBOX_EXECUTE_SOC);
    assert_int_equal(t_obs(hw, e + 1).mailbox_data_avail, 1);
    assert_int_equal(fsm(&f, e + 2), MBOX_IDLE);
    assert_int_equal(t_obs(hw, e + 2).mailbox_data_avail, 0); /* falls 1 clk after access */
    uint64_t rel = 0;
    assert_int_equal(t_log_find(&f.log, CPTRA_EV_MBOX_RELEASED, &rel), 1);
    assert_int_equal(rel, e + 2);
    uint32_t s = t_rd(hw, e + 2, MBOX(MBOX_STATUS));
    assert_int_equal(s & 0xF, 0);                  /* status HW-cleared */
    assert_int_equal(ST_FSM(s), MBOX_EXECUTE_SOC); /* mirror one cycle behind */
    assert_int_equal(ST_FSM(t_rd(hw, e + 4, MBOX(MBOX_STATUS))), MBOX_IDLE);
    assert_int_equal(t_rd(hw, e + 6, MBOX(MBOX_LOCK)), 0); /* released: acquire again */
    assert_int_equal(t_obs(hw, e + 7).hw_error_non_fatal, 0);
    fx_done(&f);
}

static void test_cmd_complete_no_data_and_failure(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    soc_send(&f, 1, 4, 1, true);
    cptra_hw_uc_write(f.hw, f.c + 5, UC_MBOX(MBOX_STATUS), MBOX_STATUS_CMD_FAILURE);
    f.c += 8;
    assert_int_equal(srd(&f, MBOX_STATUS) & 0xF, MBOX_STATUS_CMD_FAILURE);
    assert_int_equal(fsm(&f, f.c), MBOX_EXECUTE_SOC);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0); /* nothing written as response */
    swr(&f, MBOX_EXECUTE, 0);
    assert_int_equal(fsm(&f, f.c), MBOX_IDLE);
    fx_done(&f);
}

static void test_execute0_in_rdy_for_data_is_noop(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    soc_send(&f, 1, 4, 1, false);
    swr(&f, MBOX_EXECUTE, 0);
    assert_int_equal(fsm(&f, f.c + 2), MBOX_RDY_FOR_DATA);
    assert_int_equal(t_obs(f.hw, f.c + 2).hw_error_non_fatal, 0);
    swr(&f, MBOX_EXECUTE, 1);
    assert_int_equal(fsm(&f, f.c), MBOX_EXECUTE_UC);
    fx_done(&f);
}

static void test_access_without_lock(void **st) {
    (void)st;
    static const uint32_t offs[] = {MBOX_CMD,    MBOX_DLEN, MBOX_DATAIN, MBOX_EXECUTE,
                                    MBOX_STATUS, MBOX_LOCK, 0x100};
    for (size_t i = 0; i <= sizeof(offs) / sizeof(offs[0]); i++) {
        fx_t f;
        fx_init(&f);
        uint64_t c = f.c;
        if (i < sizeof(offs) / sizeof(offs[0]))
            swr(&f, offs[i], 1);
        else
            assert_int_equal(srd(&f, MBOX_DATAOUT), 0); /* DATAOUT read in IDLE */
        assert_int_equal(t_obs(f.hw, c + 1).error_non_fatal_pin, 0);
        assert_int_equal(t_obs(f.hw, c + 2).error_non_fatal_pin, 1); /* 2 clk after access */
        assert_int_equal(t_obs(f.hw, c + 2).mbox_fsm, MBOX_IDLE);    /* flag only */
        assert_int_equal(t_rd(f.hw, c + 2, SOC(CPTRA_HW_ERROR_NON_FATAL)),
                         HW_ERR_MBOX_PROT_NO_LOCK);
        assert_int_equal(t_rd(f.hw, c + 4, MBOX(MBOX_CMD)), 0);
        /* RW1C clear drops the pin 2 clk later */
        t_wr(f.hw, c + 6, SOC(CPTRA_HW_ERROR_NON_FATAL), HW_ERR_MBOX_PROT_NO_LOCK);
        assert_int_equal(t_obs(f.hw, c + 7).error_non_fatal_pin, 1);
        assert_int_equal(t_obs(f.hw, c + 8).error_non_fatal_pin, 0);
        assert_int_equal(t_rd(f.hw, c + 8, SOC(CPTRA_HW_ERROR_NON_FATAL)), 0);
        assert_int_equal(t_rd(f.hw, c + 10, MBOX(MBOX_LOCK)), 0); /* still usable */
        fx_done(&f);
    }
}

/* Out-of-order table: state to reach, the offending access. */
typedef struct {
    int setup; /* 0 RDY_FOR_CMD, 1 RDY_FOR_DLEN, 2 RDY_FOR_DATA, 3 EXECUTE_UC, 4 EXECUTE_SOC */
    int write; /* 1 write, 0 read */
    uint32_t off;
    int is_error; /* 1: -> MBOX_ERROR + mbox_prot_ooo */
} ooo_t;

static const ooo_t ooo_rows[] = {
    {0, 0, MBOX_DATAOUT, 1}, {0, 1, MBOX_DLEN, 1},    {0, 1, MBOX_DATAIN, 1},
    {0, 1, MBOX_EXECUTE, 1}, {0, 1, MBOX_STATUS, 1},  {0, 1, MBOX_LOCK, 1},
    {0, 0, MBOX_STATUS, 0},  {0, 1, MBOX_CMD, 0},     {1, 0, MBOX_DATAOUT, 1},
    {1, 1, MBOX_CMD, 1},     {1, 1, MBOX_DATAIN, 1},  {1, 1, MBOX_EXECUTE, 1},
    {1, 1, MBOX_DLEN, 0},    {2, 0, MBOX_DATAOUT, 1}, {2, 1, MBOX_CMD, 1},
    {2, 1, MBOX_DLEN, 1},    {2, 1, MBOX_STATUS, 1},  {2, 1, MBOX_DATAIN, 0},
    {2, 1, MBOX_EXECUTE, 0}, {3, 0, MBOX_DATAOUT, 1}, {3, 1, MBOX_EXECUTE, 1},
    {3, 1, MBOX_STATUS, 1},  {3, 1, MBOX_DATAIN, 1},  {3, 1, MBOX_CMD, 1},
    {3, 0, MBOX_STATUS, 0},  {4, 1, MBOX_DATAIN, 1},  {4, 1, MBOX_STATUS, 1},
    {4, 1, MBOX_DLEN, 1},    {4, 0, MBOX_DATAOUT, 0}, {4, 1, MBOX_EXECUTE, 0},
};

static void reach(fx_t *f, int setup) {
    assert_int_equal(srd(f, MBOX_LOCK), 0);
    if (setup >= 1) swr(f, MBOX_CMD, 5);
    if (setup >= 2) {
        swr(f, MBOX_DLEN, 4);
        swr(f, MBOX_DATAIN, 0xAB);
    }
    if (setup >= 3) swr(f, MBOX_EXECUTE, 1);
    if (setup >= 4) {
        cptra_hw_uc_write(f->hw, f->c + 3, UC_MBOX(MBOX_STATUS), MBOX_STATUS_CMD_COMPLETE);
        f->c += 6;
    }
}

static void test_out_of_order(void **st) {
    (void)st;
    static const mbox_fsm_t want_state[] = {MBOX_RDY_FOR_CMD, MBOX_RDY_FOR_DLEN, MBOX_RDY_FOR_DATA,
                                            MBOX_EXECUTE_UC, MBOX_EXECUTE_SOC};
    for (size_t i = 0; i < sizeof(ooo_rows) / sizeof(ooo_rows[0]); i++) {
        const ooo_t *r = &ooo_rows[i];
        fx_t f;
        fx_init(&f);
        reach(&f, r->setup);
        assert_int_equal(fsm(&f, f.c), want_state[r->setup]);
        uint64_t c = f.c;
        uint32_t wval = r->off == MBOX_EXECUTE ? (r->setup == 2 ? 0u : 0u) : 1u;
        if (r->write)
            swr(&f, r->off, wval);
        else
            (void)srd(&f, r->off);
        cptra_hw_obs_t o1 = t_obs(f.hw, c + 1), o2 = t_obs(f.hw, c + 2);
        if (r->is_error) {
            assert_int_equal(o1.mbox_fsm, want_state[r->setup]);
            assert_int_equal(o2.mbox_fsm, MBOX_ERROR);
            assert_int_equal(o1.error_non_fatal_pin, 0);
            assert_int_equal(o2.error_non_fatal_pin, 1);
            assert_int_equal(o2.hw_error_non_fatal, HW_ERR_MBOX_PROT_OOO);
            assert_int_equal(o2.mbox_lock, 1); /* lock preserved in ERROR */
            assert_int_equal(ST_FSM(t_rd(f.hw, c + 3, MBOX(MBOX_STATUS))), MBOX_ERROR);
            /* sticky: further writes do nothing */
            t_wr(f.hw, c + 5, MBOX(MBOX_EXECUTE), 0);
            assert_int_equal(fsm(&f, c + 9), MBOX_ERROR);
            /* uC force unlock -> IDLE, lock/status cleared */
            cptra_hw_uc_write(f.hw, c + 10, UC_MBOX(MBOX_UNLOCK), 1);
            assert_int_equal(fsm(&f, c + 11), MBOX_ERROR);
            assert_int_equal(fsm(&f, c + 12), MBOX_IDLE);
            assert_int_equal(t_rd(f.hw, c + 13, MBOX(MBOX_STATUS)) & 0xF, 0);
            assert_int_equal(t_rd(f.hw, c + 15, MBOX(MBOX_LOCK)), 0);
        } else {
            if (!(r->setup == 2 && r->off == MBOX_EXECUTE) &&
                !(r->setup == 4 && r->off == MBOX_EXECUTE) &&
                !(r->off == MBOX_CMD && r->setup == 0) && !(r->off == MBOX_DLEN && r->setup == 1)) {
                assert_int_equal(o2.mbox_fsm, want_state[r->setup]);
            }
            assert_int_not_equal(o2.mbox_fsm, MBOX_ERROR);
            assert_int_equal(o2.hw_error_non_fatal, 0);
            assert_int_equal(o2.error_non_fatal_pin, 0);
        }
        fx_done(&f);
    }
}

static void test_non_holder_and_invalid_pauser(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    /* make 0x1111_1111 a valid PAUSER: slot 1 value + lock */
    t_wr(f.hw, f.c, SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), 0x11111111u);
    t_wr(f.hw, f.c + 2, SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1);
    f.c += 4;
    assert_int_equal(srd(&f, MBOX_LOCK), 0); /* held by 0xFFFF_FFFF */
    apb_resp_t r = t_apb(f.hw, f.c, MBOX(MBOX_CMD), 1, 0x99, 0x11111111u);
    assert_int_equal(r.slverr, 0);
    r = t_apb(f.hw, f.c + 2, MBOX(MBOX_LOCK), 0, 0, 0x11111111u);
    assert_int_equal(r.rdata, 1);
    f.c += 4;
    assert_int_equal(srd(&f, MBOX_CMD), 0); /* non-holder write dropped */
    assert_int_equal(fsm(&f, f.c), MBOX_RDY_FOR_CMD);
    assert_int_equal(t_obs(f.hw, f.c).hw_error_non_fatal, 0); /* no SoC-visible error */
    /* invalid PAUSER: PSLVERR, PRDATA 0 */
    r = t_apb(f.hw, f.c, MBOX(MBOX_USER), 0, 0, 0x22222222u);
    assert_int_equal(r.slverr, 1);
    assert_int_equal(r.rdata, 0);
    fx_done(&f);
}

static void test_invalid_pauser_lock_read_does_nothing(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    apb_resp_t r = t_apb(f.hw, f.c, MBOX(MBOX_LOCK), 0, 0, 0x1u);
    assert_int_equal(r.slverr, 1);
    assert_int_equal(r.rdata, 0); /* looks like "acquired" but nothing happened [measured] */
    assert_int_equal(t_obs(f.hw, f.c + 3).mbox_lock, 0);
    assert_int_equal(t_obs(f.hw, f.c + 3).mbox_fsm, MBOX_IDLE);
    fx_done(&f);
}

static void test_uc_to_soc_message(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    cptra_hw_t hw = f.hw;
    uint64_t u = f.c;
    assert_int_equal(cptra_hw_uc_read(hw, u, UC_MBOX(MBOX_LOCK)), 0);
    assert_int_equal(cptra_hw_uc_read(hw, u + 1, UC_MBOX(MBOX_USER)), CPTRA_UC_PAUSER);
    cptra_hw_uc_write(hw, u + 1, UC_MBOX(MBOX_CMD), 0);
    cptra_hw_uc_write(hw, u + 2, UC_MBOX(MBOX_DLEN), 6);
    cptra_hw_uc_write(hw, u + 3, UC_MBOX(MBOX_DATAIN), 0x04030201u);
    cptra_hw_uc_write(hw, u + 4, UC_MBOX(MBOX_DATAIN), 0x0605u);
    cptra_hw_uc_write(hw, u + 5, UC_MBOX(MBOX_EXECUTE), 1);
    assert_int_equal(fsm(&f, u + 7), MBOX_EXECUTE_SOC);
    assert_int_equal(t_obs(hw, u + 7).mailbox_data_avail, 1);
    assert_int_equal(t_obs(hw, u + 7).soc_has_lock, 0);
    f.c = u + 9;
    /* SoC reading LOCK while uC holds it: returns 1 and notifies the uC */
    uint64_t lr = f.c;
    assert_int_equal(srd(&f, MBOX_LOCK), 1);
    uint64_t nc = 0;
    assert_int_equal(t_log_find(&f.log, CPTRA_EV_SOC_REQ_LOCK, &nc), 1);
    assert_int_equal(nc, lr + 1);
    assert_int_equal(srd(&f, MBOX_DLEN), 6);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0x04030201u);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0x0605u);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0);
    uint64_t sw = f.c;
    swr(&f, MBOX_STATUS, MBOX_STATUS_CMD_COMPLETE); /* the only legal SoC write */
    assert_int_equal(t_log_find(&f.log, CPTRA_EV_SOC_STATUS, &nc), 1);
    assert_int_equal(nc, sw + 1);
    assert_int_equal(fsm(&f, sw + 1), MBOX_EXECUTE_SOC);
    assert_int_equal(fsm(&f, sw + 2), MBOX_EXECUTE_UC);
    assert_int_equal(t_obs(hw, sw + 2).hw_error_non_fatal, 0);
    assert_int_equal(cptra_hw_uc_read(hw, sw + 5, UC_MBOX(MBOX_STATUS)) & 0xF,
                     MBOX_STATUS_CMD_COMPLETE);
    cptra_hw_uc_write(hw, sw + 6, UC_MBOX(MBOX_EXECUTE), 0);
    assert_int_equal(fsm(&f, sw + 8), MBOX_IDLE);
    assert_int_equal(t_obs(hw, sw + 8).mbox_lock, 0);
    /* uC as requester clearing EXECUTE does not notify itself */
    assert_int_equal(t_log_find(&f.log, CPTRA_EV_MBOX_RELEASED, NULL), 0);
    fx_done(&f);
}

static void test_uc_clears_execute_from_execute_soc(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    cptra_hw_t hw = f.hw;
    uint64_t u = f.c;
    cptra_hw_uc_read(hw, u, UC_MBOX(MBOX_LOCK));
    cptra_hw_uc_write(hw, u + 1, UC_MBOX(MBOX_CMD), 0);
    cptra_hw_uc_write(hw, u + 2, UC_MBOX(MBOX_DLEN), 0);
    cptra_hw_uc_write(hw, u + 3, UC_MBOX(MBOX_EXECUTE), 1);
    cptra_hw_uc_write(hw, u + 10, UC_MBOX(MBOX_EXECUTE), 0); /* §3.5 IDevID CSR hand-off end */
    assert_int_equal(fsm(&f, u + 11), MBOX_EXECUTE_SOC);
    assert_int_equal(fsm(&f, u + 12), MBOX_IDLE);
    fx_done(&f);
}

static void test_uc_execute0_in_execute_uc_releases(void **st) {
    (void)st;
    /* valid_requester includes the uC in EXECUTE_UC (§1.2), so its EXECUTE=0 write is taken */
    fx_t f;
    fx_init(&f);
    soc_send(&f, 1, 4, 1, true);
    uint64_t u = f.c + 4;
    cptra_hw_uc_write(f.hw, u, UC_MBOX(MBOX_EXECUTE), 0);
    assert_int_equal(fsm(&f, u + 1), MBOX_EXECUTE_UC);
    assert_int_equal(fsm(&f, u + 2), MBOX_IDLE);
    assert_int_equal(t_obs(f.hw, u + 2).mbox_lock, 0);
    fx_done(&f);
}

static void test_force_unlock_and_soc_writes_ignored(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    soc_send(&f, 1, 4, 1, true);
    uint64_t c = f.c + 4;
    cptra_hw_uc_write(f.hw, c, UC_MBOX(MBOX_UNLOCK), 1);
    assert_int_equal(fsm(&f, c + 1), MBOX_EXECUTE_UC);
    assert_int_equal(fsm(&f, c + 2), MBOX_IDLE);
    assert_int_equal(t_obs(f.hw, c + 2).mbox_lock, 0);
    assert_int_equal(t_obs(f.hw, c + 2).mbox_execute, 0);
    /* SoC MBOX_UNLOCK write in a locked state is not a force unlock */
    f.c = c + 3;
    assert_int_equal(srd(&f, MBOX_LOCK), 0);
    swr(&f, MBOX_CMD, 1);
    t_apb(f.hw, f.c, MBOX(MBOX_UNLOCK), 1, 1, SOC_PAUSER); /* OOO in RDY_FOR_DLEN */
    assert_int_equal(fsm(&f, f.c + 2), MBOX_ERROR);
    fx_done(&f);
}

static void test_uc_direct_sram_response(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    soc_send(&f, 1, 4, 1, true);
    uint64_t u = f.c + 4;
    cptra_hw_t hw = f.hw;
    assert_int_equal(cptra_hw_uc_read(hw, u, CPTRA_MBOX_SRAM_BASE), 0x1000u);
    for (uint32_t i = 0; i < 3; i++)
        cptra_hw_uc_write(hw, u + 1 + i, CPTRA_MBOX_SRAM_BASE + 4 * i, 0xA0u + i);
    cptra_hw_uc_write(hw, u + 5, UC_MBOX(MBOX_DLEN), 10);
    cptra_hw_uc_write(hw, u + 6, UC_MBOX(MBOX_STATUS), MBOX_STATUS_DATA_READY);
    f.c = u + 8;
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0xA0u);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0xA1u);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0xA2u);
    assert_int_equal(srd(&f, MBOX_DATAOUT), 0);
    fx_done(&f);
}

static void test_datain_full_and_dlen_clamp(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    assert_int_equal(srd(&f, MBOX_LOCK), 0);
    swr(&f, MBOX_CMD, 1);
    swr(&f, MBOX_DLEN, 0xFFFFFFFFu); /* no HW check of DLEN */
    for (uint32_t i = 0; i < 32768 + 4; i++) {
        t_wr(f.hw, f.c, MBOX(MBOX_DATAIN), i);
        f.c += 2;
    }
    swr(&f, MBOX_EXECUTE, 1);
    uint64_t u = f.c + 2;
    assert_int_equal(cptra_hw_uc_read(f.hw, u, CPTRA_MBOX_SRAM_BASE + 4 * 32767), 32767u);
    uint32_t last = 0;
    for (uint32_t i = 0; i < 32768; i++)
        last = cptra_hw_uc_read(f.hw, u + i, UC_MBOX(MBOX_DATAOUT));
    assert_int_equal(last, 32767u); /* words past the end were dropped */
    assert_int_equal(cptra_hw_uc_read(f.hw, u + 40000, UC_MBOX(MBOX_DATAOUT)), 0);
    assert_int_equal(cptra_hw_uc_read(f.hw, u + 40001, CPTRA_MBOX_SRAM_BASE), 0);
    fx_done(&f);
}

static void test_backdoor_no_side_effects(void **st) {
    (void)st;
    fx_t f;
    fx_init(&f);
    uint32_t v = 7;
    assert_true(f.hw.ops->dbg_read(f.hw.ctx, MBOX(MBOX_LOCK), &v));
    assert_int_equal(v, 0);
    assert_true(f.hw.ops->dbg_read(f.hw.ctx, MBOX(MBOX_LOCK), &v));
    assert_int_equal(v, 0); /* no read-to-set */
    assert_true(f.hw.ops->dbg_write(f.hw.ctx, CPTRA_MBOX_SRAM_BASE + 16, 0x55u));
    assert_true(f.hw.ops->dbg_read(f.hw.ctx, CPTRA_MBOX_SRAM_BASE + 16, &v));
    assert_int_equal(v, 0x55u);
    assert_true(f.hw.ops->dbg_read(f.hw.ctx, 0x30000u + CPTRA_HW_REV_ID, &v));
    assert_int_equal(v, 0x11u);
    assert_false(f.hw.ops->dbg_read(f.hw.ctx, 0x10000u, &v));
    assert_false(f.hw.ops->dbg_write(f.hw.ctx, 0x50000000u, 1));
    assert_int_equal(t_obs(f.hw, f.c).mbox_lock, 0);
    fx_done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_values),
        cmocka_unit_test(test_lock_timing_and_mirror_lag),
        cmocka_unit_test(test_back_to_back_sequence),
        cmocka_unit_test(test_execute_uc_to_soc_to_idle),
        cmocka_unit_test(test_cmd_complete_no_data_and_failure),
        cmocka_unit_test(test_execute0_in_rdy_for_data_is_noop),
        cmocka_unit_test(test_access_without_lock),
        cmocka_unit_test(test_out_of_order),
        cmocka_unit_test(test_non_holder_and_invalid_pauser),
        cmocka_unit_test(test_invalid_pauser_lock_read_does_nothing),
        cmocka_unit_test(test_uc_to_soc_message),
        cmocka_unit_test(test_uc_clears_execute_from_execute_soc),
        cmocka_unit_test(test_uc_execute0_in_execute_uc_releases),
        cmocka_unit_test(test_force_unlock_and_soc_writes_ignored),
        cmocka_unit_test(test_uc_direct_sram_response),
        cmocka_unit_test(test_datain_full_and_dlen_clamp),
        cmocka_unit_test(test_backdoor_no_side_effects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
