#include "hw_test_util.h"

apb_resp_t t_apb(cptra_hw_t hw, uint64_t c, uint32_t addr, int write, uint32_t d, uint32_t pauser) {
    apb_req_t r = {addr, d, pauser, (uint8_t)write, 0};
    return cptra_hw_apb(hw, c, &r);
}

uint32_t t_rd(cptra_hw_t hw, uint64_t c, uint32_t addr) {
    apb_resp_t r = t_apb(hw, c, addr, 0, 0, SOC_PAUSER);
    assert_int_equal(r.slverr, 0);
    return r.rdata;
}

void t_wr(cptra_hw_t hw, uint64_t c, uint32_t addr, uint32_t d) {
    apb_resp_t r = t_apb(hw, c, addr, 1, d, SOC_PAUSER);
    assert_int_equal(r.slverr, 0);
}

uint64_t t_boot(cptra_hw_t hw) {
    hw.ops->set_pwrgood(hw.ctx, 0, true);
    hw.ops->set_rst_b(hw.ctx, 10, true);
    return 19;
}

cptra_hw_obs_t t_obs(cptra_hw_t hw, uint64_t c) {
    cptra_hw_obs_t o;
    hw.ops->observe(hw.ctx, c, &o);
    return o;
}

void t_log_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    t_log_t *l = ctx;
    if (l->n < 64) {
        l->ev[l->n] = ev;
        l->cyc[l->n] = cycle;
        l->n++;
    }
}

int t_log_find(const t_log_t *l, cptra_event_t ev, uint64_t *cycle) {
    int cnt = 0;
    for (unsigned i = 0; i < l->n; i++)
        if (l->ev[i] == ev) {
            if (cycle && !cnt) *cycle = l->cyc[i];
            cnt++;
        }
    return cnt;
}
