/* platform.mailbox_roundtrip: SystemC platform + C hw model + a test-double uC agent (uc_stub:
 * answers DATA_READY with 2 words, N cycles after CMD_AVAIL) + a script doing the full mailbox
 * sequence. The JSON report row of the command must carry cycle numbers derived from the spec.
 *
 * The stub spaces its uC writes 2 cycles apart, starting on an odd offset from EXECUTE, so they
 * never fall in the ACCESS cycle of a SoC poll read (which would be a SoC/uC collision and hold
 * the SoC, §0 hold source (a)); collisions are the hw model's own tests' business.
 * Arithmetic (every SoC access is an APB transfer of 2 PCLK with 0 wait states — the mailbox
 * never holds, caliptra-1x.md §0 — and the script player issues them back to back, so
 * consecutive access cycles differ by 2):
 *   L        LOCK read (acquired)
 *   L+2      CMD write                          lock_to_cmd       = 2
 *   L+4      DLEN write                         cmd_to_dlen       = 2
 *   L+6,L+8  DATAIN x2 (last at L+8)            dlen_to_datain    = 4
 *   E=L+10   EXECUTE=1                          datain_to_execute = 2
 *   E+1      uC sees CMD_AVAIL (§4: uc_mbox_data_avail 1 clk after the write cycle)
 *   E+1+N    stub writes DLEN, E+3+N / E+5+N the two DATAIN words, S=E+7+N STATUS=DATA_READY
 *                                               execute_to_status = N+7 = 107 (N = 100)
 *   The SoC polls STATUS at E+2, E+4, ... (even offsets); S = E+107 is an odd offset, the
 *   register written in cycle S is visible from S+1, so the poll read at S+1 sees DATA_READY.
 *   S+3 DLEN read, S+5 and S+7 DATAOUT reads     status_to_dataout = 7
 *   S+9 EXECUTE=0                               dataout_to_release = 2
 *   total = 2+2+4+2+107+7+2 = 126 cycles = 315 ns at 400 MHz.
 * Timeline (script timing + §2.2/§4): pwrgood 0, rst_b release 10, ready_for_fuses 19 (9 clk
 * after rst_b), FUSE_WR_DONE write at 26 (poll reads 0..20 even, ready seen at 20, then writes
 * at 22, 24, 26), uC reset release 31 (5 clk after the FUSE_WR_DONE access). */
#include <cstdio>
#include <cstring>
#include <string>

#include <cjson/cJSON.h>
#include <systemc>

#include "platform.h"
#include "report.h"
#include "sc_check.h"
#include "sc_setup.h"
#include "uc_stub.h"

using namespace sc_core;

static const char *kScript = "poll  0x3003_003C 0x4000_0000 0x4000_0000 timeout=1000\n"
                             "write 0x3003_004C 0x0000_0001   # VALID_PAUSER[1] = A35\n"
                             "write 0x3003_0060 1             # PAUSER_LOCK[1]\n"
                             "write 0x3003_00B0 1             # FUSE_WR_DONE\n"
                             "poll  0x3003_003C 0x0E00_0000 0x0800_0000 timeout=1000\n"
                             "wait  20\n"
                             "read  0x14c6_0000 expect=0      # LOCK (window address)\n"
                             "write 0x3002_0008 0x4944_4549   # CMD GET_IDEV_INFO 'IDEI'\n"
                             "write 0x3002_000C 8\n"
                             "write 0x3002_0010 0x1111_1111\n"
                             "write 0x3002_0010 0x2222_2222\n"
                             "write 0x3002_0018 1\n"
                             "poll  0x3002_001C 0xF 0x1\n"
                             "read  0x3002_000C expect=8\n"
                             "read  0x3002_0014 expect=0xAAAA_0001\n"
                             "read  0x3002_0014 expect=0xAAAA_0002\n"
                             "write 0x3002_0018 0\n";

static double num(cJSON *o, const char *k) {
    cJSON *i = cJSON_GetObjectItem(o, k);
    if (!i) {
        fprintf(stderr, "missing JSON key %s\n", k);
        g_failures++;
        return -1;
    }
    return i->valuedouble;
}

