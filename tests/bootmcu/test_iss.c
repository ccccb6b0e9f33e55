/* Unit tests of the ISS API (rv32.h): configuration checks, run-budget semantics,
 * breakpoints, stop requests, WFI and interrupt pins, decode-cache invalidation, debugger
 * access. Programs are hand-encoded so this runs without the cross compiler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "elf_load.h"
#include "rv32.h"

/* encoders (RISC-V unprivileged spec, chapter 2 formats) */
static uint32_t I(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op) {
    return ((uint32_t)imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t S(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3) {
    uint32_t u = (uint32_t)imm;
    return ((u >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1F) << 7 | 0x23;
}
static uint32_t J(int32_t off, unsigned rd) {
    uint32_t u = (uint32_t)off;
    return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3FF) << 21 | ((u >> 11) & 1) << 20 |
           ((u >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
}
#define ADDI(rd, rs, imm) I(imm, rs, 0, rd, 0x13)
#define LUI(rd, imm20)    (((uint32_t)(imm20) << 12) | (rd) << 7 | 0x37)
#define SW(rs2, rs1, imm) S(imm, rs2, rs1, 2)
#define LW(rd, rs1, imm)  I(imm, rs1, 2, rd, 0x03)
#define WFI               0x10500073u
#define CSRW(csr, rs)     I(csr, rs, 1, 0, 0x73)

static uint8_t rom[4096], sram[4096];
static uint32_t mmio_last;
static uint64_t mmio_cycle;
static int mmio_calls;
static int mmio_cb(void *ctx, bootmcu_bus_access_t *a) {
    (void)ctx;
    mmio_calls++;
    mmio_cycle = a->cycle;
    if (a->write) {
        mmio_last = a->data;
        if (a->off == 0) a->stop = 1;
        a->wait = 5;
    } else {
        a->data = 0xA5A5A5A5u;
    }
    return a->off >= 0x10 ? -1 : 0;
}

static rv32_region_t regs[] = {
    {"rom", 0x0, sizeof(rom), rom, 0, 1, 0, NULL, NULL},
    {"sram", 0x10000, sizeof(sram), sram, 0, 1, 3, NULL, NULL},
    {"mmio", 0x20000, 0x100, NULL, 0, 0, 2, mmio_cb, NULL},
};

static rv32_cpu_t *make(const uint32_t *prog, size_t n) {
    memset(rom, 0, sizeof(rom));
    memset(sram, 0, sizeof(sram));
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 4; b++)
            rom[4 * i + b] = (uint8_t)(prog[i] >> (8 * b));
    rv32_config_t cfg = {regs, 3, 0, 22};
    rv32_cpu_t *c = rv32_create(&cfg, NULL, 0);
    assert_non_null(c);
    rv32_reset(c, 0);
    mmio_calls = 0;
    return c;
}

static void config_rejects_bad_maps(void **state) {
    (void)state;
    char err[128];
    uint8_t mem[16];
    rv32_region_t ov[] = {{"a", 0x100, 0x100, mem, 0, 0, 0, NULL, NULL},
                          {"b", 0x1F0, 0x10, mem, 0, 0, 0, NULL, NULL}};
    rv32_config_t cfg = {ov, 2, 0, 0};
    assert_null(rv32_create(&cfg, err, sizeof(err)));
    assert_non_null(strstr(err, "overlap"));
    rv32_region_t zero[] = {{"z", 0, 0, mem, 0, 0, 0, NULL, NULL}};
    cfg.regions = zero;
    cfg.nregions = 1;
    assert_null(rv32_create(&cfg, err, sizeof(err)));
    rv32_region_t wrap[] = {{"w", 0xFFFFFF00u, 0x200, mem, 0, 0, 0, NULL, NULL}};
    cfg.regions = wrap;
    assert_null(rv32_create(&cfg, err, sizeof(err)));
    rv32_region_t none[] = {{"n", 0, 0x10, NULL, 0, 0, 0, NULL, NULL}};
    cfg.regions = none;
    assert_null(rv32_create(&cfg, err, sizeof(err)));
    assert_null(rv32_create(NULL, err, sizeof(err)));
}

static void run_budget_semantics(void **state) {
    (void)state;
    /* loop: addi x1,x1,1 ; j loop   (1 + 2 cycles per iteration) */
    uint32_t prog[] = {ADDI(1, 1, 1), J(-4, 0)};
    rv32_cpu_t *c = make(prog, 2);
    uint64_t used;
    assert_int_equal(rv32_run(c, 0, &used), RV32_STOP_BUDGET);
    assert_int_equal(used, 0);
    for (uint64_t budget = 1; budget < 20; budget++) {
        uint64_t before = rv32_cycles(c);
        assert_int_equal(rv32_run(c, budget, &used), RV32_STOP_BUDGET);
        assert_true(used >= budget &&
                    used <= budget + 1); /* overshoot <= one instruction (2) - 1 */
        assert_int_equal(rv32_cycles(c) - before, used);
    }
    /* 3 cycles per 2 instructions */
    rv32_reset(c, 0);
    uint64_t c0 = rv32_cycles(c);
    rv32_run(c, 300, &used);
    assert_int_equal(used, 300);
    assert_int_equal(rv32_get_reg(c, 1), 100);
    assert_int_equal(rv32_cycles(c) - c0, 300);
    /* instruction limit */
    rv32_set_insn_limit(c, 7);
    uint64_t i0 = rv32_instret(c);
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_INSN_LIMIT);
    assert_int_equal(rv32_instret(c) - i0, 7);
    rv32_set_insn_limit(c, 0);
    assert_int_equal(rv32_run(c, 10, &used), RV32_STOP_BUDGET);
    rv32_destroy(c);
}

static void breakpoints_stop_before_execution(void **state) {
    (void)state;
    uint32_t prog[] = {ADDI(1, 1, 1), ADDI(2, 2, 1), J(-8, 0)};
    rv32_cpu_t *c = make(prog, 3);
    assert_int_equal(rv32_add_breakpoint(c, 4), 0);
    uint64_t used;
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_BREAKPOINT);
    assert_int_equal(rv32_get_pc(c), 4);
    assert_int_equal(rv32_get_reg(c, 2), 0); /* not executed */
    assert_int_equal(used, 1);
    /* resuming executes the instruction at the breakpoint, then stops at it again */
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_BREAKPOINT);
    assert_int_equal(rv32_get_reg(c, 2), 1);
    assert_int_equal(rv32_get_reg(c, 1), 2);
    assert_int_equal(used, 1 + 2 + 1);
    /* single step ignores the breakpoint */
    assert_int_equal(rv32_step(c, &used), RV32_STOP_STEP);
    assert_int_equal(rv32_get_pc(c), 8);
    assert_int_equal(rv32_remove_breakpoint(c, 4), 0);
    assert_int_equal(rv32_remove_breakpoint(c, 4), -1);
    assert_int_equal(rv32_run(c, 100, &used), RV32_STOP_BUDGET);
    rv32_destroy(c);
}

