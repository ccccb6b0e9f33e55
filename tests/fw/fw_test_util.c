#include "fw_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef VP_HAVE_RTL
#include "cptra_rtl.h"
#include "lockstep.h"
#endif

#ifndef VP_TESTDATA
#error "VP_TESTDATA must be defined"
#endif

/* The hardware under the firmware: VP_CALIPTRA_HW=model (default), rtl or lockstep, so the same
 * firmware scenarios run on the C model, the Verilated RTL and both compared (issue 7). */
#ifdef VP_HAVE_RTL
static void tb_lockstep_mismatch(void *ctx, const char *msg) {
    (void)ctx;
    fprintf(stderr, "lockstep mismatch: %s\n", msg);
    exit(1);
}
#endif

static cptra_hw_t tb_make_hw(const cptra_model_cfg_t *mc) {
    const char *m = getenv("VP_CALIPTRA_HW");
    if (!m || !strcmp(m, "model")) return cptra_model_new(mc);
#ifdef VP_HAVE_RTL
    if (!strcmp(m, "rtl")) return cptra_rtl_new(mc);
    if (!strcmp(m, "lockstep")) {
        cptra_lockstep_cfg_t lc;
        cptra_lockstep_default_cfg(&lc);
        lc.on_mismatch = tb_lockstep_mismatch;
        return cptra_lockstep_new(cptra_model_new(mc), cptra_rtl_new(mc), &lc);
    }
#endif
    fprintf(stderr, "VP_CALIPTRA_HW=%s is not available in this build\n", m);
    exit(1);
}

static void tb_check_hw(cptra_hw_t hw) {
#ifdef VP_HAVE_RTL
    if (cptra_lockstep_is(hw)) {
        /* A lockstep run that compared nothing would pass vacuously. */
        if (cptra_lockstep_compared(hw) == 0 || cptra_lockstep_mismatches(hw) != 0) {
            fprintf(stderr, "lockstep: compared %llu, mismatches %llu\n",
                    (unsigned long long)cptra_lockstep_compared(hw),
                    (unsigned long long)cptra_lockstep_mismatches(hw));
            exit(1);
        }
        fprintf(stderr, "lockstep: compared %llu, mismatches 0\n",
                (unsigned long long)cptra_lockstep_compared(hw));
    }
#else
    (void)hw;
#endif
}

uint32_t tle32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
void tput32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint8_t *tb_load(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n + 4);
    if (b && fread(b, 1, (size_t)n, fp) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(fp);
    *len = (size_t)n;
    return b;
}

const char *tb_bundle_path(int irot) {
    return irot ? VP_TESTDATA "/cptra_imgtool/prebuilt/ast2700-irot/caliptra-fw.bin"
                : VP_TESTDATA "/cptra_imgtool/prebuilt/ast2700-default/caliptra-fw.bin";
}

void tb_prod_fuses(int irot, soc_fuses_t *f) {
    /* testdata/README.md */
    static const uint32_t vnd_default[12] = {0x428d18b0, 0xb49192c0, 0x163b4e0b, 0x2e231d20,
                                             0xeef3ae37, 0xf8046c09, 0xa31911e3, 0xf6875a9a,
                                             0x287342c5, 0x8c7f8d68, 0xb69fafe1, 0xdd27b2dc};
    static const uint32_t vnd_irot[12] = {0x66d13497, 0x2b5f2322, 0x3cfa49d7, 0x45a49666,
                                          0xa5f750fc, 0xdd873a05, 0x1c8ea507, 0x330228ba,
                                          0xb1024a9d, 0xcc310748, 0x99a7deb3, 0x190a539a};
    static const uint32_t owner[12] = {0x124f40b2, 0xb2035f15, 0xe4878203, 0x7342d795,
                                       0xafc8b36d, 0x065d2fea, 0x9afaee72, 0x4b8b9d53,
                                       0x433ec6c1, 0xb4dbb9dc, 0x2c6f9f71, 0xe5f218b6};
    memset(f, 0, sizeof *f);
    memcpy(f->key_manifest_pk_hash, irot ? vnd_irot : vnd_default, sizeof vnd_irot);
    memcpy(f->owner_pk_hash, owner, sizeof owner);
    f->life_cycle = 3;
}

