/* SystemC shell of the Caliptra core: one APB target socket, a clock period, reset inputs
 * (pwrgood, rst_b). It owns a `hw` implementation (cptra_hw_t: C model, RTL, lockstep, usually
 * wrapped by hw_tap) and an optional uC agent (cptra_uc_agent_t: fw behaviour or a test double).
 *
 * Timing (DESIGN.md principles 2 and 3): with sync_on_access (default) b_transport first waits
 * the incoming annotated delay, so the APB ACCESS cycle handed to hw is the current simulated
 * time in Caliptra clock cycles (rounded up to a clock edge); it then annotates 2 + wait cycles
 * (apb_types.h). Without sync (single decoupled initiator, e.g. the benchmark) the access cycle
 * is sc_time_stamp() + delay.
 * uC agent: run from an SC_THREAD at each wake-up cycle and after each notification, and also
 * lazily before any SoC access whose cycle has reached the agent's next wake-up, so the agent's
 * actions at cycle <= C always reach hw before a SoC access at cycle C. */
#ifndef CPTRA_SHELL_H
#define CPTRA_SHELL_H

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "cptra_hw.h"
#include "cptra_uc_agent.h"
#include "vp_timeline.h"

class cptra_shell : public sc_core::sc_module {
  public:
    tlm_utils::simple_target_socket<cptra_shell, 32> apb;
    sc_core::sc_in<bool> pwrgood;
    sc_core::sc_in<bool> rst_b;

    /* Takes ownership of `hw` (destroyed with the shell). */
    cptra_shell(sc_core::sc_module_name name, cptra_hw_t hw, sc_core::sc_time clk_period);
    ~cptra_shell() override;

    /* Takes ownership of the agent. Call before the simulation starts. */
    void set_agent(const cptra_uc_agent_t &agent);
    void set_sync_on_access(bool on) { sync_ = on; }
    /* Timeline sink for pwrgood, rst_b release, ready_for_fuses, uC reset release. */
    void set_timeline(vp_timeline_fn fn, void *ctx) {
        tl_fn_ = fn;
        tl_ctx_ = ctx;
    }

    cptra_hw_t hw() const { return hw_; }
    sc_core::sc_time period() const { return period_; }
    uint64_t to_cycle(const sc_core::sc_time &t) const; /* rounded up to a clock edge */
    uint64_t now_cycle() const { return to_cycle(sc_core::sc_time_stamp()); }
    uint64_t accesses() const { return accesses_; }

  private:
    void b_transport(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned transport_dbg(tlm::tlm_generic_payload &t);
    void on_pwrgood();
    void on_rst_b();
    void agent_thread();
    void watch_method();
    void run_agent(uint64_t now);
    void schedule_wake(uint64_t cycle);
    void timeline(const char *name, uint64_t cycle) {
        if (tl_fn_) tl_fn_(tl_ctx_, name, cycle);
    }
    static void notify_cb(void *ctx, cptra_event_t ev, uint64_t cycle);

    cptra_hw_t hw_;
    sc_core::sc_time period_;
    uint64_t period_ps_;
    cptra_uc_agent_t agent_{};
    bool have_agent_ = false;
    bool sync_ = true;
    uint64_t agent_next_ = CPTRA_UC_IDLE;
    uint64_t hw_last_ = 0;
    uint64_t accesses_ = 0;
    bool in_run_ = false;
    sc_core::sc_event wake_ev_;
    sc_core::sc_event watch_ev_;
    unsigned watch_left_ = 0;
    vp_timeline_fn tl_fn_ = nullptr;
    void *tl_ctx_ = nullptr;
};

#endif
