/* Default bootmcu address map and clock (DESIGN.md "Default platform"). Every value is a
 * configuration default; the platform may override each one. Where AST2700 facts are public
 * they are used (SRAM size, 1 MHz 64-bit timer, Caliptra window from DESIGN.md); the
 * placement of the other blocks is a VP choice, written down here. */
#ifndef BOOTMCU_MAP_H
#define BOOTMCU_MAP_H

/* Boot ROM: the firmware ELF is loaded here; reset vector = ROM base. VP choice. */
#define BOOTMCU_ROM_BASE 0x00000000u
#define BOOTMCU_ROM_SIZE 0x00040000u /* 256 KiB */
/* SRAM: 244 KiB (AST2700 BootMCU, Zephyr ast2700_evb docs); base is a VP choice. */
#define BOOTMCU_SRAM_BASE 0x10000000u
#define BOOTMCU_SRAM_SIZE (244u * 1024u)
/* Peripheral block (VP choice): one 4 KiB page each. */
#define BOOTMCU_UART_BASE    0x14001000u /* 16550-compatible, 32-bit register stride */
#define BOOTMCU_UART_SIZE    0x00000100u
#define BOOTMCU_TIMER_BASE   0x14002000u /* 1 MHz 64-bit timer (mtime/mtimecmp) */
#define BOOTMCU_TIMER_SIZE   0x00000100u
#define BOOTMCU_SCU_BASE     0x14003000u /* CA35 reset release, boot status */
#define BOOTMCU_SCU_SIZE     0x00000100u
#define BOOTMCU_SIMCTRL_BASE 0x1400F000u /* simulation control: exit code, pass/fail */
#define BOOTMCU_SIMCTRL_SIZE 0x00000100u
/* Caliptra APB window (DESIGN.md): 128 KiB -> Caliptra 0x3002_0000..0x3003_FFFF. */
#define BOOTMCU_CPTRA_BASE 0x14C60000u
#define BOOTMCU_CPTRA_SIZE 0x00020000u
/* Memory-mapped SPI flash (read-only window onto the flash image). VP choice. */
#define BOOTMCU_FLASH_BASE 0x20000000u
#define BOOTMCU_FLASH_SIZE 0x04000000u /* 64 MiB window; image may be smaller */
/* DRAM for SoC images (VP choice; 64 MiB default). */
#define BOOTMCU_DRAM_BASE 0x80000000u
#define BOOTMCU_DRAM_SIZE 0x04000000u

/* bootmcu clock: not in public sources; 200 MHz is our estimate (configurable). */
#define BOOTMCU_CLK_HZ 200000000u

/* Memory latencies (extra cycles per access), estimates: ROM/SRAM are single-cycle on-die
 * SRAMs (0 extra, like Ibex's zero-wait-state instruction memory); flash window and DRAM sit
 * behind bridges (estimates). */
#define BOOTMCU_ROM_LATENCY    0u
#define BOOTMCU_SRAM_LATENCY   0u
#define BOOTMCU_PERIPH_LATENCY 1u  /* APB-style peripheral: 1 extra cycle (estimate) */
#define BOOTMCU_FLASH_LATENCY  8u  /* memory-mapped SPI with prefetch (estimate) */
#define BOOTMCU_DRAM_LATENCY   20u /* DDR behind the SoC interconnect (estimate) */

#endif