int sc_main(int argc, char **argv) {
    vp_sc_setup();
    const char *out = argc > 1 ? argv[1] : "roundtrip_report.json";
    vp_config cfg;
    script_t s;
    char err[256];
    if (!script_parse(kScript, "roundtrip.script", &s, err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    cptra_model_cfg_t mc;
    cptra_model_default_cfg(&mc);
    {
        vp_platform plat("vp", cfg, cptra_model_new(&mc), &s);
        uc_stub_cfg_t sc;
        uc_stub_default_cfg(&sc);
        sc.sha_release = false;
        sc.answer_delay = 100; /* N */
        sc.op_spacing = 2;
        sc.resp_status = MBOX_STATUS_DATA_READY;
        sc.resp_dlen = 8;
        sc.resp_words[0] = 0xAAAA0001u;
        sc.resp_words[1] = 0xAAAA0002u;
        sc.resp_nwords = 2;
        plat.set_agent(uc_stub_new(plat.agent_hw(), &sc));
        sc_start(sc_time(1, SC_MS));
        CHECK(plat.player()->finished());
        if (plat.player()->failed())
            fprintf(stderr, "script failed: %s\n", plat.player()->failure().c_str());
        CHECK(!plat.player()->failed());

        vp_report_in_t in{};
        memset(&in, 0, sizeof(in));
        in.sim_time_ns = sc_time_stamp().to_seconds() * 1e9;
        in.clock_mhz = cfg.clock_mhz;
        in.timeline = plat.timeline();
        in.perf = plat.perf();
        in.status = "pass";
        in.message = "";
        CHECK(vp_report_write_json(out, &in, err, sizeof(err)));
    }
    script_free(&s);

    FILE *f = fopen(out, "rb");
    CHECK(f != nullptr);
    if (!f) return 1;
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        text.append(buf, n);
    fclose(f);
    cJSON *root = cJSON_Parse(text.c_str());
    CHECK(root != nullptr);
    if (!root) return 1;
    CHECK(cJSON_GetObjectItem(root, "sim_time_ns") != nullptr);
    CHECK(cJSON_GetObjectItem(root, "wall_time_s") != nullptr);
    cJSON *tl = cJSON_GetObjectItem(root, "timeline");
    struct {
        const char *ev;
        double ns;
    } want_tl[] = {{"pwrgood", 0},
                   {"rst_b_release", 25.0},
                   {"ready_for_fuses", 47.5},
                   {"FUSE_WR_DONE", 65.0},
                   {"uc_reset_release", 77.5}};
    for (auto &w : want_tl) {
        bool found = false;
        cJSON *e;
        cJSON_ArrayForEach(e, tl) {
            if (!strcmp(cJSON_GetObjectItem(e, "event")->valuestring, w.ev)) {
                found = true;
                if (num(e, "time_ns") != w.ns)
                    fprintf(stderr, "timeline %s at %.1f ns, want %.1f\n", w.ev, num(e, "time_ns"),
                            w.ns);
                CHECK(num(e, "time_ns") == w.ns);
            }
        }
        if (!found) fprintf(stderr, "timeline event %s missing\n", w.ev);
        CHECK(found);
    }
    cJSON *mb = cJSON_GetObjectItem(root, "mailbox");
    CHECK_EQ(cJSON_GetArraySize(mb), 1);
    cJSON *row = cJSON_GetArrayItem(mb, 0);
    if (row) {
        CHECK_EQ(num(row, "command"), 0x49444549u);
        CHECK(!strcmp(cJSON_GetObjectItem(row, "command_name")->valuestring, "IDEI"));
        CHECK_EQ(num(row, "pauser"), 1);
        CHECK_EQ(num(row, "count"), 1);
        struct {
            const char *phase;
            double cycles;
        } want[] = {{"lock_to_cmd", 2},         {"cmd_to_dlen", 2},
                    {"dlen_to_datain", 4},      {"datain_to_execute", 2},
                    {"execute_to_status", 107}, {"status_to_dataout", 7},
                    {"dataout_to_release", 2},  {"total", 126}};
        for (auto &w : want) {
            cJSON *ph = cJSON_GetObjectItem(row, w.phase);
            CHECK(ph != nullptr);
            if (!ph) continue;
            for (const char *k : {"min_cycles", "median_cycles", "p99_cycles", "max_cycles"}) {
                if (num(ph, k) != w.cycles)
                    fprintf(stderr, "%s.%s = %.0f, want %.0f\n", w.phase, k, num(ph, k), w.cycles);
                CHECK(num(ph, k) == w.cycles);
            }
            CHECK(num(ph, "median_ns") == w.cycles * 2.5);
        }
    }
    cJSON_Delete(root);
    if (g_failures) fprintf(stderr, "%d check(s) failed\n", g_failures);
    return g_failures ? 1 : 0;
}
