#ifdef VP_HAVE_FW
#include "cost.h"
#endif
#include "config.h"

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include <toml++/toml.h>

#include "bootmcu_map.h"
#include "script.h"

const char *const vp_bootmcu_region_names[VP_BOOTMCU_REGIONS] = {
    "rom", "sram", "dram", "flash", "uart", "timer", "scu", "simctrl"};

vp_config::vp_config()
    : bootmcu_map{{BOOTMCU_ROM_BASE, BOOTMCU_ROM_SIZE, BOOTMCU_ROM_LATENCY},
                  {BOOTMCU_SRAM_BASE, BOOTMCU_SRAM_SIZE, BOOTMCU_SRAM_LATENCY},
                  {BOOTMCU_DRAM_BASE, BOOTMCU_DRAM_SIZE, BOOTMCU_DRAM_LATENCY},
                  {BOOTMCU_FLASH_BASE, BOOTMCU_FLASH_SIZE, BOOTMCU_FLASH_LATENCY},
                  {BOOTMCU_UART_BASE, BOOTMCU_UART_SIZE, BOOTMCU_PERIPH_LATENCY},
                  {BOOTMCU_TIMER_BASE, BOOTMCU_TIMER_SIZE, BOOTMCU_PERIPH_LATENCY},
                  {BOOTMCU_SCU_BASE, BOOTMCU_SCU_SIZE, BOOTMCU_PERIPH_LATENCY},
                  {BOOTMCU_SIMCTRL_BASE, BOOTMCU_SIMCTRL_SIZE, BOOTMCU_PERIPH_LATENCY}} {
    std::string e;
    vp_parse_time("1us", quantum, e);
}

/* bootmcu.<region>_base|_size|_latency: the field, or nullptr when `key` is none of them */
static uint32_t *bootmcu_map_field(vp_config &cfg, const std::string &key) {
    static const char *const fields[] = {"_base", "_size", "_latency"};
    for (int i = 0; i < VP_BOOTMCU_REGIONS; i++)
        for (int f = 0; f < 3; f++)
            if (key == std::string("bootmcu.") + vp_bootmcu_region_names[i] + fields[f]) {
                vp_region &r = cfg.bootmcu_map[i];
                return f == 0 ? &r.base : f == 1 ? &r.size : &r.latency;
            }
    return nullptr;
}

uint64_t vp_config::period_ps() const {
    double p = 1e6 / clock_mhz;
    uint64_t r = (uint64_t)std::llround(p);
    return r ? r : 1;
}

