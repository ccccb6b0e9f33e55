// Adapter: Verilated cptra_soc_top -> cptra_hw_ops_t (see cptra_rtl.h).
#include "cptra_rtl.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "Vcptra_soc_top.h"
#include "Vcptra_soc_top___024root.h"
#include "verilated.h"
#include "verilated_vcd_c.h"

extern "C" {
#include "sha_acc.h"
}

namespace {

// Latency table of the adapter itself.
enum : uint32_t {
    // PREADY-low cycles tolerated before the adapter gives up (a hold longer than this would be
    // an RTL bug; the only hold source is a SoC/uC collision, which lasts one cycle, §0).
    MAX_HOLD_CYCLES = 1000,
    DEFAULT_CLOCK_PS = 2500, // 400 MHz (caliptra-1x.md §4)
};

// mbox_fsm_ps / boot_fsm_ps encodings (cptra_hw.h, §1.2 / §2.2)
constexpr unsigned FSM_EXUC = MBOX_EXECUTE_UC, FSM_EXSOC = MBOX_EXECUTE_SOC;

// One Verilator context for every model in the process. Verilator unregisters a model's scopes
// through the thread's "current" context, which with one context per model can point at a
// context that was already destroyed (a hang in 5.006); a shared, never-destroyed context avoids
// that. Models get distinct instance names instead.
VerilatedContext *shared_context() {
    static VerilatedContext *ctx = [] {
        auto *c = new VerilatedContext;
        c->traceEverOn(true);
        return c;
    }();
    return ctx;
}

struct Rtl {
    std::unique_ptr<Vcptra_soc_top> top;
    std::unique_ptr<VerilatedVcdC> vcd;
    sha_acc_t *sha = nullptr;
    uint64_t cyc = 0;          // the cycle the model is in (inputs of `cyc` not yet clocked)
    uint64_t edges = 0;        // evaluated edges
    bool fall_pending = false; // clk went low after a rising edge, not evaluated yet (edge())
    uint32_t period_ps = DEFAULT_CLOCK_PS;
    cptra_notify_fn fn = nullptr;
    void *nctx = nullptr;
    uint64_t last_ev[8] = {};
    bool have_ev[8] = {};
};

void emit(Rtl *r, cptra_event_t ev, uint64_t cycle) {
    unsigned i = static_cast<unsigned>(ev);
    if (r->have_ev[i] && cycle <= r->last_ev[i]) return; // already announced
    r->have_ev[i] = true;
    r->last_ev[i] = cycle;
    if (r->fn) r->fn(r->nctx, ev, cycle);
}

// Announce the events that become visible at cycle cyc (arcs being computed) or cyc+1 (from the
// model's next-state outputs, evaluated with the current inputs), and the uC reset release the
// boot FSM has scheduled.
// After an access the adapter predicts before the idle inputs are evaluated (saves one eval per
// access): the outputs used below depend on flops only, except soc_req_lock_nxt, which would still
// see the finished APB access; `after_access` skips it (edge() announced it during the access).
void predict(Rtl *r, bool after_access = false) {
    Vcptra_soc_top *t = r->top.get();
    uint64_t n = r->cyc + 1;
    // notif_cmd_avail / SoC STATUS interrupt: raised in the cycle the FSM computes the arc into
    // EXECUTE_UC ("1 clk after the write cycle", caliptra-1x.md §4); the FSM flop follows.
    if (t->mbox_fsm_nxt == FSM_EXUC && t->mbox_fsm_ps != FSM_EXUC) {
        if (t->mbox_soc_has_lock)
            emit(r, CPTRA_EV_CMD_AVAIL, r->cyc);
        else if (t->mbox_fsm_ps == FSM_EXSOC)
            emit(r, CPTRA_EV_SOC_STATUS, r->cyc);
    }
    if (t->mbox_release_nxt && t->mbox_soc_has_lock) // a SoC requester released the mailbox
        emit(r, CPTRA_EV_MBOX_RELEASED, n);
    if (t->soc_req_lock_nxt && !after_access) emit(r, CPTRA_EV_SOC_REQ_LOCK, n);
    if (t->boot_fsm_nxt == BOOT_FW_RST && t->boot_fsm_ps == BOOT_DONE && t->cptra_uc_rst_b)
        emit(r, CPTRA_EV_UC_RESET_ASSERTED, n);
    if (t->uc_rel_eta) emit(r, CPTRA_EV_UC_RESET_RELEASED, r->cyc + t->uc_rel_eta);
}

void dump(Rtl *r, uint64_t t_ps) {
    if (r->vcd) r->vcd->dump(t_ps);
}

// Settles the design with the current inputs (and clk low). Every eval runs all of the design's
// input-dependent logic, so the adapter evaluates as rarely as the timing allows.
void settle(Rtl *r) {
    r->top->eval();
    r->fall_pending = false;
}

// One rising edge: ends cycle `cyc` (its inputs are sampled), the model enters cyc+1.
// No flop uses the falling edge: without a VCD it is evaluated together with the next input
// change (settle), or right before the next rising edge, saving one eval per cycle.
void edge(Rtl *r) {
    Vcptra_soc_top *t = r->top.get();
    if (r->fall_pending) settle(r); // the low phase must be seen before the next rising edge
    predict(r);
    t->clk = 1;
    t->eval();
    r->cyc++;
    r->edges++;
    dump(r, r->cyc * r->period_ps);
    t->clk = 0;
    if (r->vcd) {
        settle(r);
        dump(r, r->cyc * r->period_ps + r->period_ps / 2);
    } else {
        r->fall_pending = true;
    }
}

// Advance to cycle x with idle inputs; jump over cycles in which nothing can change.
void advance_to(Rtl *r, uint64_t x) {
    while (r->cyc < x) {
        if (!r->top->busy) {
            r->cyc = x;
            break;
        }
        edge(r);
    }
}

void idle_inputs(Vcptra_soc_top *t) {
    t->PSEL = 0;
    t->PENABLE = 0;
    t->PWRITE = 0;
    t->uc_valid = 0;
    t->uc_write = 0;
}

bool is_sha(uint32_t caliptra_addr) {
    return caliptra_addr >= CPTRA_SHA_ACC_BASE && caliptra_addr < CPTRA_SHA_ACC_BASE + 0x1000u;
}

uint32_t *sram_words(Rtl *r) {
    return &r->top->rootp->cptra_soc_top__DOT__u_mbox_i__DOT__mem.m_storage[0];
}

Rtl *R(void *ctx) {
    return static_cast<Rtl *>(ctx);
}

apb_resp_t op_apb(void *ctx, uint64_t cycle, const apb_req_t *req) {
    Rtl *r = R(ctx);
    Vcptra_soc_top *t = r->top.get();
    apb_resp_t resp = {0, 0, 0};
    uint32_t paddr = req->addr & CPTRA_APB_PADDR_MASK;
    if (is_sha(0x30000000u | paddr)) {
        // SHA accelerator in C: same APB frame (SETUP + ACCESS + waits) around the C call.
        advance_to(r, cycle);
        uint32_t off = paddr & 0xFFFu;
        if (req->write) {
            uint32_t wait = 0;
            sha_acc_write(r->sha, cycle, off, req->wdata, true, req->pauser, sram_words(r), &wait);
            resp.wait = wait;
        } else {
            resp.rdata = sha_acc_read(r->sha, cycle, off, true, req->pauser);
        }
        advance_to(r, cycle + resp.wait + 1);
        return resp;
    }
    t->PADDR = paddr;
    t->PWRITE = req->write ? 1 : 0;
    t->PWDATA = req->wdata;
    t->PAUSER = req->pauser;
    t->PSEL = 1;
    if (r->cyc < cycle) {
        advance_to(r, cycle - 1);
        t->PENABLE = 0; // SETUP
        // Only PSEL & PENABLE reach a flop, so SETUP is an idle cycle for the design: clock it
        // only when some flop changes anyway (busy) or a VCD should show the APB phases.
        if (t->busy || r->vcd) {
            settle(r);
            edge(r);
        } else {
            r->cyc = cycle;
        }
    }
    t->PENABLE = 1; // ACCESS
    settle(r);
    while (!t->PREADY && resp.wait < MAX_HOLD_CYCLES) {
        edge(r);
        resp.wait++;
    }
    resp.slverr = t->PSLVERR;
    resp.rdata = resp.slverr ? 0 : t->PRDATA;
    edge(r);
    idle_inputs(t); // evaluated with the next input change or edge (fall_pending)
    predict(r, true);
    return resp;
}

uint32_t uc_access(Rtl *r, uint64_t cycle, uint32_t addr, bool write, uint32_t data) {
    Vcptra_soc_top *t = r->top.get();
    advance_to(r, cycle);
    if (is_sha(addr)) {
        uint32_t v = 0;
        if (write) {
            uint32_t wait = 0;
            sha_acc_write(r->sha, r->cyc, addr & 0xFFFu, data, false, CPTRA_UC_PAUSER,
                          sram_words(r), &wait);
        } else {
            v = sha_acc_read(r->sha, r->cyc, addr & 0xFFFu, false, CPTRA_UC_PAUSER);
        }
        advance_to(r, r->cyc + 1);
        return v;
    }
    t->uc_valid = 1;
    t->uc_write = write ? 1 : 0;
    t->uc_addr = addr;
    t->uc_wdata = data;
    settle(r);
    for (uint32_t i = 0; !t->uc_ready && i < MAX_HOLD_CYCLES; i++)
        edge(r);
    uint32_t v = t->uc_rdata;
    edge(r);
    idle_inputs(t); // evaluated with the next input change or edge (fall_pending)
    predict(r, true);
    return v;
}

uint32_t op_uc_read(void *ctx, uint64_t cycle, uint32_t addr) {
    return uc_access(R(ctx), cycle, addr, false, 0);
}

void op_uc_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    uc_access(R(ctx), cycle, addr, true, data);
}

