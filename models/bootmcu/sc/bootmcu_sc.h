/* SystemC shell of the AST2700 bootmcu: the RV32IMC ISS (rv32.h) with its memories and
 * peripherals, run by one SC_THREAD in slices under a tlm_utils::tlm_quantumkeeper.
 *
 *   - ROM (firmware ELF), SRAM, DRAM and the memory-mapped SPI flash are host memory regions of
 *     the ISS (its DMI-like fast path); UART, timer, SCU and sim-control are ISS MMIO callbacks
 *     into the C peripheral cores (periph/); the map is bootmcu_map.h.
 *   - The Caliptra window (default 0x14c6_0000, 128 KiB) is MMIO that issues one TLM
 *     transaction per access on `apb` (bound to the APB interconnect), with an apb_ext carrying
 *     the bootmcu PAUSER (default 0x2121_2121). Before each access the quantum keeper is synced
 *     (the ISS's local time is waited), so the target sees the access at the ISS's time; the
 *     annotated delay (2 PCLK + wait states, plus any arbitration hold) is added to the ISS
 *     cycle count as wait cycles of the load/store.
 *   - PSLVERR (TLM_GENERIC_ERROR_RESPONSE): a read returns 0 and a write is dropped, *without* a
 *     trap (as the APB bridge of the real SoC does); the SCU latches it in APB_ERR /
 *     APB_ERR_ADDR (periph/scu.h) so the firmware can check it (e.g. after MBOX_LOCK reads).
 *     Accesses that are not aligned 32-bit words, and any other TLM error, raise a load/store
 *     access fault.
 *   - Time: cycle c of the bootmcu clock is sc_time c * period. WFI with nothing pending skips
 *     simulated time to the next timer compare; WFI with no wake-up source ends the run
 *     (deadlock, exit code 125).
 *   - Sim-control EXIT ends the run: exit code recorded, on_exit called, sc_stop() (optional).
 *   - GDB: `gdb` = "PORT" (127.0.0.1) or a Unix socket path; gdb_wait halts before the first
 *     instruction until a debugger attaches (models/bootmcu/gdbstub.h). */
#ifndef BOOTMCU_SC_H
#define BOOTMCU_SC_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "apb_ext.h"
#include "bootmcu_map.h"
#include "rv32.h"
extern "C" { /* C11 cores without C++ guards */
#include "gdbstub.h"
#include "scu.h"
#include "simctrl.h"
#include "spiflash.h"
#include "timer.h"
#include "uart16550.h"
}

/* One region of the bootmcu map: base, size (bytes) and extra cycles per access. */
struct bootmcu_region_cfg {
    uint32_t base, size, latency;
};

/* The bootmcu address map; defaults from bootmcu_map.h. The firmware must be built for the same
 * map (bootmcu_map.h values overridden with -D). Checked by load(): sizes non-zero, bases and
 * sizes word-aligned, no overlap (with the Caliptra window too), memories at most 1 GiB. */
struct bootmcu_map_cfg {
    bootmcu_region_cfg rom{BOOTMCU_ROM_BASE, BOOTMCU_ROM_SIZE, BOOTMCU_ROM_LATENCY};
    bootmcu_region_cfg sram{BOOTMCU_SRAM_BASE, BOOTMCU_SRAM_SIZE, BOOTMCU_SRAM_LATENCY};
    bootmcu_region_cfg dram{BOOTMCU_DRAM_BASE, BOOTMCU_DRAM_SIZE, BOOTMCU_DRAM_LATENCY};
    bootmcu_region_cfg flash{BOOTMCU_FLASH_BASE, BOOTMCU_FLASH_SIZE, BOOTMCU_FLASH_LATENCY};
    bootmcu_region_cfg uart{BOOTMCU_UART_BASE, BOOTMCU_UART_SIZE, BOOTMCU_PERIPH_LATENCY};
    bootmcu_region_cfg timer{BOOTMCU_TIMER_BASE, BOOTMCU_TIMER_SIZE, BOOTMCU_PERIPH_LATENCY};
    bootmcu_region_cfg scu{BOOTMCU_SCU_BASE, BOOTMCU_SCU_SIZE, BOOTMCU_PERIPH_LATENCY};
    bootmcu_region_cfg simctrl{BOOTMCU_SIMCTRL_BASE, BOOTMCU_SIMCTRL_SIZE, BOOTMCU_PERIPH_LATENCY};
};

