/* vp: the AST2700 Caliptra virtual platform executable. See vp/README.md.
 * Parses the command line and dispatches to a run mode (modes.h). */
#include <chrono>
#include <cstdio>
#include <string>

#include <systemc>

#include "config.h"
#include "modes.h"
#include "sc_setup.h"

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
    /* --socket with --firmware is caliptra-server's command line: Caliptra-only and serve */
    if (cfg.caliptra_only || (!cfg.socket.empty() && !cfg.firmware.empty()))
        return vp_run_sim(cfg, vp_mode::CALIPTRA_ONLY, wall0);
    if (!cfg.script.empty()) {
        if (!cfg.socket.empty()) {
            fprintf(stderr, "vp: --socket needs Caliptra-only mode (--firmware BUNDLE)\n");
            return 2;
        }
        return vp_run_sim(cfg, vp_mode::SCRIPT, wall0);
    }
    if (cfg.full_platform) return vp_run_full_platform(cfg);
    if (!cfg.socket.empty()) {
        fprintf(stderr, "vp: --socket needs --firmware BUNDLE (Caliptra-only mode)\n");
        return 2;
    }
    return vp_run_sim(cfg, vp_mode::SCRIPT, wall0); /* built-in default scenario */
}