void set_pin(Rtl *r, uint64_t cycle, bool pwrgood_pin, bool level) {
    Vcptra_soc_top *t = r->top.get();
    advance_to(r, cycle);
    bool uc_was_out = t->cptra_uc_rst_b;
    if (pwrgood_pin)
        t->cptra_pwrgood = level;
    else
        t->cptra_rst_b = level;
    settle(r);
    if (!level) sha_acc_reset(r->sha);
    if (uc_was_out && !t->cptra_uc_rst_b) emit(r, CPTRA_EV_UC_RESET_ASSERTED, r->cyc);
    if (!level) // a reset cancels whatever was announced for later cycles
        for (unsigned i = 0; i < 8; i++)
            if (r->have_ev[i] && r->last_ev[i] > r->cyc) r->last_ev[i] = r->cyc;
    predict(r);
}

void op_set_pwrgood(void *ctx, uint64_t cycle, bool level) {
    set_pin(R(ctx), cycle, true, level);
}
void op_set_rst_b(void *ctx, uint64_t cycle, bool level) {
    set_pin(R(ctx), cycle, false, level);
}

void op_set_notify(void *ctx, cptra_notify_fn fn, void *nctx) {
    R(ctx)->fn = fn;
    R(ctx)->nctx = nctx;
}

void op_observe(void *ctx, uint64_t cycle, cptra_hw_obs_t *o) {
    Rtl *r = R(ctx);
    Vcptra_soc_top *t = r->top.get();
    advance_to(r, cycle);
    *o = cptra_hw_obs_t{};
    o->mbox_fsm = t->mbox_fsm_ps;
    o->mbox_lock = t->mbox_lock;
    o->soc_has_lock = t->mbox_soc_has_lock;
    o->mbox_execute = t->mbox_execute;
    o->mbox_user = t->mbox_user;
    o->mbox_status = t->mbox_status;
    o->hw_error_fatal = t->hw_error_fatal;
    o->hw_error_non_fatal = t->hw_error_non_fatal;
    o->boot_fsm = t->boot_fsm_ps;
    o->ready_for_fuses = t->ready_for_fuses;
    o->ready_for_fw = t->ready_for_fw_push;
    o->ready_for_runtime = t->ready_for_runtime;
    o->mailbox_data_avail = t->mailbox_data_avail;
    o->error_fatal_pin = t->cptra_error_fatal;
    o->error_non_fatal_pin = t->cptra_error_non_fatal;
    o->uc_in_reset = !t->cptra_uc_rst_b;
    o->sha_lock = sha_acc_lock(r->sha);
}

