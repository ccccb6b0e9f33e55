/* bootmcu-vp: the full secure-boot platform without the vp front end: bootmcu shell (ISS +
 * firmware) -> APB interconnect -> Caliptra shell (C hw model behind hw_tap, fw behaviour model
 * as the uC agent). Used by the tests/bootmcu platform tests; `vp` wires the same pieces.
 * Prints the console with simulated times, the boot timeline, the mailbox round-trip table and
 * the run statistics; --report writes the vp JSON report plus a "bootmcu" section and
 * "ca35_released". Exit status = the firmware's exit code (0 = CA35 released), 3 = --max-time
 * reached, 2 = usage / load error. */
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <systemc>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "apb_bus.h"
#include "bootmcu_platform.h"
#include "bootmcu_sc.h"
#include "cptra_fw.h"
#include "cptra_hw.h"
#include "cptra_shell.h"
#include "hw_tap.h"
#include "mbox_perf.h"
#include "report.h"
#include "vp_timeline.h"

using namespace sc_core;

namespace {

struct power_seq : sc_module {
    sc_signal<bool> pwrgood{"pwrgood"}, rst_b{"rst_b"};
    sc_time period;
    SC_HAS_PROCESS(power_seq);
    power_seq(sc_module_name n, sc_time p) : sc_module(n), period(p) { SC_THREAD(run); }
    void run() {
        /* cptra_pwrgood at 0, cptra_rst_b >= 10 clk later (caliptra-1x.md §2.2 step 1) */
        pwrgood.write(true);
        wait(period * 10.0);
        rst_b.write(true);
    }
};

int usage() {
    std::fprintf(
        stderr,
        "usage: bootmcu-vp --bootmcu-fw ELF [--flash FILE] [--report JSON] [--max-time MS]\n"
        "                  [--quantum NS] [--clock-mhz N] [--bootmcu-mhz N]\n"
        "                  [--lifecycle 0|1|3] [--pauser P] [--gdb PORT|PATH] [--gdb-wait]\n"
        "                  [--quiet]\n"
        "Boots the platform (bootmcu + Caliptra hw/fw models) from the flash image.\n"
        "Exit: firmware exit code (0 = CA35 released), 3 = max time reached, 2 = usage.\n");
    return 2;
}

} // namespace