static void mmio_stop_wait_and_fault(void **state) {
    (void)state;
    /* lui x5,0x20 ; addi x6,x0,77 ; lw x7,4(x5) ; sw x6,0(x5) ; addi x8,x0,1 ; j . */
    uint32_t prog[] = {LUI(5, 0x20), ADDI(6, 0, 77), LW(7, 5, 4),
                       SW(6, 5, 0),  ADDI(8, 0, 1),  J(0, 0)};
    rv32_cpu_t *c = make(prog, 6);
    uint64_t used;
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_REQUEST);
    assert_int_equal(rv32_get_reg(c, 7), 0xA5A5A5A5u);
    assert_int_equal(mmio_last, 77);
    assert_int_equal(rv32_get_pc(c), 16); /* stopped right after the store */
    assert_int_equal(rv32_get_reg(c, 8), 0);
    /* lui 1 + addi 1 + lw (2 + latency 2) + sw (2 + 2 + wait 5) */
    assert_int_equal(used, 1 + 1 + 4 + 9);
    assert_int_equal(mmio_cycle, 6); /* the store was issued at cycle 6 */
    rv32_destroy(c);

    /* bus error -> load access fault at mtvec with mtval = address */
    uint32_t prog2[] = {LUI(5, 0x20), LW(7, 5, 0x10), J(0, 0)};
    c = make(prog2, 3);
    rv32_csr_write(c, RV32_CSR_MTVEC, 0x100);
    rv32_step(c, &used);
    rv32_step(c, &used); /* the load faults */
    assert_int_equal(rv32_get_pc(c), 0x100);
    uint32_t v;
    assert_int_equal(rv32_csr_read(c, RV32_CSR_MCAUSE, &v), 0);
    assert_int_equal(v, RV32_EXC_LOAD_FAULT);
    rv32_csr_read(c, RV32_CSR_MTVAL, &v);
    assert_int_equal(v, 0x20010);
    rv32_csr_read(c, RV32_CSR_MEPC, &v);
    assert_int_equal(v, 4);
    rv32_destroy(c);
}