bool op_dbg_read(void *ctx, uint32_t addr, uint32_t *data) {
    Rtl *r = R(ctx);
    Vcptra_soc_top *t = r->top.get();
    if (addr & 3u) return false;
    if (addr >= CPTRA_MBOX_SRAM_BASE && addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE) {
        *data = sram_words(r)[(addr - CPTRA_MBOX_SRAM_BASE) / 4u];
        return true;
    }
    if (is_sha(addr)) return sha_acc_dbg_read(r->sha, addr & 0xFFFu, data);
    t->dbg_addr = addr; // combinational read port: no clock, no side effects
    t->dbg_en = 1;
    settle(r);
    bool hit = t->dbg_hit;
    if (hit) *data = t->dbg_rdata;
    t->dbg_en = 0; // settled by the next eval; the port's mux is idle again
    return hit;
}

bool op_dbg_write(void *ctx, uint32_t addr, uint32_t data) {
    Rtl *r = R(ctx);
    if ((addr & 3u) == 0 && addr >= CPTRA_MBOX_SRAM_BASE &&
        addr < CPTRA_MBOX_SRAM_BASE + CPTRA_MBOX_SRAM_SIZE) {
        sram_words(r)[(addr - CPTRA_MBOX_SRAM_BASE) / 4u] = data;
        return true;
    }
    return false; // registers have no backdoor write in the RTL
}