int sc_main(int argc, char **argv) {
    bootmcu_sc_config bc;
    std::string report;
    double max_ms = 1000.0, clock_mhz = 400.0, quantum_ns = 1000.0;
    int lifecycle = -1; /* -1 = from the OTP block in the flash image */
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--help") {
            usage();
            return 0;
        } else if (a == "--gdb-wait") {
            bc.gdb_wait = true;
        } else if (a == "--quiet") {
            quiet = true;
        } else if (!v) {
            return usage();
        } else if (a == "--bootmcu-fw") {
            bc.elf = v, i++;
        } else if (a == "--flash") {
            bc.flash = v, i++;
        } else if (a == "--report") {
            report = v, i++;
        } else if (a == "--gdb") {
            bc.gdb = v, i++;
        } else if (a == "--max-time") {
            max_ms = std::atof(v), i++;
        } else if (a == "--quantum") {
            quantum_ns = std::atof(v), i++;
        } else if (a == "--clock-mhz") {
            clock_mhz = std::atof(v), i++;
        } else if (a == "--bootmcu-mhz") {
            bc.clk_hz = (uint64_t)(std::atof(v) * 1e6), i++;
        } else if (a == "--pauser") {
            bc.pauser = (uint32_t)std::strtoul(v, nullptr, 0), i++;
        } else if (a == "--lifecycle") {
            lifecycle = (int)std::strtol(v, nullptr, 0), i++;
        } else {
            return usage();
        }
    }
    if (bc.elf.empty() || max_ms <= 0 || clock_mhz <= 0 || clock_mhz > 10000 || quantum_ns <= 0 ||
        lifecycle > 3 || lifecycle < -1 || bc.clk_hz == 0)
        return usage();
    if (bc.gdb_wait && bc.gdb.empty()) return usage();

    auto wall0 = std::chrono::steady_clock::now();
    sc_time period = sc_time((double)(uint64_t)(1e6 / clock_mhz + 0.5), SC_PS);
    tlm_utils::tlm_quantumkeeper::set_global_quantum(sc_time(quantum_ns, SC_NS));
    vp_timeline_t *tl = vp_timeline_new();
    mbox_perf_t *perf = mbox_perf_new(clock_mhz);

    cptra_model_cfg_t mcfg;
    cptra_model_default_cfg(&mcfg);
    /* straps: device_lifecycle[1:0], debug_locked[2] (locked unless unprovisioned) */
    uint32_t lc = lifecycle >= 0 ? (uint32_t)lifecycle : bootmcu_flash_lifecycle(bc.flash);
    mcfg.security_state = lc | (lc ? 4u : 0u);
    cptra_hw_t tap = hw_tap_new(cptra_model_new(&mcfg));
    hw_tap_sink_t ps = hw_tap_perf_sink(perf);
    hw_tap_add_sink(tap, &ps);
    hw_tap_sink_t ts = {vp_timeline_apb_watch, nullptr, nullptr, vp_timeline_pin_watch, tl};
    hw_tap_add_sink(tap, &ts);
    hw_tap_sink_t bs = bootmcu_boot_status_sink(tl);
    hw_tap_add_sink(tap, &bs);

    apb_map_t map = {bc.cptra_base, bc.cptra_size};
    auto bus = std::make_unique<apb_bus>("apb", map, period);
    /* the fw agent installs its notify hook on the hw; the shell then takes the hook over and
     * forwards every notification to the agent (cptra_shell.h), so the shell comes second */
    cptra_fw_cfg_t fcfg;
    cptra_fw_default_cfg(&fcfg);
    fcfg.timeline = vp_timeline_fn_add;
    fcfg.timeline_ctx = tl;
    cptra_uc_agent_t agent = cptra_fw_new(tap, &fcfg);
    auto shell = std::make_unique<cptra_shell>("caliptra", tap, period);
    shell->set_timeline(vp_timeline_fn_add, tl);
    shell->set_agent(agent);
    power_seq pwr("power", period);
    shell->pwrgood(pwr.pwrgood);
    shell->rst_b(pwr.rst_b);
    bus->isock.bind(shell->apb);

    auto mcu = std::make_unique<bootmcu_sc>("bootmcu", bc);
    mcu->apb.bind(bus->tsock);
    bootmcu_link_timeline(*mcu, tl, period, quiet ? nullptr : stdout);
    std::string err;
    if (!mcu->load(err)) {
        std::fprintf(stderr, "bootmcu-vp: %s\n", err.c_str());
        return 2;
    }
    sc_start(sc_time(max_ms, SC_MS));
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    bool timeout = !mcu->exited();
    uint32_t code = mcu->exit_code();
    std::string status =
        timeout ? "timeout" : (code == 0 && mcu->ca35_released() ? "pass" : "fail");
    char msg[256] = "";
    if (timeout)
        std::snprintf(msg, sizeof msg, "bootmcu firmware did not finish within %.3f ms", max_ms);
    else if (code)
        std::snprintf(msg, sizeof msg, "bootmcu firmware exit code %u; CA35 kept in reset", code);
    vp_report_in_t in{};
    in.sim_time_ns = sc_time_stamp().to_seconds() * 1e9;
    in.wall_time_s = wall;
    in.clock_mhz = clock_mhz;
    in.timeline = tl;
    in.perf = perf;
    in.status = status.c_str();
    in.message = msg;
    in.apb_transfers = bus->get_stats().transfers;
    in.apb_slverr = bus->get_stats().slverr;
    if (!quiet) vp_report_print(stdout, &in);
    bootmcu_report_print(stdout, *mcu, wall);
    int rc = timeout ? 3 : (int)(code & 0xFF);
    if (!report.empty()) {
        char e[256];
        if (!vp_report_write_json(report.c_str(), &in, e, sizeof e)) {
            std::fprintf(stderr, "bootmcu-vp: %s\n", e);
            rc = rc ? rc : 2;
        } else if (!bootmcu_report_amend_json(report, *mcu, err)) {
            std::fprintf(stderr, "bootmcu-vp: %s\n", err.c_str());
            rc = rc ? rc : 2;
        }
    }
    mcu.reset();
    shell.reset();
    bus.reset();
    mbox_perf_free(perf);
    vp_timeline_free(tl);
    return rc;
}