static void wfi_sleeps_until_interrupt(void **state) {
    (void)state;
    /* mtvec = 0x40 (direct); mie.MTIE; mstatus.MIE; wfi; addi x9,x0,5; j .
     * handler @0x40: addi x10,x10,1 ; csrw mie, x0 ; mret */
    uint32_t prog[32] = {ADDI(5, 0, 0x40),
                         CSRW(0x305, 5),
                         ADDI(5, 0, 0x80),
                         CSRW(0x304, 5),
                         ADDI(5, 0, 8),
                         CSRW(0x300, 5),
                         WFI,
                         ADDI(9, 0, 5),
                         J(0, 0)};
    prog[16] = ADDI(10, 10, 1);
    prog[17] = CSRW(0x304, 0);
    prog[18] = 0x30200073u; /* mret */
    rv32_cpu_t *c = make(prog, 19);
    uint64_t used;
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_WFI);
    assert_true(rv32_sleeping(c));
    assert_int_equal(rv32_get_pc(c), 28); /* after the wfi */
    assert_int_equal(rv32_run(c, 1000, &used), RV32_STOP_WFI);
    assert_int_equal(used, 0);
    uint32_t mc0, mc1;
    rv32_csr_read(c, RV32_CSR_MCYCLE, &mc0);
    uint64_t t0 = rv32_cycles(c);
    rv32_skip_cycles(c, 500);
    assert_int_equal(rv32_cycles(c), t0 + 500);
    rv32_csr_read(c, RV32_CSR_MCYCLE, &mc1);
    assert_int_equal(mc1, mc0); /* clock gated while asleep */
    rv32_set_irq(c, RV32_IRQ_TIMER, 1);
    assert_int_equal(rv32_run(c, 50, &used), RV32_STOP_BUDGET);
    assert_false(rv32_sleeping(c));
    assert_int_equal(rv32_get_reg(c, 10), 1);
    assert_int_equal(rv32_get_reg(c, 9), 5);
    uint32_t v;
    rv32_csr_read(c, RV32_CSR_MCAUSE, &v);
    assert_int_equal(v, 0x80000007u);
    rv32_csr_read(c, RV32_CSR_MEPC, &v);
    assert_int_equal(v, 28);
    rv32_destroy(c);
}

