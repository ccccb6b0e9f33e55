/* The wiring place of the VP: interconnect, Caliptra shell (hw behind hw_tap feeding the perf
 * counters and the timeline), reset sequencer, and the SoC-side initiators.
 *
 * What drives the SoC side of Caliptra (vp/modes.h): the script player (created here when a
 * script is given; Caliptra gets pwrgood at cycle 0 and rst_b 10 clk later, caliptra-1x.md §2.2
 * step 1), the built-in SoC sequencer (vp/soc_seq_sc), the CA35 bridge
 * (models/ca35-bridge/sc) and the bootmcu: each binds one more initiator socket of `bus()`
 * (bus socket order = the round-robin order). The uC port is driven by the agent given to
 * set_agent() (fw model or uc_stub). Every uC write of CPTRA_BOOT_STATUS is a timeline event
 * "cptra.boot_status 0xNNN". */
#ifndef VP_PLATFORM_H
#define VP_PLATFORM_H

#include <memory>

#include <systemc>

#include "apb_bus.h"
#include "config.h"
#include "cptra_shell.h"
#include "hw_tap.h"
#include "mbox_perf.h"
#include "script.h"
#include "script_player.h"
#include "vp_timeline.h"

class vp_platform : public sc_core::sc_module {
  public:
    /* Takes ownership of `hw` (wrapped in a hw_tap). `script` may be NULL (no script player);
     * it must outlive the platform. */
    vp_platform(sc_core::sc_module_name name, const vp_config &cfg, cptra_hw_t hw,
                const script_t *script);
    ~vp_platform() override;

    /* The hw as the uC agent must see it (tapped, so uC accesses reach the perf counters). */
    cptra_hw_t agent_hw() const { return shell_->hw(); }
    void set_agent(const cptra_uc_agent_t &a) { shell_->set_agent(a); }

    apb_bus &bus() { return *bus_; }
    cptra_shell &cptra() { return *shell_; }
    script_player *player() { return player_.get(); }
    vp_timeline_t *timeline() { return tl_; }
    mbox_perf_t *perf() { return perf_; }
    sc_core::sc_time period() const { return period_; }
    /* Stop the simulation when the script player finishes (default true). */
    void set_stop_when_done(bool on) { stop_when_done_ = on; }
    /* Adds a sink to the hw tap (APB trace recorder, ...). Call before the simulation. */
    bool add_tap_sink(const hw_tap_sink_t &s) { return hw_tap_add_sink(shell_->hw(), &s); }

    sc_core::sc_signal<bool> pwrgood{"pwrgood_sig"};
    sc_core::sc_signal<bool> rst_b{"rst_b_sig"};

  private:
    void power_thread();

    sc_core::sc_time period_;
    vp_timeline_t *tl_;
    mbox_perf_t *perf_;
    std::unique_ptr<apb_bus> bus_;
    std::unique_ptr<cptra_shell> shell_;
    std::unique_ptr<script_player> player_;
    bool stop_when_done_ = true;
};

/* pwrgood -> rst_b delay of the reset sequencer: "wait >= 10 clk" (caliptra-1x.md §2.2). */
static const unsigned VP_PWRGOOD_TO_RST_B_CYCLES = 10;

#endif