static void tl_rec(void *ctx, const char *ev, uint64_t cyc) {
    tl_log_t *l = ctx;
    if (l->n < 64) {
        snprintf(l->ev[l->n], sizeof l->ev[0], "%s", ev);
        l->cyc[l->n++] = cyc;
    }
}

int tl_find(const tl_log_t *l, const char *ev, uint64_t *cyc) {
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->ev[i], ev)) {
            if (cyc) *cyc = l->cyc[i];
            return 1;
        }
    return 0;
}

tb_t *tb_new(uint32_t security_state, const cptra_fw_cfg_t *fwcfg) {
    tb_t *tb = calloc(1, sizeof *tb);
    cptra_model_cfg_t mc;
    cptra_model_default_cfg(&mc);
    mc.security_state = security_state;
    tb->hw = tb_make_hw(&mc);
    cptra_fw_cfg_t fc;
    if (fwcfg)
        fc = *fwcfg;
    else
        cptra_fw_default_cfg(&fc);
    fc.timeline = tl_rec;
    fc.timeline_ctx = &tb->fw_tl;
    tb->fw = cptra_fw_new(tb->hw, &fc);
    tb->sim = cptra_sim_new(tb->hw, &tb->fw);
    return tb;
}

void tb_free(tb_t *tb) {
    cptra_sim_free(tb->sim);
    tb->fw.ops->destroy(tb->fw.ctx);
    tb_check_hw(tb->hw);
    tb->hw.ops->destroy(tb->hw.ctx);
    free(tb);
}

static uint64_t io_now(void *c) {
    return cptra_sim_now(((tb_t *)c)->sim);
}
static apb_resp_t io_access(void *c, const apb_req_t *r) {
    tb_t *tb = c;
    return r->write ? cptra_sim_write(tb->sim, r->addr, r->wdata, r->pauser)
                    : cptra_sim_read(tb->sim, r->addr, r->pauser);
}
static void io_power(void *c) {
    cptra_sim_power_on(((tb_t *)c)->sim);
}
static void io_adv(void *c, uint64_t n) {
    cptra_sim_advance(((tb_t *)c)->sim, n);
}

soc_seq_action_t tb_boot(tb_t *tb, const soc_fuses_t *fuses, const uint8_t *fw, size_t len,
                         char *msg, size_t msglen) {
    soc_seq_cfg_t cfg;
    soc_seq_default_cfg(&cfg);
    cfg.a35_pauser = A35_PAUSER;
    cfg.fuses = *fuses;
    cfg.fw = fw;
    cfg.fw_len = len;
    cfg.timeline = tl_rec;
    cfg.timeline_ctx = &tb->soc_tl;
    soc_seq_t *s = soc_seq_new(&cfg);
    soc_seq_io_t io = {tb, io_now, io_access, io_power, io_adv};
    soc_seq_action_t a = soc_seq_run(s, &io);
    if (msg) snprintf(msg, msglen, "%s", soc_seq_message(s));
    soc_seq_free(s);
    return a;
}

