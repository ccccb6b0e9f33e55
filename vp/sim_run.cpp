/* Script mode and Caliptra-only mode of vp (see modes.h, vp/README.md). */
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "apb_trace.h"
#include "modes.h"
#include "platform.h"
#include "report.h"
#include "script.h"
#include "signal_stop.h"
#include "uc_stub.h"
#ifdef VP_HAVE_FW
#include "cptra_fw.h"
#include "soc_seq.h"
#include "soc_seq_sc.h"
#endif
#ifdef VP_HAVE_BRIDGE
#include "cptr_bridge_sc.h"
#endif
#ifdef VP_HAVE_RTL
#include "lockstep.h"
#endif

extern "C" const char vp_default_script[];

namespace {

uint32_t dbg_read(cptra_hw_t hw, uint32_t addr) {
    uint32_t d = 0;
    if (hw.ops && hw.ops->dbg_read) hw.ops->dbg_read(hw.ctx, addr, &d);
    return d;
}

} // namespace

#ifdef VP_HAVE_BRIDGE
cptr_bridge_sc *vp_new_bridge(const vp_config &cfg, vp_platform &plat, vp_signal_stop *sigs) {
    cptr_bridge_sc::config bc;
    bc.socket_path = cfg.socket;
    bc.pauser = cfg.effective_bridge_pauser(); /* never the library default 0x2 */
    bc.time_mode = cfg.time_mode == "afap"       ? CPTR_TIME_AFAP
                   : cfg.time_mode == "realtime" ? CPTR_TIME_REALTIME
                                                 : CPTR_TIME_IDLE_ADVANCE;
    bc.idle_poll_us = cfg.idle_poll_us;
    bc.idle_advance_cycles = cfg.idle_advance_cycles;
    bc.realtime_cycles_per_us = cfg.realtime_cycles_per_us;
    bc.enable_v2 = cfg.enable_v2;
    bc.exit_on_disconnect = cfg.exit_on_disconnect;
    bc.quiet = cfg.quiet;
    cptr_bridge_sc *b = new cptr_bridge_sc("ca35_bridge", bc, plat.period());
    b->isock.bind(plat.bus().tsock);
    b->on_end([](const std::string &) { sc_core::sc_stop(); });
    if (sigs) sigs->start([b](int sig) { b->request_stop(sig == SIGINT ? "SIGINT" : "SIGTERM"); });
    return b;
}

bool vp_bridge_listen(cptr_bridge_sc &bridge, const vp_config &cfg, vp_platform &plat,
                      std::string &err) {
    int r = bridge.start();
    if (r) {
        err = "bridge: cannot listen on " + cfg.socket + ": " + strerror(-r);
        sc_core::sc_stop();
        return false;
    }
    vp_timeline_add(plat.timeline(), "bridge.listen", plat.cptra().now_cycle());
    return true;
}

void vp_report_bridge_rows(const vp_config &cfg, cptr_bridge_sc &bridge, std::string &end_reason,
                           std::vector<vp_report_kv_t> &extra) {
    cptr_bridge_sc::stats bst = bridge.get_stats();
    end_reason = bridge.end_reason();
    extra.push_back({"bridge.socket", 0, cfg.socket.c_str()});
    extra.push_back({"bridge.pauser", (double)bridge.cfg().pauser, nullptr});
    extra.push_back({"bridge.time_mode", 0, cfg.time_mode.c_str()});
    extra.push_back({"bridge.started", bridge.started() ? 1.0 : 0.0, nullptr});
    extra.push_back({"bridge.start_cycle", (double)bst.start_cycle, nullptr});
    extra.push_back({"bridge.connections", (double)bst.server.connections, nullptr});
    extra.push_back({"bridge.frames", (double)bst.server.frames, nullptr});
    extra.push_back({"bridge.accesses", (double)bst.accesses, nullptr});
    extra.push_back({"bridge.bus_errors", (double)bst.slverr, nullptr});
    extra.push_back({"bridge.malformed", (double)bst.server.malformed, nullptr});
    extra.push_back({"bridge.mbox_cmds", (double)bst.server.mbox_cmds, nullptr});
    extra.push_back({"bridge.idle_steps", (double)bst.idle_steps, nullptr});
    extra.push_back({"bridge.idle_cycles", (double)bst.idle_cycles, nullptr});
    extra.push_back({"bridge.end", 0, end_reason.c_str()});
}
#endif

