/* bootmcu view of the AST2700 SCU subset the VP models (register map is a VP choice; the real
 * SCU layout is not public for this use):
 *   0x00 CA35_RESET   (RW) bit0 = 1 releases the Cortex-A35 cluster from reset (sticky: once
 *                          released it stays released; writing 0 has no effect)
 *   0x04 CHIP_ID      (RO) 0x0700_0003 (VP value, "AST2700 A1-like"; configurable)
 *   0x10 BOOT_STATUS  (RW) firmware progress code (last value + history with cycles)
 *   0x14 BOOT_ERROR   (RW) firmware error code (0 = none)
 *   0x18 SCRATCH0, 0x1C SCRATCH1 (RW)
 *   0x20 APB_ERR      (RW) Caliptra-window bus errors: bits[30:0] = number of PSLVERR
 *                          responses since the last clear (saturating), bit31 = sticky "any";
 *                          write any value to clear (count and address)
 *   0x24 APB_ERR_ADDR (RO) bootmcu address of the last access that got PSLVERR
 * The Caliptra window itself answers a PSLVERR read with 0 and drops the write without a trap,
 * so firmware checks APB_ERR (e.g. after each MBOX_LOCK read, caliptra-1x.md §1.3).
 * The report reads the history; the platform is notified of the CA35 release. */
#ifndef BOOTMCU_SCU_H
#define BOOTMCU_SCU_H

#include <stddef.h>
#include <stdint.h>

#include "../bootmcu_bus.h"

enum {
    SCU_CA35_RESET = 0x00,
    SCU_CHIP_ID = 0x04,
    SCU_BOOT_STATUS = 0x10,
    SCU_BOOT_ERROR = 0x14,
    SCU_SCRATCH0 = 0x18,
    SCU_SCRATCH1 = 0x1C,
    SCU_APB_ERR = 0x20,
    SCU_APB_ERR_ADDR = 0x24,
};
#define SCU_APB_ERR_ANY     0x80000000u
#define SCU_CHIP_ID_DEFAULT 0x07000003u
#define SCU_HISTORY_MAX     256u

typedef struct scu_status_event {
    uint32_t value;
    uint64_t cycle;
} scu_status_event_t;

typedef void (*scu_release_fn)(void *ctx, uint64_t cycle);

typedef struct bootmcu_scu {
    uint32_t chip_id;
    int ca35_released;
    uint64_t ca35_release_cycle;
    uint32_t boot_status, boot_error, scratch[2];
    scu_status_event_t history[SCU_HISTORY_MAX]; /* first SCU_HISTORY_MAX status writes */
    size_t nhistory;
    size_t dropped;                       /* writes beyond the history */
    uint32_t apb_err_count, apb_err_addr; /* PSLVERR latch (0x20/0x24) */
    uint64_t apb_err_total;               /* never cleared; for the report */
    scu_release_fn on_release;
    void *on_release_ctx;
} bootmcu_scu_t;

void bootmcu_scu_init(bootmcu_scu_t *s, scu_release_fn on_release, void *ctx);
int bootmcu_scu_access(void *ctx, bootmcu_bus_access_t *a);
/* The platform reports a PSLVERR on the Caliptra window (addr = bootmcu address). */
void bootmcu_scu_apb_error(bootmcu_scu_t *s, uint32_t addr);

#endif
