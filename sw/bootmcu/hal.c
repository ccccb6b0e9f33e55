/* bootmcu firmware platform layer (see hal.h). */
#include "hal.h"

#include <stdarg.h>

#include "periph/scu.h"
#include "periph/timer.h"
#include "periph/uart16550.h"

void *memcpy(void *d, const void *s, size_t n) {
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if ((((uintptr_t)dp | (uintptr_t)sp) & 3u) == 0) {
        for (; n >= 4; n -= 4, dp += 4, sp += 4)
            *(uint32_t *)dp = *(const uint32_t *)sp;
    }
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memset(void *d, int c, size_t n) {
    uint8_t *dp = d;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n) {
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y) return *x < *y ? -1 : 1;
    return 0;
}

uint64_t time_us(void) {
    uint32_t hi, lo;
    do {
        hi = mmio_rd(BOOTMCU_TIMER_BASE + TIMER_MTIME_HI);
        lo = mmio_rd(BOOTMCU_TIMER_BASE + TIMER_MTIME_LO);
    } while (hi != mmio_rd(BOOTMCU_TIMER_BASE + TIMER_MTIME_HI));
    return (uint64_t)hi << 32 | lo;
}

void delay_us(uint32_t us) {
    uint64_t t = time_us() + us;
    /* mtimecmp: write HI to max first so no spurious match happens between the halves */
    mmio_wr(BOOTMCU_TIMER_BASE + TIMER_MTIMECMP_HI, 0xFFFFFFFFu);
    mmio_wr(BOOTMCU_TIMER_BASE + TIMER_MTIMECMP_LO, (uint32_t)t);
    mmio_wr(BOOTMCU_TIMER_BASE + TIMER_MTIMECMP_HI, (uint32_t)(t >> 32));
    /* mie.MTIE set, mstatus.MIE clear: WFI wakes on the pending timer without taking a trap */
    __asm__ volatile("csrs mie, %0" ::"r"(1u << 7));
    while (time_us() < t)
        __asm__ volatile("wfi");
    __asm__ volatile("csrc mie, %0" ::"r"(1u << 7));
    mmio_wr(BOOTMCU_TIMER_BASE + TIMER_MTIMECMP_HI, 0xFFFFFFFFu);
    mmio_wr(BOOTMCU_TIMER_BASE + TIMER_MTIMECMP_LO, 0xFFFFFFFFu);
}

static int at_line_start = 1;

static void raw_putc(char c) {
    mmio_wr(BOOTMCU_UART_BASE + UART_RBR_THR, (uint8_t)c);
}

static void raw_puts(const char *s) {
    while (*s)
        raw_putc(*s++);
}

static void put_num(uint32_t v, unsigned base, int width, char pad) {
    char buf[12];
    int n = 0;
    do {
        unsigned d = v % base;
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (width-- > n)
        raw_putc(pad);
    while (n)
        raw_putc(buf[--n]);
}

static void line_prefix(void) {
    /* "[   12.345678 s] " would need 64-bit division; microseconds fit 32 bits for 71 min */
    uint32_t us = (uint32_t)time_us();
    raw_putc('[');
    put_num(us / 1000000u, 10, 4, ' ');
    raw_putc('.');
    put_num(us % 1000000u, 10, 6, '0');
    raw_puts(" s] ");
}

void con_putc(char c) {
    if (at_line_start) {
        line_prefix();
        at_line_start = 0;
    }
    raw_putc(c);
    if (c == '\n') at_line_start = 1;
}

void con_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            con_putc(*p);
            continue;
        }
        p++;
        char pad = ' ';
        int width = 0;
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        if (at_line_start) { /* a line starting with a conversion still gets its prefix */
            line_prefix();
            at_line_start = 0;
        }
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            raw_puts(s ? s : "(null)");
            break;
        }
        case 'u':
            put_num(va_arg(ap, unsigned), 10, width, pad);
            break;
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0) {
                raw_putc('-');
                v = -v;
            }
            put_num((uint32_t)v, 10, width, pad);
            break;
        }
        case 'x':
            put_num(va_arg(ap, unsigned), 16, width, pad);
            break;
        case 'c':
            con_putc((char)va_arg(ap, int));
            break;
        case '%':
            raw_putc('%');
            break;
        case '\0':
            p--;
            break;
        default:
            raw_putc('?');
            break;
        }
    }
    va_end(ap);
}

void scu_boot_status(uint32_t step) {
    mmio_wr(BOOTMCU_SCU_BASE + SCU_BOOT_STATUS, step);
}
void scu_boot_error(uint32_t code) {
    mmio_wr(BOOTMCU_SCU_BASE + SCU_BOOT_ERROR, code);
}
void scu_release_a35(void) {
    mmio_wr(BOOTMCU_SCU_BASE + SCU_CA35_RESET, 1);
}
uint32_t scu_apb_err(void) {
    return mmio_rd(BOOTMCU_SCU_BASE + SCU_APB_ERR);
}
uint32_t scu_apb_err_addr(void) {
    return mmio_rd(BOOTMCU_SCU_BASE + SCU_APB_ERR_ADDR);
}
void scu_apb_err_clear(void) {
    mmio_wr(BOOTMCU_SCU_BASE + SCU_APB_ERR, 0);
}