void tb_boot_until_ready_for_fw(tb_t *tb, const soc_fuses_t *fuses, int lock) {
    cptra_sim_power_on(tb->sim);
    assert_true(cptra_sim_poll(tb->sim, SOC(CPTRA_FLOW_STATUS), FLOW_STATUS_READY_FOR_FUSES,
                               FLOW_STATUS_READY_FOR_FUSES, SOC_PAUSER, 100000, NULL));
    if (lock) {
        cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_VALID_PAUSER0), SOC_PAUSER, SOC_PAUSER);
        cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_PAUSER_LOCK0), 1, SOC_PAUSER);
        cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), A35_PAUSER, SOC_PAUSER);
        cptra_sim_write(tb->sim, SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1, SOC_PAUSER);
    }
    for (int i = 0; i < 12; i++) {
        cptra_sim_write(tb->sim, SOC(FUSE_KEY_MANIFEST_PK_HASH0 + 4u * i),
                        fuses->key_manifest_pk_hash[i], SOC_PAUSER);
        cptra_sim_write(tb->sim, SOC(FUSE_OWNER_PK_HASH0 + 4u * i), fuses->owner_pk_hash[i],
                        SOC_PAUSER);
    }
    cptra_sim_write(tb->sim, SOC(FUSE_LMS_VERIFY), fuses->lms_verify, SOC_PAUSER);
    cptra_sim_write(tb->sim, SOC(FUSE_LIFE_CYCLE), fuses->life_cycle, SOC_PAUSER);
    cptra_sim_write(tb->sim, SOC(CPTRA_FUSE_WR_DONE), 1, SOC_PAUSER);
    for (int i = 0; i < 20000; i++) {
        apb_resp_t r = cptra_sim_read(tb->sim, SOC(CPTRA_FLOW_STATUS), SOC_PAUSER);
        if (r.rdata & FLOW_STATUS_READY_FOR_FW) return;
        cptra_sim_advance(tb->sim, 10000);
    }
    fail_msg("ready_for_fw never rose");
}

uint32_t tb_rd(tb_t *tb, uint32_t addr) {
    return cptra_sim_read(tb->sim, addr, SOC_PAUSER).rdata;
}

void tb_fill_chksum(uint32_t cmd, uint8_t *req, uint32_t len) {
    tput32(req, cptra_fw_checksum(cmd, req + 4, len - 4));
}

int tb_mbox(tb_t *tb, uint32_t pauser, uint32_t cmd, const uint8_t *req, uint32_t len,
            uint8_t *resp, uint32_t resp_max, uint32_t *resp_len) {
    cptra_sim_t *s = tb->sim;
    int got = 0;
    for (int i = 0; i < 100000; i++) {
        apb_resp_t r = cptra_sim_read(s, MBOX(MBOX_LOCK), pauser);
        if (r.slverr) return -1;
        if (!(r.rdata & 1u)) {
            got = 1;
            break;
        }
        cptra_sim_advance(s, 100);
    }
    if (!got) return -1;
    cptra_sim_write(s, MBOX(MBOX_CMD), cmd, pauser);
    cptra_sim_write(s, MBOX(MBOX_DLEN), len, pauser);
    for (uint32_t i = 0; i < (len + 3) / 4; i++) {
        uint32_t w = 0;
        for (uint32_t b = 0; b < 4 && 4 * i + b < len; b++)
            w |= (uint32_t)req[4 * i + b] << (8 * b);
        cptra_sim_write(s, MBOX(MBOX_DATAIN), w, pauser);
    }
    cptra_sim_write(s, MBOX(MBOX_EXECUTE), 1, pauser);
    uint32_t st = 0;
    int done = 0;
    for (int i = 0; i < 200000; i++) {
        st = cptra_sim_read(s, MBOX(MBOX_STATUS), pauser).rdata & 0xFu;
        if (st != MBOX_STATUS_CMD_BUSY) {
            done = 1;
            break;
        }
        cptra_sim_advance(s, 1000);
    }
    if (!done) return -1;
    if (resp_len) *resp_len = 0;
    if (st == MBOX_STATUS_DATA_READY) {
        uint32_t dlen = cptra_sim_read(s, MBOX(MBOX_DLEN), pauser).rdata;
        if (resp_len) *resp_len = dlen;
        for (uint32_t i = 0; i < (dlen + 3) / 4; i++) {
            uint32_t w = cptra_sim_read(s, MBOX(MBOX_DATAOUT), pauser).rdata;
            for (uint32_t b = 0; b < 4; b++)
                if (resp && 4 * i + b < resp_max && 4 * i + b < dlen)
                    resp[4 * i + b] = (uint8_t)(w >> (8 * b));
        }
    }
    cptra_sim_write(s, MBOX(MBOX_EXECUTE), 0, pauser);
    return (int)st;
}
