/* Unit tests of the bootmcu peripheral cores (UART, timer, SCU, SPI flash, sim-control). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "periph/scu.h"
#include "periph/simctrl.h"
#include "periph/spiflash.h"
#include "periph/timer.h"
#include "periph/uart16550.h"

static int acc(bootmcu_bus_fn fn, void *ctx, uint32_t off, int write, uint32_t data, uint64_t cycle,
               uint32_t *out, uint8_t *stop) {
    bootmcu_bus_access_t a = {
        .off = off, .data = data, .cycle = cycle, .size = 4, .write = (uint8_t)write};
    int rc = fn(ctx, &a);
    if (out) *out = a.data;
    if (stop) *stop = a.stop;
    return rc;
}
static uint32_t rd(bootmcu_bus_fn fn, void *ctx, uint32_t off, uint64_t cycle) {
    uint32_t v = 0xDEAD;
    assert_int_equal(acc(fn, ctx, off, 0, 0, cycle, &v, NULL), 0);
    return v;
}
static void wr(bootmcu_bus_fn fn, void *ctx, uint32_t off, uint32_t v, uint64_t cycle) {
    assert_int_equal(acc(fn, ctx, off, 1, v, cycle, NULL, NULL), 0);
}

static char txbuf[64];
static size_t ntx;
static void tx(void *ctx, uint8_t ch) {
    (void)ctx;
    if (ntx < sizeof(txbuf)) txbuf[ntx++] = (char)ch;
}

static void uart_lines_and_lsr(void **state) {
    (void)state;
    uart16550_t u;
    uart16550_init(&u, tx, NULL);
    ntx = 0;
    /* 16550: LSR THRE (bit 5) and TEMT (bit 6) set when the transmitter is idle */
    assert_int_equal(rd(uart16550_access, &u, UART_LSR, 0) & 0x61, 0x60);
    const char *msg = "hi\r\nsecond\n";
    for (uint64_t i = 0; msg[i]; i++)
        wr(uart16550_access, &u, UART_RBR_THR, (uint8_t)msg[i], 100 + i);
    wr(uart16550_access, &u, UART_RBR_THR, 'x', 500);
    assert_int_equal(uart16550_nlines(&u), 2);
    assert_string_equal(uart16550_line(&u, 0)->text, "hi");
    assert_int_equal(uart16550_line(&u, 0)->cycle, 103); /* cycle of the '\n' */
    assert_string_equal(uart16550_line(&u, 1)->text, "second");
    assert_int_equal(uart16550_line(&u, 1)->cycle, 110);
    assert_string_equal(uart16550_pending(&u), "x");
    assert_null(uart16550_line(&u, 2));
    assert_int_equal(ntx, 12);
    assert_memory_equal(txbuf, "hi\r\nsecond\nx", 12);
    uart16550_free(&u);
}

