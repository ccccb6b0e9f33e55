/* RV32IMC + Zicsr + Zifencei ISS with Ibex timing; see rv32.h.
 *
 * Speed: instructions are decoded once into a per-halfword decode cache (one lazily allocated
 * page of entries per 4 KiB of executable host memory). Stores into a page that has decoded
 * entries, debugger writes, rv32_invalidate() and fence.i drop the affected entries. */
#include "rv32.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------------
 * Ibex timing table (cycles per instruction with zero-wait-state memory). Source: Ibex
 * documentation "Pipeline Details" (instruction stall cycles; total = 1 + stall) and
 * ibex_configs.yaml ("fast" multiplier: 2 stall cycles for MUL, 3 for MULH*). Division: "1 or 37"
 * stall cycles (1 when dividing by zero).
 * The latency of the region an instruction is fetched from is added to every instruction, and
 * the latency of the region a load/store accesses (plus any MMIO wait) to that load/store.
 * --------------------------------------------------------------------------------------------- */
enum {
    T_ALU = 1,          /* integer computational: 0 stall */
    T_CSR = 1,          /* CSR access: 0 stall */
    T_LOADSTORE = 2,    /* load/store: >= 1 stall awaiting the data-side response */
    T_MUL = 3,          /* fast multi-cycle multiplier: MUL 2 stall */
    T_MULH = 4,         /* fast multi-cycle multiplier: MULH/MULHSU/MULHU 3 stall */
    T_DIV = 38,         /* DIV/DIVU/REM/REMU: 37 stall cycles of long division */
    T_DIV0 = 2,         /* ... but 1 stall cycle when dividing by zero */
    T_BRANCH_NT = 1,    /* branch not taken: 0 stall */
    T_BRANCH_TAKEN = 3, /* branch taken: 2 stall (no branch-target ALU, WritebackStage=0) */
    T_JUMP = 2,         /* jal/jalr: 1 stall */
    T_FENCE = 1,        /* fence: no memory reordering in Ibex, behaves as nop */
    T_FENCEI = 2,       /* fence.i: flushes the prefetch buffer like a jump (1 stall) */
    T_TRAP = 3, /* exception/interrupt entry: flush + fetch from mtvec; estimate = taken branch */
    T_MRET = 3, /* mret: flush + fetch from mepc; estimate = taken branch */
    T_WFI = 1,  /* wfi itself; sleeping time is skipped by the caller */
};

enum {
    OP_UNDEC = 0,
    OP_LUI,
    OP_AUIPC,
    OP_JAL,
    OP_JALR,
    OP_BEQ,
    OP_BNE,
    OP_BLT,
    OP_BGE,
    OP_BLTU,
    OP_BGEU,
    OP_LB,
    OP_LH,
    OP_LW,
    OP_LBU,
    OP_LHU,
    OP_SB,
    OP_SH,
    OP_SW,
    OP_ADDI,
    OP_SLTI,
    OP_SLTIU,
    OP_XORI,
    OP_ORI,
    OP_ANDI,
    OP_SLLI,
    OP_SRLI,
    OP_SRAI,
    OP_ADD,
    OP_SUB,
    OP_SLL,
    OP_SLT,
    OP_SLTU,
    OP_XOR,
    OP_SRL,
    OP_SRA,
    OP_OR,
    OP_AND,
    OP_MUL,
    OP_MULH,
    OP_MULHSU,
    OP_MULHU,
    OP_DIV,
    OP_DIVU,
    OP_REM,
    OP_REMU,
    OP_FENCE,
    OP_FENCEI,
    OP_ECALL,
    OP_EBREAK,
    OP_MRET,
    OP_WFI,
    OP_CSRRW,
    OP_CSRRS,
    OP_CSRRC,
    OP_CSRRWI,
    OP_CSRRSI,
    OP_CSRRCI,
    OP_NOP,
    OP_ILLEGAL,
    OP_COUNT
};

static const uint8_t op_cycles[OP_COUNT] = {
    [OP_LUI] = T_ALU,        [OP_AUIPC] = T_ALU,     [OP_JAL] = T_JUMP,
    [OP_JALR] = T_JUMP,      [OP_BEQ] = T_BRANCH_NT, [OP_BNE] = T_BRANCH_NT,
    [OP_BLT] = T_BRANCH_NT,  [OP_BGE] = T_BRANCH_NT, [OP_BLTU] = T_BRANCH_NT,
    [OP_BGEU] = T_BRANCH_NT, [OP_LB] = T_LOADSTORE,  [OP_LH] = T_LOADSTORE,
    [OP_LW] = T_LOADSTORE,   [OP_LBU] = T_LOADSTORE, [OP_LHU] = T_LOADSTORE,
    [OP_SB] = T_LOADSTORE,   [OP_SH] = T_LOADSTORE,  [OP_SW] = T_LOADSTORE,
    [OP_ADDI] = T_ALU,       [OP_SLTI] = T_ALU,      [OP_SLTIU] = T_ALU,
    [OP_XORI] = T_ALU,       [OP_ORI] = T_ALU,       [OP_ANDI] = T_ALU,
    [OP_SLLI] = T_ALU,       [OP_SRLI] = T_ALU,      [OP_SRAI] = T_ALU,
    [OP_ADD] = T_ALU,        [OP_SUB] = T_ALU,       [OP_SLL] = T_ALU,
    [OP_SLT] = T_ALU,        [OP_SLTU] = T_ALU,      [OP_XOR] = T_ALU,
    [OP_SRL] = T_ALU,        [OP_SRA] = T_ALU,       [OP_OR] = T_ALU,
    [OP_AND] = T_ALU,        [OP_MUL] = T_MUL,       [OP_MULH] = T_MULH,
    [OP_MULHSU] = T_MULH,    [OP_MULHU] = T_MULH,    [OP_DIV] = T_DIV,
    [OP_DIVU] = T_DIV,       [OP_REM] = T_DIV,       [OP_REMU] = T_DIV,
    [OP_FENCE] = T_FENCE,    [OP_FENCEI] = T_FENCEI, [OP_ECALL] = 0,
    [OP_EBREAK] = 0,         [OP_MRET] = T_MRET,     [OP_WFI] = T_WFI,
    [OP_CSRRW] = T_CSR,      [OP_CSRRS] = T_CSR,     [OP_CSRRC] = T_CSR,
    [OP_CSRRWI] = T_CSR,     [OP_CSRRSI] = T_CSR,    [OP_CSRRCI] = T_CSR,
    [OP_NOP] = T_ALU,        [OP_ILLEGAL] = 0,
};

#define RD_SINK      32u /* writes to x0 go to this scratch slot */
#define PAGE_SHIFT   12u
#define PAGE_SIZE    (1u << PAGE_SHIFT)
#define PAGE_ENTRIES (PAGE_SIZE / 2u)
#define MAX_BP       64

