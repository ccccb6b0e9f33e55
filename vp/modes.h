/* Run modes of the vp executable; main.cpp parses the command line and dispatches:
 *   Caliptra-only (--caliptra-only, or --socket with --firmware) -> vp_run_sim(CALIPTRA_ONLY)
 *   --script                                                     -> vp_run_sim(SCRIPT)
 *   sim.full_platform                                            -> vp_run_full_platform()
 *   nothing                                                      -> vp_run_sim(SCRIPT) with
 *                                                                   traces/default.script
 * Each returns the process exit status (vp/README.md). */
#ifndef VP_MODES_H
#define VP_MODES_H

#include <chrono>
#include <string>
#include <vector>

#include <systemc>

#include "config.h"
#include "cptra_hw.h"
#include "report.h"

enum class vp_mode { SCRIPT, CALIPTRA_ONLY };

int vp_run_sim(const vp_config &cfg, vp_mode mode, std::chrono::steady_clock::time_point wall0);

/* Full platform (bootmcu + Caliptra): vp/full_platform.cpp. */
int vp_run_full_platform(const vp_config &cfg);

#ifdef VP_HAVE_BRIDGE
/* The CA35 bridge configured from cfg (bridge.*, apb.bridge_pauser), bound to the platform's
 * interconnect; its end (disconnect, signal) stops the simulation. With `sigs`, SIGINT/SIGTERM
 * (blocked with sigs->block() before any thread existed) ask it to end the run. The caller calls
 * vp_bridge_listen() when Caliptra may be reached (Caliptra-only: runtime-ready; full platform:
 * the A35 release) and sigs->stop() before the bridge goes away. */
class cptr_bridge_sc;
class vp_platform;
class vp_signal_stop;
cptr_bridge_sc *vp_new_bridge(const vp_config &cfg, vp_platform &plat, vp_signal_stop *sigs);
/* Simulation context: creates the socket and listens ("bridge.listen" in the timeline). On
 * failure: err set, simulation stopped, false. */
bool vp_bridge_listen(cptr_bridge_sc &bridge, const vp_config &cfg, vp_platform &plat,
                      std::string &err);
#endif

/* ---- shared helpers (vp/hw_select.cpp) ---- */

/* The `hw` chosen by caliptra.hw (model | rtl | lockstep = model and RTL compared). */
struct vp_hw_sel {
    cptra_hw_t hw{};       /* what the platform gets (it wraps it in the hw_tap) */
    cptra_hw_t lockstep{}; /* the lockstep hw (counters), ops == NULL otherwise */
    cptra_hw_t rtl{};      /* the RTL side (VCD), ops == NULL otherwise */
    bool mismatch = false;
    std::string mismatch_msg;
};
/* Creates the hw for `mcfg`. Returns false with a message (unknown kind, RTL not built, VCD
 * cannot be written). `sel` must stay at a fixed address (mismatch callback context). */
bool vp_make_hw(const vp_config &cfg, const cptra_model_cfg_t &mcfg, vp_hw_sel &sel,
                std::string &err);
bool vp_rtl_available();

/* Report rows shared by the modes: caliptra_hw and the lockstep counters (hw_select.cpp), and
 * the bridge's statistics (sim_run.cpp; nothing without a bridge). The rows point into `cfg`,
 * `bridge` and `end_reason`, which must outlive the report. */
void vp_report_hw_rows(const vp_config &cfg, const vp_hw_sel &hs,
                       std::vector<vp_report_kv_t> &rows);
#ifdef VP_HAVE_BRIDGE
void vp_report_bridge_rows(const vp_config &cfg, cptr_bridge_sc &bridge, std::string &end_reason,
                           std::vector<vp_report_kv_t> &rows);
#endif

/* sc_start() until the simulation ends, or for `sim.max_time` when one is set. */
void vp_sim_start(const vp_config &cfg);

/* Whole file into `out` (bounded at 64 MiB). */
bool vp_read_file(const std::string &path, std::string &out, std::string &err);

#endif
