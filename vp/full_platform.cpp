/* Full platform (bootmcu + Caliptra): the bootmcu shell (models/bootmcu/sc: RV32 ISS running the
 * secure-boot firmware, sw/bootmcu) is one more initiator of the vp_platform's interconnect; the
 * uC runs the firmware behaviour model. The firmware programs PAUSERs and fuses, loads the
 * Caliptra bundle, authorizes the SoC images and releases the CA35 cluster (SCU). With
 * cfg.socket the CA35 bridge starts listening at that release.
 * Defaults: firmware = bootmcu-fw.elf next to the vp executable, flash =
 * ../images/vp-default-flash.bin relative to it (both produced by the build). The Caliptra
 * security-state strap follows FUSE_LIFE_CYCLE of the flash image's OTP block. */
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <systemc>

#include "modes.h"
#ifdef VP_HAVE_BOOTMCU
#include "bootmcu_platform.h"
#include "bootmcu_sc.h"
#include "cptra_fw.h"
#include "platform.h"
#include "report.h"
#ifdef VP_HAVE_BRIDGE
#include "cptr_bridge_sc.h"
#include "signal_stop.h"
#endif

static std::string exe_dir() {
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    buf[n] = 0;
    std::string s = buf;
    size_t slash = s.rfind('/');
    return slash == std::string::npos ? "." : s.substr(0, slash);
}

