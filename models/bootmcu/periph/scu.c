#include "scu.h"

#include <string.h>

void bootmcu_scu_init(bootmcu_scu_t *s, scu_release_fn on_release, void *ctx) {
    memset(s, 0, sizeof(*s));
    s->chip_id = SCU_CHIP_ID_DEFAULT;
    s->on_release = on_release;
    s->on_release_ctx = ctx;
}

int bootmcu_scu_access(void *ctx, bootmcu_bus_access_t *a) {
    bootmcu_scu_t *s = ctx;
    if (a->size != 4) return -1; /* 32-bit registers only */
    if (a->write) {
        switch (a->off) {
        case SCU_CA35_RESET:
            if ((a->data & 1u) && !s->ca35_released) {
                s->ca35_released = 1;
                s->ca35_release_cycle = a->cycle;
                if (s->on_release) s->on_release(s->on_release_ctx, a->cycle);
            }
            break;
        case SCU_BOOT_STATUS:
            s->boot_status = a->data;
            if (s->nhistory < SCU_HISTORY_MAX) {
                s->history[s->nhistory].value = a->data;
                s->history[s->nhistory].cycle = a->cycle;
                s->nhistory++;
            } else {
                s->dropped++;
            }
            break;
        case SCU_BOOT_ERROR:
            s->boot_error = a->data;
            break;
        case SCU_SCRATCH0:
            s->scratch[0] = a->data;
            break;
        case SCU_SCRATCH1:
            s->scratch[1] = a->data;
            break;
        case SCU_APB_ERR:
            s->apb_err_count = 0;
            s->apb_err_addr = 0;
            break;
        default:
            break;
        }
        return 0;
    }
    switch (a->off) {
    case SCU_CA35_RESET:
        a->data = (uint32_t)s->ca35_released;
        break;
    case SCU_CHIP_ID:
        a->data = s->chip_id;
        break;
    case SCU_BOOT_STATUS:
        a->data = s->boot_status;
        break;
    case SCU_BOOT_ERROR:
        a->data = s->boot_error;
        break;
    case SCU_SCRATCH0:
        a->data = s->scratch[0];
        break;
    case SCU_SCRATCH1:
        a->data = s->scratch[1];
        break;
    case SCU_APB_ERR:
        a->data = s->apb_err_count ? (SCU_APB_ERR_ANY | s->apb_err_count) : 0;
        break;
    case SCU_APB_ERR_ADDR:
        a->data = s->apb_err_addr;
        break;
    default:
        a->data = 0;
        break;
    }
    return 0;
}

void bootmcu_scu_apb_error(bootmcu_scu_t *s, uint32_t addr) {
    if (s->apb_err_count < 0x7FFFFFFFu) s->apb_err_count++;
    s->apb_err_addr = addr;
    s->apb_err_total++;
}