static void uart_dlab_and_irq(void **state) {
    (void)state;
    uart16550_t u;
    uart16550_init(&u, NULL, NULL);
    /* DLAB=1: offsets 0/4 are DLL/DLM, writes do not transmit */
    wr(uart16550_access, &u, UART_LCR, 0x83, 0);
    wr(uart16550_access, &u, UART_RBR_THR, 0x0D, 0);
    wr(uart16550_access, &u, UART_IER, 0x01, 0);
    assert_int_equal(rd(uart16550_access, &u, UART_RBR_THR, 0), 0x0D);
    assert_int_equal(rd(uart16550_access, &u, UART_IER, 0), 0x01);
    assert_int_equal(uart16550_nlines(&u), 0);
    assert_string_equal(uart16550_pending(&u), "");
    wr(uart16550_access, &u, UART_LCR, 0x03, 0);
    assert_int_equal(rd(uart16550_access, &u, UART_IER, 0), 0); /* IER untouched by DLM write */
    /* IIR: 0x01 = no interrupt; THRE interrupt = 0x02; RX data = 0x04 (higher priority) */
    assert_int_equal(rd(uart16550_access, &u, UART_IIR_FCR, 0), 0x01);
    assert_false(uart16550_irq(&u));
    wr(uart16550_access, &u, UART_IER, 0x02, 0);
    assert_int_equal(rd(uart16550_access, &u, UART_IIR_FCR, 0), 0x02);
    assert_true(uart16550_irq(&u));
    wr(uart16550_access, &u, UART_IER, 0x03, 0);
    assert_int_equal(uart16550_rx_push(&u, 'A'), 0);
    assert_int_equal(rd(uart16550_access, &u, UART_LSR, 0) & 1, 1);
    assert_int_equal(rd(uart16550_access, &u, UART_IIR_FCR, 0), 0x04);
    assert_int_equal(rd(uart16550_access, &u, UART_RBR_THR, 0), 'A');
    assert_int_equal(rd(uart16550_access, &u, UART_LSR, 0) & 1, 0);
    /* FIFO enabled: IIR bits 7:6 set */
    wr(uart16550_access, &u, UART_IIR_FCR, 0x01, 0);
    assert_int_equal(rd(uart16550_access, &u, UART_IIR_FCR, 0), 0xC2);
    /* RX FIFO overflow drops bytes instead of overwriting */
    for (unsigned i = 0; i < UART_RX_FIFO; i++)
        assert_int_equal(uart16550_rx_push(&u, (uint8_t)i), 0);
    assert_int_equal(uart16550_rx_push(&u, 0xFF), -1);
    assert_int_equal(rd(uart16550_access, &u, UART_RBR_THR, 0), 0);
    /* scratch register */
    wr(uart16550_access, &u, UART_SCR, 0x5A, 0);
    assert_int_equal(rd(uart16550_access, &u, UART_SCR, 0), 0x5A);
    uart16550_free(&u);
}

static void uart_long_line_split(void **state) {
    (void)state;
    uart16550_t u;
    uart16550_init(&u, NULL, NULL);
    for (unsigned i = 0; i < UART_LINE_MAX + 5; i++)
        wr(uart16550_access, &u, 0, 'a', i);
    assert_int_equal(uart16550_nlines(&u), 1);
    assert_int_equal(strlen(uart16550_line(&u, 0)->text), UART_LINE_MAX);
    assert_int_equal(strlen(uart16550_pending(&u)), 5);
    uart16550_free(&u);
}

static void timer_counts_microseconds(void **state) {
    (void)state;
    bootmcu_timer_t t;
    bootmcu_timer_init(&t, 200000000u); /* 200 MHz: 200 cycles per microsecond */
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, 0), 0);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, 199), 0);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, 200), 1);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, 200000000), 1000000);
    /* 64-bit: 2^32 us = 858993459200 cycles */
    uint64_t c = 4294967296ull * 200u;
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_HI, c), 1);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, c), 0);
    /* a clock that is not a multiple of 1 MHz: 3 MHz -> 3 cycles per us */
    bootmcu_timer_init(&t, 3000000u);
    assert_int_equal(bootmcu_timer_mtime(&t, 2), 0);
    assert_int_equal(bootmcu_timer_mtime(&t, 3), 1);
    assert_int_equal(bootmcu_timer_mtime(&t, 3000000000000ull), 1000000000000ull);
}

