#include "uart16550.h"

#include <stdlib.h>
#include <string.h>

void uart16550_init(uart16550_t *u, uart_tx_fn tx, void *tx_ctx) {
    memset(u, 0, sizeof(*u));
    u->lcr = 0x03; /* 8N1 */
    u->tx = tx;
    u->tx_ctx = tx_ctx;
}

void uart16550_free(uart16550_t *u) {
    for (size_t i = 0; i < u->nlines; i++)
        free(u->lines[i].text);
    free(u->lines);
    u->lines = NULL;
    u->nlines = u->cap = 0;
}

static void finish_line(uart16550_t *u, uint64_t cycle) {
    if (u->nlines == u->cap) {
        size_t ncap = u->cap ? u->cap * 2 : 16;
        uart_line_t *n = realloc(u->lines, ncap * sizeof(*n));
        if (!n) { /* out of memory: drop the line, keep running */
            u->cur_len = 0;
            return;
        }
        u->lines = n;
        u->cap = ncap;
    }
    char *t = malloc(u->cur_len + 1);
    if (!t) {
        u->cur_len = 0;
        return;
    }
    memcpy(t, u->cur, u->cur_len);
    t[u->cur_len] = 0;
    u->lines[u->nlines].text = t;
    u->lines[u->nlines].cycle = cycle;
    u->nlines++;
    u->cur_len = 0;
    u->cur[0] = 0;
}

static void tx_byte(uart16550_t *u, uint8_t ch, uint64_t cycle) {
    if (u->tx) u->tx(u->tx_ctx, ch);
    if (ch == '\n') {
        finish_line(u, cycle);
    } else if (ch != '\r') {
        u->cur[u->cur_len++] = (char)ch;
        u->cur[u->cur_len] = 0;
        if (u->cur_len == UART_LINE_MAX) finish_line(u, cycle);
    }
}

static uint8_t iir(const uart16550_t *u) {
    uint8_t fifo = (u->fcr & 1) ? 0xC0 : 0;
    if ((u->ier & 1) && u->rx_count) return fifo | 0x04; /* received data available */
    if (u->ier & 2) return fifo | 0x02;                  /* THR empty */
    return fifo | 0x01;                                  /* no interrupt pending */
}

int uart16550_irq(const uart16550_t *u) {
    return (iir(u) & 1) == 0;
}

int uart16550_rx_push(uart16550_t *u, uint8_t ch) {
    if (u->rx_count == UART_RX_FIFO) return -1;
    u->rx[(u->rx_head + u->rx_count) % UART_RX_FIFO] = ch;
    u->rx_count++;
    return 0;
}

static int access(uart16550_t *u, bootmcu_bus_access_t *a);

/* Any access that changes the interrupt output asks the ISS to stop, so the platform samples
 * the new level before the next instruction. */
int uart16550_access(void *ctx, bootmcu_bus_access_t *a) {
    uart16550_t *u = ctx;
    int before = uart16550_irq(u);
    int rc = access(u, a);
    if (uart16550_irq(u) != before) a->stop = 1;
    return rc;
}

static int access(uart16550_t *u, bootmcu_bus_access_t *a) {
    uint32_t reg = a->off & ~3u;
    int dlab = (u->lcr & UART_LCR_DLAB) != 0;
    if (a->off & 3u) { /* only the low byte lane of each register exists */
        if (!a->write) a->data = 0;
        return 0;
    }
    uint8_t v = (uint8_t)a->data;
    if (a->write) {
        switch (reg) {
        case UART_RBR_THR:
            if (dlab)
                u->dll = v;
            else
                tx_byte(u, v, a->cycle);
            break;
        case UART_IER:
            if (dlab)
                u->dlm = v;
            else
                u->ier = v & 0x0F;
            break;
        case UART_IIR_FCR:
            u->fcr = v & 0xC9;
            if (v & 2) u->rx_count = 0; /* RX FIFO reset */
            break;
        case UART_LCR:
            u->lcr = v;
            break;
        case UART_MCR:
            u->mcr = v & 0x1F;
            break;
        case UART_SCR:
            u->scr = v;
            break;
        default:
            break; /* LSR/MSR read-only, others ignored */
        }
        return 0;
    }
    uint32_t r = 0;
    switch (reg) {
    case UART_RBR_THR:
        if (dlab) {
            r = u->dll;
        } else if (u->rx_count) {
            r = u->rx[u->rx_head];
            u->rx_head = (u->rx_head + 1) % UART_RX_FIFO;
            u->rx_count--;
        }
        break;
    case UART_IER:
        r = dlab ? u->dlm : u->ier;
        break;
    case UART_IIR_FCR:
        r = iir(u);
        break;
    case UART_LCR:
        r = u->lcr;
        break;
    case UART_MCR:
        r = u->mcr;
        break;
    case UART_LSR:
        r = UART_LSR_THRE | UART_LSR_TEMT | (u->rx_count ? UART_LSR_DR : 0);
        break;
    case UART_MSR:
        r = 0xB0; /* CTS, DSR, DCD asserted: a connected terminal */
        break;
    case UART_SCR:
        r = u->scr;
        break;
    default:
        r = 0;
        break;
    }
    a->data = r;
    return 0;
}

size_t uart16550_nlines(const uart16550_t *u) {
    return u->nlines;
}
const uart_line_t *uart16550_line(const uart16550_t *u, size_t i) {
    return i < u->nlines ? &u->lines[i] : NULL;
}
const char *uart16550_pending(const uart16550_t *u) {
    return u->cur;
}