typedef struct dec {
    uint8_t op;
    uint8_t rd; /* RD_SINK for x0 */
    uint8_t rs1;
    uint8_t rs2;
    int32_t imm;
    uint16_t csr;
    uint8_t len; /* 2 or 4 */
    uint8_t cyc; /* base cycles incl. fetch latency */
} dec_t;

typedef struct region {
    rv32_region_t r;
    dec_t **pages; /* executable host regions only */
    uint32_t npages;
    int has_code; /* some page allocated: stores must invalidate */
} region_t;

#define MSTATUS_MIE  (1u << 3)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_MPP  (3u << 11)
#define MIE_MASK     ((1u << RV32_IRQ_SOFT) | (1u << RV32_IRQ_TIMER) | (1u << RV32_IRQ_EXT))
#define MISA_RV32IMC ((1u << 30) | (1u << 8) | (1u << 12) | (1u << 2))

struct rv32_cpu {
    uint32_t x[33];
    uint32_t pc;
    uint64_t cycle;   /* total bootmcu cycles */
    uint64_t instret; /* total retired instructions */
    uint64_t mcycle_off, minstret_off;
    uint32_t mstatus, mie, mip, mtvec, mepc, mcause, mtval, mscratch;
    uint32_t hartid, marchid;
    int irq_ready; /* MIE && (mip & mie) */
    int wfi;
    int stop_req;
    uint64_t insn_stop; /* instret value to stop at; UINT64_MAX = none */

    region_t *regions;
    size_t nregions;
    /* fetch window: one decode page */
    uint32_t fw_base, fw_size;
    dec_t *fw_page;
    region_t *fw_reg;
    /* data window: one host region */
    uint32_t dw_base, dw_size;
    region_t *dw_reg;

    uint32_t bp[MAX_BP];
    int nbp;
    int bp_resume_valid;
    uint32_t bp_resume_pc;

    rv32_trace_fn trace;
    void *trace_ctx;
};

/* ------------------------------------------------------------------------------------------ */

static void update_irq(rv32_cpu_t *c) {
    c->irq_ready = (c->mstatus & MSTATUS_MIE) && (c->mip & c->mie & MIE_MASK);
}

static region_t *find_region(rv32_cpu_t *c, uint32_t addr) {
    for (size_t i = 0; i < c->nregions; i++) {
        region_t *r = &c->regions[i];
        if (addr - r->r.base < r->r.size) return r;
    }
    return NULL;
}

static void set_err(char *err, size_t errlen, const char *msg, const char *name) {
    if (err && errlen) snprintf(err, errlen, "%s%s%s", msg, name ? ": " : "", name ? name : "");
}

rv32_cpu_t *rv32_create(const rv32_config_t *cfg, char *err, size_t errlen) {
    if (!cfg || (cfg->nregions && !cfg->regions)) {
        set_err(err, errlen, "rv32: no configuration", NULL);
        return NULL;
    }
    for (size_t i = 0; i < cfg->nregions; i++) {
        const rv32_region_t *r = &cfg->regions[i];
        if (r->size == 0 || (uint64_t)r->base + r->size - 1 > 0xFFFFFFFFull) {
            set_err(err, errlen, "rv32: region has zero size or wraps", r->name);
            return NULL;
        }
        if (!r->host && !r->access) {
            set_err(err, errlen, "rv32: region has neither host memory nor callback", r->name);
            return NULL;
        }
        for (size_t j = 0; j < i; j++) {
            const rv32_region_t *o = &cfg->regions[j];
            uint64_t a0 = r->base, a1 = a0 + r->size, b0 = o->base, b1 = b0 + o->size;
            if (a0 < b1 && b0 < a1) {
                if (err && errlen)
                    snprintf(err, errlen,
                             "rv32: regions overlap: %s (0x%08" PRIx32 "..) and %s "
                             "(0x%08" PRIx32 "..)",
                             r->name, r->base, o->name, o->base);
                return NULL;
            }
        }
    }
    rv32_cpu_t *c = calloc(1, sizeof(*c));
    if (!c) return NULL;
    c->regions = calloc(cfg->nregions ? cfg->nregions : 1, sizeof(region_t));
    if (!c->regions) {
        free(c);
        return NULL;
    }
    c->nregions = cfg->nregions;
    for (size_t i = 0; i < cfg->nregions; i++) {
        region_t *r = &c->regions[i];
        r->r = cfg->regions[i];
        if (r->r.host && r->r.exec) {
            r->npages = (uint32_t)(((uint64_t)r->r.size + PAGE_SIZE - 1) >> PAGE_SHIFT);
            r->pages = calloc(r->npages, sizeof(dec_t *));
            if (!r->pages) {
                rv32_destroy(c);
                return NULL;
            }
        }
    }
    c->hartid = cfg->hartid;
    c->marchid = cfg->marchid;
    c->insn_stop = UINT64_MAX;
    rv32_reset(c, 0);
    return c;
}

void rv32_destroy(rv32_cpu_t *c) {
    if (!c) return;
    for (size_t i = 0; i < c->nregions; i++) {
        region_t *r = &c->regions[i];
        if (r->pages) {
            for (uint32_t p = 0; p < r->npages; p++)
                free(r->pages[p]);
            free(r->pages);
        }
    }
    free(c->regions);
    free(c);
}

void rv32_reset(rv32_cpu_t *c, uint32_t pc) {
    memset(c->x, 0, sizeof(c->x));
    c->pc = pc & ~1u;
    c->mstatus = MSTATUS_MPP;
    c->mie = 0;
    c->mtvec = 0;
    c->mepc = c->mcause = c->mtval = c->mscratch = 0;
    c->wfi = 0;
    c->stop_req = 0;
    c->bp_resume_valid = 0;
    /* mcycle/minstret restart at zero; the total time keeps running */
    c->mcycle_off = (uint64_t)0 - c->cycle;
    c->minstret_off = (uint64_t)0 - c->instret;
    update_irq(c);
}

/* ---------------------------------------------------------------------------------------------
 * Decode cache
 * --------------------------------------------------------------------------------------------- */

static void invalidate_region(region_t *r, uint32_t off, uint32_t len) {
    if (!r->has_code || len == 0) return;
    /* an instruction starting 2 bytes earlier may overlap the first byte */
    uint64_t first = off >= 2 ? (uint64_t)(off - 2) >> 1 : 0;
    uint64_t last = ((uint64_t)off + len - 1) >> 1;
    for (uint64_t h = first; h <= last; h++) {
        uint64_t page = h / PAGE_ENTRIES;
        if (page >= r->npages) break;
        dec_t *p = r->pages[page];
        if (!p) {
            h = (page + 1) * PAGE_ENTRIES - 1;
            continue;
        }
        p[h % PAGE_ENTRIES].op = OP_UNDEC;
    }
}