static void self_modifying_code_is_seen(void **state) {
    (void)state;
    /* rom 0: lui x5,0x10 ; 4: jalr x0,0(x5) ; 8: sw x6,12(x5) ; 12: jalr x0,0(x5)
     * sram 0: addi x1,x0,1 ; 4,8: nop ; 12: addi x2,x0,1 ; 16: j . */
    uint32_t prog[] = {LUI(5, 0x10), I(0, 5, 0, 0, 0x67), SW(6, 5, 12), I(0, 5, 0, 0, 0x67)};
    rv32_cpu_t *c = make(prog, 4);
    uint32_t code[] = {ADDI(1, 0, 1), ADDI(0, 0, 0), ADDI(0, 0, 0), ADDI(2, 0, 1), J(0, 0)};
    rv32_mem_write(c, 0x10000, code, sizeof(code));
    uint64_t used;
    rv32_run(c, 200, &used); /* decodes and runs the sram code once */
    assert_int_equal(rv32_get_reg(c, 2), 1);
    /* a guest store replaces an already-decoded instruction */
    rv32_set_reg(c, 6, ADDI(2, 0, 99));
    rv32_set_pc(c, 8);
    rv32_run(c, 200, &used);
    assert_int_equal(rv32_get_reg(c, 2), 99);
    /* a debugger write to already-decoded code is seen too */
    uint32_t repl2 = ADDI(1, 0, 42);
    rv32_mem_write(c, 0x10000, &repl2, 4);
    rv32_set_pc(c, 0x10000);
    rv32_step(c, &used);
    assert_int_equal(rv32_get_reg(c, 1), 42);
    /* fetch latency of the sram region (3) is added per instruction: addi = 1 + 3 */
    assert_int_equal(used, 4);
    rv32_destroy(c);
}

static void debugger_access(void **state) {
    (void)state;
    uint32_t prog[] = {J(0, 0)};
    rv32_cpu_t *c = make(prog, 1);
    rv32_set_reg(c, 0, 123);
    assert_int_equal(rv32_get_reg(c, 0), 0); /* x0 stays zero */
    rv32_set_reg(c, 31, 0xCAFEBABE);
    assert_int_equal(rv32_get_reg(c, 31), 0xCAFEBABE);
    rv32_set_reg(c, 32, 0x101);
    assert_int_equal(rv32_get_pc(c), 0x100);
    uint32_t v;
    assert_int_equal(rv32_csr_read(c, RV32_CSR_MISA, &v), 0);
    assert_int_equal(v, 0x40001104u);
    assert_int_equal(rv32_csr_read(c, RV32_CSR_MARCHID, &v), 0);
    assert_int_equal(v, 22);
    assert_int_equal(rv32_csr_read(c, 0x7C0, &v), -1);
    assert_int_equal(rv32_csr_write(c, RV32_CSR_MHARTID, 1), -1);
    /* memory: reads stop at the first hole */
    uint8_t buf[32];
    assert_int_equal(rv32_mem_read(c, sizeof(rom) - 8, buf, 32), 8);
    assert_int_equal(rv32_mem_read(c, 0x30000, buf, 4), 0);
    assert_int_equal(rv32_mem_read(c, 0x20000, buf, 4), 4); /* MMIO via callback */
    assert_int_equal(buf[0], 0xA5);
    rv32_destroy(c);
}

static void fetch_fault_and_illegal(void **state) {
    (void)state;
    uint32_t prog[] = {LUI(5, 0x30), I(0, 5, 0, 1, 0x67)}; /* jalr x1, 0(x5): unmapped */
    rv32_cpu_t *c = make(prog, 2);
    rv32_csr_write(c, RV32_CSR_MTVEC, 0x200);
    uint64_t used;
    rv32_step(c, &used);
    rv32_step(c, &used);
    rv32_step(c, &used); /* the fetch faults */
    uint32_t v;
    rv32_csr_read(c, RV32_CSR_MCAUSE, &v);
    assert_int_equal(v, RV32_EXC_INSN_FAULT);
    rv32_csr_read(c, RV32_CSR_MTVAL, &v);
    assert_int_equal(v, 0x30000);
    assert_int_equal(rv32_get_pc(c), 0x200);
    /* rom is all zero at 0x200: the all-zero halfword is illegal */
    rv32_step(c, &used);
    rv32_csr_read(c, RV32_CSR_MCAUSE, &v);
    assert_int_equal(v, RV32_EXC_ILLEGAL);
    rv32_csr_read(c, RV32_CSR_MEPC, &v);
    assert_int_equal(v, 0x200);
    rv32_destroy(c);
}