bool vp_parse_time(const std::string &s0, vp_time_spec &out, std::string &err) {
    std::string s;
    for (char c : s0)
        if (c != ' ') s += c;
    std::string num = s, unit;
    if (!(s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
        size_t j = 0; /* decimal digits, then an optional unit */
        while (j < s.size() && (isdigit((unsigned char)s[j]) || s[j] == '_'))
            j++;
        num = s.substr(0, j);
        unit = s.substr(j);
    }
    uint64_t v;
    if (!script_parse_u64(num.c_str(), &v)) {
        err = "bad time '" + s0 + "' (expected e.g. 10ms, 5000us, 250ns, or a cycle count)";
        return false;
    }
    static const struct {
        const char *u;
        uint64_t ps;
    } units[] = {
        {"ps", 1}, {"ns", 1000}, {"us", 1000000}, {"ms", 1000000000}, {"s", 1000000000000ull}};
    vp_time_spec t;
    t.text = s0;
    if (unit.empty() || unit == "cycles" || unit == "cycle" || unit == "clk" || unit == "cyc") {
        t.kind = vp_time_spec::CYCLES;
        t.value = v;
    } else {
        bool found = false;
        for (auto &u : units)
            if (unit == u.u) {
                if (v > UINT64_MAX / u.ps) {
                    err = "time '" + s0 + "' too large";
                    return false;
                }
                t.kind = vp_time_spec::TIME;
                t.value = v * u.ps;
                found = true;
            }
        if (!found) {
            err = "bad time unit in '" + s0 + "' (ps, ns, us, ms, s or cycles)";
            return false;
        }
    }
    out = t;
    return true;
}

static bool get_u32(const toml::node &n, const std::string &key, uint32_t &out, std::string &err) {
    auto v = n.value<int64_t>();
    if (!v || *v < 0 || *v > 0xFFFFFFFFll) {
        err = key + ": expected an integer 0..0xFFFFFFFF";
        return false;
    }
    out = (uint32_t)*v;
    return true;
}

static bool get_time(const toml::node &n, const std::string &key, vp_time_spec &out,
                     std::string &err) {
    if (auto iv = n.value<int64_t>()) {
        if (*iv < 0) {
            err = key + ": negative";
            return false;
        }
        return vp_parse_time(std::to_string(*iv), out, err);
    }
    auto sv = n.value<std::string>();
    if (!sv) {
        err = key + ": expected a time string such as \"10ms\" or a cycle count";
        return false;
    }
    if (sv->empty()) {
        out = vp_time_spec();
        return true;
    }
    if (!vp_parse_time(*sv, out, err)) {
        err = key + ": " + err;
        return false;
    }
    return true;
}

/* [fw_cost] keys are the field names of cptra_fw_cost_t, values in Caliptra clock cycles. */
static bool apply_fw_cost(vp_config &cfg, const toml::table &t, std::string &err) {
    for (auto &&[k, n] : t) {
        std::string name(k.str());
#ifdef VP_HAVE_FW
        size_t count;
        const cptra_fw_cost_field_t *f = cptra_fw_cost_fields(&count);
        bool known = false;
        for (size_t i = 0; i < count && !known; i++)
            known = name == f[i].name;
        if (!known) {
            err = "unknown key 'fw_cost." + name + "' (the fields of models/caliptra/fw/cost.h)";
            return false;
        }
#else
        err = "fw_cost." + name + ": the firmware model is not built";
        return false;
#endif
        auto v = n.value<int64_t>();
        if (!v || *v < 0) {
            err = "fw_cost." + name + ": expected a cycle count >= 0";
            return false;
        }
        cfg.fw_cost[name] = (uint64_t)*v;
    }
    return true;
}

#ifdef VP_HAVE_FW
void vp_config_fw_cost(const vp_config &cfg, cptra_fw_cost_t *out) {
    cptra_fw_cost_default(out);
    size_t count;
    const cptra_fw_cost_field_t *f = cptra_fw_cost_fields(&count);
    for (size_t i = 0; i < count; i++) {
        auto it = cfg.fw_cost.find(f[i].name);
        if (it != cfg.fw_cost.end()) *(uint64_t *)((char *)out + f[i].offset) = it->second;
    }
}
#endif

static bool apply_table(vp_config &cfg, const toml::table &root, std::string &err) {
    for (auto &&[k, node] : root) {
        std::string sec(k.str());
        const toml::table *t = node.as_table();
        if (!t) {
            err = "unknown key '" + sec +
                  "' (expected tables [caliptra], [apb], [bridge], [sim], [fw_cost])";
            return false;
        }
        if (sec == "fw_cost") {
            if (!apply_fw_cost(cfg, *t, err)) return false;
            continue;
        }
        for (auto &&[k2, n] : *t) {
            std::string key = sec + "." + std::string(k2.str());
            if (key == "caliptra.clock_mhz") {
                auto v = n.value<double>();
                if (!v || !(*v >= 1.0 && *v <= 10000.0)) {
                    err = key + ": expected a number of MHz in 1..10000";
                    return false;
                }
                cfg.clock_mhz = *v;
            } else if (key == "bootmcu.clock_mhz") {
                auto v = n.value<double>();
                if (!v || !(*v >= 1.0 && *v <= 1000.0)) {
                    err = key + ": expected a number of MHz in 1..1000";
                    return false;
                }
                cfg.bootmcu_clock_mhz = *v;
            } else if (key == "bootmcu.firmware" || key == "bootmcu.flash" ||
                       key == "bootmcu.gdb") {
                auto v = n.value<std::string>();
                if (!v) {
                    err = key + ": expected a string";
                    return false;
                }
                (key == "bootmcu.firmware" ? cfg.bootmcu_firmware
                 : key == "bootmcu.flash"  ? cfg.bootmcu_flash
                                           : cfg.bootmcu_gdb) = *v;
            } else if (key == "bootmcu.gdb_wait") {
                auto v = n.value<bool>();
                if (!v) {
                    err = key + ": expected true or false";
                    return false;
                }
                cfg.bootmcu_gdb_wait = *v;
            } else if (key == "caliptra.hw") {
                auto v = n.value<std::string>();
                if (!v || (*v != "model" && *v != "rtl" && *v != "lockstep")) {
                    err = key + ": expected \"model\", \"rtl\" or \"lockstep\"";
                    return false;
                }
                cfg.hw = *v;
            } else if (key == "caliptra.firmware" || key == "caliptra.rom" ||
                       key == "caliptra.fuses" || key == "bridge.socket" || key == "sim.vcd") {
                auto v = n.value<std::string>();
                if (!v) {
                    err = key + ": expected a string";
                    return false;
                }
                (key == "caliptra.firmware" ? cfg.firmware
                 : key == "caliptra.rom"    ? cfg.rom
                 : key == "caliptra.fuses"  ? cfg.fuses
                 : key == "bridge.socket"   ? cfg.socket
                                            : cfg.vcd) = *v;
            } else if (key == "caliptra.rtl_fault") {
                if (!get_u32(n, key, cfg.rtl_fault, err)) return false;
                if (cfg.rtl_fault > 2) {
                    err = key + ": expected 0..2 (test only)";
                    return false;
                }
            } else if (uint32_t *mf = bootmcu_map_field(cfg, key)) {
                if (!get_u32(n, key, *mf, err)) return false;
            } else if (key == "apb.bridge_pauser") {
                if (!get_u32(n, key, cfg.bridge_pauser, err)) return false;
                cfg.bridge_pauser_set = true;
            } else if (key == "bridge.time_mode") {
                auto v = n.value<std::string>();
                if (!v || (*v != "idle" && *v != "realtime" && *v != "afap")) {
                    err = key + ": expected \"idle\", \"realtime\" or \"afap\"";
                    return false;
                }
                cfg.time_mode = *v;
            } else if (key == "bridge.idle_poll_us" || key == "bridge.realtime_cycles_per_us") {
                uint32_t v;
                if (!get_u32(n, key, v, err)) return false;
                if (v == 0 || v > 10000000u) {
                    err = key + ": expected 1..10000000";
                    return false;
                }
                (key == "bridge.idle_poll_us" ? cfg.idle_poll_us : cfg.realtime_cycles_per_us) = v;
            } else if (key == "bridge.idle_advance_cycles") {
                auto v = n.value<int64_t>();
                if (!v || *v < 0 || *v > 4000000000ll) {
                    err = key + ": expected 0..4000000000 cycles";
                    return false;
                }
                cfg.idle_advance_cycles = (uint64_t)*v;
            } else if (key == "bridge.exit_on_disconnect" || key == "bridge.enable_v2" ||
                       key == "sim.caliptra_only" || key == "sim.full_platform") {
                auto v = n.value<bool>();
                if (!v) {
                    err = key + ": expected true or false";
                    return false;
                }
                (key == "bridge.exit_on_disconnect" ? cfg.exit_on_disconnect
                 : key == "bridge.enable_v2"        ? cfg.enable_v2
                 : key == "sim.caliptra_only"       ? cfg.caliptra_only
                                                    : cfg.full_platform) = *v;
            } else if (key == "sim.uc") {
                auto v = n.value<std::string>();
                if (!v || (*v != "fw" && *v != "stub")) {
                    err = key + ": expected \"fw\" or \"stub\"";
                    return false;
                }
                cfg.uc = *v;
            } else if (key == "apb.window_base") {
                if (!get_u32(n, key, cfg.window_base, err)) return false;
                if (cfg.window_base & 0xFFFu) {
                    err = key + ": must be 4 KiB aligned";
                    return false;
                }
            } else if (key == "apb.window_size") {
                if (!get_u32(n, key, cfg.window_size, err)) return false;
                if (cfg.window_size == 0 || cfg.window_size > 0x20000u ||
                    (cfg.window_size & 0xFFFu)) {
                    err = key + ": must be a multiple of 4 KiB in 0x1000..0x20000";
                    return false;
                }
            } else if (key == "apb.a35_pauser") {
                if (!get_u32(n, key, cfg.a35_pauser, err)) return false;
            } else if (key == "apb.bootmcu_pauser") {
                if (!get_u32(n, key, cfg.bootmcu_pauser, err)) return false;
            } else if (key == "sim.quantum") {
                if (!get_time(n, key, cfg.quantum, err)) return false;
                if (cfg.quantum.kind == vp_time_spec::NONE || cfg.quantum.value == 0) {
                    err = key + ": must be > 0";
                    return false;
                }
                /* 1 s (or 1e9 cycles) is far beyond any useful quantum and keeps ps in range */
                if ((cfg.quantum.kind == vp_time_spec::TIME &&
                     cfg.quantum.value > 1000000000000ull) ||
                    (cfg.quantum.kind == vp_time_spec::CYCLES &&
                     cfg.quantum.value > 1000000000ull)) {
                    err = key + ": must be at most 1s";
                    return false;
                }
            } else if (key == "sim.max_time") {
                if (!get_time(n, key, cfg.max_time, err)) return false;
            } else if (key == "sim.script" || key == "sim.report" || key == "sim.trace_apb") {
                auto v = n.value<std::string>();
                if (!v) {
                    err = key + ": expected a string";
                    return false;
                }
                (key == "sim.script"   ? cfg.script
                 : key == "sim.report" ? cfg.report
                                       : cfg.trace_apb) = *v;
            } else if (key == "sim.quiet") {
                auto v = n.value<bool>();
                if (!v) {
                    err = key + ": expected true or false";
                    return false;
                }
                cfg.quiet = *v;
            } else {
                err = "unknown key '" + key + "'";
                return false;
            }
        }
    }
    return true;
}

bool vp_config_apply_toml(vp_config &cfg, const std::string &text, const std::string &origin,
                          std::string &err) {
    toml::table tbl;
    try {
        tbl = toml::parse(text, origin);
    } catch (const toml::parse_error &e) {
        std::ostringstream o;
        o << origin << ":" << e.source().begin.line << ": " << e.description();
        err = o.str();
        return false;
    }
    vp_config tmp = cfg;
    if (!apply_table(tmp, tbl, err)) {
        err = origin + ": " + err;
        return false;
    }
    cfg = tmp;
    return true;
}

bool vp_config_load_file(vp_config &cfg, const std::string &path, std::string &err) {
    FILE *f = fopen(path.c_str(), "rb");
    if (!f) {
        err = path + ": cannot open: " + strerror(errno);
        return false;
    }
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && text.size() < (16u << 20))
        text.append(buf, n);
    fclose(f);
    return vp_config_apply_toml(cfg, text, path, err);
}