static void flush_decode(rv32_cpu_t *c) {
    for (size_t i = 0; i < c->nregions; i++) {
        region_t *r = &c->regions[i];
        for (uint32_t p = 0; r->pages && p < r->npages; p++)
            if (r->pages[p]) memset(r->pages[p], 0, PAGE_ENTRIES * sizeof(dec_t));
    }
}

void rv32_invalidate(rv32_cpu_t *c, uint32_t addr, uint32_t len) {
    for (size_t i = 0; i < c->nregions; i++) {
        region_t *r = &c->regions[i];
        uint64_t a0 = addr, a1 = (uint64_t)addr + len;
        uint64_t b0 = r->r.base, b1 = b0 + r->r.size;
        uint64_t s = a0 > b0 ? a0 : b0, e = a1 < b1 ? a1 : b1;
        if (s < e) invalidate_region(r, (uint32_t)(s - b0), (uint32_t)(e - s));
    }
}

static inline uint32_t rd16(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8);
}
static inline uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline int32_t sext(uint32_t v, unsigned bits) {
    uint32_t m = 1u << (bits - 1);
    return (int32_t)((v ^ m) - m);
}
#define BITS(v, hi, lo) (((v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

static void set3(dec_t *d, int op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm) {
    d->op = (uint8_t)op;
    d->rd = (uint8_t)(rd ? rd : RD_SINK);
    d->rs1 = (uint8_t)rs1;
    d->rs2 = (uint8_t)rs2;
    d->imm = imm;
}

static void decode32(dec_t *d, uint32_t in) {
    unsigned rd = BITS(in, 11, 7), rs1 = BITS(in, 19, 15), rs2 = BITS(in, 24, 20);
    unsigned f3 = BITS(in, 14, 12), f7 = BITS(in, 31, 25);
    int32_t imm_i = sext(in >> 20, 12);
    int32_t imm_s = sext((BITS(in, 31, 25) << 5) | BITS(in, 11, 7), 12);
    int32_t imm_b = sext((BITS(in, 31, 31) << 12) | (BITS(in, 7, 7) << 11) |
                             (BITS(in, 30, 25) << 5) | (BITS(in, 11, 8) << 1),
                         13);
    int32_t imm_u = (int32_t)(in & 0xFFFFF000u);
    int32_t imm_j = sext((BITS(in, 31, 31) << 20) | (BITS(in, 19, 12) << 12) |
                             (BITS(in, 20, 20) << 11) | (BITS(in, 30, 21) << 1),
                         21);
    set3(d, OP_ILLEGAL, 0, 0, 0, 0);
    switch (in & 0x7F) {
    case 0x37:
        set3(d, rd ? OP_LUI : OP_NOP, rd, 0, 0, imm_u);
        break;
    case 0x17:
        set3(d, rd ? OP_AUIPC : OP_NOP, rd, 0, 0, imm_u);
        break;
    case 0x6F:
        set3(d, OP_JAL, rd, 0, 0, imm_j);
        break;
    case 0x67:
        if (f3 == 0) set3(d, OP_JALR, rd, rs1, 0, imm_i);
        break;
    case 0x63: {
        static const int8_t br[8] = {OP_BEQ, OP_BNE, -1, -1, OP_BLT, OP_BGE, OP_BLTU, OP_BGEU};
        if (br[f3] > 0) set3(d, br[f3], 0, rs1, rs2, imm_b);
        break;
    }
    case 0x03: {
        static const int8_t ld[8] = {OP_LB, OP_LH, OP_LW, -1, OP_LBU, OP_LHU, -1, -1};
        if (ld[f3] > 0) set3(d, ld[f3], rd, rs1, 0, imm_i);
        break;
    }
    case 0x23: {
        static const int8_t st[8] = {OP_SB, OP_SH, OP_SW, -1, -1, -1, -1, -1};
        if (st[f3] > 0) set3(d, st[f3], 0, rs1, rs2, imm_s);
        break;
    }
    case 0x13: {
        static const int8_t oi[8] = {OP_ADDI, OP_SLLI, OP_SLTI, OP_SLTIU,
                                     OP_XORI, OP_SRLI, OP_ORI,  OP_ANDI};
        int op = oi[f3];
        if (f3 == 1 && f7 != 0) break;
        if (f3 == 5) {
            if (f7 == 0x20)
                op = OP_SRAI;
            else if (f7 != 0)
                break;
        }
        if (f3 == 1 || f3 == 5) imm_i = (int32_t)rs2; /* shamt */
        set3(d, rd ? op : OP_NOP, rd, rs1, 0, imm_i);
        break;
    }
    case 0x33: {
        int op = -1;
        if (f7 == 0) {
            static const int8_t o[8] = {OP_ADD, OP_SLL, OP_SLT, OP_SLTU,
                                        OP_XOR, OP_SRL, OP_OR,  OP_AND};
            op = o[f3];
        } else if (f7 == 0x20) {
            op = f3 == 0 ? OP_SUB : f3 == 5 ? OP_SRA : -1;
        } else if (f7 == 1) {
            static const int8_t m[8] = {OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU,
                                        OP_DIV, OP_DIVU, OP_REM,    OP_REMU};
            op = m[f3];
        }
        /* rd = x0 keeps the op (for its timing) and writes the sink */
        if (op > 0) set3(d, op, rd, rs1, rs2, 0);
        break;
    }
    case 0x0F:
        if (f3 == 0)
            set3(d, OP_FENCE, 0, 0, 0, 0);
        else if (f3 == 1)
            set3(d, OP_FENCEI, 0, 0, 0, 0);
        break;
    case 0x73:
        if (f3 == 0) {
            if (in == 0x00000073u)
                set3(d, OP_ECALL, 0, 0, 0, 0);
            else if (in == 0x00100073u)
                set3(d, OP_EBREAK, 0, 0, 0, 0);
            else if (in == 0x30200073u)
                set3(d, OP_MRET, 0, 0, 0, 0);
            else if (in == 0x10500073u)
                set3(d, OP_WFI, 0, 0, 0, 0);
        } else if (f3 != 4) {
            static const int8_t cs[8] = {-1, OP_CSRRW,  OP_CSRRS,  OP_CSRRC,
                                         -1, OP_CSRRWI, OP_CSRRSI, OP_CSRRCI};
            set3(d, cs[f3], rd, rs1, 0, 0);
            d->csr = (uint16_t)(in >> 20);
        }
        break;
    default:
        break;
    }
}