static void timer_compare_irq(void **state) {
    (void)state;
    bootmcu_timer_t t;
    bootmcu_timer_init(&t, 200000000u);
    /* reset compare = all ones: never fires */
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIMECMP_LO, 0), 0xFFFFFFFFu);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIMECMP_HI, 0), 0xFFFFFFFFu);
    assert_false(bootmcu_timer_irq(&t, 1000000000ull));
    assert_true(bootmcu_timer_irq_cycle(&t) == UINT64_MAX);
    uint8_t stop = 0;
    assert_int_equal(acc(bootmcu_timer_access, &t, TIMER_MTIMECMP_LO, 1, 50, 0, NULL, &stop), 0);
    assert_true(stop); /* the platform must reschedule */
    wr(bootmcu_timer_access, &t, TIMER_MTIMECMP_HI, 0, 0);
    assert_int_equal(bootmcu_timer_irq_cycle(&t), 50u * 200u);
    assert_false(bootmcu_timer_irq(&t, 50u * 200u - 1));
    assert_true(bootmcu_timer_irq(&t, 50u * 200u));
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_STATUS, 9999), 0);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_STATUS, 10000), 1);
    /* MTIME is read-only */
    wr(bootmcu_timer_access, &t, TIMER_MTIME_LO, 1234, 0);
    assert_int_equal(rd(bootmcu_timer_access, &t, TIMER_MTIME_LO, 0), 0);
    /* 3 MHz: compare 7 us fires at cycle 21 */
    bootmcu_timer_init(&t, 3000000u);
    t.mtimecmp = 7;
    assert_int_equal(bootmcu_timer_irq_cycle(&t), 21);
    /* huge compare values do not overflow */
    t.mtimecmp = UINT64_MAX - 1;
    assert_true(bootmcu_timer_irq_cycle(&t) == UINT64_MAX);
    /* sub-word accesses are bus errors */
    bootmcu_bus_access_t a = {.off = 0, .size = 1};
    assert_int_not_equal(bootmcu_timer_access(&t, &a), 0);
}

static uint64_t release_cycle;
static int releases;
static void on_release(void *ctx, uint64_t cycle) {
    (void)ctx;
    release_cycle = cycle;
    releases++;
}

static void scu_release_and_status(void **state) {
    (void)state;
    bootmcu_scu_t s;
    releases = 0;
    bootmcu_scu_init(&s, on_release, NULL);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_CA35_RESET, 0), 0);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_CHIP_ID, 0), SCU_CHIP_ID_DEFAULT);
    wr(bootmcu_scu_access, &s, SCU_CA35_RESET, 0, 10); /* writing 0 does nothing */
    assert_int_equal(releases, 0);
    wr(bootmcu_scu_access, &s, SCU_CA35_RESET, 1, 1234);
    assert_int_equal(releases, 1);
    assert_int_equal(release_cycle, 1234);
    assert_int_equal(s.ca35_release_cycle, 1234);
    wr(bootmcu_scu_access, &s, SCU_CA35_RESET, 1, 2000); /* sticky, notified once */
    wr(bootmcu_scu_access, &s, SCU_CA35_RESET, 0, 2001);
    assert_int_equal(releases, 1);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_CA35_RESET, 0), 1);
    wr(bootmcu_scu_access, &s, SCU_BOOT_STATUS, 0x10, 5);
    wr(bootmcu_scu_access, &s, SCU_BOOT_STATUS, 0x20, 9);
    wr(bootmcu_scu_access, &s, SCU_BOOT_ERROR, 0xE1, 9);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_BOOT_STATUS, 0), 0x20);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_BOOT_ERROR, 0), 0xE1);
    assert_int_equal(s.nhistory, 2);
    assert_int_equal(s.history[0].value, 0x10);
    assert_int_equal(s.history[0].cycle, 5);
    assert_int_equal(s.history[1].cycle, 9);
    for (unsigned i = 0; i < SCU_HISTORY_MAX + 3; i++)
        wr(bootmcu_scu_access, &s, SCU_BOOT_STATUS, i, i);
    assert_int_equal(s.nhistory, SCU_HISTORY_MAX);
    assert_int_equal(s.dropped, 5);
    wr(bootmcu_scu_access, &s, SCU_SCRATCH1, 0xABCD, 0);
    assert_int_equal(rd(bootmcu_scu_access, &s, SCU_SCRATCH1, 0), 0xABCD);
    assert_int_equal(rd(bootmcu_scu_access, &s, 0x80, 0), 0);
}