bool vp_config_set(vp_config &cfg, const std::string &a, std::string &err) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
        err = "--set " + a + ": expected section.key=value";
        return false;
    }
    std::string key = a.substr(0, eq), val = a.substr(eq + 1);
    std::string line = key + " = " + val + "\n";
    std::string e1;
    if (vp_config_apply_toml(cfg, line, "--set", e1)) return true;
    /* allow unquoted strings: --set sim.max_time=10ms */
    std::string quoted = key + " = \"" + val + "\"\n";
    std::string e2;
    if (val.find('"') != std::string::npos) {
        err = e1;
        return false;
    }
    if (vp_config_apply_toml(cfg, quoted, "--set", e2)) return true;
    /* report the validation error of whichever form was valid TOML */
    err = e1.rfind("--set:1:", 0) == 0 ? e2 : e1;
    return false;
}

static std::string hex32(uint32_t v) {
    char b[16];
    snprintf(b, sizeof(b), "0x%08x", v);
    return b;
}

static std::string toml_str(const std::string &s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') o += '\\';
        o += c;
    }
    return o + "\"";
}

std::string vp_config_to_toml(const vp_config &c) {
    std::ostringstream o;
    char mhz[32];
    snprintf(mhz, sizeof(mhz), "%.6g", c.clock_mhz);
    std::string m = mhz;
    if (m.find('.') == std::string::npos && m.find('e') == std::string::npos) m += ".0";
    snprintf(mhz, sizeof(mhz), "%.6g", c.bootmcu_clock_mhz);
    std::string bmhz = mhz;
    if (bmhz.find('.') == std::string::npos && bmhz.find('e') == std::string::npos) bmhz += ".0";
    o << "[caliptra]\n"
      << "clock_mhz = " << m << "\n"
      << "hw = " << toml_str(c.hw) << "\n"
      << "firmware = " << toml_str(c.firmware) << "\n"
      << "rom = " << toml_str(c.rom) << "\n"
      << "fuses = " << toml_str(c.fuses) << "\n";
    if (c.rtl_fault) o << "rtl_fault = " << c.rtl_fault << "\n";
    o << "\n"
      << "[apb]\n"
      << "window_base = " << hex32(c.window_base) << "\n"
      << "window_size = " << hex32(c.window_size) << "\n"
      << "a35_pauser = " << hex32(c.a35_pauser) << "\n"
      << "bootmcu_pauser = " << hex32(c.bootmcu_pauser) << "\n";
    if (c.bridge_pauser_set)
        o << "bridge_pauser = " << hex32(c.bridge_pauser) << "\n";
    else
        o << "# bridge_pauser = a35_pauser (" << hex32(c.a35_pauser) << ") unless set\n";
    o << "\n[bridge]\n"
      << "socket = " << toml_str(c.socket) << "\n"
      << "time_mode = " << toml_str(c.time_mode) << "\n"
      << "idle_poll_us = " << c.idle_poll_us << "\n"
      << "idle_advance_cycles = " << c.idle_advance_cycles << "\n"
      << "realtime_cycles_per_us = " << c.realtime_cycles_per_us << "\n"
      << "exit_on_disconnect = " << (c.exit_on_disconnect ? "true" : "false") << "\n"
      << "enable_v2 = " << (c.enable_v2 ? "true" : "false") << "\n\n"
      << "[bootmcu]\n"
      << "firmware = " << toml_str(c.bootmcu_firmware) << "\n"
      << "flash = " << toml_str(c.bootmcu_flash) << "\n"
      << "clock_mhz = " << bmhz << "\n"
      << "gdb = " << toml_str(c.bootmcu_gdb) << "\n"
      << "gdb_wait = " << (c.bootmcu_gdb_wait ? "true" : "false") << "\n";
    o << "# address map (firmware must be built for it: models/bootmcu/README.md)\n";
    for (int i = 0; i < VP_BOOTMCU_REGIONS; i++) {
        const vp_region &r = c.bootmcu_map[i];
        const char *n = vp_bootmcu_region_names[i];
        o << n << "_base = " << hex32(r.base) << "\n"
          << n << "_size = " << hex32(r.size) << "\n"
          << n << "_latency = " << r.latency << "\n";
    }
    o << "\n"
      << "[sim]\n"
      << "quantum = " << toml_str(c.quantum.text) << "\n"
      << "max_time = " << toml_str(c.max_time.text) << "\n"
      << "script = " << toml_str(c.script) << "\n"
      << "report = " << toml_str(c.report) << "\n"
      << "trace_apb = " << toml_str(c.trace_apb) << "\n"
      << "quiet = " << (c.quiet ? "true" : "false") << "\n"
      << "caliptra_only = " << (c.caliptra_only ? "true" : "false") << "\n"
      << "full_platform = " << (c.full_platform ? "true" : "false") << "\n"
      << "uc = " << toml_str(c.uc) << "\n"
      << "vcd = " << toml_str(c.vcd) << "\n";
#ifdef VP_HAVE_FW
    /* The whole table, so the printed configuration shows every latency in effect. */
    cptra_fw_cost_t cost;
    vp_config_fw_cost(c, &cost);
    size_t count;
    const cptra_fw_cost_field_t *f = cptra_fw_cost_fields(&count);
    o << "\n[fw_cost]\n";
    for (size_t i = 0; i < count; i++)
        o << f[i].name << " = " << *(const uint64_t *)((const char *)&cost + f[i].offset) << "\n";
#endif
    return o.str();
}

