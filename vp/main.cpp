/* vp: the AST2700 Caliptra virtual platform executable. See vp/README.md. */
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <systemc>

#include "apb_trace.h"
#include "config.h"
#include "platform.h"
#include "report.h"
#include "sc_setup.h"
#include "script.h"
#include "uc_stub.h"

extern "C" const char vp_default_script[];

int sc_main(int argc, char **argv) {
    auto wall0 = std::chrono::steady_clock::now();
    vp_sc_setup();
    vp_cli cli;
    std::string err;
    int r = vp_cli_parse(argc, argv, cli, err);
    if (r < 0) {
        fprintf(stderr, "vp: %s\n", err.c_str());
        return 2;
    }
    if (cli.help) {
        fputs(vp_usage(), stdout);
        return 0;
    }
    if (cli.print_config) {
        fputs(vp_config_to_toml(cli.cfg).c_str(), stdout);
        return 0;
    }
    const vp_config &cfg = cli.cfg;

    script_t script;
    char perr[1024];
    bool ok = cfg.script.empty()
                  ? script_parse(vp_default_script, "default.script", &script, perr, sizeof(perr))
                  : script_load(cfg.script.c_str(), &script, perr, sizeof(perr));
    if (!ok) {
        fprintf(stderr, "vp: %s\n", perr);
        return 2;
    }

    if (cfg.max_time.kind == vp_time_spec::CYCLES &&
        cfg.max_time.value > UINT64_MAX / cfg.period_ps()) {
        fprintf(stderr, "vp: --max-time %s is beyond the end of simulated time\n",
                cfg.max_time.text.c_str());
        script_free(&script);
        return 2;
    }
    cptra_model_cfg_t mcfg;
    cptra_model_default_cfg(&mcfg);
    cptra_hw_t hw = cptra_model_new(&mcfg);
    if (!hw.ops) {
        fprintf(stderr, "vp: cannot create the Caliptra model\n");
        script_free(&script);
        return 2;
    }

    int status = 0;
    {
        vp_platform plat("vp", cfg, hw, &script);
        /* Script mode without a firmware model: a uC stand-in releases the SHA lock after
         * uC reset and answers mailbox commands with CMD_COMPLETE (uc_stub.h). */
        uc_stub_cfg_t scfg;
        uc_stub_default_cfg(&scfg);
        scfg.timeline = vp_timeline_fn_add;
        scfg.timeline_ctx = plat.timeline();
        plat.set_agent(uc_stub_new(plat.agent_hw(), &scfg));
        apb_trace_t *trace = nullptr;
        if (!cfg.trace_apb.empty()) {
            trace = apb_trace_open(cfg.trace_apb.c_str());
            if (!trace) {
                fprintf(stderr, "vp: %s: cannot write: %s\n", cfg.trace_apb.c_str(),
                        strerror(errno));
                script_free(&script);
                return 2;
            }
            hw_tap_sink_t ts = {apb_trace_apb, nullptr, nullptr, nullptr, trace};
            plat.add_tap_sink(ts);
        }
        if (cfg.max_time.kind == vp_time_spec::NONE)
            sc_core::sc_start();
        else {
            uint64_t ps = cfg.max_time.kind == vp_time_spec::CYCLES
                              ? cfg.max_time.value * cfg.period_ps()
                              : cfg.max_time.value;
            sc_core::sc_start(sc_core::sc_time::from_value(ps));
        }
        script_player *pl = plat.player();
        std::string msg;
        const char *st = "pass";
        if (pl->failed()) {
            st = "fail";
            msg = pl->failure();
            status = 1;
            fprintf(stderr, "vp: FAIL %s\n", msg.c_str());
        } else if (!pl->finished()) {
            st = "timeout";
            msg = "--max-time reached before the script finished";
            status = 3;
            fprintf(stderr, "vp: %s\n", msg.c_str());
        }
        if (trace && !apb_trace_close(trace)) {
            fprintf(stderr, "vp: %s: write error\n", cfg.trace_apb.c_str());
            if (!status) status = 2;
        }
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        vp_report_in_t in;
        in.sim_time_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
        in.wall_time_s = wall;
        in.clock_mhz = cfg.clock_mhz;
        in.timeline = plat.timeline();
        in.perf = plat.perf();
        in.status = st;
        in.message = msg.c_str();
        in.apb_transfers = plat.bus().get_stats().transfers;
        in.apb_slverr = plat.bus().get_stats().slverr;
        if (!cfg.quiet) vp_report_print(stdout, &in);
        if (!cfg.report.empty()) {
            char rerr[512];
            if (!vp_report_write_json(cfg.report.c_str(), &in, rerr, sizeof(rerr))) {
                fprintf(stderr, "vp: %s\n", rerr);
                if (!status) status = 2;
            }
        }
    }
    script_free(&script);
    return status;
}
