/* bootmcu 1 MHz 64-bit timer (AST2700 BootMCU timer: 64-bit, 1 MHz), CLINT-like register map:
 *   0x00 MTIME_LO   (RO) counter, microseconds since bootmcu reset, derived from the cycle
 *   0x04 MTIME_HI   (RO) each half is computed from the access cycle, so
 *                        software reads HI, LO, HI and retries on change (as for CLINT mtime)
 *   0x08 MTIMECMP_LO (RW) compare, reset 0xFFFF_FFFF
 *   0x0C MTIMECMP_HI (RW) compare, reset 0xFFFF_FFFF
 *   0x10 STATUS     (RO) bit0 = interrupt pending (MTIME >= MTIMECMP)
 * The interrupt output is a level: MTIME >= MTIMECMP (wired to the ISS machine timer pin).
 * Counter = floor(cycle * 1 MHz / cpu_hz); integer arithmetic, deterministic. */
#ifndef BOOTMCU_TIMER_H
#define BOOTMCU_TIMER_H

#include <stdint.h>

#include "../bootmcu_bus.h"

enum {
    TIMER_MTIME_LO = 0x00,
    TIMER_MTIME_HI = 0x04,
    TIMER_MTIMECMP_LO = 0x08,
    TIMER_MTIMECMP_HI = 0x0C,
    TIMER_STATUS = 0x10,
};
#define TIMER_TICK_HZ 1000000u

typedef struct bootmcu_timer {
    uint64_t cpu_hz; /* bootmcu clock; > 0 */
    uint64_t mtimecmp;
} bootmcu_timer_t;

void bootmcu_timer_init(bootmcu_timer_t *t, uint64_t cpu_hz);
uint64_t bootmcu_timer_mtime(const bootmcu_timer_t *t, uint64_t cycle);
int bootmcu_timer_irq(const bootmcu_timer_t *t, uint64_t cycle);
/* First cycle at which the interrupt is (or becomes) pending; UINT64_MAX if never. */
uint64_t bootmcu_timer_irq_cycle(const bootmcu_timer_t *t);
int bootmcu_timer_access(void *ctx, bootmcu_bus_access_t *a);

#endif
