/* SystemC shell of the bootmcu (see bootmcu_sc.h). */
#include "bootmcu_sc.h"

#include <cstdio>
#include <cstring>

extern "C" {
#include "elf_load.h"
}

using namespace sc_core;

static const uint32_t EXIT_DEADLOCK = 125; /* same convention as rv32sim */
/* map limits: memories are host allocations; peripherals decode 0x100 bytes of registers */
static const uint64_t BOOTMCU_MAP_MAX_MEMORY = 1ull << 30;
static const uint32_t BOOTMCU_MAP_MIN_PERIPH = 0x100;
static const uint32_t BOOTMCU_MAP_MAX_LATENCY = 1000;

bootmcu_sc::bootmcu_sc(sc_module_name name, const bootmcu_sc_config &cfg)
    : sc_module(name), apb("apb"), cfg_(cfg) {
    if (!cfg_.clk_hz) cfg_.clk_hz = BOOTMCU_CLK_HZ;
    period_ps_ = (1000000000000ull + cfg_.clk_hz / 2) / cfg_.clk_hz;
    if (!period_ps_) period_ps_ = 1;
    period_ = sc_time((double)period_ps_, SC_PS);
    uart16550_init(&uart_, nullptr, nullptr);
    bootmcu_timer_init(&timer_, cfg_.clk_hz);
    bootmcu_scu_init(&scu_, &bootmcu_sc::scu_released, this);
    simctrl_init(&sim_, nullptr, nullptr);
    SC_THREAD(run_thread);
}

bootmcu_sc::~bootmcu_sc() {
    gdbstub_close(gdb_);
    rv32_destroy(cpu_);
    uart16550_free(&uart_);
    spiflash_free(&flash_);
}

sc_time bootmcu_sc::time_of(uint64_t cycle) const {
    return sc_time::from_value(cycle * period_ps_ * (uint64_t)(sc_time(1, SC_PS).value()));
}

uint64_t bootmcu_sc::cycles_until(const sc_time &t) const {
    uint64_t per = period_.value();
    return (t.value() + per - 1) / per;
}

uint64_t bootmcu_sc::cycles() const {
    return cpu_ ? rv32_cycles(cpu_) : 0;
}
uint64_t bootmcu_sc::instret() const {
    return cpu_ ? rv32_instret(cpu_) : 0;
}