const char *vp_usage() {
    return "usage: vp [options]\n"
           "  --help                 this text\n"
           "  --config FILE          TOML configuration (applied before the other flags)\n"
           "  --set KEY=VALUE        override one key, e.g. --set caliptra.clock_mhz=500\n"
           "  --print-config         print the effective configuration as TOML and exit\n"
           "  --script FILE          play an APB script; the script player is the SoC\n"
           "  --max-time T           simulated time limit: 10ms, 5000us, 250ns or N cycles\n"
           "  --report FILE          write the JSON report to FILE\n"
           "  --trace-apb FILE       record every APB access as a replayable script\n"
           "  --quiet                no console output except errors\n"
           "  --clock-mhz N          = --set caliptra.clock_mhz=N\n"
           "  --quantum T            = --set sim.quantum=T\n"
           "  --caliptra-only        boot Caliptra with the fw model and the built-in SoC\n"
           "                         sequencer (needs --firmware); --script then runs after\n"
           "                         runtime-ready\n"
           "  --firmware FILE        firmware bundle (= caliptra.firmware)\n"
           "  --rom FILE             ROM file, for FW_INFO's ROM digest (= caliptra.rom)\n"
           "  --fuses FILE           TOML fuse file (= caliptra.fuses); default unprovisioned\n"
           "  --socket PATH          serve the CA35 bridge (CPTR v1/v2) on PATH once Caliptra\n"
           "                         is runtime-ready; with --firmware implies --caliptra-only\n"
           "  --exit-on-disconnect   end the run when the first bridge client disconnects\n"
           "  --time-mode M          bridge time policy: idle (default), realtime, afap\n"
           "  --uc stub|fw           uC in script mode: fw behaviour model (default) or stub\n"
           "  --caliptra-hw H        hw implementation: model (default), rtl, lockstep\n"
           "  --vcd FILE             dump the RTL's signals (rtl, lockstep)\n"
           "  --full-platform        = --set sim.full_platform=true (bootmcu + Caliptra)\n"
           "  --flash FILE           bootmcu SPI flash image (= bootmcu.flash); implies\n"
           "                         --full-platform\n"
           "  --bootmcu-fw ELF       bootmcu firmware (= bootmcu.firmware); implies\n"
           "                         --full-platform\n"
           "  --gdb PORT|PATH        GDB stub of the bootmcu (= bootmcu.gdb)\n"
           "  --gdb-wait             halt the bootmcu until the debugger attaches\n"
           "Without --script, --caliptra-only or --socket, vp runs the built-in default\n"
           "scenario (or the full platform when sim.full_platform is set).\n"
           "Every configuration key (--print-config lists them, e.g. the bootmcu address map\n"
           "bootmcu.<region>_base/_size/_latency) is described in vp/README.md.\n"
           "Exit status: 0 pass, 1 script/expectation or boot failure, 2 usage or configuration\n"
           "error, 3 --max-time reached first, 4 lockstep mismatch.\n";
}

