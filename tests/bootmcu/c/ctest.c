/* Compiled C on the bootmcu ISS: calls, recursion, loops, 64-bit arithmetic (libgcc),
 * switch tables, structs, a sort and a CRC; console output through the UART.
 * Returns 0 on success, else the number of the failing check. Also the gdb test target. */
#include <stddef.h>
#include <stdint.h>

#include "bootmcu_map.h"

#define UART ((volatile uint32_t *)BOOTMCU_UART_BASE)

static void putc_(char c) {
    while (!(UART[5] & 0x20u)) {
    }
    UART[0] = (uint8_t)c;
}
static void puts_(const char *s) {
    while (*s)
        putc_(*s++);
}

volatile uint32_t gdb_data = 0x11223344u;
volatile uint32_t gdb_counter;

/* The gdb test breaks here: a0 = 42. noinline keeps it a real call. */
__attribute__((noinline)) uint32_t gdb_target(uint32_t v) {
    gdb_counter += v;
    return gdb_counter * 2u;
}

static unsigned fib(unsigned n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static void isort(int32_t *a, size_t n) {
    for (size_t i = 1; i < n; i++) {
        int32_t k = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > k) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = k;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int b = 0; b < 8; b++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

__attribute__((noinline)) static int classify(int x) {
    switch (x) {
    case 0:
        return 10;
    case 1:
        return 20;
    case 2:
        return 35;
    case 3:
        return 47;
    case 4:
        return 51;
    case 5:
        return 68;
    case 6:
        return 72;
    default:
        return -1;
    }
}

struct pair {
    uint16_t a;
    int8_t b;
    uint32_t c;
};

static int32_t data[16] = {5, -3, 17, 0, 99, -100, 42, 7, 7, 1, -1, 64, 33, 12, -50, 8};
static uint8_t bssbuf[64];

int main(void) {
    if (fib(15) != 610) return 1;
    isort(data, 16);
    for (int i = 1; i < 16; i++)
        if (data[i - 1] > data[i]) return 2;
    if (data[0] != -100 || data[15] != 99) return 3;
    /* CRC-32 of "123456789" is 0xCBF43926 (the standard check value) */
    if (crc32((const uint8_t *)"123456789", 9) != 0xCBF43926u) return 4;
    volatile uint64_t big = 0x123456789ABCDEFull, div = 1000003u;
    if (big / div != 81985283260ull || big % div != 637115ull) return 5; /* __udivdi3/__umoddi3 */
    volatile int64_t neg = -0x123456789ll;
    if (neg * 3 != -0x369D0369Bll || neg >> 4 != -0x12345679ll) return 6;
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += classify(i);
    if (sum != 10 + 20 + 35 + 47 + 51 + 68 + 72 - 1) return 7;
    struct pair p = {0xBEEF, -5, 0xDEADBEEF}, q;
    q = p;
    if (q.a != 0xBEEF || q.b != -5 || q.c != 0xDEADBEEF) return 8;
    for (int i = 0; i < 64; i++)
        if (bssbuf[i]) return 9;
    if (gdb_target(42) != 84) return 10;
    puts_("ctest: all checks passed\n");
    return 0;
}
