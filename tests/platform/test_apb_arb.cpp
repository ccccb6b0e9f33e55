/* platform.apb_arbitration: two initiators on the interconnect; round-robin grants with the
 * hold behaviour (a request that finds the bus busy completes later), deterministic. */
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_bus.h"
#include "apb_ext.h"
#include "cptra_shell.h"
#include "sc_check.h"
#include "sc_setup.h"

using namespace sc_core;

static const sc_time kPclk(2500, SC_PS);
static uint64_t cyc() {
    return sc_time_stamp().value() / kPclk.value();
}

struct hwlog {
    std::vector<std::pair<uint64_t, uint32_t>> acc; /* (cycle, pauser) */
};
static apb_resp_t f_apb(void *c, uint64_t cy, const apb_req_t *q) {
    static_cast<hwlog *>(c)->acc.push_back({cy, q->pauser});
    apb_resp_t r = {0, 0, 0};
    return r;
}
static uint32_t f_ucr(void *, uint64_t, uint32_t) {
    return 0;
}
static void f_ucw(void *, uint64_t, uint32_t, uint32_t) {}
static void f_pin(void *, uint64_t, bool) {}
static void f_notify(void *, cptra_notify_fn, void *) {}
static void f_obs(void *, uint64_t, cptra_hw_obs_t *o) {
    memset(o, 0, sizeof(*o));
}
static bool f_dr(void *, uint32_t, uint32_t *d) {
    *d = 0;
    return true;
}
static bool f_dw(void *, uint32_t, uint32_t) {
    return true;
}
static void f_destroy(void *) {}
static const cptra_hw_ops_t ops = {f_apb,    f_ucr, f_ucw, f_pin, f_pin,
                                   f_notify, f_obs, f_dr,  f_dw,  f_destroy};

struct ini : sc_module {
    tlm_utils::simple_initiator_socket<ini, 32> sock;
    uint32_t pauser;
    std::vector<uint64_t> plan; /* absolute request cycles; 0-delay back-to-back if earlier */
    std::vector<std::pair<uint64_t, uint64_t>> done; /* (request cycle, completion cycle) */
    ini(sc_module_name n, uint32_t p) : sc_module(n), sock("sock"), pauser(p) {
        SC_HAS_PROCESS(ini);
        SC_THREAD(run);
    }
    void run() {
        for (uint64_t at : plan) {
            if (at > cyc()) wait(kPclk * (double)(at - cyc()));
            tlm::tlm_generic_payload t;
            apb_ext ext(pauser, 0);
            uint32_t d = 0;
            t.set_command(tlm::TLM_READ_COMMAND);
            t.set_address(0x14c6001Cu); /* MBOX_STATUS via the window */
            t.set_data_ptr(reinterpret_cast<unsigned char *>(&d));
            t.set_data_length(4);
            t.set_streaming_width(4);
            t.set_extension(&ext);
            uint64_t req = cyc();
            sc_time delay = SC_ZERO_TIME;
            sock->b_transport(t, delay);
            t.clear_extension(&ext);
            wait(delay);
            done.push_back({req, cyc()});
        }
    }
};

int sc_main(int, char **) {
    vp_sc_setup();
    hwlog log;
    cptra_hw_t hw = {&ops, &log};
    apb_map_t map = {0x14c60000u, 0x20000u};
    apb_bus bus("bus", map, kPclk);
    bus.set_log_grants(true);
    cptra_shell shell("cptra", hw, kPclk);
    sc_signal<bool> pg("pg"), rb("rb");
    shell.pwrgood(pg);
    shell.rst_b(rb);
    ini a("a", 0xA), b("b", 0xB); /* bound in this order: socket 0 = a, 1 = b */
    a.sock.bind(bus.tsock);
    b.sock.bind(bus.tsock);
    bus.isock.bind(shell.apb);
    /* phase 1: both issue 3 back-to-back reads from cycle 0
     * phase 2: both at cycle 100 (last grant was b -> a first)
     * phase 3: a alone at cycle 200
     * phase 4: both at cycle 300 (last grant was a -> b first: round robin, not priority) */
    a.plan = {0, 0, 0, 100, 200, 300};
    b.plan = {0, 0, 0, 100, 300};
    sc_start();

    const std::vector<int> want_grants = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
    CHECK_EQ(bus.grant_log().size(), want_grants.size());
    for (size_t i = 0; i < want_grants.size() && i < bus.grant_log().size(); i++)
        CHECK_EQ(bus.grant_log()[i], want_grants[i]);
    /* every transfer = 2 PCLK, 0 wait states; a held request waits for the bus:
     * phase 1: a@0-2, b held 0->2 (2-4), a req 2 held ->4 (4-6), b req 4 ->6 (6-8), a 8-10,
     * b 10-12. */
    const uint64_t want_hw[] = {0, 2, 4, 6, 8, 10, 100, 102, 200, 300, 302};
    const uint32_t want_pauser[] = {0xA, 0xB, 0xA, 0xB, 0xA, 0xB, 0xA, 0xB, 0xA, 0xB, 0xA};
    CHECK_EQ(log.acc.size(), 11);
    for (size_t i = 0; i < 11 && i < log.acc.size(); i++) {
        CHECK_EQ(log.acc[i].first, want_hw[i]);
        CHECK_EQ(log.acc[i].second, want_pauser[i]);
    }
    const std::pair<uint64_t, uint64_t> want_a[] = {{0, 2},     {2, 6},     {6, 10},
                                                    {100, 102}, {200, 202}, {300, 304}};
    const std::pair<uint64_t, uint64_t> want_b[] = {
        {0, 4}, {4, 8}, {8, 12}, {100, 104}, {300, 302}};
    CHECK_EQ(a.done.size(), 6);
    CHECK_EQ(b.done.size(), 5);
    for (size_t i = 0; i < 6 && i < a.done.size(); i++) {
        CHECK_EQ(a.done[i].first, want_a[i].first);
        CHECK_EQ(a.done[i].second, want_a[i].second);
    }
    for (size_t i = 0; i < 5 && i < b.done.size(); i++) {
        CHECK_EQ(b.done[i].first, want_b[i].first);
        CHECK_EQ(b.done[i].second, want_b[i].second);
    }
    /* held: b 2+2+2, a 2+2 (phase 1); b 2 (phase 2); a 2 (phase 4) */
    CHECK_EQ(bus.get_stats().held_cycles, 14);
    if (g_failures) fprintf(stderr, "%d check(s) failed\n", g_failures);
    return g_failures ? 1 : 0;
}
