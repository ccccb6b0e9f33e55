#include "platform.h"

#include <cstdio>

#include <tlm_utils/tlm_quantumkeeper.h>

using namespace sc_core;

/* hw_tap sink: every uC write of CPTRA_BOOT_STATUS becomes a timeline event, so the report
 * shows the ROM/FMC/RT boot statuses (caliptra-1x.md §3.7) with their cycles. */
static void boot_status_watch(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    if (addr != CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS) return;
    char name[48];
    snprintf(name, sizeof name, "cptra.boot_status 0x%x", data);
    vp_timeline_add(static_cast<vp_timeline_t *>(ctx), name, cycle);
}

vp_platform::vp_platform(sc_module_name name, const vp_config &cfg, cptra_hw_t hw,
                         const script_t *script)
    : sc_module(name), period_(sc_time::from_value(cfg.period_ps())), tl_(vp_timeline_new()),
      perf_(mbox_perf_new(cfg.clock_mhz)) {
    cptra_hw_t tap = hw_tap_new(hw);
    hw_tap_sink_t ps = hw_tap_perf_sink(perf_);
    hw_tap_add_sink(tap, &ps);
    hw_tap_sink_t ts = {vp_timeline_apb_watch, nullptr, nullptr, vp_timeline_pin_watch, tl_};
    hw_tap_add_sink(tap, &ts);
    hw_tap_sink_t bs = {nullptr, nullptr, boot_status_watch, nullptr, tl_};
    hw_tap_add_sink(tap, &bs);

    /* global quantum for the loosely-timed initiators (bootmcu ISS, bridge) */
    uint64_t q_ps = cfg.quantum.kind == vp_time_spec::CYCLES ? cfg.quantum.value * cfg.period_ps()
                                                             : cfg.quantum.value;
    if (q_ps) tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time::from_value(q_ps));

    apb_map_t map = {cfg.window_base, cfg.window_size};
    bus_.reset(new apb_bus("apb", map, period_));
    shell_.reset(new cptra_shell("caliptra", tap, period_));
    shell_->set_timeline(vp_timeline_fn_add, tl_);
    shell_->pwrgood(pwrgood);
    shell_->rst_b(rst_b);
    bus_->isock.bind(shell_->apb);
    if (script) {
        player_.reset(new script_player("script_player", script, cfg.a35_pauser, period_));
        player_->isock.bind(bus_->tsock);
        player_->on_done([this] {
            if (stop_when_done_) sc_stop();
        });
    }
    SC_HAS_PROCESS(vp_platform);
    SC_THREAD(power_thread);
}

vp_platform::~vp_platform() {
    player_.reset();
    shell_.reset(); /* destroys hw before the sinks' state goes away */
    bus_.reset();
    mbox_perf_free(perf_);
    vp_timeline_free(tl_);
}

void vp_platform::power_thread() {
    pwrgood.write(true);
    wait(period_ * (double)VP_PWRGOOD_TO_RST_B_CYCLES);
    rst_b.write(true);
}