static void decode16(dec_t *d, uint32_t in) {
    unsigned q = in & 3, f3 = BITS(in, 15, 13);
    unsigned rd = BITS(in, 11, 7), rs2 = BITS(in, 6, 2);
    unsigned rdp = 8 + BITS(in, 4, 2), rs1p = 8 + BITS(in, 9, 7);
    int32_t imm6 = sext((BITS(in, 12, 12) << 5) | BITS(in, 6, 2), 6);
    int32_t jimm =
        sext((BITS(in, 12, 12) << 11) | (BITS(in, 11, 11) << 4) | (BITS(in, 10, 9) << 8) |
                 (BITS(in, 8, 8) << 10) | (BITS(in, 7, 7) << 6) | (BITS(in, 6, 6) << 7) |
                 (BITS(in, 5, 3) << 1) | (BITS(in, 2, 2) << 5),
             12);
    int32_t bimm = sext((BITS(in, 12, 12) << 8) | (BITS(in, 11, 10) << 3) | (BITS(in, 6, 5) << 6) |
                            (BITS(in, 4, 3) << 1) | (BITS(in, 2, 2) << 5),
                        9);
    uint32_t lwimm = (BITS(in, 12, 10) << 3) | (BITS(in, 6, 6) << 2) | (BITS(in, 5, 5) << 6);
    set3(d, OP_ILLEGAL, 0, 0, 0, 0);
    if (q == 0) {
        if (f3 == 0) {
            uint32_t nz = (BITS(in, 12, 11) << 4) | (BITS(in, 10, 7) << 6) | (BITS(in, 6, 6) << 2) |
                          (BITS(in, 5, 5) << 3);
            if (nz) set3(d, OP_ADDI, rdp, 2, 0, (int32_t)nz); /* C.ADDI4SPN */
        } else if (f3 == 2) {
            set3(d, OP_LW, rdp, rs1p, 0, (int32_t)lwimm); /* C.LW */
        } else if (f3 == 6) {
            set3(d, OP_SW, 0, rs1p, rdp, (int32_t)lwimm); /* C.SW */
        }
    } else if (q == 1) {
        switch (f3) {
        case 0:
            set3(d, rd ? OP_ADDI : OP_NOP, rd, rd, 0, imm6);
            break; /* C.ADDI / C.NOP */
        case 1:
            set3(d, OP_JAL, 1, 0, 0, jimm);
            break; /* C.JAL */
        case 2:
            set3(d, rd ? OP_ADDI : OP_NOP, rd, 0, 0, imm6);
            break; /* C.LI */
        case 3:
            if (rd == 2) { /* C.ADDI16SP */
                int32_t nz =
                    sext((BITS(in, 12, 12) << 9) | (BITS(in, 6, 6) << 4) | (BITS(in, 5, 5) << 6) |
                             (BITS(in, 4, 3) << 7) | (BITS(in, 2, 2) << 5),
                         10);
                if (nz) set3(d, OP_ADDI, 2, 2, 0, nz);
            } else if (imm6) { /* C.LUI */
                set3(d, rd ? OP_LUI : OP_NOP, rd, 0, 0, (int32_t)((uint32_t)imm6 << 12));
            }
            break;
        case 4: {
            unsigned f2 = BITS(in, 11, 10);
            if (f2 == 0 || f2 == 1) { /* C.SRLI / C.SRAI; shamt[5]=1 reserved on RV32 */
                if (!BITS(in, 12, 12))
                    set3(d, f2 ? OP_SRAI : OP_SRLI, rs1p, rs1p, 0, (int32_t)BITS(in, 6, 2));
            } else if (f2 == 2) {
                set3(d, OP_ANDI, rs1p, rs1p, 0, imm6); /* C.ANDI */
            } else if (!BITS(in, 12, 12)) {
                static const uint8_t o[4] = {OP_SUB, OP_XOR, OP_OR, OP_AND};
                set3(d, o[BITS(in, 6, 5)], rs1p, rs1p, rdp, 0);
            }
            break;
        }
        case 5:
            set3(d, OP_JAL, 0, 0, 0, jimm);
            break; /* C.J */
        case 6:
            set3(d, OP_BEQ, 0, rs1p, 0, bimm);
            break; /* C.BEQZ */
        case 7:
            set3(d, OP_BNE, 0, rs1p, 0, bimm);
            break; /* C.BNEZ */
        }
    } else if (q == 2) {
        if (f3 == 0) { /* C.SLLI */
            if (!BITS(in, 12, 12)) set3(d, rd ? OP_SLLI : OP_NOP, rd, rd, 0, (int32_t)rs2);
        } else if (f3 == 2) { /* C.LWSP */
            uint32_t off = (BITS(in, 12, 12) << 5) | (BITS(in, 6, 4) << 2) | (BITS(in, 3, 2) << 6);
            if (rd) set3(d, OP_LW, rd, 2, 0, (int32_t)off);
        } else if (f3 == 4) {
            if (!BITS(in, 12, 12)) {
                if (rs2 == 0) {
                    if (rd) set3(d, OP_JALR, 0, rd, 0, 0); /* C.JR */
                } else {
                    set3(d, rd ? OP_ADD : OP_NOP, rd, 0, rs2, 0); /* C.MV */
                }
            } else {
                if (rd == 0 && rs2 == 0)
                    set3(d, OP_EBREAK, 0, 0, 0, 0);
                else if (rs2 == 0)
                    set3(d, OP_JALR, 1, rd, 0, 0); /* C.JALR */
                else
                    set3(d, rd ? OP_ADD : OP_NOP, rd, rd, rs2, 0); /* C.ADD */
            }
        } else if (f3 == 6) { /* C.SWSP */
            uint32_t off = (BITS(in, 12, 9) << 2) | (BITS(in, 8, 7) << 6);
            set3(d, OP_SW, 0, 2, rs2, (int32_t)off);
        }
    }
}

/* Raw instruction bits at pc (for mtval and trace); 0 when unreadable. */
static uint32_t raw_insn(rv32_cpu_t *c, uint32_t pc, int *len) {
    region_t *r = find_region(c, pc);
    *len = 2;
    if (!r || !r->r.host) return 0;
    uint32_t off = pc - r->r.base;
    if (r->r.size - off < 2) return 0;
    uint32_t lo = rd16(r->r.host + off);
    if ((lo & 3) != 3) return lo;
    *len = 4;
    if (r->r.size - off < 4) return lo;
    return rd32(r->r.host + off);
}

/* Slow fetch: find the decode page for pc. Returns NULL on instruction access fault. */
static dec_t *fetch_slow(rv32_cpu_t *c, uint32_t pc) {
    region_t *r = find_region(c, pc);
    if (!r || !r->pages) return NULL;
    uint32_t off = pc - r->r.base;
    uint32_t page = off >> PAGE_SHIFT;
    if (!r->pages[page]) {
        r->pages[page] = calloc(PAGE_ENTRIES, sizeof(dec_t));
        if (!r->pages[page]) return NULL;
        r->has_code = 1;
    }
    /* the window is page-aligned in the address space only if the region base is */
    uint32_t page_addr = r->r.base + (page << PAGE_SHIFT);
    uint64_t end = (uint64_t)r->r.base + r->r.size;
    c->fw_base = page_addr;
    c->fw_size = end - page_addr < PAGE_SIZE ? (uint32_t)(end - page_addr) : PAGE_SIZE;
    c->fw_page = r->pages[page];
    c->fw_reg = r;
    return &c->fw_page[(pc - page_addr) >> 1];
}