bool bootmcu_sc::load(std::string &err) {
    char e[256] = "";
    if (cfg_.elf.empty()) {
        err = "bootmcu: no firmware ELF given";
        return false;
    }
    if (cfg_.cptra_size == 0 || (cfg_.cptra_base & 3u)) {
        err = "bootmcu: bad Caliptra window";
        return false;
    }
    const bootmcu_map_cfg &m = cfg_.map;
    const struct {
        const char *name;
        const bootmcu_region_cfg &r;
        bool memory; /* backed by host memory the VP allocates */
    } map[] = {{"rom", m.rom, true},     {"sram", m.sram, true},       {"dram", m.dram, true},
               {"flash", m.flash, true}, {"uart", m.uart, false},      {"timer", m.timer, false},
               {"scu", m.scu, false},    {"simctrl", m.simctrl, false}};
    for (const auto &r : map) {
        const char *why = nullptr;
        if (r.r.size == 0 || ((r.r.base | r.r.size) & 3u))
            why = "base and size must be word-aligned and the size non-zero";
        else if ((uint64_t)r.r.base + r.r.size > 0x100000000ull)
            why = "region wraps past 0xFFFFFFFF";
        else if (r.memory && r.r.size > BOOTMCU_MAP_MAX_MEMORY)
            why = "memory larger than 1 GiB";
        else if (!r.memory && r.r.size < BOOTMCU_MAP_MIN_PERIPH)
            why = "peripheral window smaller than 0x100 bytes (its registers)";
        else if (r.r.latency > BOOTMCU_MAP_MAX_LATENCY)
            why = "latency above 1000 cycles";
        if (why) {
            char b[200];
            std::snprintf(b, sizeof b, "bootmcu: map: %s (base 0x%08x size 0x%x latency %u): %s",
                          r.name, r.r.base, r.r.size, r.r.latency, why);
            err = b;
            return false;
        }
    }
    rom_.assign(m.rom.size, 0);
    sram_.assign(m.sram.size, 0);
    dram_.assign(m.dram.size, 0);
    if (spiflash_init(&flash_, m.flash.size)) {
        err = "bootmcu: out of memory for the flash window";
        return false;
    }
    if (!cfg_.flash.empty() && spiflash_load_file(&flash_, cfg_.flash.c_str(), e, sizeof e)) {
        err = std::string("bootmcu: ") + e;
        return false;
    }
    const rv32_region_t regions[] = {
        {"rom", m.rom.base, m.rom.size, rom_.data(), 1, 1, m.rom.latency, nullptr, nullptr},
        {"sram", m.sram.base, m.sram.size, sram_.data(), 0, 1, m.sram.latency, nullptr, nullptr},
        {"dram", m.dram.base, m.dram.size, dram_.data(), 0, 1, m.dram.latency, nullptr, nullptr},
        {"flash", m.flash.base, m.flash.size, flash_.data, 1, 1, m.flash.latency, nullptr, nullptr},
        {"uart", m.uart.base, m.uart.size, nullptr, 0, 0, m.uart.latency, uart16550_access, &uart_},
        {"timer", m.timer.base, m.timer.size, nullptr, 0, 0, m.timer.latency, bootmcu_timer_access,
         &timer_},
        {"scu", m.scu.base, m.scu.size, nullptr, 0, 0, m.scu.latency, bootmcu_scu_access, &scu_},
        {"simctrl", m.simctrl.base, m.simctrl.size, nullptr, 0, 0, m.simctrl.latency,
         simctrl_access, &sim_},
        /* APB timing comes from the annotated delay (no extra region latency) */
        {"caliptra", cfg_.cptra_base, cfg_.cptra_size, nullptr, 0, 0, 0, &bootmcu_sc::cptra_access,
         this},
    };
    rv32_config_t rc = {regions, sizeof regions / sizeof regions[0], 0, 22};
    cpu_ = rv32_create(&rc, e, sizeof e);
    if (!cpu_) {
        err = std::string("bootmcu: ") + e;
        return false;
    }
    if (elf_load_file(cpu_, cfg_.elf.c_str(), &entry_, e, sizeof e)) {
        err = std::string("bootmcu: ") + e;
        return false;
    }
    rv32_reset(cpu_, entry_);
    if (!cfg_.gdb.empty()) {
        gdb_ = gdbstub_open(cpu_, cfg_.gdb.c_str(), e, sizeof e);
        if (!gdb_) {
            err = std::string("bootmcu: ") + e;
            return false;
        }
        if (gdbstub_port(gdb_))
            std::fprintf(stderr, "bootmcu: gdb stub on 127.0.0.1:%d\n", gdbstub_port(gdb_));
        else
            std::fprintf(stderr, "bootmcu: gdb stub on %s\n", cfg_.gdb.c_str());
    }
    sc_time q = cfg_.quantum;
    if (q == SC_ZERO_TIME) q = tlm_utils::tlm_quantumkeeper::get_global_quantum();
    if (q == SC_ZERO_TIME) q = sc_time(1, SC_US);
    quantum_cycles_ = cycles_until(q);
    if (!quantum_cycles_) quantum_cycles_ = 1;
    loaded_ = true;
    return true;
}

void bootmcu_sc::scu_released(void *ctx, uint64_t cycle) {
    auto *self = static_cast<bootmcu_sc *>(ctx);
    if (self->on_release) self->on_release(self->time_of(cycle));
}

