#include "cptra_shell.h"

#include <cstring>

#include "apb_ext.h"

using namespace sc_core;

/* ready_for_fuses is looked for this many clocks after rst_b release (spec: 9 clk, §4). */
static const unsigned kWatchCycles = 64;

cptra_shell::cptra_shell(sc_module_name name, cptra_hw_t hw, sc_time clk_period)
    : sc_module(name), apb("apb"), pwrgood("pwrgood"), rst_b("rst_b"), hw_(hw), period_(clk_period),
      period_ps_(clk_period.value() ? clk_period.value() : 1) {
    apb.register_b_transport(this, &cptra_shell::b_transport);
    apb.register_transport_dbg(this, &cptra_shell::transport_dbg);
    if (hw_.ops) hw_.ops->set_notify(hw_.ctx, &cptra_shell::notify_cb, this);
    SC_HAS_PROCESS(cptra_shell);
    SC_METHOD(on_pwrgood);
    sensitive << pwrgood;
    dont_initialize();
    SC_METHOD(on_rst_b);
    sensitive << rst_b;
    dont_initialize();
    SC_METHOD(watch_method);
    sensitive << watch_ev_;
    dont_initialize();
    SC_THREAD(agent_thread);
}

cptra_shell::~cptra_shell() {
    if (have_agent_ && agent_.ops && agent_.ops->destroy) agent_.ops->destroy(agent_.ctx);
    if (hw_.ops && hw_.ops->destroy) hw_.ops->destroy(hw_.ctx);
}

void cptra_shell::set_agent(const cptra_uc_agent_t &agent) {
    agent_ = agent;
    have_agent_ = agent.ops != nullptr;
    /* An agent created after the shell (cptra_fw_new) installs its own notify hook on hw;
     * take it back: the shell forwards every notification to the agent and schedules it. */
    if (hw_.ops) hw_.ops->set_notify(hw_.ctx, &cptra_shell::notify_cb, this);
}

uint64_t cptra_shell::to_cycle(const sc_time &t) const {
    uint64_t ps = t.value();
    return (ps + period_ps_ - 1) / period_ps_;
}

void cptra_shell::schedule_wake(uint64_t cycle) {
    sc_time at = sc_time::from_value(cycle * period_ps_);
    sc_time now = sc_time_stamp();
    wake_ev_.notify(at > now ? at - now : SC_ZERO_TIME);
}

void cptra_shell::notify_cb(void *ctx, cptra_event_t ev, uint64_t cycle) {
    auto *s = static_cast<cptra_shell *>(ctx);
    if (ev == CPTRA_EV_UC_RESET_RELEASED) s->timeline("uc_reset_release", cycle);
    if (!s->have_agent_) return;
    s->agent_.ops->notify(s->agent_.ctx, ev, cycle);
    if (cycle < s->agent_next_) s->agent_next_ = cycle;
    if (!s->in_run_) s->schedule_wake(cycle);
}

void cptra_shell::run_agent(uint64_t now) {
    if (!have_agent_ || in_run_) return;
    if (now < hw_last_)
        now = hw_last_; /* decoupled initiator ahead of SystemC time: never go back */
    in_run_ = true;
    agent_next_ = CPTRA_UC_IDLE;
    uint64_t next = agent_.ops->run(agent_.ctx, now);
    in_run_ = false;
    /* notifications raised during run() lowered agent_next_; keep the earliest */
    if (next < agent_next_) agent_next_ = next;
    hw_last_ = now;
    if (agent_next_ != CPTRA_UC_IDLE) schedule_wake(agent_next_ > now ? agent_next_ : now + 1);
}

void cptra_shell::agent_thread() {
    for (;;) {
        wait(wake_ev_);
        uint64_t now = now_cycle();
        if (agent_next_ <= now || agent_next_ <= hw_last_)
            run_agent(now);
        else if (agent_next_ != CPTRA_UC_IDLE)
            schedule_wake(agent_next_);
    }
}

void cptra_shell::b_transport(tlm::tlm_generic_payload &t, sc_time &delay) {
    if (sync_ && delay > SC_ZERO_TIME) {
        wait(delay);
        delay = SC_ZERO_TIME;
    }
    const sc_time now = sc_time_stamp();
    uint64_t cycle = to_cycle(now + delay);
    if (cycle < hw_last_) cycle = hw_last_;
    if (agent_next_ <= cycle) run_agent(cycle);
    apb_req_t req;
    req.addr = (uint32_t)t.get_address();
    req.write = t.is_write() ? 1 : 0;
    req.wdata = 0;
    unsigned char *p = t.get_data_ptr();
    if (req.write) std::memcpy(&req.wdata, p, 4);
    apb_ext *ext = nullptr;
    t.get_extension(ext);
    req.pauser = ext ? ext->pauser : 0;
    req.pprot = ext ? ext->pprot : 0;
    apb_resp_t r = hw_.ops->apb_access(hw_.ctx, cycle, &req);
    hw_last_ = cycle;
    accesses_++;
    if (!req.write) {
        uint32_t d = r.slverr ? 0 : r.rdata;
        std::memcpy(p, &d, 4);
    }
    t.set_response_status(r.slverr ? tlm::TLM_GENERIC_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
    /* completion: end of the access cycle + wait states (SETUP + ACCESS = 2 cycles) */
    delay = sc_time::from_value((cycle + APB_MIN_CYCLES + r.wait) * period_ps_) - now;
}

unsigned cptra_shell::transport_dbg(tlm::tlm_generic_payload &t) {
    unsigned len = t.get_data_length();
    unsigned char *p = t.get_data_ptr();
    uint32_t a = (uint32_t)t.get_address();
    if (!p || (a & 3u) || (len & 3u)) return 0;
    unsigned done = 0;
    for (; done < len; done += 4) {
        uint32_t d = 0;
        if (t.is_read()) {
            if (!hw_.ops->dbg_read(hw_.ctx, a + done, &d)) break;
            std::memcpy(p + done, &d, 4);
        } else {
            std::memcpy(&d, p + done, 4);
            if (!hw_.ops->dbg_write(hw_.ctx, a + done, d)) break;
        }
    }
    return done;
}

void cptra_shell::on_pwrgood() {
    uint64_t c = now_cycle();
    bool lv = pwrgood.read();
    hw_.ops->set_pwrgood(hw_.ctx, c, lv);
    if (c > hw_last_) hw_last_ = c;
    timeline(lv ? "pwrgood" : "pwrgood_low", c);
}

void cptra_shell::on_rst_b() {
    uint64_t c = now_cycle();
    bool lv = rst_b.read();
    hw_.ops->set_rst_b(hw_.ctx, c, lv);
    if (c > hw_last_) hw_last_ = c;
    timeline(lv ? "rst_b_release" : "rst_b_assert", c);
    if (lv) {
        watch_left_ = kWatchCycles;
        watch_ev_.notify(period_);
    }
}

void cptra_shell::watch_method() {
    uint64_t c = now_cycle();
    if (c < hw_last_ || !watch_left_)
        return; /* a decoupled initiator already moved hw past this cycle */
    cptra_hw_obs_t o;
    std::memset(&o, 0, sizeof(o));
    hw_.ops->observe(hw_.ctx, c, &o);
    if (o.ready_for_fuses) {
        timeline("ready_for_fuses", c);
        watch_left_ = 0;
        return;
    }
    if (--watch_left_) watch_ev_.notify(period_);
}
