/* APB address map of the Caliptra subsystem (C core of the interconnect decode).
 *
 * Initiators address either the AST2700 window (base configurable, default 0x14c6_0000, 128 KiB;
 * window offset 0 = Caliptra 0x3002_0000) or Caliptra addresses 0x3002_0000..0x3003_FFFF
 * directly. Caliptra's arbiter then decodes three targets (caliptra-1x.md §0); anything else is a
 * decode miss, answered with PSLVERR. */
#ifndef APB_MAP_H
#define APB_MAP_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define APB_CPTRA_SPACE_BASE    0x30020000u /* window offset 0 maps here */
#define APB_CPTRA_SPACE_END     0x3003FFFFu /* inclusive */
#define APB_WINDOW_DEFAULT_BASE 0x14c60000u
#define APB_WINDOW_DEFAULT_SIZE 0x20000u /* 128 KiB */

typedef enum {
    APB_TGT_NONE = 0,   /* decode miss -> PSLVERR */
    APB_TGT_MBOX_CSR,   /* 0x3002_0000-0x3002_0FFF */
    APB_TGT_SHA512_ACC, /* 0x3002_1000-0x3002_1FFF */
    APB_TGT_SOC_IFC,    /* 0x3003_0000-0x3003_FFFF */
} apb_target_t;

typedef struct apb_map {
    uint32_t window_base;
    uint32_t window_size; /* bytes; at most 0x20000 is meaningful */
} apb_map_t;

/* Translates an initiator address to a Caliptra address. Returns false when the address is in
 * neither the window nor the Caliptra APB space. */
bool apb_map_translate(const apb_map_t *m, uint64_t addr, uint32_t *cptra_addr);
/* Decodes a Caliptra address to one of the three targets. */
apb_target_t apb_map_decode(uint32_t cptra_addr);
const char *apb_target_name(apb_target_t t);

#ifdef __cplusplus
}
#endif

#endif
