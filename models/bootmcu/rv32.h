/* Ibex-class RV32IMC + Zicsr + Zifencei instruction-set simulator (machine mode only).
 *
 * Time: every instruction costs the cycles of the Ibex timing table in rv32.c plus the latency
 * of the memory region it is fetched from and, for loads/stores, of the region it accesses.
 * rv32_run(cpu, max_cycles) is a quantum-keeper step: it returns after at most max_cycles plus
 * one instruction and reports the exact cycles consumed; rv32_cycles() is the total the
 * SystemC shell turns into sc_time. Nothing here reads the wall clock. */
#ifndef RV32_H
#define RV32_H

#include <stddef.h>
#include <stdint.h>

#include "bootmcu_bus.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A memory region. Either `host` (fast path, like TLM DMI: the ISS reads/writes the bytes
 * directly, little-endian) or `access` (MMIO callback). Unmapped addresses raise access faults. */
typedef struct rv32_region {
    const char *name;
    uint32_t base;
    uint32_t size;         /* bytes, > 0; base + size - 1 must not wrap */
    uint8_t *host;         /* host memory of `size` bytes, or NULL for MMIO */
    uint8_t readonly;      /* host regions: stores fault (debugger writes still allowed) */
    uint8_t exec;          /* 1 = instructions may be fetched (host regions only) */
    uint32_t latency;      /* extra cycles per access (per fetch for code) */
    bootmcu_bus_fn access; /* MMIO callback (host == NULL) */
    void *ctx;             /* passed to access */
} rv32_region_t;

typedef enum rv32_stop {
    RV32_STOP_BUDGET = 0, /* max_cycles consumed */
    RV32_STOP_BREAKPOINT, /* pc hit a debugger breakpoint (instruction not executed) */
    RV32_STOP_STEP,       /* single step done (rv32_step) */
    RV32_STOP_WFI,        /* core sleeps in WFI with no enabled interrupt pending */
    RV32_STOP_REQUEST,    /* an MMIO callback set `stop` or rv32_request_stop() was called */
    RV32_STOP_INSN_LIMIT, /* instruction budget (rv32_set_insn_limit) reached */
} rv32_stop_t;

/* Trap causes (RISC-V privileged spec, mcause). */
enum {
    RV32_EXC_INSN_MISALIGNED = 0,
    RV32_EXC_INSN_FAULT = 1,
    RV32_EXC_ILLEGAL = 2,
    RV32_EXC_BREAKPOINT = 3,
    RV32_EXC_LOAD_MISALIGNED = 4,
    RV32_EXC_LOAD_FAULT = 5,
    RV32_EXC_STORE_MISALIGNED = 6,
    RV32_EXC_STORE_FAULT = 7,
    RV32_EXC_ECALL_M = 11,
};

/* Interrupt lines (mip bit numbers). */
enum { RV32_IRQ_SOFT = 3, RV32_IRQ_TIMER = 7, RV32_IRQ_EXT = 11 };

/* CSR numbers used by the debugger interface and tests. */
enum {
    RV32_CSR_MSTATUS = 0x300,
    RV32_CSR_MISA = 0x301,
    RV32_CSR_MIE = 0x304,
    RV32_CSR_MTVEC = 0x305,
    RV32_CSR_MSCRATCH = 0x340,
    RV32_CSR_MEPC = 0x341,
    RV32_CSR_MCAUSE = 0x342,
    RV32_CSR_MTVAL = 0x343,
    RV32_CSR_MIP = 0x344,
    RV32_CSR_MCYCLE = 0xB00,
    RV32_CSR_MINSTRET = 0xB02,
    RV32_CSR_MCYCLEH = 0xB80,
    RV32_CSR_MINSTRETH = 0xB82,
    RV32_CSR_MVENDORID = 0xF11,
    RV32_CSR_MARCHID = 0xF12,
    RV32_CSR_MIMPID = 0xF13,
    RV32_CSR_MHARTID = 0xF14,
};

typedef struct rv32_cpu rv32_cpu_t;

typedef struct rv32_config {
    const rv32_region_t *regions; /* copied; host pointers must outlive the cpu */
    size_t nregions;
    uint32_t hartid;
    uint32_t marchid; /* Ibex: 22 (RISC-V foundation marchid list) */
} rv32_config_t;

