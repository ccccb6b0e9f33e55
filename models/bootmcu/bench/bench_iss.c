/* bench-iss: ISS speed on compute-bound code. Runs a bitwise CRC-32 over a 4 KiB SRAM buffer
 * (encoded here with a tiny assembler, so no cross compiler is needed), checks the CRC against
 * the host and prints MIPS (host wall time; this is a tool, not a model). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rv32.h"

enum { ZERO = 0, T0 = 5, T1 = 6, T2 = 7, S0 = 8, A0 = 10, A1, A2, A3, A4, T3 = 28, T4, T5 };

static uint32_t prog[64];
static unsigned n;

static void r(uint32_t f7, unsigned rs2, unsigned rs1, uint32_t f3, unsigned rd, uint32_t op) {
    prog[n++] = f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static void i_(int32_t imm, unsigned rs1, uint32_t f3, unsigned rd, uint32_t op) {
    prog[n++] = ((uint32_t)imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static void s_(int32_t imm, unsigned rs2, unsigned rs1, uint32_t f3) {
    uint32_t u = (uint32_t)imm;
    prog[n++] = ((u >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1F) << 7 | 0x23;
}
static void b_(unsigned target, unsigned rs1, unsigned rs2, uint32_t f3) {
    uint32_t u = (uint32_t)(((int32_t)target - (int32_t)n) * 4);
    prog[n++] = ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
                ((u >> 1) & 0xF) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
static void li(unsigned rd, uint32_t v) {
    uint32_t hi = (v + 0x800) & 0xFFFFF000u;
    prog[n++] = hi | rd << 7 | 0x37;
    i_((int32_t)(v - hi), rd, 0, rd, 0x13);
}

static uint32_t result;
static int stop_cb(void *ctx, bootmcu_bus_access_t *a) {
    (void)ctx;
    if (a->write) {
        result = a->data;
        a->stop = 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    uint32_t iters = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 0) : 200;
    if (iters == 0) iters = 1;
    const uint32_t len = 4096, buf_addr = 0x10000000u, mmio = 0x20000000u;
    /* program */
    li(A0, buf_addr);
    li(A1, len);
    li(A2, iters);
    li(A3, 0xEDB88320u);
    li(A4, mmio);
    i_(0, ZERO, 0, S0, 0x13); /* s0 = 0 */
    unsigned outer = n;
    i_(-1, ZERO, 0, T0, 0x13); /* crc = ~0 */
    i_(0, A0, 0, T1, 0x13);    /* p = buf */
    r(0, A1, A0, 0, T2, 0x33); /* end = buf + len */
    unsigned byte_loop = n;
    i_(0, T1, 4, T3, 0x03);    /* lbu t3, 0(t1) */
    r(0, T3, T0, 4, T0, 0x33); /* crc ^= byte */
    i_(8, ZERO, 0, T4, 0x13);  /* t4 = 8 */
    unsigned bit_loop = n;
    i_(1, T0, 7, T5, 0x13);          /* t5 = crc & 1 */
    i_(1, T0, 5, T0, 0x13);          /* crc >>= 1 */
    r(0, T5, ZERO, 0, T5, 0x33 | 0); /* t5 = 0 - t5 -> mask (sub below) */
    prog[n - 1] = 0x40000000u | T5 << 20 | ZERO << 15 | T5 << 7 | 0x33; /* sub t5, x0, t5 */
    r(0, A3, T5, 7, T5, 0x33);                                          /* t5 &= poly */
    r(0, T5, T0, 4, T0, 0x33);                                          /* crc ^= t5 */
    i_(-1, T4, 0, T4, 0x13);                                            /* t4-- */
    b_(bit_loop, T4, ZERO, 1);                                          /* bnez t4 */
    i_(1, T1, 0, T1, 0x13);                                             /* p++ */
    b_(byte_loop, T1, T2, 1);                                           /* bne p, end */
    i_(1, S0, 0, S0, 0x13);                                             /* s0++ */
    b_(outer, S0, A2, 1);                                               /* bne s0, iters */
    i_(-1, T0, 4, T0, 0x13);                                            /* crc = ~crc (xori -1) */
    s_(0, T0, A4, 2);                                                   /* sw crc -> stop */
    b_(n, ZERO, ZERO, 0);                                               /* loop forever */

    static uint8_t rom[4096], sram[65536];
    for (unsigned k = 0; k < n; k++)
        for (int b = 0; b < 4; b++)
            rom[4 * k + b] = (uint8_t)(prog[k] >> (8 * b));
    for (uint32_t k = 0; k < len; k++)
        sram[k] = (uint8_t)(k * 7 + 3);
    uint32_t crc = 0xFFFFFFFFu;
    for (uint32_t k = 0; k < len; k++) {
        crc ^= sram[k];
        for (int b = 0; b < 8; b++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    crc = ~crc;

    rv32_region_t regs[] = {
        {"rom", 0, sizeof(rom), rom, 1, 1, 0, NULL, NULL},
        {"sram", buf_addr, sizeof(sram), sram, 0, 1, 0, NULL, NULL},
        {"stop", mmio, 16, NULL, 0, 0, 0, stop_cb, NULL},
    };
    rv32_config_t cfg = {regs, 3, 0, 22};
    char err[128];
    rv32_cpu_t *cpu = rv32_create(&cfg, err, sizeof(err));
    if (!cpu) {
        fprintf(stderr, "bench-iss: %s\n", err);
        return 1;
    }
    rv32_reset(cpu, 0);
    struct timespec t0, t1, p0, p1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0);
    rv32_stop_t why;
    do {
        why = rv32_run(cpu, 100000, NULL); /* quantum-sized slices, as the SystemC shell does */
    } while (why == RV32_STOP_BUDGET);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1);
    /* CPU time too: on a loaded machine wall time measures the other processes */
    double cpu_s = (double)(p1.tv_sec - p0.tv_sec) + (double)(p1.tv_nsec - p0.tv_nsec) * 1e-9;
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    uint64_t ins = rv32_instret(cpu), cyc = rv32_cycles(cpu);
    int ok = why == RV32_STOP_REQUEST && result == crc;
    printf("bench-iss: crc32 4 KiB x %u: %s (0x%08x)\n", iters, ok ? "ok" : "WRONG", result);
    printf("bench-iss: %" PRIu64 " instructions, %" PRIu64 " cycles (CPI %.3f)\n", ins, cyc,
           (double)cyc / (double)ins);
    printf("bench-iss: wall %.3f s = %.1f MIPS; cpu %.3f s = %.1f MIPS\n", s, (double)ins / s / 1e6,
           cpu_s, cpu_s > 0 ? (double)ins / cpu_s / 1e6 : 0.0);
    rv32_destroy(cpu);
    return ok ? 0 : 1;
}