int vp_cli_parse(int argc, char **argv, vp_cli &cli, std::string &err) {
    /* pass 1: --config files (the TOML layer sits below every flag) */
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--config") {
            if (i + 1 >= argc) {
                err = "--config needs a file";
                return -1;
            }
            if (!vp_config_load_file(cli.cfg, argv[++i], err)) return -1;
        } else if (a.rfind("--config=", 0) == 0) {
            if (!vp_config_load_file(cli.cfg, a.substr(9), err)) return -1;
        }
    }
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i], val;
        bool has_inline = false;
        size_t eq = a.find('=');
        if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
            val = a.substr(eq + 1);
            a = a.substr(0, eq);
            has_inline = true;
        }
        auto need = [&](const char *what) -> bool {
            if (has_inline) return true;
            if (i + 1 >= argc) {
                err = a + " needs " + what;
                return false;
            }
            val = argv[++i];
            return true;
        };
        if (a == "--help" || a == "-h") {
            cli.help = true;
        } else if (a == "--print-config") {
            cli.print_config = true;
        } else if (a == "--quiet" || a == "-q") {
            cli.cfg.quiet = true;
        } else if (a == "--config") {
            if (!need("a file")) return -1;
        } else if (a == "--script") {
            if (!need("a file")) return -1;
            cli.cfg.script = val;
        } else if (a == "--report") {
            if (!need("a file")) return -1;
            cli.cfg.report = val;
        } else if (a == "--trace-apb") {
            if (!need("a file")) return -1;
            cli.cfg.trace_apb = val;
        } else if (a == "--max-time") {
            if (!need("a time") || !vp_config_set(cli.cfg, "sim.max_time=" + val, err)) return -1;
        } else if (a == "--quantum") {
            if (!need("a time") || !vp_config_set(cli.cfg, "sim.quantum=" + val, err)) return -1;
        } else if (a == "--clock-mhz") {
            if (!need("a number") || !vp_config_set(cli.cfg, "caliptra.clock_mhz=" + val, err))
                return -1;
        } else if (a == "--caliptra-only") {
            cli.cfg.caliptra_only = true;
        } else if (a == "--full-platform") {
            cli.cfg.full_platform = true;
        } else if (a == "--flash" || a == "--bootmcu-fw") {
            if (!need("a file")) return -1;
            (a == "--flash" ? cli.cfg.bootmcu_flash : cli.cfg.bootmcu_firmware) = val;
            cli.cfg.full_platform = true;
        } else if (a == "--gdb") {
            if (!need("a port or a socket path")) return -1;
            cli.cfg.bootmcu_gdb = val;
        } else if (a == "--gdb-wait") {
            cli.cfg.bootmcu_gdb_wait = true;
        } else if (a == "--exit-on-disconnect") {
            cli.cfg.exit_on_disconnect = true;
        } else if (a == "--firmware" || a == "--rom" || a == "--fuses" || a == "--socket" ||
                   a == "--vcd") {
            if (!need("a file")) return -1;
            (a == "--firmware" ? cli.cfg.firmware
             : a == "--rom"    ? cli.cfg.rom
             : a == "--fuses"  ? cli.cfg.fuses
             : a == "--socket" ? cli.cfg.socket
                               : cli.cfg.vcd) = val;
        } else if (a == "--uc") {
            if (!need("fw or stub") || !vp_config_set(cli.cfg, "sim.uc=" + val, err)) return -1;
        } else if (a == "--caliptra-hw") {
            if (!need("model, rtl or lockstep") ||
                !vp_config_set(cli.cfg, "caliptra.hw=" + val, err))
                return -1;
        } else if (a == "--time-mode") {
            if (!need("idle, realtime or afap") ||
                !vp_config_set(cli.cfg, "bridge.time_mode=" + val, err))
                return -1;
        } else if (a == "--set") {
            if (!need("KEY=VALUE") || !vp_config_set(cli.cfg, val, err)) return -1;
        } else {
            err = "unknown option '" + std::string(argv[i]) + "' (see --help)";
            return -1;
        }
    }
    return (cli.help || cli.print_config) ? 1 : 0;
}
