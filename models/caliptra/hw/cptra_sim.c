/* cptra_sim: deterministic C driver for a `hw` + uC agent (see cptra_sim.h). */
#include "cptra_sim.h"

#include <stdlib.h>

struct cptra_sim {
    cptra_hw_t hw;
    cptra_uc_agent_t agent;
    bool has_agent;
    uint64_t now;
    uint64_t next_wake; /* next cycle the agent must run at */
    uint64_t running_at;
    bool in_run;
    uint64_t wakeups; /* number of agent runs (recorded wake-ups) */
};

static void sim_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    cptra_sim_t *s = ctx;
    if (!s->has_agent) return;
    s->agent.ops->notify(s->agent.ctx, ev, cycle);
    /* An event visible at `cycle` must be seen by the agent at `cycle` (never in the past of
     * the run in progress). */
    if (s->in_run && cycle < s->running_at) cycle = s->running_at;
    if (cycle < s->next_wake) s->next_wake = cycle;
}

cptra_sim_t *cptra_sim_new(cptra_hw_t hw, const cptra_uc_agent_t *agent) {
    if (!hw.ops) return NULL;
    cptra_sim_t *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    s->hw = hw;
    s->has_agent = agent && agent->ops;
    if (s->has_agent) s->agent = *agent;
    s->next_wake = s->has_agent ? 0 : CPTRA_UC_IDLE;
    hw.ops->set_notify(hw.ctx, sim_notify, s);
    return s;
}

void cptra_sim_free(cptra_sim_t *s) {
    if (!s) return;
    s->hw.ops->set_notify(s->hw.ctx, NULL, NULL);
    free(s);
}

uint64_t cptra_sim_now(const cptra_sim_t *s) {
    return s->now;
}

/* Run every agent wake-up at or before `t`. */
static void run_agent(cptra_sim_t *s, uint64_t t) {
    unsigned guard = 0;
    while (s->has_agent && s->next_wake <= t) {
        uint64_t w = s->next_wake;
        s->next_wake = CPTRA_UC_IDLE;
        s->in_run = true;
        s->running_at = w;
        uint64_t nw = s->agent.ops->run(s->agent.ctx, w);
        s->in_run = false;
        s->wakeups++;
        if (nw <= w) /* an agent asking for the cycle it just ran gets the next one */
            nw = w + 1;
        if (nw < s->next_wake) s->next_wake = nw;
        if (s->next_wake == w && ++guard > 1000)
            s->next_wake = w + 1; /* notification storm at one cycle: move on */
    }
}

void cptra_sim_advance(cptra_sim_t *s, uint64_t cycles) {
    uint64_t t = s->now + cycles;
    if (t) run_agent(s, t - 1);
    s->now = t;
}

void cptra_sim_power_on(cptra_sim_t *s) {
    run_agent(s, s->now);
    s->hw.ops->set_pwrgood(s->hw.ctx, s->now, true);
    cptra_sim_advance(s, 10); /* >= 10 clk between pwrgood and rst_b (§2.2 step 1) */
    run_agent(s, s->now);
    s->hw.ops->set_rst_b(s->hw.ctx, s->now, true);
}

static uint32_t norm_addr(uint32_t addr) {
    /* Accept Caliptra addresses (0x3002_0000..) and bare PADDR values. */
    if (addr < 0x40000u) return 0x30000000u | addr;
    return addr;
}

static apb_resp_t xfer(cptra_sim_t *s, uint32_t addr, uint32_t data, uint32_t pauser, bool wr) {
    apb_req_t req = {norm_addr(addr), data, pauser, wr ? 1u : 0u, 0};
    uint64_t access = s->now + 1; /* SETUP at now, ACCESS at now+1 */
    run_agent(s, access);
    apb_resp_t r = s->hw.ops->apb_access(s->hw.ctx, access, &req);
    s->now += APB_MIN_CYCLES + r.wait;
    return r;
}

apb_resp_t cptra_sim_read(cptra_sim_t *s, uint32_t addr, uint32_t pauser) {
    return xfer(s, addr, 0, pauser, false);
}

apb_resp_t cptra_sim_write(cptra_sim_t *s, uint32_t addr, uint32_t data, uint32_t pauser) {
    return xfer(s, addr, data, pauser, true);
}

bool cptra_sim_poll(cptra_sim_t *s, uint32_t addr, uint32_t mask, uint32_t value, uint32_t pauser,
                    uint64_t max_cycles, uint32_t *last) {
    uint64_t start = s->now;
    for (;;) {
        apb_resp_t r = cptra_sim_read(s, addr, pauser);
        if (last) *last = r.rdata;
        if (!r.slverr && (r.rdata & mask) == value) return true;
        if (s->now - start >= max_cycles) return false;
    }
}
