/* platform.apb_interconnect: decode, PSLVERR, alignment, timing (2 PCLK + wait states, exact)
 * and round-robin arbitration between two initiators, through apb_bus + cptra_shell with a
 * recording test-double hw. */
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

/* ---- recording fake hw: registers by address, wait states by address ---- */
struct rec {
    uint64_t cycle;
    uint32_t addr, pauser, wdata;
    bool write;
};
struct fake_hw {
    std::vector<rec> log;
    uint32_t regs[0x10000] = {};
    uint32_t bad_pauser = 0xBADu;     /* the fake answers PSLVERR for this PAUSER */
    uint32_t slow_addr = 0x30021014u; /* SHA DATAIN: 3 wait states in this fake */
    uint32_t slow_wait = 3;
};
static apb_resp_t f_apb(void *c, uint64_t cy, const apb_req_t *q) {
    auto *f = static_cast<fake_hw *>(c);
    f->log.push_back({cy, q->addr, q->pauser, q->wdata, q->write != 0});
    apb_resp_t r = {0, 0, 0};
    if (q->pauser == f->bad_pauser) {
        r.slverr = 1;
        return r;
    }
    uint32_t i = (q->addr >> 2) & 0xFFFF;
    if (q->write)
        f->regs[i] = q->wdata;
    else
        r.rdata = f->regs[i] ? f->regs[i] : 0xC0000000u | (q->addr & 0xFFFFF);
    if (q->addr == f->slow_addr) r.wait = f->slow_wait;
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
static bool f_dr(void *c, uint32_t a, uint32_t *d) {
    *d = static_cast<fake_hw *>(c)->regs[(a >> 2) & 0xFFFF];
    return true;
}
static bool f_dw(void *c, uint32_t a, uint32_t d) {
    static_cast<fake_hw *>(c)->regs[(a >> 2) & 0xFFFF] = d;
    return true;
}
static void f_destroy(void *) {}
static const cptra_hw_ops_t fake_ops = {f_apb,    f_ucr, f_ucw, f_pin, f_pin,
                                        f_notify, f_obs, f_dr,  f_dw,  f_destroy};

static const sc_time kPclk(2500, SC_PS); /* 400 MHz */

struct result {
    tlm::tlm_response_status st;
    uint32_t rdata;
    uint64_t start_cycle, end_cycle; /* request issue and completion, in PCLK cycles */
};

struct initiator : sc_module {
    tlm_utils::simple_initiator_socket<initiator, 32> sock;
    std::function<void(initiator &)> body;
    initiator(sc_module_name n) : sc_module(n), sock("sock") {
        SC_HAS_PROCESS(initiator);
        SC_THREAD(run);
    }
    void run() {
        if (body) body(*this);
    }
    static uint64_t cyc() { return sc_time_stamp().value() / kPclk.value(); }
    /* len/be/addr knobs to exercise the refusals */
    result access(uint64_t addr, bool write, uint32_t data, uint32_t pauser, unsigned len = 4,
                  unsigned char *be = nullptr, bool sync = true,
                  sc_time init_delay = SC_ZERO_TIME) {
        tlm::tlm_generic_payload t;
        apb_ext ext(pauser, 2);
        unsigned char buf[8];
        std::memcpy(buf, &data, 4);
        t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        t.set_address(addr);
        t.set_data_ptr(buf);
        t.set_data_length(len);
        t.set_streaming_width(len);
        t.set_byte_enable_ptr(be);
        t.set_byte_enable_length(be ? 4 : 0);
        t.set_extension(&ext);
        sc_time d = init_delay;
        result r;
        r.start_cycle = cyc();
        sock->b_transport(t, d);
        t.clear_extension(&ext);
        if (sync) wait(d);
        r.end_cycle = (sc_time_stamp() + (sync ? SC_ZERO_TIME : d)).value() / kPclk.value();
        r.st = t.get_response_status();
        std::memcpy(&r.rdata, buf, 4);
        return r;
    }
};

/* ---------------- test 1: single initiator ---------------- */
static int single_initiator() {
    fake_hw f;
    cptra_hw_t hw = {&fake_ops, &f};
    apb_map_t map = {0x14c60000u, 0x20000u};
    apb_bus bus("bus1", map, kPclk);
    cptra_shell shell("cptra1", hw, kPclk);
    sc_signal<bool> pg("pg1"), rb("rb1");
    shell.pwrgood(pg);
    shell.rst_b(rb);
    initiator ini("ini1");
    ini.sock.bind(bus.tsock);
    bus.isock.bind(shell.apb);
    std::vector<result> res;
    ini.body = [&](initiator &i) {
        /* 0: window offset 8 -> Caliptra 0x3002_0008, 2 cycles */
        res.push_back(i.access(0x14c60008u, true, 0x43415053u, 1));
        /* 1: same register through its Caliptra address, read back */
        res.push_back(i.access(0x30020008u, false, 0, 1));
        /* 2: SHA DATAIN with 3 wait states: 2 + 3 cycles */
        res.push_back(i.access(0x14c61014u, true, 0x61626300u, 1));
        /* 3: hole 0x3002_2000: PSLVERR by decode, 2 cycles, PRDATA 0, hw not called */
        res.push_back(i.access(0x30022000u, false, 0, 1));
        /* 4: window offset 0x1_0000 -> soc_ifc 0x3003_0000 */
        res.push_back(i.access(0x14c70000u, false, 0, 1));
        /* 5: outside window and Caliptra space */
        res.push_back(i.access(0x14c80000u, false, 0, 1));
        /* 6: misaligned: refused without a transfer */
        res.push_back(i.access(0x14c60002u, false, 0, 1));
        /* 7: 2-byte access: refused */
        res.push_back(i.access(0x14c60008u, false, 0, 1, 2));
        /* 8: partial byte enables: refused */
        unsigned char be[4] = {0xff, 0, 0xff, 0xff};
        res.push_back(i.access(0x14c60008u, true, 1, 1, 4, be));
        /* 9: target PSLVERR (bad PAUSER): generic error, PRDATA 0 */
        res.push_back(i.access(0x30020004u, false, 0, 0xBADu));
        /* 10: issued with a local time offset of 7 cycles (temporal decoupling): the shell
         * synchronises first, so the access cycle is 17 + 7 */
        res.push_back(i.access(0x30030040u, false, 0, 1, 4, nullptr, true, kPclk * 7.0));
        /* 12: window edge: last word of the window = 0x3003_FFFC */
        res.push_back(i.access(0x14c7FFFCu, false, 0, 1));
    };
    sc_start();

    CHECK_EQ(res.size(), 12);
    /* hw saw: 0,1,2,4,9,10,11 (refusals and decode misses never reach it) */
    CHECK_EQ(f.log.size(), 7);
    CHECK_EQ(f.log[0].addr, 0x30020008u);
    CHECK_EQ(f.log[0].cycle, 0);
    CHECK_EQ(f.log[0].pauser, 1);
    CHECK(f.log[0].write);
    CHECK_EQ(res[0].end_cycle, 2); /* SETUP + ACCESS */
    CHECK_EQ(f.log[1].cycle, 2);
    CHECK_EQ(res[1].rdata, 0x43415053u);
    CHECK_EQ(res[1].end_cycle, 4);
    CHECK_EQ(f.log[2].addr, 0x30021014u);
    CHECK_EQ(res[2].end_cycle, 4 + 2 + 3); /* 2 PCLK + 3 wait states */
    CHECK_EQ(res[3].st, tlm::TLM_GENERIC_ERROR_RESPONSE);
    CHECK_EQ(res[3].rdata, 0);
    CHECK_EQ(res[3].end_cycle, 9 + 2);
    CHECK_EQ(f.log[3].addr, 0x30030000u);
    CHECK_EQ(f.log[3].cycle, 11);
    CHECK_EQ(res[4].st, tlm::TLM_OK_RESPONSE);
    CHECK_EQ(res[5].st, tlm::TLM_GENERIC_ERROR_RESPONSE);
    CHECK_EQ(res[5].end_cycle, 13 + 2);
    CHECK_EQ(res[6].st, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK_EQ(res[6].end_cycle, 15); /* no transfer, no time */
    CHECK_EQ(res[7].st, tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK_EQ(res[8].st, tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    CHECK_EQ(f.log[4].pauser, 0xBADu);
    CHECK_EQ(res[9].st, tlm::TLM_GENERIC_ERROR_RESPONSE);
    CHECK_EQ(res[9].rdata, 0);
    CHECK_EQ(res[9].end_cycle, 17);
    CHECK_EQ(f.log[5].addr, 0x30030040u);
    CHECK_EQ(f.log[5].cycle, 24);
    CHECK_EQ(res[10].end_cycle, 26);
    CHECK_EQ(f.log[6].cycle, 26);
    CHECK_EQ(f.log[6].addr, 0x3003FFFCu);
    CHECK_EQ(bus.get_stats().refused, 3);
    CHECK_EQ(bus.get_stats().slverr, 3);
    CHECK_EQ(bus.get_stats().transfers, 9);
    /* debug path: window address, backdoor into the fake */
    tlm::tlm_generic_payload t;
    uint32_t v = 0;
    t.set_command(tlm::TLM_READ_COMMAND);
    t.set_address(0x14c60008u);
    t.set_data_ptr(reinterpret_cast<unsigned char *>(&v));
    t.set_data_length(4);
    CHECK_EQ(ini.sock->transport_dbg(t), 4);
    CHECK_EQ(v, 0x43415053u);
    t.set_address(0x10000000u);
    CHECK_EQ(ini.sock->transport_dbg(t), 0);
    return 0;
}

int sc_main(int, char **) {
    vp_sc_setup();
    single_initiator();
    if (g_failures) fprintf(stderr, "%d check(s) failed\n", g_failures);
    return g_failures ? 1 : 0;
}