int vp_run_sim(const vp_config &cfg, vp_mode mode, std::chrono::steady_clock::time_point wall0) {
    const bool calonly = mode == vp_mode::CALIPTRA_ONLY;
    std::string err;

    /* ---- inputs ---- */
    script_t script;
    std::memset(&script, 0, sizeof script);
    bool have_script = false;
    char perr[1024];
    if (!cfg.script.empty()) {
        if (!script_load(cfg.script.c_str(), &script, perr, sizeof perr)) {
            fprintf(stderr, "vp: %s\n", perr);
            return 2;
        }
        have_script = true;
    } else if (!calonly) {
        if (!script_parse(vp_default_script, "default.script", &script, perr, sizeof perr)) {
            fprintf(stderr, "vp: %s\n", perr);
            return 2;
        }
        have_script = true;
    }
    struct script_guard {
        script_t *s;
        ~script_guard() { script_free(s); }
    } sg{&script};

    if (cfg.max_time.kind == vp_time_spec::CYCLES &&
        cfg.max_time.value > UINT64_MAX / cfg.period_ps()) {
        fprintf(stderr, "vp: --max-time %s is beyond the end of simulated time\n",
                cfg.max_time.text.c_str());
        return 2;
    }
    const bool use_fw = calonly || cfg.uc == "fw";
#ifndef VP_HAVE_FW
    if (use_fw) {
        fprintf(stderr, "vp: this vp was built without the firmware model (component fw); "
                        "use --uc=stub\n");
        return 2;
    }
#endif
#ifndef VP_HAVE_BRIDGE
    if (!cfg.socket.empty()) {
        fprintf(stderr, "vp: this vp was built without the CA35 bridge (component bridge)\n");
        return 2;
    }
#endif
    std::string bundle, rom;
    if (calonly) {
        if (cfg.firmware.empty()) {
            fprintf(stderr, "vp: Caliptra-only mode needs --firmware BUNDLE\n");
            return 2;
        }
        if (!vp_read_file(cfg.firmware, bundle, err)) {
            fprintf(stderr, "vp: %s\n", err.c_str());
            return 2;
        }
        if (bundle.empty()) {
            fprintf(stderr, "vp: %s: empty firmware bundle\n", cfg.firmware.c_str());
            return 2;
        }
    }
    if (!cfg.rom.empty() && !vp_read_file(cfg.rom, rom, err)) {
        fprintf(stderr, "vp: %s\n", err.c_str());
        return 2;
    }
    cptra_model_cfg_t mcfg;
    cptra_model_default_cfg(&mcfg);
#ifdef VP_HAVE_FW
    soc_fuses_t fuses;
    std::memset(&fuses, 0, sizeof fuses);
    if (!cfg.fuses.empty()) {
        char ferr[512];
        if (soc_fuses_load_toml(cfg.fuses.c_str(), &fuses, ferr, sizeof ferr) != 0) {
            fprintf(stderr, "vp: %s\n", ferr);
            return 2;
        }
        if (!calonly) fprintf(stderr, "vp: note: --fuses is used in Caliptra-only mode only\n");
    }
    if (calonly) {
        /* The ROM takes the lifecycle from the security-state strap (fw/README.md); the VP ties
         * the strap to the fuse file's life_cycle: debug locked unless unprovisioned. */
        uint32_t lc = fuses.life_cycle & 3u;
        mcfg.security_state = lc | (lc ? 4u : 0u);
    }
#else
    if (!cfg.fuses.empty()) {
        fprintf(stderr, "vp: --fuses needs the firmware component\n");
        return 2;
    }
#endif

    /* ---- hw ---- */
    std::unique_ptr<vp_hw_sel> hs(new vp_hw_sel);
    if (!vp_make_hw(cfg, mcfg, *hs, err)) {
        fprintf(stderr, "vp: %s\n", err.c_str());
        return 2;
    }

    /* signals: block before any thread exists so every thread inherits the mask */
    std::unique_ptr<vp_signal_stop> sigth;
    if (!cfg.socket.empty()) {
        sigth.reset(new vp_signal_stop);
        sigth->block();
    }

    int status = 0;
    {
        vp_platform plat("vp", cfg, hs->hw, have_script ? &script : nullptr);
        cptra_uc_agent_t agent{};
#ifdef VP_HAVE_FW
        if (use_fw) {
            cptra_fw_cfg_t fc;
            cptra_fw_default_cfg(&fc);
            cptra_fw_cost_t cost;
            vp_config_fw_cost(cfg, &cost);
            fc.cost = &cost;
            fc.rom = rom.empty() ? nullptr : (const uint8_t *)rom.data();
            fc.rom_len = rom.size();
            fc.timeline = vp_timeline_fn_add;
            fc.timeline_ctx = plat.timeline();
            agent = cptra_fw_new(plat.agent_hw(), &fc);
            if (!agent.ops) {
                fprintf(stderr, "vp: cannot create the firmware model\n");
                return 2;
            }
            plat.set_agent(agent);
        }
#endif
        if (!use_fw) {
            /* a uC stand-in: releases the SHA lock after uC reset and answers mailbox commands
             * with CMD_COMPLETE (uc_stub.h) */
            uc_stub_cfg_t scfg;
            uc_stub_default_cfg(&scfg);
            scfg.timeline = vp_timeline_fn_add;
            scfg.timeline_ctx = plat.timeline();
            plat.set_agent(uc_stub_new(plat.agent_hw(), &scfg));
        }
        apb_trace_t *trace = nullptr;
        if (!cfg.trace_apb.empty()) {
            trace = apb_trace_open(cfg.trace_apb.c_str());
            if (!trace) {
                fprintf(stderr, "vp: %s: cannot write: %s\n", cfg.trace_apb.c_str(),
                        strerror(errno));
                return 2;
            }
            hw_tap_sink_t ts = {apb_trace_apb, nullptr, nullptr, nullptr, trace};
            plat.add_tap_sink(ts);
        }
        script_player *pl = plat.player();

        /* ---- CA35 bridge ---- */
        std::string bridge_err;
#ifdef VP_HAVE_BRIDGE
        std::unique_ptr<cptr_bridge_sc> bridge;
        struct sig_stopper { /* the signal thread ends before the bridge goes away */
            vp_signal_stop *t = nullptr;
            ~sig_stopper() {
                if (t) t->stop();
            }
        } sig_stop;
        if (!cfg.socket.empty()) {
            bridge.reset(vp_new_bridge(cfg, plat, sigth.get()));
            sig_stop.t = sigth.get();
            /* with a bridge the run ends by the bridge (signal, disconnect) or --max-time */
            plat.set_stop_when_done(false);
        }
        auto start_bridge = [&]() {
            if (bridge) vp_bridge_listen(*bridge, cfg, plat, bridge_err);
        };
#else
        auto start_bridge = [&]() {};
#endif

        /* ---- built-in SoC sequencer (Caliptra-only) ---- */
#ifdef VP_HAVE_FW
        std::unique_ptr<soc_seq_sc> seq;
        if (calonly) {
            soc_seq_cfg_t sc;
            soc_seq_default_cfg(&sc);
            sc.pauser = cfg.bootmcu_pauser;
            sc.a35_pauser = cfg.a35_pauser;
            sc.fuses = fuses;
            sc.fw = (const uint8_t *)bundle.data();
            sc.fw_len = bundle.size();
            sc.timeline = vp_timeline_fn_add;
            sc.timeline_ctx = plat.timeline();
            soc_seq_t *s = soc_seq_new(&sc);
            if (!s) {
                fprintf(stderr, "vp: cannot create the SoC sequencer\n");
                return 2;
            }
            seq.reset(new soc_seq_sc("soc_seq", s, plat.period()));
            seq->isock.bind(plat.bus().tsock);
            if (pl) pl->hold();
            seq->on_finish([&, pl](bool ok) {
                if (!ok) {
                    sc_core::sc_stop();
                    return;
                }
                bool more = false;
                if (pl) {
                    pl->release();
                    more = true;
                }
#ifdef VP_HAVE_BRIDGE
                if (bridge) {
                    start_bridge();
                    more = true;
                }
#endif
                if (!more) sc_core::sc_stop();
            });
        }
#endif
        (void)start_bridge;

        /* ---- run ---- */
        vp_sim_start(cfg);

        /* ---- outcome ---- */
        std::string msg;
        const char *st = "pass";
        cptra_hw_t hw = plat.agent_hw();
        char buf[512];
        if (hs->mismatch) {
            st = "fail";
            msg = hs->mismatch_msg;
            if (msg.rfind("lockstep mismatch", 0) != 0) msg = "lockstep mismatch: " + msg;
            /* name the initiator behind the PAUSER the comparator reports */
            size_t p = msg.find("pauser=0x");
            if (p != std::string::npos) {
                uint32_t pu = (uint32_t)strtoul(msg.c_str() + p + 9, nullptr, 16);
                const char *who = pu == cfg.bootmcu_pauser ? "SoC sequencer / bootmcu"
                                  : pu == cfg.effective_bridge_pauser() && !cfg.socket.empty()
                                      ? "CA35 bridge / script player"
                                  : pu == cfg.a35_pauser ? "script player (A35 PAUSER)"
                                                         : "unknown initiator";
                msg += std::string(" [initiator: ") + who + "]";
            }
            status = 4;
        }
#ifdef VP_HAVE_FW
        else if (seq && seq->failed()) {
            st = "fail";
            msg = seq->message();
            status = 1;
        } else if (seq && !seq->done()) {
            std::string why = "--max-time reached";
#ifdef VP_HAVE_BRIDGE
            if (bridge && !bridge->end_reason().empty())
                why = "interrupted (" + bridge->end_reason() + ")";
#endif
            snprintf(buf, sizeof buf,
                     "%s before Caliptra was runtime-ready "
                     "(CPTRA_FW_ERROR_FATAL=0x%08x CPTRA_FW_ERROR_NON_FATAL=0x%08x "
                     "CPTRA_BOOT_STATUS=0x%x)",
                     why.c_str(), dbg_read(hw, CPTRA_SOC_IFC_BASE + CPTRA_FW_ERROR_FATAL),
                     dbg_read(hw, CPTRA_SOC_IFC_BASE + CPTRA_FW_ERROR_NON_FATAL),
                     dbg_read(hw, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS));
            st = "timeout";
            msg = buf;
            status = 3;
        }
#endif
        else if (!bridge_err.empty()) {
            st = "fail";
            msg = bridge_err;
            status = 1;
        } else if (pl && pl->failed()) {
            st = "fail";
            msg = pl->failure();
            status = 1;
        } else if (pl && !pl->finished() && cfg.socket.empty()) {
            st = "timeout";
            msg = pl->started() ? "--max-time reached before the script finished"
                                : "--max-time reached before the script started";
            status = 3;
        }
        if (status) fprintf(stderr, "vp: %s%s\n", status == 1 ? "FAIL " : "", msg.c_str());
        if (trace && !apb_trace_close(trace)) {
            fprintf(stderr, "vp: %s: write error\n", cfg.trace_apb.c_str());
            if (!status) status = 2;
        }

        /* ---- report ---- */
        std::vector<vp_report_kv_t> extra;
        extra.push_back({"mode", 0, calonly ? "caliptra-only" : "script"});
        vp_report_hw_rows(cfg, *hs, extra);
        extra.push_back({"uc", 0, use_fw ? "fw" : "stub"});
#ifdef VP_HAVE_FW
        if (seq && seq->done())
            extra.push_back({"boot.runtime_ready_cycle", (double)seq->done_cycle(), nullptr});
        if (use_fw) {
            extra.push_back({"boot.boot_status",
                             (double)dbg_read(hw, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS),
                             nullptr});
            extra.push_back({"boot.fw_error_fatal",
                             (double)dbg_read(hw, CPTRA_SOC_IFC_BASE + CPTRA_FW_ERROR_FATAL),
                             nullptr});
        }
#endif
        std::string end_reason;
#ifdef VP_HAVE_BRIDGE
        if (bridge) vp_report_bridge_rows(cfg, *bridge, end_reason, extra);
#endif
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        vp_report_in_t in{};
        in.sim_time_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
        in.wall_time_s = wall;
        in.clock_mhz = cfg.clock_mhz;
        in.timeline = plat.timeline();
        in.perf = plat.perf();
        in.status = st;
        in.message = msg.c_str();
        in.apb_transfers = plat.bus().get_stats().transfers;
        in.apb_slverr = plat.bus().get_stats().slverr;
        in.extra = extra.data();
        in.n_extra = extra.size();
        if (!cfg.quiet) vp_report_print(stdout, &in);
        if (!cfg.report.empty()) {
            char rerr[512];
            if (!vp_report_write_json(cfg.report.c_str(), &in, rerr, sizeof(rerr))) {
                fprintf(stderr, "vp: %s\n", rerr);
                if (!status) status = 2;
            }
        }
#ifdef VP_HAVE_BRIDGE
        if (sig_stop.t) { /* no signal may reach a destroyed bridge */
            sig_stop.t->stop();
            sig_stop.t = nullptr;
        }
        bridge.reset(); /* closes the socket before the rest of the platform goes away */
#endif
    }
    return status;
}