/* Returns NULL on bad config (overlap, zero size, wrap, MMIO without callback); `err` (may be
 * NULL) receives a message. */
rv32_cpu_t *rv32_create(const rv32_config_t *cfg, char *err, size_t errlen);
void rv32_destroy(rv32_cpu_t *cpu);
/* Reset: pc = reset_pc, CSRs to reset values, registers zero, counters keep running totals. */
void rv32_reset(rv32_cpu_t *cpu, uint32_t reset_pc);

/* Run until at least max_cycles are consumed (overshoot <= one instruction) or a stop
 * condition; *consumed (may be NULL) gets the exact cycles spent by this call. */
rv32_stop_t rv32_run(rv32_cpu_t *cpu, uint64_t max_cycles, uint64_t *consumed);
/* Execute exactly one instruction (or take one trap/interrupt). Ignores breakpoints. */
rv32_stop_t rv32_step(rv32_cpu_t *cpu, uint64_t *consumed);
/* From an MMIO callback (same thread): make the running rv32_run return RV32_STOP_REQUEST
 * after the current instruction. Breakpoints/trace/limit changes take effect at the next run. */
void rv32_request_stop(rv32_cpu_t *cpu);
/* 0 = unlimited. Counted from the call (instructions retired from then on). */
void rv32_set_insn_limit(rv32_cpu_t *cpu, uint64_t insns);

/* Time. rv32_cycles: total cycles since creation (the shell's clock). While asleep in WFI the
 * caller advances time with rv32_skip_cycles (Ibex gates its clock while sleeping, so mcycle
 * does not count skipped cycles). */
uint64_t rv32_cycles(const rv32_cpu_t *cpu);
uint64_t rv32_instret(const rv32_cpu_t *cpu);
void rv32_skip_cycles(rv32_cpu_t *cpu, uint64_t n);
int rv32_sleeping(const rv32_cpu_t *cpu);

/* Interrupt pins (level): sets/clears mip.MTIP/MEIP/MSIP. */
void rv32_set_irq(rv32_cpu_t *cpu, int irq, int level);

/* Debugger access. Register 0..31 = x0..x31, 32 = pc. */
uint32_t rv32_get_reg(const rv32_cpu_t *cpu, unsigned idx);
void rv32_set_reg(rv32_cpu_t *cpu, unsigned idx, uint32_t val);
uint32_t rv32_get_pc(const rv32_cpu_t *cpu);
void rv32_set_pc(rv32_cpu_t *cpu, uint32_t pc);
/* Returns 0 on success, -1 for an unimplemented CSR. Debug writes bypass read-only checks
 * except for truly constant CSRs. */
int rv32_csr_read(rv32_cpu_t *cpu, unsigned csr, uint32_t *val);
int rv32_csr_write(rv32_cpu_t *cpu, unsigned csr, uint32_t val);
/* Debug memory access (no side effects on time; MMIO regions are accessed through their
 * callback with 4-byte-or-smaller aligned accesses). Returns bytes done (stops at a hole). */
size_t rv32_mem_read(rv32_cpu_t *cpu, uint32_t addr, void *buf, size_t len);
size_t rv32_mem_write(rv32_cpu_t *cpu, uint32_t addr, const void *buf, size_t len);
/* Tell the ISS that host memory [addr, addr+len) changed behind its back (DMA, loader). */
void rv32_invalidate(rv32_cpu_t *cpu, uint32_t addr, uint32_t len);

/* Breakpoints (checked before an instruction executes). Returns 0, or -1 if the table is full. */
int rv32_add_breakpoint(rv32_cpu_t *cpu, uint32_t addr);
int rv32_remove_breakpoint(rv32_cpu_t *cpu, uint32_t addr);

/* Optional per-instruction trace (slow path): called before each instruction executes. */
typedef void (*rv32_trace_fn)(void *ctx, uint64_t cycle, uint32_t pc, uint32_t insn, int len);
void rv32_set_trace(rv32_cpu_t *cpu, rv32_trace_fn fn, void *ctx);

/* Name of a stop reason, for messages. */
const char *rv32_stop_name(rv32_stop_t r);

#ifdef __cplusplus
}
#endif

#endif