struct bootmcu_sc_config {
    uint64_t clk_hz = BOOTMCU_CLK_HZ;                 /* bootmcu clock (estimate, 200 MHz) */
    sc_core::sc_time quantum = sc_core::SC_ZERO_TIME; /* 0 = tlm global quantum (or 1 us) */
    uint32_t pauser = 0x21212121u;                    /* images.md §1.4 */
    uint32_t cptra_base = BOOTMCU_CPTRA_BASE;         /* Caliptra APB window */
    uint32_t cptra_size = BOOTMCU_CPTRA_SIZE;
    bootmcu_map_cfg map; /* ROM, SRAM, DRAM, flash window, UART, timer, SCU, sim-control */
    std::string elf;     /* firmware (required) */
    std::string flash;   /* flash image file ("" = erased) */
    std::string gdb;     /* "" = no GDB stub */
    bool gdb_wait = false;
    bool stop_sim_on_exit = true; /* sc_stop() when the firmware exits / deadlocks */
    uint64_t max_cycles = 0;      /* 0 = unlimited */
};

class bootmcu_sc : public sc_core::sc_module {
  public:
    tlm_utils::simple_initiator_socket<bootmcu_sc, 32> apb;

    struct console_line {
        std::string text;
        uint64_t cycle;
        sc_core::sc_time time;
    };

    SC_HAS_PROCESS(bootmcu_sc);
    bootmcu_sc(sc_core::sc_module_name name, const bootmcu_sc_config &cfg);
    ~bootmcu_sc() override;

    /* Memories, ELF, flash image, ISS, GDB stub. Call before the simulation starts; false with
     * a message on error (then the thread does nothing). */
    bool load(std::string &err);

    /* Callbacks (optional). */
    std::function<void(const console_line &)> on_line;
    std::function<void(const sc_core::sc_time &)> on_release; /* CA35 reset released */
    std::function<void(uint32_t code)> on_exit;

    bool exited() const { return exited_; }
    uint32_t exit_code() const { return exit_code_; }
    sc_core::sc_time exit_time() const { return exit_time_; }
    bool deadlocked() const { return deadlock_; }
    bool hit_max_cycles() const { return max_hit_; }
    bool ca35_released() const { return scu_.ca35_released != 0; }
    sc_core::sc_time ca35_release_time() const { return time_of(scu_.ca35_release_cycle); }
    const std::vector<console_line> &console() const { return lines_; }
    const bootmcu_scu_t &scu() const { return scu_; }
    uint64_t cycles() const;
    uint64_t instret() const;
    uint64_t apb_accesses() const { return apb_accesses_; }
    uint64_t apb_errors() const { return apb_errors_; }
    sc_core::sc_time period() const { return period_; }
    sc_core::sc_time time_of(uint64_t cycle) const;
    int gdb_port() const { return gdb_ ? gdbstub_port(gdb_) : 0; }

  private:
    void run_thread();
    void finish(uint32_t code);
    void drain_console();
    uint64_t cycles_until(const sc_core::sc_time &t) const; /* ceil */
    static int cptra_access(void *ctx, bootmcu_bus_access_t *a);
    static void scu_released(void *ctx, uint64_t cycle);

    bootmcu_sc_config cfg_;
    sc_core::sc_time period_;
    uint64_t period_ps_;
    uint64_t quantum_cycles_ = 1;
    tlm_utils::tlm_quantumkeeper qk_;
    std::vector<uint8_t> rom_, sram_, dram_;
    spiflash_t flash_{};
    uart16550_t uart_{};
    bootmcu_timer_t timer_{};
    bootmcu_scu_t scu_{};
    simctrl_t sim_{};
    rv32_cpu_t *cpu_ = nullptr;
    gdbstub_t *gdb_ = nullptr;
    unsigned gdb_poll_ = 0;
    uint32_t entry_ = 0;
    bool loaded_ = false;
    bool exited_ = false, deadlock_ = false, max_hit_ = false;
    uint32_t exit_code_ = 0;
    sc_core::sc_time exit_time_;
    size_t lines_seen_ = 0;
    std::vector<console_line> lines_;
    uint64_t apb_accesses_ = 0, apb_errors_ = 0;
    apb_ext ext_;
    tlm::tlm_generic_payload gp_;
};

#endif