/* Hostile ELF images are rejected with a message, never loaded out of bounds. */
static void elf_loader_rejects_bad_files(void **state) {
    (void)state;
    uint32_t prog[] = {J(0, 0)};
    rv32_cpu_t *c = make(prog, 1);
    uint8_t img[256];
    memset(img, 0, sizeof(img));
    char err[200];
    uint32_t entry = 0;
    assert_int_not_equal(elf_load_mem(c, img, 10, &entry, err, sizeof(err)), 0);
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "not an ELF"));
    /* valid header, one PT_LOAD at 0x10010 (sram) of 8 bytes from file offset 0x80 */
    memcpy(img, "\177ELF", 4);
    img[4] = 1;    /* ELFCLASS32 */
    img[5] = 1;    /* little-endian */
    img[18] = 243; /* EM_RISCV */
    img[24] = 0x10;
    img[25] = 0x00;
    img[26] = 0x01; /* e_entry 0x10010 */
    img[28] = 52;   /* e_phoff */
    img[42] = 32;   /* e_phentsize */
    img[44] = 1;    /* e_phnum */
    uint8_t *ph = img + 52;
    ph[0] = 1;    /* PT_LOAD */
    ph[4] = 0x80; /* p_offset */
    ph[12] = 0x10;
    ph[13] = 0x00;
    ph[14] = 0x01; /* p_paddr 0x10010 */
    ph[16] = 8;    /* p_filesz */
    ph[20] = 16;   /* p_memsz */
    for (int i = 0; i < 8; i++)
        img[0x80 + i] = (uint8_t)(0x11 * (i + 1));
    memset(sram + 0x10, 0xEE, 32);
    assert_int_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    assert_int_equal(entry, 0x10010);
    assert_int_equal(sram[0x10], 0x11);
    assert_int_equal(sram[0x17], 0x88);
    assert_int_equal(sram[0x18], 0); /* .bss part zero-filled */
    assert_int_equal(sram[0x1F], 0);
    assert_int_equal(sram[0x20], 0xEE);
    /* file size beyond the file */
    ph[16] = 0xF0;
    ph[20] = 0xF0;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    /* filesz > memsz */
    ph[16] = 8;
    ph[20] = 4;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    /* segment outside the memory map */
    ph[20] = 8;
    ph[14] = 0x05; /* 0x50010: unmapped */
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "outside"));
    /* segment wrapping the address space */
    ph[12] = 0xFC;
    ph[13] = 0xFF;
    ph[14] = 0xFF;
    ph[15] = 0xFF;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    /* program headers beyond the file */
    img[44] = 200;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    /* wrong machine / class */
    img[44] = 1;
    img[18] = 62;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "RISC-V"));
    img[18] = 243;
    img[4] = 2;
    assert_int_not_equal(elf_load_mem(c, img, sizeof(img), &entry, err, sizeof(err)), 0);
    assert_int_not_equal(elf_load_file(c, "/nonexistent.elf", &entry, err, sizeof(err)), 0);
    rv32_destroy(c);
}

/* Random instruction words (a deterministic LCG) executed with traps vectoring back into
 * the random code: whatever the guest does, the ISS stays within its memory and keeps
 * counting time (run under ASan/UBSan in the sanitizer build). */
