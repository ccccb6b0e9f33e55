/* Simulation control block (VP only, not AST2700 hardware):
 *   0x00 EXIT     (W) write the exit code: stops the simulation; 0 = pass, else the number of
 *                     the failing check (tests' convention)
 *   0x04 RESULT   (W) 0x50415353 ('PASS') = exit 0, 0x4641494C ('FAIL') = exit 1; other values
 *                     are ignored
 *   0x08 PUTC     (W) debug character to the simulator console (low byte)
 *   0x10 CYCLE_LO (R) bootmcu cycle of the access, low half
 *   0x14 CYCLE_HI (R) high half */
#ifndef BOOTMCU_SIMCTRL_H
#define BOOTMCU_SIMCTRL_H

#include <stdint.h>

#include "../bootmcu_bus.h"

enum {
    SIMCTRL_EXIT = 0x00,
    SIMCTRL_RESULT = 0x04,
    SIMCTRL_PUTC = 0x08,
    SIMCTRL_CYCLE_LO = 0x10,
    SIMCTRL_CYCLE_HI = 0x14,
};
#define SIMCTRL_PASS 0x50415353u
#define SIMCTRL_FAIL 0x4641494Cu

typedef void (*simctrl_putc_fn)(void *ctx, uint8_t ch);

typedef struct simctrl {
    int exited;
    uint32_t exit_code;
    uint64_t exit_cycle;
    simctrl_putc_fn putc_fn;
    void *putc_ctx;
} simctrl_t;

void simctrl_init(simctrl_t *s, simctrl_putc_fn putc_fn, void *ctx);
int simctrl_access(void *ctx, bootmcu_bus_access_t *a);

#endif