void op_destroy(void *ctx) {
    Rtl *r = R(ctx);
    if (r->vcd) r->vcd->close();
    r->top->final();
    r->vcd.reset();
    r->top.reset();
    sha_acc_free(r->sha);
    delete r;
}

const cptra_hw_ops_t kOps = {op_apb,        op_uc_read, op_uc_write, op_set_pwrgood, op_set_rst_b,
                             op_set_notify, op_observe, op_dbg_read, op_dbg_write,   op_destroy};

Rtl *as_rtl(cptra_hw_t hw) {
    return hw.ops == &kOps ? R(hw.ctx) : nullptr;
}

} // namespace

extern "C" cptra_hw_t cptra_rtl_new(const cptra_model_cfg_t *cfg) {
    cptra_model_cfg_t def;
    if (!cfg) {
        cptra_model_default_cfg(&def);
        cfg = &def;
    }
    Rtl *r = new Rtl;
    static unsigned instances;
    std::string name = "cptra" + std::to_string(instances++);
    r->top = std::make_unique<Vcptra_soc_top>(shared_context(), name.c_str());
    r->sha = sha_acc_new();
    Vcptra_soc_top *t = r->top.get();
    t->clk = 0;
    t->cptra_pwrgood = 0;
    t->cptra_rst_b = 0;
    idle_inputs(t);
    t->PADDR = 0;
    t->PWDATA = 0;
    t->PAUSER = 0;
    t->uc_addr = 0;
    t->uc_wdata = 0;
    t->dbg_en = 0;
    t->dbg_addr = 0;
    t->test_fault_sel = 0;
    t->set_mbox_pauser_integ = cfg->set_mbox_pauser_integ & 0x1Fu;
    for (unsigned i = 0; i < 5; i++)
        t->mbox_valid_pauser_integ[i] = cfg->mbox_valid_pauser_integ[i];
    t->set_fuse_pauser_integ = cfg->set_fuse_pauser_integ;
    t->fuse_valid_pauser_integ = cfg->fuse_valid_pauser_integ;
    t->security_state = cfg->security_state;
    t->bootfsm_brkpoint = cfg->bootfsm_brkpoint;
    t->generic_input_wires0 = cfg->generic_input_wires[0];
    t->generic_input_wires1 = cfg->generic_input_wires[1];
    t->hw_config = cfg->hw_config;
    // Power-up: pulse the (active-low) resets so that every asynchronous reset branch runs once
    // (a signal that starts low produces no negedge). No clock edge, so no cycle passes.
    t->cptra_pwrgood = 1;
    t->cptra_rst_b = 1;
    settle(r);
    t->cptra_pwrgood = 0;
    t->cptra_rst_b = 0;
    settle(r);
    return cptra_hw_t{&kOps, r};
}

extern "C" bool cptra_rtl_is(cptra_hw_t hw) {
    return as_rtl(hw) != nullptr;
}

extern "C" bool cptra_rtl_open_vcd(cptra_hw_t hw, const char *path) {
    Rtl *r = as_rtl(hw);
    if (!r || !path) return false;
    if (r->vcd) r->vcd->close();
    r->vcd = std::make_unique<VerilatedVcdC>();
    r->vcd->set_time_unit("1ps");
    r->vcd->set_time_resolution("1ps");
    r->top->trace(r->vcd.get(), 99);
    r->vcd->open(path);
    if (!r->vcd->isOpen()) {
        r->vcd.reset();
        return false;
    }
    dump(r, r->cyc * r->period_ps);
    return true;
}

extern "C" void cptra_rtl_close_vcd(cptra_hw_t hw) {
    Rtl *r = as_rtl(hw);
    if (r && r->vcd) {
        r->vcd->close();
        r->vcd.reset();
    }
}

extern "C" void cptra_rtl_set_clock_ps(cptra_hw_t hw, uint32_t period_ps) {
    Rtl *r = as_rtl(hw);
    if (r && period_ps) r->period_ps = period_ps;
}

extern "C" void cptra_rtl_set_fault(cptra_hw_t hw, int fault) {
    Rtl *r = as_rtl(hw);
    if (!r) return;
    r->top->test_fault_sel = static_cast<uint8_t>(fault & 3);
    settle(r);
}

extern "C" uint64_t cptra_rtl_edges(cptra_hw_t hw) {
    Rtl *r = as_rtl(hw);
    return r ? r->edges : 0;
}