/* One Caliptra-window access = one APB transfer through the interconnect. */
int bootmcu_sc::cptra_access(void *ctx, bootmcu_bus_access_t *a) {
    auto *self = static_cast<bootmcu_sc *>(ctx);
    if (a->size != 4 || (a->off & 3u)) return -1; /* APB: aligned 32-bit transfers only */
    /* sync: the target must see the access at the ISS's time (DESIGN.md principle 3) */
    sc_time issue = self->time_of(a->cycle);
    if (issue > sc_time_stamp()) sc_core::wait(issue - sc_time_stamp());
    self->qk_.reset();
    uint32_t data = a->write ? a->data : 0;
    tlm::tlm_generic_payload &gp = self->gp_;
    gp.set_command(a->write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    gp.set_address(self->cfg_.cptra_base + a->off);
    gp.set_data_ptr(reinterpret_cast<unsigned char *>(&data));
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_byte_enable_length(0);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    self->ext_.pauser = self->cfg_.pauser;
    self->ext_.pprot = 0;
    gp.set_extension(&self->ext_);
    sc_time delay = SC_ZERO_TIME;
    self->apb->b_transport(gp, delay);
    gp.clear_extension(&self->ext_);
    self->apb_accesses_++;
    sc_time end = sc_time_stamp() + delay;
    uint64_t done = self->cycles_until(end);
    a->wait = (uint32_t)(done > a->cycle ? done - a->cycle : 0);
    tlm::tlm_response_status st = gp.get_response_status();
    if (st == tlm::TLM_OK_RESPONSE) {
        if (!a->write) a->data = data;
        return 0;
    }
    if (st == tlm::TLM_GENERIC_ERROR_RESPONSE) { /* PSLVERR: read 0 / write dropped, latched */
        self->apb_errors_++;
        bootmcu_scu_apb_error(&self->scu_, self->cfg_.cptra_base + a->off);
        if (!a->write) a->data = 0;
        return 0;
    }
    return -1; /* refused transfer: access fault */
}

void bootmcu_sc::drain_console() {
    size_t n = uart16550_nlines(&uart_);
    for (; lines_seen_ < n; lines_seen_++) {
        const uart_line_t *l = uart16550_line(&uart_, lines_seen_);
        console_line cl{l->text, l->cycle, time_of(l->cycle)};
        lines_.push_back(cl);
        if (on_line) on_line(lines_.back());
    }
}

void bootmcu_sc::finish(uint32_t code) {
    drain_console();
    const char *pend = uart16550_pending(&uart_);
    if (pend && pend[0]) {
        lines_.push_back({pend, rv32_cycles(cpu_), time_of(rv32_cycles(cpu_))});
        if (on_line) on_line(lines_.back());
    }
    exited_ = true;
    exit_code_ = code;
    exit_time_ = time_of(rv32_cycles(cpu_));
    /* end the run at the ISS's time, whatever the quantum */
    if (exit_time_ > sc_time_stamp()) wait(exit_time_ - sc_time_stamp());
    if (gdb_) gdbstub_exited(gdb_, (int)(code & 0xFF));
    if (on_exit) on_exit(code);
    if (cfg_.stop_sim_on_exit) sc_stop();
}

void bootmcu_sc::run_thread() {
    if (!loaded_) return;
    if (gdb_ && cfg_.gdb_wait && gdbstub_wait_attach(gdb_)) {
        std::fprintf(stderr, "bootmcu: waiting for the debugger failed\n");
        return;
    }
    for (;;) {
        uint64_t now = rv32_cycles(cpu_);
        rv32_set_irq(cpu_, RV32_IRQ_TIMER, bootmcu_timer_irq(&timer_, now));
        rv32_set_irq(cpu_, RV32_IRQ_EXT, uart16550_irq(&uart_));
        if (cfg_.max_cycles && now >= cfg_.max_cycles) {
            max_hit_ = true;
            drain_console();
            if (cfg_.stop_sim_on_exit) sc_stop();
            return;
        }
        rv32_stop_t why = RV32_STOP_BUDGET;
        bool stepped = false;
        /* the stub is polled every slice while a debugger is attached (Ctrl-C), and every
         * 64th slice otherwise (accepting a connection need not be fast; polling costs syscalls) */
        if (gdb_ && (gdbstub_attached(gdb_) || (++gdb_poll_ & 63u) == 0)) {
            gdb_action_t act = gdbstub_poll(gdb_);
            if (act == GDB_KILL) {
                finish(0);
                return;
            }
            if (act == GDB_STEP) {
                why = rv32_step(cpu_, nullptr);
                stepped = true;
            }
        }
        if (!stepped) {
            uint64_t budget = quantum_cycles_;
            uint64_t tnext = bootmcu_timer_irq_cycle(&timer_);
            if (tnext > now && tnext - now < budget) budget = tnext - now;
            if (cfg_.max_cycles && cfg_.max_cycles - now < budget) budget = cfg_.max_cycles - now;
            why = rv32_run(cpu_, budget, nullptr);
        }
        drain_console();
        if (sim_.exited) {
            finish(sim_.exit_code);
            return;
        }
        if (why == RV32_STOP_WFI) {
            now = rv32_cycles(cpu_);
            rv32_set_irq(cpu_, RV32_IRQ_TIMER, bootmcu_timer_irq(&timer_, now));
            rv32_set_irq(cpu_, RV32_IRQ_EXT, uart16550_irq(&uart_));
            uint64_t consumed = 0;
            if (rv32_run(cpu_, 1, &consumed) == RV32_STOP_WFI && !consumed) {
                uint64_t t = bootmcu_timer_irq_cycle(&timer_);
                if (t == UINT64_MAX || t <= now) {
                    if (!(gdb_ && gdbstub_attached(gdb_))) {
                        std::fprintf(stderr,
                                     "bootmcu: deadlock: WFI at pc 0x%08x with no wake-up source\n",
                                     rv32_get_pc(cpu_));
                        deadlock_ = true;
                        finish(EXIT_DEADLOCK);
                        return;
                    }
                } else {
                    if (cfg_.max_cycles && t > cfg_.max_cycles) t = cfg_.max_cycles;
                    rv32_skip_cycles(cpu_, t - now); /* Ibex gates its clock in WFI */
                }
            }
        }
        if (gdb_ && (why == RV32_STOP_BREAKPOINT || stepped)) gdbstub_stopped(gdb_, 5);
        /* quantum keeper: local time = ISS time - SystemC time */
        sc_time t = time_of(rv32_cycles(cpu_));
        qk_.set(t > sc_time_stamp() ? t - sc_time_stamp() : SC_ZERO_TIME);
        if (qk_.need_sync() || qk_.get_local_time() >= time_of(quantum_cycles_)) qk_.sync();
    }
}
