/* Minimal ELF32 (RISC-V, little-endian) loader: copies PT_LOAD segments into the ISS memory
 * map by physical address and zero-fills .bss. Hostile files are rejected with a message. */
#ifndef BOOTMCU_ELF_LOAD_H
#define BOOTMCU_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "rv32.h"

/* Returns 0 and the entry point, or -1 with a message. */
int elf_load_file(rv32_cpu_t *cpu, const char *path, uint32_t *entry, char *err, size_t errlen);
int elf_load_mem(rv32_cpu_t *cpu, const uint8_t *img, size_t len, uint32_t *entry, char *err,
                 size_t errlen);

#endif
