#include <cerrno>
#include <cstdio>
#include <cstring>

#include <systemc>

#include "modes.h"
#ifdef VP_HAVE_RTL
#include "cptra_rtl.h"
#include "lockstep.h"
#endif

bool vp_rtl_available() {
#ifdef VP_HAVE_RTL
    return true;
#else
    return false;
#endif
}

#ifdef VP_HAVE_RTL
/* First mismatch stops the run: the message already names cycle/ns, initiator, address, access
 * and both values (lockstep.h). */
static void on_mismatch(void *ctx, const char *msg) {
    auto *sel = static_cast<vp_hw_sel *>(ctx);
    if (sel->mismatch) return;
    sel->mismatch = true;
    sel->mismatch_msg = msg ? msg : "lockstep mismatch";
    if (sc_core::sc_is_running()) sc_core::sc_stop();
}
#endif

bool vp_make_hw(const vp_config &cfg, const cptra_model_cfg_t &mcfg, vp_hw_sel &sel,
                std::string &err) {
    cptra_model_cfg_t m = mcfg;
    if (cfg.hw == "model") {
        if (!cfg.vcd.empty()) {
            err = "--vcd needs the RTL (--caliptra-hw=rtl or lockstep)";
            return false;
        }
        sel.hw = cptra_model_new(&m);
    } else if (cfg.hw == "rtl" || cfg.hw == "lockstep") {
#ifdef VP_HAVE_RTL
        cptra_hw_t rtl = cptra_rtl_new(&m);
        if (!rtl.ops) {
            err = "cannot create the Caliptra RTL model";
            return false;
        }
        cptra_rtl_set_clock_ps(rtl, (uint32_t)cfg.period_ps());
        if (cfg.rtl_fault) cptra_rtl_set_fault(rtl, (int)cfg.rtl_fault);
        if (!cfg.vcd.empty() && !cptra_rtl_open_vcd(rtl, cfg.vcd.c_str())) {
            err = cfg.vcd + ": cannot write the VCD";
            rtl.ops->destroy(rtl.ctx);
            return false;
        }
        sel.rtl = rtl;
        if (cfg.hw == "rtl") {
            sel.hw = rtl;
        } else {
            cptra_hw_t model = cptra_model_new(&m);
            if (!model.ops) {
                err = "cannot create the Caliptra model";
                rtl.ops->destroy(rtl.ctx);
                return false;
            }
            cptra_lockstep_cfg_t lc;
            cptra_lockstep_default_cfg(&lc);
            lc.clock_hz = (uint64_t)(cfg.clock_mhz * 1e6 + 0.5);
            lc.on_mismatch = on_mismatch;
            lc.mismatch_ctx = &sel;
            lc.name_a = "model";
            lc.name_b = "rtl";
            sel.hw = cptra_lockstep_new(model, rtl, &lc);
            sel.lockstep = sel.hw;
        }
#else
        err = "caliptra.hw = " + cfg.hw +
              ": this vp was built without the Verilated RTL (VP_WITH_RTL / component rtl)";
        return false;
#endif
    } else {
        err = "caliptra.hw: unknown implementation '" + cfg.hw + "'";
        return false;
    }
    if (!sel.hw.ops) {
        err = "cannot create the Caliptra hw";
        return false;
    }
    return true;
}

bool vp_read_file(const std::string &path, std::string &out, std::string &err) {
    FILE *f = fopen(path.c_str(), "rb");
    if (!f) {
        err = path + ": cannot open: " + strerror(errno);
        return false;
    }
    out.clear();
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        out.append(buf, n);
        if (out.size() > (64u << 20)) {
            fclose(f);
            err = path + ": larger than 64 MiB";
            return false;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        err = path + ": read error";
        return false;
    }
    return true;
}

void vp_sim_start(const vp_config &cfg) {
    if (cfg.max_time.kind == vp_time_spec::NONE) {
        sc_core::sc_start();
        return;
    }
    /* SystemC's default time resolution, 1 ps; a cycle limit is converted at the Caliptra clock */
    uint64_t ps = cfg.max_time.kind == vp_time_spec::CYCLES ? cfg.max_time.value * cfg.period_ps()
                                                            : cfg.max_time.value;
    sc_core::sc_start(sc_core::sc_time::from_value(ps));
}

void vp_report_hw_rows(const vp_config &cfg, const vp_hw_sel &hs,
                       std::vector<vp_report_kv_t> &rows) {
    rows.push_back({"caliptra_hw", 0, cfg.hw.c_str()});
#ifdef VP_HAVE_RTL
    /* edges the Verilated model evaluated (idle gaps are skipped): its cost driver */
    if (hs.rtl.ops) rows.push_back({"rtl.edges", (double)cptra_rtl_edges(hs.rtl), nullptr});
    if (hs.lockstep.ops) {
        rows.push_back(
            {"lockstep.compared", (double)cptra_lockstep_compared(hs.lockstep), nullptr});
        rows.push_back(
            {"lockstep.mismatches", (double)cptra_lockstep_mismatches(hs.lockstep), nullptr});
    }
#else
    (void)hs;
#endif
}