/* Fill an undecoded entry; returns 0, or -1 if the instruction runs off the region. */
static int decode_at(rv32_cpu_t *c, dec_t *d, uint32_t pc) {
    region_t *r = c->fw_reg;
    uint32_t off = pc - r->r.base;
    if (off >= r->r.size || r->r.size - off < 2) return -1;
    uint32_t lo = rd16(r->r.host + off);
    if ((lo & 3) == 3) {
        if (r->r.size - off < 4) return -1;
        decode32(d, rd32(r->r.host + off));
        d->len = 4;
        if ((lo & 0x1C) == 0x1C) set3(d, OP_ILLEGAL, 0, 0, 0, 0); /* 48-bit+ encodings */
    } else {
        decode16(d, lo);
        d->len = 2;
    }
    uint32_t cyc = op_cycles[d->op] + r->r.latency;
    d->cyc = (uint8_t)(cyc > 255 ? 255 : cyc);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Data access
 * --------------------------------------------------------------------------------------------- */

static int mmio(rv32_cpu_t *c, region_t *r, uint32_t addr, unsigned size, int write, uint32_t *val,
                uint32_t *lat) {
    bootmcu_bus_access_t a = {.off = addr - r->r.base,
                              .data = write ? *val : 0,
                              .cycle = c->cycle,
                              .size = (uint8_t)size,
                              .write = (uint8_t)write};
    int rc = r->r.access(r->r.ctx, &a);
    if (a.stop) c->stop_req = 1;
    *lat = r->r.latency + a.wait;
    if (rc) return -1;
    if (!write) *val = size == 4 ? a.data : a.data & ((1u << (size * 8)) - 1u);
    return 0;
}

/* Slow path of a load/store: returns 0 or the exception cause. */
static int mem_slow(rv32_cpu_t *c, uint32_t addr, unsigned size, int write, uint32_t *val,
                    uint32_t *lat) {
    region_t *r = find_region(c, addr);
    int fault = write ? RV32_EXC_STORE_FAULT : RV32_EXC_LOAD_FAULT;
    if (!r || r->r.size - (addr - r->r.base) < size) return fault;
    if (!r->r.host) return mmio(c, r, addr, size, write, val, lat) ? fault : 0;
    if (write && r->r.readonly) return fault;
    c->dw_base = r->r.base;
    c->dw_size = r->r.size;
    c->dw_reg = r;
    uint8_t *p = r->r.host + (addr - r->r.base);
    *lat = r->r.latency;
    if (write) {
        for (unsigned i = 0; i < size; i++)
            p[i] = (uint8_t)(*val >> (8 * i));
        invalidate_region(r, addr - r->r.base, size);
    } else {
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)p[i] << (8 * i);
        *val = v;
    }
    return 0;
}

static inline int load(rv32_cpu_t *c, uint32_t addr, unsigned size, uint32_t *val, uint32_t *lat) {
    uint32_t off = addr - c->dw_base;
    if ((uint64_t)off + size <= c->dw_size) {
        const uint8_t *p = c->dw_reg->r.host + off;
        *lat = c->dw_reg->r.latency;
        *val = size == 4 ? rd32(p) : size == 2 ? rd16(p) : p[0];
        return 0;
    }
    return mem_slow(c, addr, size, 0, val, lat);
}

static inline int store(rv32_cpu_t *c, uint32_t addr, unsigned size, uint32_t val, uint32_t *lat) {
    uint32_t off = addr - c->dw_base;
    if ((uint64_t)off + size <= c->dw_size && !c->dw_reg->r.readonly) {
        uint8_t *p = c->dw_reg->r.host + off;
        *lat = c->dw_reg->r.latency;
        p[0] = (uint8_t)val;
        if (size >= 2) p[1] = (uint8_t)(val >> 8);
        if (size == 4) {
            p[2] = (uint8_t)(val >> 16);
            p[3] = (uint8_t)(val >> 24);
        }
        if (c->dw_reg->has_code) invalidate_region(c->dw_reg, off, size);
        return 0;
    }
    return mem_slow(c, addr, size, 1, &val, lat);
}

/* ---------------------------------------------------------------------------------------------
 * CSRs and traps
 * --------------------------------------------------------------------------------------------- */

static int csr_get(rv32_cpu_t *c, unsigned csr, uint32_t *v) {
    uint64_t mc = c->cycle + c->mcycle_off, mi = c->instret + c->minstret_off;
    switch (csr) {
    case RV32_CSR_MSTATUS:
        *v = c->mstatus | MSTATUS_MPP;
        break;
    case RV32_CSR_MISA:
        *v = MISA_RV32IMC;
        break;
    case RV32_CSR_MIE:
        *v = c->mie;
        break;
    case RV32_CSR_MTVEC:
        *v = c->mtvec;
        break;
    case RV32_CSR_MSCRATCH:
        *v = c->mscratch;
        break;
    case RV32_CSR_MEPC:
        *v = c->mepc;
        break;
    case RV32_CSR_MCAUSE:
        *v = c->mcause;
        break;
    case RV32_CSR_MTVAL:
        *v = c->mtval;
        break;
    case RV32_CSR_MIP:
        *v = c->mip;
        break;
    case RV32_CSR_MCYCLE:
        *v = (uint32_t)mc;
        break;
    case RV32_CSR_MCYCLEH:
        *v = (uint32_t)(mc >> 32);
        break;
    case RV32_CSR_MINSTRET:
        *v = (uint32_t)mi;
        break;
    case RV32_CSR_MINSTRETH:
        *v = (uint32_t)(mi >> 32);
        break;
    case RV32_CSR_MVENDORID:
        *v = 0;
        break;
    case RV32_CSR_MARCHID:
        *v = c->marchid;
        break;
    case RV32_CSR_MIMPID:
        *v = 0;
        break;
    case RV32_CSR_MHARTID:
        *v = c->hartid;
        break;
    default:
        return -1;
    }
    return 0;
}

/* Write a writable CSR (read-only ones were rejected by the caller). `adv_cyc`/`adv_ins` are
 * the cycles/instructions the writing instruction itself adds: as in Ibex (ibex_counter), a
 * counter write replaces the value and suppresses that instruction's increment, on either half.
 */