static void spiflash_window(void **state) {
    (void)state;
    spiflash_t f;
    assert_int_equal(spiflash_init(&f, 4096), 0);
    /* erased flash reads 0xFF */
    assert_int_equal(rd(spiflash_access, &f, 0, 0), 0xFFFFFFFFu);
    const uint8_t img[] = {0x78, 0x56, 0x34, 0x12, 0xAA};
    assert_int_equal(spiflash_load_mem(&f, img, sizeof(img)), 0);
    assert_int_equal(rd(spiflash_access, &f, 0, 0), 0x12345678u);
    assert_int_equal(rd(spiflash_access, &f, 4, 0), 0xFFFFFFAAu);
    bootmcu_bus_access_t a = {.off = 2, .size = 2};
    assert_int_equal(spiflash_access(&f, &a), 0);
    assert_int_equal(a.data, 0x1234);
    /* writes and out-of-window reads are bus errors */
    assert_int_not_equal(acc(spiflash_access, &f, 0, 1, 0, 0, NULL, NULL), 0);
    assert_int_not_equal(acc(spiflash_access, &f, 4094, 0, 0, 0, NULL, NULL), 0);
    assert_int_not_equal(acc(spiflash_access, &f, 0xFFFFFFFCu, 0, 0, 0, NULL, NULL), 0);
    /* file loading: too large, missing, good */
    char path[] = "/tmp/bootmcu_flash_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    uint8_t big[5000];
    memset(big, 0x5A, sizeof(big));
    assert_int_equal(write(fd, big, sizeof(big)), (ssize_t)sizeof(big));
    close(fd);
    char err[256];
    assert_int_not_equal(spiflash_load_file(&f, path, err, sizeof(err)), 0);
    assert_non_null(strstr(err, "larger"));
    assert_int_not_equal(spiflash_load_file(&f, "/nonexistent/flash.bin", err, sizeof(err)), 0);
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, big, 100), 100);
    close(fd);
    assert_int_equal(spiflash_load_file(&f, path, err, sizeof(err)), 0);
    assert_int_equal(f.image_size, 100);
    assert_int_equal(rd(spiflash_access, &f, 96, 0), 0x5A5A5A5Au);
    assert_int_equal(rd(spiflash_access, &f, 100, 0), 0xFFFFFFFFu);
    unlink(path);
    spiflash_free(&f);
    assert_int_not_equal(spiflash_init(&f, 0), 0);
}

static void simctrl_exit_convention(void **state) {
    (void)state;
    simctrl_t s;
    simctrl_init(&s, NULL, NULL);
    uint8_t stop = 0;
    assert_int_equal(acc(simctrl_access, &s, SIMCTRL_RESULT, 1, 0x1234, 7, NULL, &stop), 0);
    assert_false(stop); /* unknown RESULT values are ignored */
    assert_false(s.exited);
    assert_int_equal(acc(simctrl_access, &s, SIMCTRL_EXIT, 1, 7, 99, NULL, &stop), 0);
    assert_true(stop);
    assert_true(s.exited);
    assert_int_equal(s.exit_code, 7);
    assert_int_equal(s.exit_cycle, 99);
    acc(simctrl_access, &s, SIMCTRL_EXIT, 1, 0, 100, NULL, &stop); /* first exit wins */
    assert_int_equal(s.exit_code, 7);
    simctrl_init(&s, NULL, NULL);
    acc(simctrl_access, &s, SIMCTRL_RESULT, 1, SIMCTRL_FAIL, 1, NULL, &stop);
    assert_int_equal(s.exit_code, 1);
    simctrl_init(&s, NULL, NULL);
    acc(simctrl_access, &s, SIMCTRL_RESULT, 1, SIMCTRL_PASS, 1, NULL, &stop);
    assert_true(s.exited);
    assert_int_equal(s.exit_code, 0);
    assert_int_equal(rd(simctrl_access, &s, SIMCTRL_CYCLE_LO, 0x100000005ull), 5);
    assert_int_equal(rd(simctrl_access, &s, SIMCTRL_CYCLE_HI, 0x100000005ull), 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uart_lines_and_lsr),   cmocka_unit_test(uart_dlab_and_irq),
        cmocka_unit_test(uart_long_line_split), cmocka_unit_test(timer_counts_microseconds),
        cmocka_unit_test(timer_compare_irq),    cmocka_unit_test(scu_release_and_status),
        cmocka_unit_test(spiflash_window),      cmocka_unit_test(simctrl_exit_convention),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
