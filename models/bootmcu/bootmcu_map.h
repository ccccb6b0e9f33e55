/* Default bootmcu address map and clock (DESIGN.md "Default platform"). Every value is a
 * configuration default: the VP takes the map at run time (bootmcu_sc_config::map, vp keys
 * bootmcu.<region>_{base,size,latency}); firmware built for another map overrides the values it
 * uses with -D (each one is guarded by #ifndef). Where AST2700 facts are public
 * they are used (SRAM size, 1 MHz 64-bit timer, Caliptra window from DESIGN.md); the
 * placement of the other blocks is a VP choice, written down here. */
#ifndef BOOTMCU_MAP_H
#define BOOTMCU_MAP_H

/* Usable from C and from assembly (crt0, tests): no integer suffixes in assembler. */
#ifdef __ASSEMBLER__
#define BOOTMCU_U(x) x
#else
#define BOOTMCU_U(x) x##u
#endif

/* Boot ROM: the firmware ELF is loaded here; reset vector = ROM base. VP choice. */
#ifndef BOOTMCU_ROM_BASE
#define BOOTMCU_ROM_BASE BOOTMCU_U(0x00000000)
#endif
#ifndef BOOTMCU_ROM_SIZE
#define BOOTMCU_ROM_SIZE BOOTMCU_U(0x00040000) /* 256 KiB */
#endif
/* SRAM: 244 KiB (AST2700 BootMCU, Zephyr ast2700_evb docs); base is a VP choice. */
#ifndef BOOTMCU_SRAM_BASE
#define BOOTMCU_SRAM_BASE BOOTMCU_U(0x10000000)
#endif
#ifndef BOOTMCU_SRAM_SIZE
#define BOOTMCU_SRAM_SIZE (BOOTMCU_U(244) * BOOTMCU_U(1024))
#endif
/* Peripheral block (VP choice): one 4 KiB page each. */
#ifndef BOOTMCU_UART_BASE
#define BOOTMCU_UART_BASE BOOTMCU_U(0x14001000) /* 16550-compatible, 32-bit register stride */
#endif
#ifndef BOOTMCU_UART_SIZE
#define BOOTMCU_UART_SIZE BOOTMCU_U(0x00000100)
#endif
#ifndef BOOTMCU_TIMER_BASE
#define BOOTMCU_TIMER_BASE BOOTMCU_U(0x14002000) /* 1 MHz 64-bit timer (mtime/mtimecmp) */
#endif
#ifndef BOOTMCU_TIMER_SIZE
#define BOOTMCU_TIMER_SIZE BOOTMCU_U(0x00000100)
#endif
#ifndef BOOTMCU_SCU_BASE
#define BOOTMCU_SCU_BASE BOOTMCU_U(0x14003000) /* CA35 reset release, boot status */
#endif
#ifndef BOOTMCU_SCU_SIZE
#define BOOTMCU_SCU_SIZE BOOTMCU_U(0x00000100)
#endif
#ifndef BOOTMCU_SIMCTRL_BASE
#define BOOTMCU_SIMCTRL_BASE BOOTMCU_U(0x1400F000) /* simulation control: exit code, pass/fail */
#endif
#ifndef BOOTMCU_SIMCTRL_SIZE
#define BOOTMCU_SIMCTRL_SIZE BOOTMCU_U(0x00000100)
#endif
/* Caliptra APB window (DESIGN.md): 128 KiB -> Caliptra 0x3002_0000..0x3003_FFFF. */
#ifndef BOOTMCU_CPTRA_BASE
#define BOOTMCU_CPTRA_BASE BOOTMCU_U(0x14C60000)
#endif
#ifndef BOOTMCU_CPTRA_SIZE
#define BOOTMCU_CPTRA_SIZE BOOTMCU_U(0x00020000)
#endif
/* Memory-mapped SPI flash (read-only window onto the flash image). VP choice. */
#ifndef BOOTMCU_FLASH_BASE
#define BOOTMCU_FLASH_BASE BOOTMCU_U(0x20000000)
#endif
#ifndef BOOTMCU_FLASH_SIZE
#define BOOTMCU_FLASH_SIZE BOOTMCU_U(0x04000000) /* 64 MiB window; image may be smaller */
#endif
/* DRAM for SoC images (VP choice; 64 MiB default). */
#ifndef BOOTMCU_DRAM_BASE
#define BOOTMCU_DRAM_BASE BOOTMCU_U(0x80000000)
#endif
#ifndef BOOTMCU_DRAM_SIZE
#define BOOTMCU_DRAM_SIZE BOOTMCU_U(0x04000000)
#endif

/* bootmcu clock: not in public sources; 200 MHz is our estimate (configurable). */
#ifndef BOOTMCU_CLK_HZ
#define BOOTMCU_CLK_HZ BOOTMCU_U(200000000)
#endif

/* Memory latencies (extra cycles per access), estimates: ROM/SRAM are single-cycle on-die
 * SRAMs (0 extra, like Ibex's zero-wait-state instruction memory); flash window and DRAM sit
 * behind bridges (estimates). */
#ifndef BOOTMCU_ROM_LATENCY
#define BOOTMCU_ROM_LATENCY BOOTMCU_U(0)
#endif
#ifndef BOOTMCU_SRAM_LATENCY
#define BOOTMCU_SRAM_LATENCY BOOTMCU_U(0)
#endif
#ifndef BOOTMCU_PERIPH_LATENCY
#define BOOTMCU_PERIPH_LATENCY BOOTMCU_U(1) /* APB-style peripheral: 1 extra cycle (estimate) */
#endif
#ifndef BOOTMCU_FLASH_LATENCY
#define BOOTMCU_FLASH_LATENCY BOOTMCU_U(8) /* memory-mapped SPI with prefetch (estimate) */
#endif
#ifndef BOOTMCU_DRAM_LATENCY
#define BOOTMCU_DRAM_LATENCY BOOTMCU_U(20) /* DDR behind the SoC interconnect (estimate) */
#endif

#endif
