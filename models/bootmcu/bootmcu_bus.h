/* One bus access from the bootmcu ISS to a memory-mapped target (MMIO callback convention).
 * Shared by the ISS (rv32.h) and the bootmcu peripheral cores so each core's access function
 * can be installed directly as a region callback. */
#ifndef BOOTMCU_BUS_H
#define BOOTMCU_BUS_H

#include <stdint.h>

typedef struct bootmcu_bus_access {
    uint32_t off;   /* byte offset inside the region */
    uint32_t data;  /* write data (in) / read data (out), right-aligned */
    uint64_t cycle; /* bootmcu clock cycle at which the access is issued */
    uint32_t wait;  /* out: extra wait cycles the target adds (0 by default) */
    uint8_t size;   /* 1, 2 or 4 bytes; always naturally aligned */
    uint8_t write;  /* 1 = store */
    uint8_t stop;   /* out: set to 1 to ask the ISS to stop after this instruction */
} bootmcu_bus_access_t;

/* Returns 0 on success, non-zero for a bus error (the ISS raises a load/store access fault). */
typedef int (*bootmcu_bus_fn)(void *ctx, bootmcu_bus_access_t *a);

#endif
