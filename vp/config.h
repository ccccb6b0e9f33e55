/* The VP configuration: one struct. Built-in defaults, then the TOML file (--config), then
 * command-line flags (in order). See vp/README.md for the keys. */
#ifndef VP_CONFIG_H
#define VP_CONFIG_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

struct vp_time_spec {
    enum kind_t { NONE, TIME, CYCLES } kind = NONE;
    uint64_t value = 0; /* ps for TIME, clock cycles for CYCLES */
    std::string text;   /* as written ("10ms"); empty for NONE */
};

/* One region of the bootmcu map (bootmcu.<name>_{base,size,latency}). */
struct vp_region {
    uint32_t base, size, latency; /* latency: extra bootmcu cycles per access */
};
enum { VP_BOOTMCU_REGIONS = 8 };
/* rom, sram, dram, flash, uart, timer, scu, simctrl: the order of vp_config::bootmcu_map */
extern const char *const vp_bootmcu_region_names[VP_BOOTMCU_REGIONS];

struct vp_config {
    /* [caliptra] */
    double clock_mhz = 400.0; /* Caliptra clk = APB PCLK (caliptra-1x.md §4: validated at 400) */
    std::string hw = "model"; /* `hw` implementation: model | rtl | lockstep */
    std::string firmware;     /* firmware bundle (FIRMWARE_LOAD by the built-in SoC sequencer) */
    std::string rom;          /* ROM file (FW_INFO rom_sha256_digest) */
    std::string fuses;        /* TOML fuse file (soc_fuses_load_toml); empty = unprovisioned */
    uint32_t rtl_fault = 0;   /* test only: cptra_rtl_set_fault() (lockstep mismatch tests) */
    /* [apb] */
    uint32_t window_base = 0x14c60000u; /* VP map (DESIGN.md; AST2700 value not public) */
    uint32_t window_size = 0x20000u;    /* 128 KiB: Caliptra 0x3002_0000..0x3003_FFFF */
    uint32_t a35_pauser = 0x00000001u;
    uint32_t bootmcu_pauser = 0x21212121u;
    /* PAUSER stamped by the CA35 bridge; unset = a35_pauser (the slot the SoC locks) */
    uint32_t bridge_pauser = 0;
    bool bridge_pauser_set = false;
    uint32_t effective_bridge_pauser() const {
        return bridge_pauser_set ? bridge_pauser : a35_pauser;
    }
    /* [bridge] CA35 socket bridge (models/ca35-bridge/sc) */
    std::string socket;             /* Unix socket path; empty = no bridge */
    std::string time_mode = "idle"; /* idle | realtime | afap (docs/bridge-protocol.md §7) */
    uint32_t idle_poll_us = 1000;   /* wall time without a request = idle */
    uint64_t idle_advance_cycles = 400000; /* idle: cycles per idle poll (1 ms @ 400 MHz) */
    uint32_t realtime_cycles_per_us = 400; /* realtime: cycles per wall microsecond */
    bool exit_on_disconnect = false;       /* end the run when the first client disconnects */
    bool enable_v2 = true;                 /* serve CPTR v2 frames (false: pure v1) */
    /* [bootmcu] full platform (models/bootmcu, sw/bootmcu/README.md) */
    std::string bootmcu_firmware;     /* firmware ELF; empty = bootmcu-fw.elf next to vp */
    std::string bootmcu_flash;        /* SPI flash image; empty = ../images/vp-default-flash.bin */
    double bootmcu_clock_mhz = 200.0; /* estimate, not public (models/bootmcu/bootmcu_map.h) */
    std::string bootmcu_gdb;          /* GDB stub: TCP port or Unix socket path; empty = none */
    bool bootmcu_gdb_wait = false;    /* halt before the first instruction until gdb attaches */
    /* the bootmcu address map (defaults: models/bootmcu/bootmcu_map.h); checked by the bootmcu */
    vp_region bootmcu_map[VP_BOOTMCU_REGIONS];
    /* [sim] */
    vp_time_spec quantum;  /* default 1us */
    vp_time_spec max_time; /* default: unlimited */
    std::string script;    /* APB script played by the SoC script player */
    std::string report;    /* JSON report path */
    std::string trace_apb; /* APB trace output (script format) */
    bool quiet = false;
    bool caliptra_only = false; /* fw agent + built-in SoC sequencer boot Caliptra */
    bool full_platform = false; /* bootmcu + Caliptra (vp/full_platform.cpp) */
    std::string uc = "fw";      /* uC in script mode: fw (behaviour model) | stub (uc_stub) */
    std::string vcd;            /* VCD of the RTL's signals (hw = rtl | lockstep) */

    vp_config();
    /* Clock period in ps (rounded). */
    /* [fw_cost]: overrides of the firmware cycle-cost table (models/caliptra/fw/cost.h), by
     * field name; the rest keep their calibrated defaults. */
    std::map<std::string, uint64_t> fw_cost;

    uint64_t period_ps() const;
};

/* Parses a time: "<n>ps|ns|us|ms|s" or "<n>" / "<n>cycles" / "<n>clk" (Caliptra clock cycles). */
bool vp_parse_time(const std::string &s, vp_time_spec &out, std::string &err);

/* Applies TOML text (a whole file or a "key = value" line). `origin` names it in errors. */
bool vp_config_apply_toml(vp_config &cfg, const std::string &text, const std::string &origin,
                          std::string &err);
bool vp_config_load_file(vp_config &cfg, const std::string &path, std::string &err);
/* Applies one "section.key=value" override (--set). */
bool vp_config_set(vp_config &cfg, const std::string &assignment, std::string &err);
/* The effective configuration as TOML (re-readable with --config). */
std::string vp_config_to_toml(const vp_config &cfg);
/* The firmware cost table with the [fw_cost] overrides applied (cptra_fw_cost_t *). Only built
 * with the fw component (VP_HAVE_FW). */
struct cptra_fw_cost;
void vp_config_fw_cost(const vp_config &cfg, struct cptra_fw_cost *out);

/* Command line. Returns 0 to run, 1 to exit successfully (help/print-config), -1 on error
 * (message in err). */
struct vp_cli {
    vp_config cfg;
    bool print_config = false;
    bool help = false;
};
int vp_cli_parse(int argc, char **argv, vp_cli &cli, std::string &err);
const char *vp_usage();

#endif