static int csr_put(rv32_cpu_t *c, unsigned csr, uint32_t v, uint32_t adv_cyc, uint32_t adv_ins) {
    uint64_t mc = c->cycle + c->mcycle_off, mi = c->instret + c->minstret_off;
    switch (csr) {
    case RV32_CSR_MSTATUS:
        c->mstatus = (v & (MSTATUS_MIE | MSTATUS_MPIE)) | MSTATUS_MPP;
        break;
    case RV32_CSR_MISA:
        break; /* WARL, fixed */
    case RV32_CSR_MIE:
        c->mie = v & MIE_MASK;
        break;
    case RV32_CSR_MTVEC:
        /* WARL: mode 0 (direct) or 1 (vectored); vectored base is 4-byte aligned */
        c->mtvec = (v & ~3u) | ((v & 3u) == 1 ? 1u : 0u);
        break;
    case RV32_CSR_MSCRATCH:
        c->mscratch = v;
        break;
    case RV32_CSR_MEPC:
        c->mepc = v & ~1u;
        break;
    case RV32_CSR_MCAUSE:
        c->mcause = v & 0x8000001Fu;
        break;
    case RV32_CSR_MTVAL:
        c->mtval = v;
        break;
    case RV32_CSR_MIP:
        break; /* pins are read-only */
    case RV32_CSR_MCYCLE:
        c->mcycle_off = (((mc >> 32) << 32) | v) - (c->cycle + adv_cyc);
        break;
    case RV32_CSR_MCYCLEH:
        c->mcycle_off = (((uint64_t)v << 32) | (uint32_t)mc) - (c->cycle + adv_cyc);
        break;
    case RV32_CSR_MINSTRET:
        c->minstret_off = (((mi >> 32) << 32) | v) - (c->instret + adv_ins);
        break;
    case RV32_CSR_MINSTRETH:
        c->minstret_off = (((uint64_t)v << 32) | (uint32_t)mi) - (c->instret + adv_ins);
        break;
    default:
        return -1;
    }
    update_irq(c);
    return 0;
}

int rv32_csr_read(rv32_cpu_t *c, unsigned csr, uint32_t *val) {
    return csr_get(c, csr, val);
}

int rv32_csr_write(rv32_cpu_t *c, unsigned csr, uint32_t val) {
    uint32_t dummy;
    if (csr_get(c, csr, &dummy)) return -1;
    if ((csr >> 10) == 3) return -1;
    return csr_put(c, csr, val, 0, 0);
}

/* Enter a trap; returns the handler address. */
static uint32_t trap(rv32_cpu_t *c, uint32_t cause, uint32_t tval, uint32_t epc) {
    c->mepc = epc;
    c->mcause = cause;
    c->mtval = tval;
    uint32_t mie = c->mstatus & MSTATUS_MIE;
    c->mstatus = (mie ? MSTATUS_MPIE : 0) | MSTATUS_MPP;
    c->cycle += T_TRAP;
    update_irq(c);
    uint32_t base = c->mtvec & ~3u;
    if ((cause & 0x80000000u) && (c->mtvec & 1u)) return base + 4u * (cause & 0x1Fu);
    return base;
}

static uint32_t take_interrupt(rv32_cpu_t *c, uint32_t pc) {
    uint32_t p = c->mip & c->mie;
    /* priority MEI > MSI > MTI (privileged spec 3.1.9) */
    unsigned irq = (p & (1u << RV32_IRQ_EXT))    ? RV32_IRQ_EXT
                   : (p & (1u << RV32_IRQ_SOFT)) ? RV32_IRQ_SOFT
                                                 : RV32_IRQ_TIMER;
    return trap(c, 0x80000000u | irq, 0, pc);
}

/* ---------------------------------------------------------------------------------------------
 * Interpreter
 * --------------------------------------------------------------------------------------------- */

