/* SystemC shell of the bootmcu (models/bootmcu/sc/bootmcu_sc.h) against a fake APB target:
 * runs isa/sc_shell.S (argv[1]) and checks from the target side that every Caliptra-window
 * access is one synchronised 4-byte TLM transaction with the bootmcu PAUSER extension, that
 * PSLVERR and the annotated delay reach the ISS, and that WFI skips simulated time. */
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "apb_ext.h"
#include "bootmcu_sc.h"

using namespace sc_core;

static int failures = 0;
#define EXPECT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                      \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

struct fake_apb : sc_module {
    tlm_utils::simple_target_socket<fake_apb, 32> sock{"sock"};
    struct rec {
        uint64_t addr;
        bool write;
        uint32_t data, pauser;
        bool has_ext;
        sc_time at, delay_in;
    };
    std::vector<rec> log;
    explicit fake_apb(sc_module_name n) : sc_module(n) {
        sock.register_b_transport(this, &fake_apb::b_transport);
    }
    void b_transport(tlm::tlm_generic_payload &t, sc_time &delay) {
        apb_ext *e = nullptr;
        t.get_extension(e);
        uint32_t *d = reinterpret_cast<uint32_t *>(t.get_data_ptr());
        rec r{t.get_address(), t.is_write(), t.is_write() ? *d : 0, e ? e->pauser : 0, e != nullptr,
              sc_time_stamp(), delay};
        log.push_back(r);
        EXPECT(t.get_data_length() == 4);
        uint32_t off = (uint32_t)(t.get_address() - BOOTMCU_CPTRA_BASE);
        delay += sc_time(50, SC_NS);
        if (off == 0x100) {
            if (t.is_read()) *d = 0;
            t.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
            return;
        }
        if (t.is_read()) *d = 0xC0DE0000u | off;
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }
};

int sc_main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: test_bootmcu_sc sc_shell.elf\n");
        return 2;
    }
    bootmcu_sc_config cfg;
    cfg.elf = argv[1];
    cfg.quantum = sc_time(10, SC_US);
    bootmcu_sc mcu("bootmcu", cfg);
    fake_apb tgt("apb");
    mcu.apb.bind(tgt.sock);
    std::string err;
    EXPECT(mcu.load(err));
    bootmcu_sc_config bad;
    bootmcu_sc nofw("nofw", bad); /* no ELF: load fails with a message, thread does nothing */
    fake_apb tgt2("apb2");
    nofw.apb.bind(tgt2.sock);
    EXPECT(!nofw.load(err) && !err.empty());
    sc_start(sc_time(100, SC_MS));
    EXPECT(mcu.exited());
    std::fprintf(stderr, "exit code %u at %s, %zu APB accesses\n", mcu.exit_code(),
                 mcu.exit_time().to_string().c_str(), tgt.log.size());
    EXPECT(mcu.exit_code() == 0);
    /* 6 transfers: 0x10, 0x20, 0x100 (read), 0x100 (write), 0x4 (write), 0x30; the byte access
     * never reaches the bus */
    EXPECT(tgt.log.size() == 6);
    sc_time prev = SC_ZERO_TIME;
    for (const auto &r : tgt.log) {
        EXPECT(r.has_ext && r.pauser == 0x21212121u);
        EXPECT(r.delay_in == SC_ZERO_TIME); /* synchronised: no local time left */
        EXPECT(r.at >= prev);
        prev = r.at;
    }
    if (tgt.log.size() == 6) {
        EXPECT(tgt.log[4].write && tgt.log[4].data == 0x12345678u &&
               tgt.log[4].addr == BOOTMCU_CPTRA_BASE + 4);
        /* the WFI sleep until mtime = (mtime at the start, < 5 us) + 1000 us lies between the 5th
         * and the 6th access: simulated time jumped, the target sees it */
        EXPECT(tgt.log[4].at < sc_time(5, SC_US));
        EXPECT(tgt.log[5].at >= sc_time(1000, SC_US));
        EXPECT(tgt.log[5].at < sc_time(1006, SC_US));
    }
    EXPECT(mcu.apb_errors() == 2);
    EXPECT(mcu.scu().apb_err_total == 2);
    EXPECT(mcu.exit_time() >= sc_time(1000, SC_US));
    /* ISS cycles and simulated time agree (200 MHz: 5 ns per cycle) */
    EXPECT(mcu.time_of(mcu.cycles()) == sc_time((double)mcu.cycles() * 5.0, SC_NS));
    EXPECT(!nofw.exited());
    if (failures)
        std::fprintf(stderr, "%d check(s) failed\n", failures);
    else
        std::fprintf(stderr, "bootmcu sc shell: all checks passed\n");
    return failures ? 1 : 0;
}
