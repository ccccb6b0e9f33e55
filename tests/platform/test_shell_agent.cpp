/* platform.shell_uc_agent: the Caliptra shell drives the uC agent so that every agent action
 * due at cycle <= C reaches hw before a SoC access at cycle C, cycles seen by hw never
 * decrease, and the access cycle is the synchronised simulated time — both with per-access
 * synchronisation and with a decoupled initiator (shell sync off, local time offsets). */
#include <cstring>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_ext.h"
#include "cptra_shell.h"
#include "sc_check.h"
#include "sc_setup.h"

using namespace sc_core;

static const sc_time kPclk(2500, SC_PS);

struct ev {
    char kind; /* 'S' SoC APB, 'U' uC write */
    uint64_t cycle;
};
struct fake {
    std::vector<ev> log;
    cptra_notify_fn fn = nullptr;
    void *nctx = nullptr;
};
static apb_resp_t f_apb(void *c, uint64_t cy, const apb_req_t *q) {
    auto *f = static_cast<fake *>(c);
    f->log.push_back({'S', cy});
    if (q->write && q->addr == 0x30020018u && (q->wdata & 1) && f->fn)
        f->fn(f->nctx, CPTRA_EV_CMD_AVAIL, cy + 1); /* §4: 1 clk after the write cycle */
    apb_resp_t r = {0, 0, 0};
    return r;
}
static uint32_t f_ucr(void *, uint64_t, uint32_t) {
    return 0;
}
static void f_ucw(void *c, uint64_t cy, uint32_t, uint32_t) {
    static_cast<fake *>(c)->log.push_back({'U', cy});
}
static void f_pin(void *, uint64_t, bool) {}
static void f_notify(void *c, cptra_notify_fn fn, void *n) {
    static_cast<fake *>(c)->fn = fn;
    static_cast<fake *>(c)->nctx = n;
}
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

/* test agent: on CMD_AVAIL at c, two uC writes at c+3 and c+4 */
struct agent {
    cptra_hw_t hw;
    std::vector<uint64_t> due;
    uint64_t runs = 0;
};
static void a_notify(void *c, cptra_event_t e, uint64_t cy) {
    auto *a = static_cast<agent *>(c);
    if (e == CPTRA_EV_CMD_AVAIL) {
        a->due.push_back(cy + 3);
        a->due.push_back(cy + 4);
    }
}
static uint64_t a_run(void *c, uint64_t now) {
    auto *a = static_cast<agent *>(c);
    a->runs++;
    while (!a->due.empty() && a->due.front() <= now) {
        cptra_hw_uc_write(a->hw, a->due.front(), 0x3002001Cu, 1);
        a->due.erase(a->due.begin());
    }
    return a->due.empty() ? CPTRA_UC_IDLE : a->due.front();
}
static void a_destroy(void *) {}
static const cptra_uc_agent_ops_t aops = {a_notify, a_run, a_destroy};

struct soc : sc_module {
    tlm_utils::simple_initiator_socket<soc, 32> sock;
    cptra_shell *shell = nullptr;
    soc(sc_module_name n) : sc_module(n), sock("sock") {
        SC_HAS_PROCESS(soc);
        SC_THREAD(run);
    }
    sc_time access(uint32_t addr, bool write, uint32_t v, sc_time local) {
        tlm::tlm_generic_payload t;
        apb_ext ext(1, 0);
        t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        t.set_address(addr);
        t.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
        t.set_data_length(4);
        t.set_streaming_width(4);
        t.set_extension(&ext);
        sock->b_transport(t, local);
        t.clear_extension(&ext);
        return local;
    }
    void run() {
        /* phase 1 (synchronised): EXECUTE=1 at cycle 0, reads at 2, 4, 6 */
        wait(access(0x30020018u, true, 1, SC_ZERO_TIME));
        for (int i = 0; i < 3; i++)
            wait(access(0x3002001Cu, false, 0, SC_ZERO_TIME));
        /* phase 2 (decoupled): from cycle 100, all four accesses issued with local offsets
         * before SystemC time moves */
        wait(kPclk * 92.0); /* phase 1 ended at cycle 8: now at cycle 100 */
        shell->set_sync_on_access(false);
        sc_time local = access(0x30020018u, true, 1, SC_ZERO_TIME);
        for (int i = 0; i < 3; i++)
            local = access(0x3002001Cu, false, 0, local);
        wait(local);
        wait(kPclk * 20.0);
    }
};

int sc_main(int, char **) {
    vp_sc_setup();
    fake f;
    cptra_hw_t hw = {&ops, &f};
    cptra_shell shell("cptra", hw, kPclk);
    sc_signal<bool> pg("pg"), rb("rb");
    shell.pwrgood(pg);
    shell.rst_b(rb);
    agent a;
    a.hw = hw;
    cptra_uc_agent_t ag = {&aops, &a};
    shell.set_agent(ag);
    soc s("soc");
    s.shell = &shell;
    s.sock.bind(shell.apb);
    sc_start();

    /* CMD_AVAIL at 1 -> uC writes at 4 and 5; the uC write at 4 precedes the SoC read at 4 */
    const ev want[] = {{'S', 0},   {'S', 2},   {'U', 4},   {'S', 4},   {'U', 5},   {'S', 6},
                       {'S', 100}, {'S', 102}, {'U', 104}, {'S', 104}, {'U', 105}, {'S', 106}};
    CHECK_EQ(f.log.size(), sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < f.log.size() && i < sizeof(want) / sizeof(want[0]); i++) {
        if (f.log[i].kind != want[i].kind || f.log[i].cycle != want[i].cycle)
            fprintf(stderr, "log[%zu] = %c@%llu, want %c@%llu\n", i, f.log[i].kind,
                    (unsigned long long)f.log[i].cycle, want[i].kind,
                    (unsigned long long)want[i].cycle);
        CHECK(f.log[i].kind == want[i].kind);
        CHECK_EQ(f.log[i].cycle, want[i].cycle);
    }
    for (size_t i = 1; i < f.log.size(); i++)
        CHECK(f.log[i].cycle >= f.log[i - 1].cycle);
    CHECK_EQ(shell.accesses(), 8);
    if (g_failures) fprintf(stderr, "%d check(s) failed\n", g_failures);
    return g_failures ? 1 : 0;
}