static void random_code_never_crashes(void **state) {
    (void)state;
    uint32_t seed = 12345;
    for (int round = 0; round < 20; round++) {
        uint32_t prog[1024];
        for (int i = 0; i < 1024; i++) {
            seed = seed * 1664525u + 1013904223u;
            prog[i] = seed;
        }
        rv32_cpu_t *c = make(prog, 1024);
        for (unsigned r = 1; r < 32; r++)
            rv32_set_reg(c, r, (r & 1) ? 0x10000u + r * 64 : r * 4);
        rv32_csr_write(c, RV32_CSR_MTVEC, 0x40);
        uint64_t before = rv32_cycles(c), used = 0;
        for (int k = 0; k < 50; k++) {
            rv32_stop_t why = rv32_run(c, 1000, &used);
            if (why == RV32_STOP_WFI) rv32_set_irq(c, RV32_IRQ_TIMER, 1);
            rv32_set_irq(c, RV32_IRQ_EXT, k & 1);
        }
        assert_true(rv32_cycles(c) > before);
        rv32_destroy(c);
    }
}

/* Same program, same cycle count and state whether run in one call or in many small quanta
 * (the SystemC shell's quantum keeper must not change timing). */
static void quantum_slicing_is_deterministic(void **state) {
    (void)state;
    /* loop: x1 += 1; x2 = x1 * x1; x3 = x2 / 7 (div); sw x3 -> sram; lw x4; branch back */
    uint32_t prog[] = {LUI(5, 0x10),  ADDI(1, 1, 1), 0x02108133u, /* mul x2, x1, x1 */
                       ADDI(6, 0, 7), 0x026141b3u,                /* div x3, x2, x6 */
                       SW(3, 5, 0),   LW(4, 5, 0),   J(-24, 0)};
    uint64_t cyc[2];
    uint32_t regs[2][5];
    for (int mode = 0; mode < 2; mode++) {
        rv32_cpu_t *c = make(prog, 8);
        rv32_set_insn_limit(c, 5000);
        rv32_stop_t why;
        uint64_t k = 1;
        do {
            why = rv32_run(c, mode ? (k++ % 13) + 1 : 1000000000ull, NULL);
        } while (why == RV32_STOP_BUDGET);
        assert_int_equal(why, RV32_STOP_INSN_LIMIT);
        assert_int_equal(rv32_instret(c), 5000);
        cyc[mode] = rv32_cycles(c);
        for (unsigned r = 0; r < 5; r++)
            regs[mode][r] = rv32_get_reg(c, r);
        rv32_destroy(c);
    }
    assert_int_equal(cyc[0], cyc[1]);
    assert_memory_equal(regs[0], regs[1], sizeof(regs[0]));
    /* per iteration: addi 1 + mul 3 + addi 1 + div 38 + sw (2 + sram latency 3) + lw (2 + 3) +
     * j 2 = 55 cycles */
    /* 5000 = lui + 714 iterations of 7 + one addi */
    assert_int_equal(cyc[0], 1 + 714 * 55 + 1);
}

/* Reserved and non-RV32IMC compressed encodings are illegal, with the halfword in mtval. */
static void reserved_compressed_encodings_are_illegal(void **state) {
    (void)state;
    static const uint16_t enc[] = {
        0x0000, /* all zero */
        0x0004, /* C.ADDI4SPN with nzuimm = 0 */
        0x4002, /* C.LWSP with rd = x0 */
        0x8002, /* C.JR with rs1 = x0 */
        0x6101, /* C.ADDI16SP with nzimm = 0 */
        0x6081, /* C.LUI with nzimm = 0 */
        0x6000, /* C.FLW (no F extension) */
        0x2000, /* C.FLD */
        0xE002, /* C.FSWSP */
        0x9C01, /* C.SUBW (RV64 only) */
        0x9001, /* C.SRLI with shamt[5] = 1 (RV32: reserved) */
        0x1002, /* C.SLLI with shamt[5] = 1 */
    };
    uint32_t prog[] = {J(0, 0)};
    rv32_cpu_t *c = make(prog, 1);
    rv32_csr_write(c, RV32_CSR_MTVEC, 0x100);
    for (size_t i = 0; i < sizeof(enc) / sizeof(enc[0]); i++) {
        uint16_t h = enc[i];
        rv32_mem_write(c, 0x40, &h, 2);
        rv32_set_pc(c, 0x40);
        rv32_step(c, NULL);
        uint32_t cause, tval;
        rv32_csr_read(c, RV32_CSR_MCAUSE, &cause);
        rv32_csr_read(c, RV32_CSR_MTVAL, &tval);
        if (cause != RV32_EXC_ILLEGAL || tval != h) print_error("encoding 0x%04x\n", h);
        assert_int_equal(cause, RV32_EXC_ILLEGAL);
        assert_int_equal(tval, h);
        assert_int_equal(rv32_get_pc(c), 0x100);
    }
    rv32_destroy(c);
}

