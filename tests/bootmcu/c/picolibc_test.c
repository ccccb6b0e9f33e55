/* picolibc on the bootmcu: stdio (printf to the UART through a picolibc FILE), snprintf,
 * qsort, string functions. Built with -march=rv32imc so GCC selects picolibc's rv32im/ilp32
 * multilib (there is no rv32imc multilib; rv32imc_zicsr_zifencei selects none). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootmcu_map.h"

#define UART ((volatile uint32_t *)BOOTMCU_UART_BASE)

static int uart_putc(char c, FILE *f) {
    (void)f;
    while (!(UART[5] & 0x20u)) {
    }
    UART[0] = (uint8_t)c;
    return (unsigned char)c;
}
static FILE uart_file = FDEV_SETUP_STREAM(uart_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &uart_file;

static int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void) {
    int v[7] = {5, -1, 4, 2, 3, 100, 0};
    qsort(v, 7, sizeof(int), cmp);
    if (v[0] != -1 || v[6] != 100) return 1;
    char buf[64];
    snprintf(buf, sizeof(buf), "%d-%d-%s-%x-%05u", v[0], v[6], "ok", 0xbeefu, 42u);
    if (strcmp(buf, "-1-100-ok-beef-00042") != 0) return 2;
    if (strtoul("0x1234", NULL, 16) != 0x1234u) return 3;
    printf("picolibc: %s\n", buf);
    return 0;
}
