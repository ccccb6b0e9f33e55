/* bootmcu firmware: platform access (UART console, 1 MHz timer, SCU, sim-control) and the few
 * libc pieces a freestanding build needs. Addresses: models/bootmcu/bootmcu_map.h. */
#ifndef BOOTMCU_HAL_H
#define BOOTMCU_HAL_H

#include <stddef.h>
#include <stdint.h>

#include "bootmcu_map.h"
#include "vp_bytes.h" /* le32, put_le32, be32 (sw/lib/common) */

static inline uint32_t mmio_rd(uint32_t addr) {
    return *(volatile uint32_t *)(uintptr_t)addr;
}
static inline void mmio_wr(uint32_t addr, uint32_t v) {
    *(volatile uint32_t *)(uintptr_t)addr = v;
}

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Console: every line is prefixed with the simulated time read from the 1 MHz timer. */
void con_putc(char c);
/* %s %u %d %x %c %%, optional 0-padding and width; no format attribute: uint32_t is
 * `long` on this toolchain and has the same size as `unsigned` under ilp32 */
void con_printf(const char *fmt, ...);
#define LOG(...) con_printf(__VA_ARGS__)

uint64_t time_us(void);
/* Sleep in WFI until the timer reaches now + us (the VP skips the idle time). */
void delay_us(uint32_t us);

/* SCU: progress code (boot status history in the VP report), error code, A35 reset release,
 * Caliptra-window bus errors (PSLVERR latch). */
void scu_boot_status(uint32_t step);
void scu_boot_error(uint32_t code);
void scu_release_a35(void);
uint32_t scu_apb_err(void); /* bit31 = PSLVERR seen since clear, [30:0] count */
uint32_t scu_apb_err_addr(void);
void scu_apb_err_clear(void);

#endif