int vp_run_full_platform(const vp_config &cfg) {
    auto wall0 = std::chrono::steady_clock::now();
    bootmcu_sc_config bc;
    bc.elf = cfg.bootmcu_firmware.empty() ? exe_dir() + "/bootmcu-fw.elf" : cfg.bootmcu_firmware;
    bc.flash = cfg.bootmcu_flash.empty() ? exe_dir() + "/../images/vp-default-flash.bin"
                                         : cfg.bootmcu_flash;
    bc.gdb = cfg.bootmcu_gdb;
    bc.gdb_wait = cfg.bootmcu_gdb_wait;
    bc.pauser = cfg.bootmcu_pauser;
    bc.cptra_base = cfg.window_base;
    bc.cptra_size = cfg.window_size;
    bc.clk_hz = (uint64_t)(cfg.bootmcu_clock_mhz * 1e6 + 0.5);
    bootmcu_region_cfg *const map[VP_BOOTMCU_REGIONS] = {
        &bc.map.rom,  &bc.map.sram,  &bc.map.dram, &bc.map.flash,
        &bc.map.uart, &bc.map.timer, &bc.map.scu,  &bc.map.simctrl}; /* vp_bootmcu_region_names */
    for (int i = 0; i < VP_BOOTMCU_REGIONS; i++)
        *map[i] = {cfg.bootmcu_map[i].base, cfg.bootmcu_map[i].size, cfg.bootmcu_map[i].latency};
    // Name the file that is missing; the defaults come from the bootmcu component's build.
    const struct {
        const std::string &path;
        const char *key;
    } inputs[] = {{bc.elf, "bootmcu.firmware, --bootmcu-fw"}, {bc.flash, "bootmcu.flash, --flash"}};
    for (const auto &in : inputs)
        if (access(in.path.c_str(), R_OK)) {
            std::fprintf(stderr,
                         "vp: full platform: cannot read %s (%s); the defaults are built by the "
                         "bootmcu component (VP_WITH_FIRMWARE=ON)\n",
                         in.path.c_str(), in.key);
            return 2;
        }
    if (bc.gdb_wait && bc.gdb.empty()) {
        std::fprintf(stderr, "vp: --gdb-wait needs --gdb\n");
        return 2;
    }
#ifndef VP_HAVE_BRIDGE
    if (!cfg.socket.empty()) {
        std::fprintf(stderr, "vp: --socket needs the CA35 bridge (component bridge)\n");
        return 2;
    }
#endif
    cptra_model_cfg_t mcfg;
    cptra_model_default_cfg(&mcfg);
    /* the ROM takes the lifecycle from the security-state strap: tie it to the OTP fuses */
    uint32_t lc = bootmcu_flash_lifecycle(bc.flash);
    mcfg.security_state = lc | (lc ? 4u : 0u);
    std::unique_ptr<vp_hw_sel> hs(new vp_hw_sel);
    std::string err;
    if (!vp_make_hw(cfg, mcfg, *hs, err)) {
        std::fprintf(stderr, "vp: %s\n", err.c_str());
        return 2;
    }
#ifdef VP_HAVE_BRIDGE
    /* SIGINT/SIGTERM end a serving run cleanly (report written); blocked before any thread */
    vp_signal_stop sigs;
    if (!cfg.socket.empty()) sigs.block();
#endif
    int status = 0;
    {
        vp_platform plat("vp", cfg, hs->hw, nullptr);
        cptra_fw_cfg_t fc;
        cptra_fw_default_cfg(&fc);
        fc.timeline = vp_timeline_fn_add;
        fc.timeline_ctx = plat.timeline();
        cptra_uc_agent_t agent = cptra_fw_new(plat.agent_hw(), &fc);
        if (!agent.ops) {
            std::fprintf(stderr, "vp: cannot create the firmware model\n");
            return 2;
        }
        plat.set_agent(agent);

        /* with a bridge the run goes on after a successful boot (the CA35 talks to Caliptra)
         * and ends by the bridge or --max-time; a failed boot ends it */
        bc.stop_sim_on_exit = false;
        bool serving = !cfg.socket.empty();
        bootmcu_sc mcu("bootmcu", bc);
        mcu.on_exit = [serving](uint32_t code) {
            if (!serving || code != 0) sc_core::sc_stop();
        };
        mcu.apb.bind(plat.bus().tsock);
        bootmcu_link_timeline(mcu, plat.timeline(), plat.period(), cfg.quiet ? nullptr : stdout);

        std::string bridge_err;
#ifdef VP_HAVE_BRIDGE
        std::unique_ptr<cptr_bridge_sc> bridge;
        if (!cfg.socket.empty()) {
            bridge.reset(vp_new_bridge(cfg, plat, &sigs));
        }
        /* the signal thread ends before the bridge goes away */
        struct sig_join {
            vp_signal_stop &s;
            ~sig_join() { s.stop(); }
        } sig_join_{sigs};
        auto link = mcu.on_release;
        mcu.on_release = [&, link](const sc_core::sc_time &t) {
            if (link) link(t);
            if (!bridge) return;
            /* the release is a store of the ISS, which may run ahead of SystemC time by up to a
             * quantum: catch up first so the CA35 starts at the release time */
            if (t > sc_core::sc_time_stamp()) sc_core::wait(t - sc_core::sc_time_stamp());
            vp_bridge_listen(*bridge, cfg, plat, bridge_err);
        };
#endif
        std::string lerr;
        if (!mcu.load(lerr)) {
            std::fprintf(stderr, "vp: %s\n", lerr.c_str());
            return 2;
        }

        vp_sim_start(cfg);
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        std::string end_reason; /* why the bridge ended the run, if it did */
#ifdef VP_HAVE_BRIDGE
        if (bridge) end_reason = bridge->end_reason();
#endif
        const char *st = "pass";
        char msg[512] = "";
        if (hs->mismatch) {
            st = "fail";
            std::snprintf(msg, sizeof msg, "lockstep mismatch: %s", hs->mismatch_msg.c_str());
            status = 4;
        } else if (!bridge_err.empty()) {
            st = "fail";
            std::snprintf(msg, sizeof msg, "%s", bridge_err.c_str());
            status = 2;
        } else if (!mcu.exited() && !end_reason.empty()) {
            st = "stopped";
            std::snprintf(msg, sizeof msg, "stopped (%s) before the bootmcu firmware finished",
                          end_reason.c_str());
            status = 1;
        } else if (!mcu.exited()) {
            st = "timeout";
            std::snprintf(msg, sizeof msg,
                          "--max-time reached before the bootmcu firmware finished");
            status = 3;
        } else if (mcu.exit_code() != 0 || !mcu.ca35_released()) {
            st = "fail";
            std::snprintf(msg, sizeof msg,
                          "secure boot failed: bootmcu firmware exit code %u "
                          "(sw/bootmcu/README.md); CA35 kept in reset",
                          mcu.exit_code());
            status = 1;
        }
        if (status) std::fprintf(stderr, "vp: %s\n", msg);
        vp_report_in_t in{};
        in.sim_time_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
        in.wall_time_s = wall;
        in.clock_mhz = cfg.clock_mhz;
        in.timeline = plat.timeline();
        in.perf = plat.perf();
        in.status = st;
        in.message = msg;
        in.apb_transfers = plat.bus().get_stats().transfers;
        in.apb_slverr = plat.bus().get_stats().slverr;
        std::vector<vp_report_kv_t> extra;
        extra.push_back({"mode", 0, "full-platform"});
        vp_report_hw_rows(cfg, *hs, extra);
#ifdef VP_HAVE_BRIDGE
        if (bridge) vp_report_bridge_rows(cfg, *bridge, end_reason, extra);
#endif
        in.extra = extra.data();
        in.n_extra = extra.size();
        if (!cfg.quiet) {
            vp_report_print(stdout, &in);
            bootmcu_report_print(stdout, mcu, wall);
        }
        if (!cfg.report.empty()) {
            char rerr[512];
            if (!vp_report_write_json(cfg.report.c_str(), &in, rerr, sizeof(rerr))) {
                std::fprintf(stderr, "vp: %s\n", rerr);
                if (!status) status = 2;
            } else if (!bootmcu_report_amend_json(cfg.report, mcu, err)) {
                std::fprintf(stderr, "vp: %s\n", err.c_str());
                if (!status) status = 2;
            }
        }
    }
    return status;
}
#else /* VP_HAVE_BOOTMCU */

int vp_run_full_platform(const vp_config &cfg) {
    (void)cfg;
    std::fprintf(stderr, "vp: the full platform needs the bootmcu component (models/bootmcu, "
                         "sw/bootmcu); use --caliptra-only --firmware BUNDLE or --script FILE\n");
    return 2;
}
#endif
