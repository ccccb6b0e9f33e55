/* 16550-compatible UART subset (console). Register stride 4 bytes (reg-shift 2, as the
 * AST2700 UARTs). THR/RBR/DLL 0x00, IER/DLM 0x04, IIR(r)/FCR(w) 0x08, LCR 0x0C, MCR 0x10,
 * LSR 0x14, MSR 0x18, SCR 0x1C. TX is instantaneous: LSR.THRE and LSR.TEMT are always set.
 * Completed console lines are collected with the bootmcu cycle of their '\n'. */
#ifndef UART16550_H
#define UART16550_H

#include <stddef.h>
#include <stdint.h>

#include "../bootmcu_bus.h"

enum {
    UART_RBR_THR = 0x00,
    UART_IER = 0x04,
    UART_IIR_FCR = 0x08,
    UART_LCR = 0x0C,
    UART_MCR = 0x10,
    UART_LSR = 0x14,
    UART_MSR = 0x18,
    UART_SCR = 0x1C,
};
#define UART_LSR_DR   0x01u
#define UART_LSR_THRE 0x20u
#define UART_LSR_TEMT 0x40u
#define UART_LCR_DLAB 0x80u
#define UART_RX_FIFO  16u
#define UART_LINE_MAX 1024u /* longer lines are split */

typedef struct uart_line {
    char *text; /* NUL-terminated, without the '\n' */
    uint64_t cycle;
} uart_line_t;

typedef void (*uart_tx_fn)(void *ctx, uint8_t ch);

typedef struct uart16550 {
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    uint8_t rx[UART_RX_FIFO];
    unsigned rx_head, rx_count;
    char cur[UART_LINE_MAX + 1];
    size_t cur_len;
    uart_line_t *lines;
    size_t nlines, cap;
    uart_tx_fn tx;
    void *tx_ctx;
} uart16550_t;

void uart16550_init(uart16550_t *u, uart_tx_fn tx, void *tx_ctx);
void uart16550_free(uart16550_t *u);
/* bootmcu_bus_fn: 1/2/4-byte accesses; only the low byte of a register is meaningful. */
int uart16550_access(void *ctx, bootmcu_bus_access_t *a);
/* Host -> guest byte; returns -1 if the RX FIFO is full (byte dropped). */
int uart16550_rx_push(uart16550_t *u, uint8_t ch);
/* Interrupt output (level): RX data available with IER.ERBFI, or THR empty with IER.ETBEI. */
int uart16550_irq(const uart16550_t *u);
/* Completed lines so far. */
size_t uart16550_nlines(const uart16550_t *u);
const uart_line_t *uart16550_line(const uart16550_t *u, size_t i);
/* Partial line not yet terminated (for end-of-run flushing). */
const char *uart16550_pending(const uart16550_t *u);

#endif
