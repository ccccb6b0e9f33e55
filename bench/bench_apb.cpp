/* bench-apb: APB accesses per wall-clock second through interconnect + Caliptra shell + C model
 * (hw_tap + mailbox perf counters included, as in `vp`), compared with a bare TLM b_transport
 * loop to a trivial target in the same run. The initiator is loosely timed with a quantum keeper
 * (temporal decoupling); the Caliptra shell runs without per-access synchronisation, which is
 * valid with one initiator (cptra_shell.h). A synchronised run (shell waits on every access)
 * is reported too.
 *   usage: bench-apb [--count N] [--quantum-ns Q] */
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "apb_bus.h"
#include "apb_ext.h"
#include "cptra_hw.h"
#include "cptra_shell.h"
#include "hw_tap.h"
#include "mbox_perf.h"
#include "sc_setup.h"

using namespace sc_core;

static const sc_time kPclk(2500, SC_PS); /* 400 MHz */
static const uint32_t kPauser = 0x00000001u;

/* The trivial target of the baseline: one register, 2 PCLK annotated like an APB transfer. */
struct trivial_target : sc_module {
    tlm_utils::simple_target_socket<trivial_target, 32> sock;
    uint32_t reg = 0x12345678u;
    trivial_target(sc_module_name n) : sc_module(n), sock("sock") {
        sock.register_b_transport(this, &trivial_target::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_time &d) {
        if (t.is_read())
            std::memcpy(t.get_data_ptr(), &reg, 4);
        else
            std::memcpy(&reg, t.get_data_ptr(), 4);
        t.set_response_status(tlm::TLM_OK_RESPONSE);
        d += 2 * kPclk;
    }
};

struct bench : sc_module {
    tlm_utils::simple_initiator_socket<bench, 32> to_bus;
    tlm_utils::simple_initiator_socket<bench, 32> to_trivial;
    sc_signal<bool> pwrgood{"pwrgood"}, rst_b{"rst_b"};
    cptra_shell *shell = nullptr;
    uint64_t count = 5000000;
    sc_time quantum = sc_time(1, SC_US);
    double rate_platform = 0, rate_sync = 0, rate_bare = 0;
    uint64_t errors = 0;

    bench(sc_module_name n) : sc_module(n), to_bus("to_bus"), to_trivial("to_trivial") {
        SC_HAS_PROCESS(bench);
        SC_THREAD(run);
    }

    /* n reads alternating between two addresses; returns accesses per wall second */
    double loop(tlm_utils::simple_initiator_socket<bench, 32> &s, uint64_t n, uint32_t a0,
                uint32_t a1) {
        tlm_utils::tlm_quantumkeeper qk;
        qk.reset();
        tlm::tlm_generic_payload t;
        apb_ext ext(kPauser, 0);
        uint32_t data = 0;
        t.set_data_ptr(reinterpret_cast<unsigned char *>(&data));
        t.set_data_length(4);
        t.set_streaming_width(4);
        t.set_command(tlm::TLM_READ_COMMAND);
        t.set_extension(&ext);
        auto w0 = std::chrono::steady_clock::now();
        for (uint64_t i = 0; i < n; i++) {
            t.set_address((i & 1) ? a1 : a0);
            t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            sc_time d = qk.get_local_time();
            s->b_transport(t, d);
            if (t.get_response_status() != tlm::TLM_OK_RESPONSE) errors++;
            qk.set(d);
            if (qk.need_sync()) qk.sync();
        }
        qk.sync();
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
        t.clear_extension(&ext);
        return secs > 0 ? (double)n / secs : 0;
    }

    void write(uint32_t addr, uint32_t v) {
        tlm::tlm_generic_payload t;
        apb_ext ext(kPauser, 0);
        t.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
        t.set_data_length(4);
        t.set_streaming_width(4);
        t.set_command(tlm::TLM_WRITE_COMMAND);
        t.set_address(addr);
        t.set_extension(&ext);
        sc_time d = SC_ZERO_TIME;
        to_bus->b_transport(t, d);
        t.clear_extension(&ext);
        wait(d);
    }

    void run() {
        tlm_utils::tlm_quantumkeeper::set_global_quantum(quantum);
        pwrgood.write(true);
        wait(10 * kPclk);
        rst_b.write(true);
        wait(20 * kPclk);
        /* make the bench PAUSER a valid mailbox user: VALID_PAUSER[0] + lock (§2) */
        write(0x14c60000u + 0x10048u, kPauser);
        write(0x14c60000u + 0x1005Cu, 1);
        /* MBOX_STATUS and MBOX_USER through the AST2700 window */
        shell->set_sync_on_access(false);
        rate_platform = loop(to_bus, count, 0x14c6001Cu, 0x14c60004u);
        shell->set_sync_on_access(true);
        rate_sync = loop(to_bus, count / 5 + 1, 0x14c6001Cu, 0x14c60004u);
        rate_bare = loop(to_trivial, count, 0x0u, 0x4u);
        sc_stop();
    }
};

int sc_main(int argc, char **argv) {
    vp_sc_setup();
    uint64_t count = 5000000, qns = 1000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--count") && i + 1 < argc)
            count = strtoull(argv[++i], nullptr, 0);
        else if (!strcmp(argv[i], "--quantum-ns") && i + 1 < argc)
            qns = strtoull(argv[++i], nullptr, 0);
        else {
            fprintf(stderr, "usage: bench-apb [--count N] [--quantum-ns Q]\n");
            return 2;
        }
    }
    if (!count || !qns) {
        fprintf(stderr, "bench-apb: count and quantum must be > 0\n");
        return 2;
    }
    cptra_model_cfg_t mc;
    cptra_model_default_cfg(&mc);
    mbox_perf_t *perf = mbox_perf_new(400.0);
    cptra_hw_t tap = hw_tap_new(cptra_model_new(&mc));
    hw_tap_sink_t ps = hw_tap_perf_sink(perf);
    hw_tap_add_sink(tap, &ps);
    int rc = 0;
    {
        apb_map_t map = {0x14c60000u, 0x20000u};
        apb_bus bus("apb", map, kPclk);
        cptra_shell shell("caliptra", tap, kPclk);
        trivial_target triv("trivial");
        bench b("bench");
        b.count = count;
        b.quantum = sc_time((double)qns, SC_NS);
        b.shell = &shell;
        shell.pwrgood(b.pwrgood);
        shell.rst_b(b.rst_b);
        b.to_bus.bind(bus.tsock);
        bus.isock.bind(shell.apb);
        b.to_trivial.bind(triv.sock);
        sc_start();
        printf("bench-apb: %llu reads (MBOX_STATUS/MBOX_USER alternating), quantum %llu ns\n",
               (unsigned long long)count, (unsigned long long)qns);
        printf("  interconnect + Caliptra shell + C model (decoupled): %12.0f accesses/s\n",
               b.rate_platform);
        printf("  same, shell synchronising on every access:           %12.0f accesses/s\n",
               b.rate_sync);
        printf("  bare TLM b_transport to a trivial target:            %12.0f accesses/s\n",
               b.rate_bare);
        printf("  ratio platform / bare: %.3f\n",
               b.rate_bare > 0 ? b.rate_platform / b.rate_bare : 0.0);
        if (b.errors) {
            fprintf(stderr, "bench-apb: %llu accesses failed\n", (unsigned long long)b.errors);
            rc = 1;
        }
    }
    mbox_perf_free(perf);
    return rc;
}
