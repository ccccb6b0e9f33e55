#include "simctrl.h"

#include <string.h>

void simctrl_init(simctrl_t *s, simctrl_putc_fn putc_fn, void *ctx) {
    memset(s, 0, sizeof(*s));
    s->putc_fn = putc_fn;
    s->putc_ctx = ctx;
}

static void do_exit(simctrl_t *s, bootmcu_bus_access_t *a, uint32_t code) {
    if (!s->exited) { /* first exit wins */
        s->exited = 1;
        s->exit_code = code;
        s->exit_cycle = a->cycle;
    }
    a->stop = 1;
}

int simctrl_access(void *ctx, bootmcu_bus_access_t *a) {
    simctrl_t *s = ctx;
    if (a->write) {
        switch (a->off) {
        case SIMCTRL_EXIT:
            do_exit(s, a, a->data);
            break;
        case SIMCTRL_RESULT:
            if (a->data == SIMCTRL_PASS)
                do_exit(s, a, 0);
            else if (a->data == SIMCTRL_FAIL)
                do_exit(s, a, 1);
            break;
        case SIMCTRL_PUTC:
            if (s->putc_fn) s->putc_fn(s->putc_ctx, (uint8_t)a->data);
            break;
        default:
            break;
        }
        return 0;
    }
    switch (a->off) {
    case SIMCTRL_CYCLE_LO:
        a->data = (uint32_t)a->cycle;
        break;
    case SIMCTRL_CYCLE_HI:
        a->data = (uint32_t)(a->cycle >> 32);
        break;
    default:
        a->data = 0;
        break;
    }
    return 0;
}