static rv32_stop_t execute(rv32_cpu_t *c, uint64_t budget, uint64_t *consumed, int single) {
    uint64_t start = c->cycle;
    uint64_t limit = budget > UINT64_MAX - start ? UINT64_MAX : start + budget;
    rv32_stop_t why = single ? RV32_STOP_STEP : RV32_STOP_BUDGET;
    uint32_t *x = c->x;
    uint32_t pc = c->pc;
    int skip_bp = single || (c->bp_resume_valid && c->bp_resume_pc == pc);
    c->bp_resume_valid = 0;
    c->stop_req = 0;

    if (c->wfi) {
        if (!(c->mip & c->mie & MIE_MASK)) {
            if (consumed) *consumed = 0;
            return RV32_STOP_WFI;
        }
        c->wfi = 0;
    }

    /* time and retired count live in locals; SYNC_OUT before anything that can observe them
     * (MMIO callbacks, CSR reads, traps, trace), SYNC_IN after anything that changes them */
    uint64_t now = c->cycle, ret = c->instret;
#define SYNC_OUT() (c->cycle = now, c->instret = ret)
#define SYNC_IN()  (now = c->cycle, ret = c->instret)
    /* breakpoints, instruction limit and trace are set between runs: one flag for all */
    const int slow = c->nbp || c->trace || c->insn_stop != UINT64_MAX;

    while (now < limit || single) {
        if (c->irq_ready) {
            SYNC_OUT();
            pc = take_interrupt(c, pc);
            SYNC_IN();
            if (single) break;
            continue;
        }
        if (slow) {
            if (c->nbp && !skip_bp) {
                int hit = 0;
                for (int i = 0; i < c->nbp; i++)
                    hit |= c->bp[i] == pc;
                if (hit) {
                    why = RV32_STOP_BREAKPOINT;
                    c->bp_resume_valid = 1;
                    c->bp_resume_pc = pc;
                    break;
                }
            }
            skip_bp = 0;
            if (ret >= c->insn_stop) {
                why = RV32_STOP_INSN_LIMIT;
                break;
            }
        }

        dec_t *d;
        uint32_t po = pc - c->fw_base;
        if (po < c->fw_size) {
            d = &c->fw_page[po >> 1];
        } else {
            d = fetch_slow(c, pc);
            if (!d) {
                SYNC_OUT();
                pc = trap(c, RV32_EXC_INSN_FAULT, pc, pc);
                SYNC_IN();
                if (single) break;
                continue;
            }
        }
        if (d->op == OP_UNDEC && decode_at(c, d, pc)) {
            SYNC_OUT();
            pc = trap(c, RV32_EXC_INSN_FAULT, pc, pc);
            SYNC_IN();
            if (single) break;
            continue;
        }
        if (slow && c->trace) {
            SYNC_OUT();
            int len;
            uint32_t raw = raw_insn(c, pc, &len);
            c->trace(c->trace_ctx, c->cycle, pc, raw, len);
        }

        const unsigned rd = d->rd;
        const uint32_t a = x[d->rs1], b = x[d->rs2];
        const int32_t imm = d->imm;
        uint32_t npc = pc + d->len;
        uint32_t cyc = d->cyc;
        uint32_t lat = 0, v = 0;
        int exc = -1;
        uint32_t tval = 0;

        switch (d->op) {
        case OP_LUI:
            x[rd] = (uint32_t)imm;
            break;
        case OP_AUIPC:
            x[rd] = pc + (uint32_t)imm;
            break;
        case OP_JAL:
            x[rd] = npc;
            npc = pc + (uint32_t)imm;
            break;
        case OP_JALR:
            x[rd] = npc;
            npc = (a + (uint32_t)imm) & ~1u;
            break;
#define BR(cond)                                                                                   \
    if (cond) {                                                                                    \
        npc = pc + (uint32_t)imm;                                                                  \
        cyc += T_BRANCH_TAKEN - T_BRANCH_NT;                                                       \
    }                                                                                              \
    break
        case OP_BEQ:
            BR(a == b);
        case OP_BNE:
            BR(a != b);
        case OP_BLT:
            BR((int32_t)a < (int32_t)b);
        case OP_BGE:
            BR((int32_t)a >= (int32_t)b);
        case OP_BLTU:
            BR(a < b);
        case OP_BGEU:
            BR(a >= b);
#undef BR
#define LD(size, conv)                                                                             \
    {                                                                                              \
        uint32_t ea = a + (uint32_t)imm;                                                           \
        c->cycle = now; /* MMIO callbacks see the issuing cycle */                                 \
        if (ea & ((size)-1u)) {                                                                    \
            exc = RV32_EXC_LOAD_MISALIGNED;                                                        \
            tval = ea;                                                                             \
        } else if ((exc = load(c, ea, (size), &v, &lat)) != 0) {                                   \
            tval = ea;                                                                             \
        } else {                                                                                   \
            x[rd] = conv;                                                                          \
            exc = -1;                                                                              \
            cyc += lat;                                                                            \
        }                                                                                          \
        break;                                                                                     \
    }
        case OP_LB:
            LD(1, (uint32_t)(int32_t)(int8_t)v)
        case OP_LH:
            LD(2, (uint32_t)(int32_t)(int16_t)v)
        case OP_LW:
            LD(4, v)
        case OP_LBU:
            LD(1, v)
        case OP_LHU:
            LD(2, v)
#undef LD
#define ST(size)                                                                                   \
    {                                                                                              \
        uint32_t ea = a + (uint32_t)imm;                                                           \
        c->cycle = now;                                                                            \
        if (ea & ((size)-1u)) {                                                                    \
            exc = RV32_EXC_STORE_MISALIGNED;                                                       \
            tval = ea;                                                                             \
        } else if ((exc = store(c, ea, (size), b, &lat)) != 0) {                                   \
            tval = ea;                                                                             \
        } else {                                                                                   \
            exc = -1;                                                                              \
            cyc += lat;                                                                            \
        }                                                                                          \
        break;                                                                                     \
    }
        case OP_SB:
            ST(1)
        case OP_SH:
            ST(2)
        case OP_SW:
            ST(4)
#undef ST
        case OP_ADDI:
            x[rd] = a + (uint32_t)imm;
            break;
        case OP_SLTI:
            x[rd] = (int32_t)a < imm;
            break;
        case OP_SLTIU:
            x[rd] = a < (uint32_t)imm;
            break;
        case OP_XORI:
            x[rd] = a ^ (uint32_t)imm;
            break;
        case OP_ORI:
            x[rd] = a | (uint32_t)imm;
            break;
        case OP_ANDI:
            x[rd] = a & (uint32_t)imm;
            break;
        case OP_SLLI:
            x[rd] = a << imm;
            break;
        case OP_SRLI:
            x[rd] = a >> imm;
            break;
        case OP_SRAI:
            x[rd] = (uint32_t)((int32_t)a >> imm);
            break;
        case OP_ADD:
            x[rd] = a + b;
            break;
        case OP_SUB:
            x[rd] = a - b;
            break;
        case OP_SLL:
            x[rd] = a << (b & 31);
            break;
        case OP_SLT:
            x[rd] = (int32_t)a < (int32_t)b;
            break;
        case OP_SLTU:
            x[rd] = a < b;
            break;
        case OP_XOR:
            x[rd] = a ^ b;
            break;
        case OP_SRL:
            x[rd] = a >> (b & 31);
            break;
        case OP_SRA:
            x[rd] = (uint32_t)((int32_t)a >> (b & 31));
            break;
        case OP_OR:
            x[rd] = a | b;
            break;
        case OP_AND:
            x[rd] = a & b;
            break;
        case OP_MUL:
            x[rd] = a * b;
            break;
        case OP_MULH:
            x[rd] = (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int64_t)(int32_t)b) >> 32);
            break;
        case OP_MULHSU:
            x[rd] = (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int64_t)(uint64_t)b) >> 32);
            break;
        case OP_MULHU:
            x[rd] = (uint32_t)(((uint64_t)a * b) >> 32);
            break;
        case OP_DIV:
        case OP_DIVU:
        case OP_REM:
        case OP_REMU:
            if (b == 0) cyc -= T_DIV - T_DIV0;
            switch (d->op) {
            case OP_DIV:
                if (b == 0)
                    x[rd] = 0xFFFFFFFFu;
                else if (a == 0x80000000u && b == 0xFFFFFFFFu)
                    x[rd] = a; /* overflow */
                else
                    x[rd] = (uint32_t)((int32_t)a / (int32_t)b);
                break;
            case OP_DIVU:
                x[rd] = b ? a / b : 0xFFFFFFFFu;
                break;
            case OP_REM:
                if (b == 0)
                    x[rd] = a;
                else if (a == 0x80000000u && b == 0xFFFFFFFFu)
                    x[rd] = 0;
                else
                    x[rd] = (uint32_t)((int32_t)a % (int32_t)b);
                break;
            default:
                x[rd] = b ? a % b : a;
                break; /* REMU */
            }
            break;
        case OP_NOP:
        case OP_FENCE:
            break;
        case OP_FENCEI:
            flush_decode(c);
            break;
        case OP_ECALL:
            exc = RV32_EXC_ECALL_M;
            break;
        case OP_EBREAK:
            exc = RV32_EXC_BREAKPOINT;
            tval = pc;
            break;
        case OP_MRET:
            npc = c->mepc;
            c->mstatus =
                ((c->mstatus & MSTATUS_MPIE) ? MSTATUS_MIE : 0) | MSTATUS_MPIE | MSTATUS_MPP;
            update_irq(c);
            break;
        case OP_WFI:
            if (!(c->mip & c->mie & MIE_MASK)) {
                c->wfi = 1;
                why = RV32_STOP_WFI;
            }
            break;
        case OP_CSRRW:
        case OP_CSRRS:
        case OP_CSRRC:
        case OP_CSRRWI:
        case OP_CSRRSI:
        case OP_CSRRCI: {
            unsigned op = d->op, csr = d->csr, src = d->rs1;
            uint32_t old, nv;
            uint32_t in = op >= OP_CSRRWI ? src : a;
            int wr = (op == OP_CSRRW || op == OP_CSRRWI) || src != 0;
            SYNC_OUT();
            if (csr_get(c, csr, &old) || (wr && (csr >> 10) == 3)) {
                exc = RV32_EXC_ILLEGAL;
                break;
            }
            if (op == OP_CSRRW || op == OP_CSRRWI)
                nv = in;
            else if (op == OP_CSRRS || op == OP_CSRRSI)
                nv = old | in;
            else
                nv = old & ~in;
            if (wr) csr_put(c, csr, nv, cyc, 1);
            x[rd] = old;
            break;
        }
        default: /* OP_ILLEGAL */
            exc = RV32_EXC_ILLEGAL;
            break;
        }

        if (exc >= 0) {
            if (exc == RV32_EXC_ILLEGAL) {
                int len;
                tval = raw_insn(c, pc, &len);
            }
            now += cyc - op_cycles[d->op] + lat; /* fetch (and bus) time already spent */
            SYNC_OUT();
            pc = trap(c, (uint32_t)exc, tval, pc);
            SYNC_IN();
        } else {
            now += cyc;
            ret++;
            pc = npc;
        }
        if (single || why == RV32_STOP_WFI) break;
        if (c->stop_req) {
            why = RV32_STOP_REQUEST;
            break;
        }
    }