/* Interrupt inputs: software/timer/external pins, mie masking, MIE gating and the priority
 * MEI > MSI > MTI (privileged spec 3.1.9); vectored entry at base + 4 * cause. */
static void interrupt_pins_and_priority(void **state) {
    (void)state;
    uint32_t prog[] = {J(0, 0)};
    rv32_cpu_t *c = make(prog, 1);
    rv32_csr_write(c, RV32_CSR_MTVEC, 0x201); /* vectored, base 0x200 */
    rv32_csr_write(c, RV32_CSR_MIE, 0x888);
    rv32_set_irq(c, RV32_IRQ_TIMER, 1);
    rv32_set_irq(c, RV32_IRQ_SOFT, 1);
    rv32_set_irq(c, RV32_IRQ_EXT, 1);
    rv32_set_irq(c, 5, 1); /* not an input: ignored */
    uint32_t v;
    rv32_csr_read(c, RV32_CSR_MIP, &v);
    assert_int_equal(v, 0x888);
    rv32_step(c, NULL); /* MIE = 0: no interrupt */
    assert_int_equal(rv32_get_pc(c), 0);
    static const struct {
        int irq;
        uint32_t pc;
    } order[] = {{RV32_IRQ_EXT, 0x200 + 4 * 11},
                 {RV32_IRQ_SOFT, 0x200 + 4 * 3},
                 {RV32_IRQ_TIMER, 0x200 + 4 * 7}};
    for (int i = 0; i < 3; i++) {
        rv32_set_pc(c, 0);
        rv32_csr_write(c, RV32_CSR_MSTATUS, 0x8);
        rv32_step(c, NULL);
        assert_int_equal(rv32_get_pc(c), order[i].pc);
        rv32_csr_read(c, RV32_CSR_MCAUSE, &v);
        assert_int_equal(v, 0x80000000u | (uint32_t)order[i].irq);
        rv32_csr_read(c, RV32_CSR_MEPC, &v);
        assert_int_equal(v, 0);
        rv32_csr_read(c, RV32_CSR_MSTATUS, &v);
        assert_int_equal(v & 0x88, 0x80); /* MIE cleared, MPIE = old MIE */
        rv32_set_irq(c, order[i].irq, 0);
    }
    /* masked in mie: not taken */
    rv32_set_irq(c, RV32_IRQ_TIMER, 1);
    rv32_csr_write(c, RV32_CSR_MIE, 0x008);
    rv32_set_pc(c, 0);
    rv32_csr_write(c, RV32_CSR_MSTATUS, 0x8);
    rv32_step(c, NULL);
    assert_int_equal(rv32_get_pc(c), 0);
    rv32_destroy(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(config_rejects_bad_maps),
        cmocka_unit_test(run_budget_semantics),
        cmocka_unit_test(breakpoints_stop_before_execution),
        cmocka_unit_test(mmio_stop_wait_and_fault),
        cmocka_unit_test(wfi_sleeps_until_interrupt),
        cmocka_unit_test(self_modifying_code_is_seen),
        cmocka_unit_test(debugger_access),
        cmocka_unit_test(fetch_fault_and_illegal),
        cmocka_unit_test(elf_loader_rejects_bad_files),
        cmocka_unit_test(random_code_never_crashes),
        cmocka_unit_test(quantum_slicing_is_deterministic),
        cmocka_unit_test(reserved_compressed_encodings_are_illegal),
        cmocka_unit_test(interrupt_pins_and_priority),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
