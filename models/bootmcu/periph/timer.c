#include "timer.h"

void bootmcu_timer_init(bootmcu_timer_t *t, uint64_t cpu_hz) {
    /* 1 Hz .. 1 THz keeps every intermediate product below 2^64 */
    t->cpu_hz = cpu_hz == 0 ? 1 : cpu_hz > 1000000000000ull ? 1000000000000ull : cpu_hz;
    t->mtimecmp = UINT64_MAX;
}

uint64_t bootmcu_timer_mtime(const bootmcu_timer_t *t, uint64_t cycle) {
    /* floor(cycle * 1e6 / hz) without 128-bit arithmetic */
    uint64_t q = cycle / t->cpu_hz, r = cycle % t->cpu_hz;
    return q * TIMER_TICK_HZ + (r * TIMER_TICK_HZ) / t->cpu_hz;
}

int bootmcu_timer_irq(const bootmcu_timer_t *t, uint64_t cycle) {
    return bootmcu_timer_mtime(t, cycle) >= t->mtimecmp;
}

uint64_t bootmcu_timer_irq_cycle(const bootmcu_timer_t *t) {
    /* smallest cycle c with floor(c * 1e6 / hz) >= cmp, i.e. c = ceil(cmp * hz / 1e6) */
    uint64_t cmp = t->mtimecmp;
    uint64_t q = cmp / TIMER_TICK_HZ, r = cmp % TIMER_TICK_HZ;
    if (q && t->cpu_hz > UINT64_MAX / q) return UINT64_MAX;
    uint64_t base = q * t->cpu_hz;
    uint64_t frac = (r * t->cpu_hz + TIMER_TICK_HZ - 1) / TIMER_TICK_HZ;
    if (base > UINT64_MAX - frac) return UINT64_MAX;
    return base + frac;
}

int bootmcu_timer_access(void *ctx, bootmcu_bus_access_t *a) {
    bootmcu_timer_t *t = ctx;
    if (a->size != 4) return -1; /* 32-bit registers only */
    uint64_t now = bootmcu_timer_mtime(t, a->cycle);
    if (a->write) {
        switch (a->off) {
        case TIMER_MTIMECMP_LO:
            t->mtimecmp = (t->mtimecmp & ~0xFFFFFFFFull) | a->data;
            break;
        case TIMER_MTIMECMP_HI:
            t->mtimecmp = (t->mtimecmp & 0xFFFFFFFFull) | ((uint64_t)a->data << 32);
            break;
        default:
            break; /* MTIME and STATUS are read-only */
        }
        /* the interrupt time changed: let the platform reschedule before running on */
        if (a->off == TIMER_MTIMECMP_LO || a->off == TIMER_MTIMECMP_HI) a->stop = 1;
        return 0;
    }
    switch (a->off) {
    case TIMER_MTIME_LO:
        a->data = (uint32_t)now;
        break;
    case TIMER_MTIME_HI:
        a->data = (uint32_t)(now >> 32);
        break;
    case TIMER_MTIMECMP_LO:
        a->data = (uint32_t)t->mtimecmp;
        break;
    case TIMER_MTIMECMP_HI:
        a->data = (uint32_t)(t->mtimecmp >> 32);
        break;
    case TIMER_STATUS:
        a->data = now >= t->mtimecmp;
        break;
    default:
        a->data = 0;
        break;
    }
    return 0;
}