#undef SYNC_OUT
#undef SYNC_IN
    c->cycle = now;
    c->instret = ret;
    if (c->stop_req && why == RV32_STOP_BUDGET) why = RV32_STOP_REQUEST;
    c->stop_req = 0;
    c->pc = pc;
    if (consumed) *consumed = c->cycle - start;
    return why;
}

rv32_stop_t rv32_run(rv32_cpu_t *c, uint64_t max_cycles, uint64_t *consumed) {
    if (max_cycles == 0) {
        if (consumed) *consumed = 0;
        return RV32_STOP_BUDGET;
    }
    return execute(c, max_cycles, consumed, 0);
}

rv32_stop_t rv32_step(rv32_cpu_t *c, uint64_t *consumed) {
    return execute(c, 1, consumed, 1);
}

void rv32_request_stop(rv32_cpu_t *c) {
    c->stop_req = 1;
}

void rv32_set_insn_limit(rv32_cpu_t *c, uint64_t n) {
    c->insn_stop = n == 0 || n > UINT64_MAX - c->instret ? UINT64_MAX : c->instret + n;
}

uint64_t rv32_cycles(const rv32_cpu_t *c) {
    return c->cycle;
}
uint64_t rv32_instret(const rv32_cpu_t *c) {
    return c->instret;
}
int rv32_sleeping(const rv32_cpu_t *c) {
    return c->wfi;
}

void rv32_skip_cycles(rv32_cpu_t *c, uint64_t n) {
    c->cycle += n;
    c->mcycle_off -= n; /* clock gated while sleeping: mcycle does not advance */
}

void rv32_set_irq(rv32_cpu_t *c, int irq, int level) {
    if (irq != RV32_IRQ_SOFT && irq != RV32_IRQ_TIMER && irq != RV32_IRQ_EXT) return;
    if (level)
        c->mip |= 1u << irq;
    else
        c->mip &= ~(1u << irq);
    update_irq(c);
}

uint32_t rv32_get_reg(const rv32_cpu_t *c, unsigned idx) {
    if (idx < 32) return c->x[idx];
    return idx == 32 ? c->pc : 0;
}

void rv32_set_reg(rv32_cpu_t *c, unsigned idx, uint32_t val) {
    if (idx > 0 && idx < 32)
        c->x[idx] = val;
    else if (idx == 32)
        rv32_set_pc(c, val);
}

uint32_t rv32_get_pc(const rv32_cpu_t *c) {
    return c->pc;
}
void rv32_set_pc(rv32_cpu_t *c, uint32_t pc) {
    c->pc = pc & ~1u;
    c->bp_resume_valid = 0;
}

static size_t mem_debug(rv32_cpu_t *c, uint32_t addr, uint8_t *buf, size_t len, int write) {
    size_t done = 0;
    while (done < len) {
        uint32_t a = addr + (uint32_t)done;
        region_t *r = find_region(c, a);
        if (!r) break;
        uint32_t off = a - r->r.base;
        if (r->r.host) {
            size_t n = r->r.size - off;
            if (n > len - done) n = len - done;
            if (write) {
                memcpy(r->r.host + off, buf + done, n);
                invalidate_region(r, off, (uint32_t)n);
            } else {
                memcpy(buf + done, r->r.host + off, n);
            }
            done += n;
            continue;
        }
        /* MMIO: byte accesses (debugger view; side effects are the target's business) */
        uint32_t v = write ? buf[done] : 0, lat;
        if (mmio(c, r, a, 1, write, &v, &lat)) break;
        if (!write) buf[done] = (uint8_t)v;
        done++;
    }
    c->stop_req = 0;
    return done;
}

size_t rv32_mem_read(rv32_cpu_t *c, uint32_t addr, void *buf, size_t len) {
    return mem_debug(c, addr, buf, len, 0);
}

size_t rv32_mem_write(rv32_cpu_t *c, uint32_t addr, const void *buf, size_t len) {
    return mem_debug(c, addr, (uint8_t *)(uintptr_t)buf, len, 1);
}

int rv32_add_breakpoint(rv32_cpu_t *c, uint32_t addr) {
    for (int i = 0; i < c->nbp; i++)
        if (c->bp[i] == addr) return 0;
    if (c->nbp >= MAX_BP) return -1;
    c->bp[c->nbp++] = addr;
    return 0;
}

int rv32_remove_breakpoint(rv32_cpu_t *c, uint32_t addr) {
    for (int i = 0; i < c->nbp; i++)
        if (c->bp[i] == addr) {
            c->bp[i] = c->bp[--c->nbp];
            return 0;
        }
    return -1;
}

void rv32_set_trace(rv32_cpu_t *c, rv32_trace_fn fn, void *ctx) {
    c->trace = fn;
    c->trace_ctx = ctx;
}

const char *rv32_stop_name(rv32_stop_t r) {
    switch (r) {
    case RV32_STOP_BUDGET:
        return "budget";
    case RV32_STOP_BREAKPOINT:
        return "breakpoint";
    case RV32_STOP_STEP:
        return "step";
    case RV32_STOP_WFI:
        return "wfi";
    case RV32_STOP_REQUEST:
        return "request";
    case RV32_STOP_INSN_LIMIT:
        return "insn-limit";
    }
    return "?";
}
