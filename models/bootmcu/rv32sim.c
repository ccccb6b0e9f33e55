/* rv32sim: standalone bootmcu runner. Loads an ELF into the default bootmcu map
 * (bootmcu_map.h), runs it on the ISS with the bootmcu peripherals and exits with the
 * program's exit code (sim-control EXIT register). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootmcu_map.h"
#include "elf_load.h"
#include "gdbstub.h"
#include "periph/scu.h"
#include "periph/simctrl.h"
#include "periph/spiflash.h"
#include "periph/timer.h"
#include "periph/uart16550.h"
#include "rv32.h"

#define EXIT_TIMEOUT  124 /* --max-cycles reached */
#define EXIT_DEADLOCK 125 /* WFI with nothing that could ever wake the core */
#define EXIT_USAGE    2

static void usage(FILE *o) {
    fprintf(o,
            "usage: rv32sim [options] program.elf\n"
            "Runs an RV32IMC program on the bootmcu ISS (Ibex timing) with the default bootmcu\n"
            "map; exit status = the value the program writes to the sim-control EXIT register.\n"
            "  --gdb PORT|PATH    GDB remote stub on 127.0.0.1:PORT or a Unix socket PATH\n"
            "  --gdb-wait         wait for the debugger before the first instruction\n"
            "  --max-cycles N     stop after N cycles (exit %d)\n"
            "  --clock-hz N       bootmcu clock for the 1 MHz timer (default %u)\n"
            "  --flash FILE       load FILE into the memory-mapped SPI flash window\n"
            "  --trace            print every instruction (cycle, pc, encoding) to stderr\n"
            "  --stats            print instructions and cycles to stderr at the end\n"
            "  --help             this text\n"
            "Exit status: the program's exit code (low 8 bits), %d at --max-cycles, %d when the\n"
            "core sleeps in WFI with no wake-up source, %d for usage or load errors.\n"
            "Map: ROM 0x%08x (%u KiB), SRAM 0x%08x (%u KiB), UART 0x%08x, TIMER 0x%08x,\n"
            "     SCU 0x%08x, SIMCTRL 0x%08x, FLASH 0x%08x, DRAM 0x%08x (%u MiB)\n",
            EXIT_TIMEOUT, BOOTMCU_CLK_HZ, EXIT_TIMEOUT, EXIT_DEADLOCK, EXIT_USAGE, BOOTMCU_ROM_BASE,
            BOOTMCU_ROM_SIZE / 1024, BOOTMCU_SRAM_BASE, BOOTMCU_SRAM_SIZE / 1024, BOOTMCU_UART_BASE,
            BOOTMCU_TIMER_BASE, BOOTMCU_SCU_BASE, BOOTMCU_SIMCTRL_BASE, BOOTMCU_FLASH_BASE,
            BOOTMCU_DRAM_BASE, BOOTMCU_DRAM_SIZE >> 20);
}

static void out_char(void *ctx, uint8_t ch) {
    (void)ctx;
    fputc(ch, stdout);
    if (ch == '\n') fflush(stdout);
}

static void trace_fn(void *ctx, uint64_t cycle, uint32_t pc, uint32_t insn, int len) {
    (void)ctx;
    if (len == 2)
        fprintf(stderr, "%12" PRIu64 " %08x     %04x\n", cycle, pc, insn);
    else
        fprintf(stderr, "%12" PRIu64 " %08x %08x\n", cycle, pc, insn);
}

static int parse_u64(const char *s, uint64_t *v) {
    char *end;
    if (!s || !*s || *s == '-') return -1;
    unsigned long long x = strtoull(s, &end, 0);
    if (*end) return -1;
    *v = x;
    return 0;
}

int main(int argc, char **argv) {
    const char *elf = NULL, *gdb_where = NULL, *flash_file = NULL;
    int gdb_wait = 0, trace = 0, stats = 0;
    uint64_t max_cycles = 0, clock_hz = BOOTMCU_CLK_HZ;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--gdb") && i + 1 < argc) {
            gdb_where = argv[++i];
        } else if (!strcmp(a, "--gdb-wait")) {
            gdb_wait = 1;
        } else if (!strcmp(a, "--max-cycles") && i + 1 < argc) {
            if (parse_u64(argv[++i], &max_cycles)) {
                fprintf(stderr, "rv32sim: bad --max-cycles '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--clock-hz") && i + 1 < argc) {
            if (parse_u64(argv[++i], &clock_hz) || clock_hz == 0) {
                fprintf(stderr, "rv32sim: bad --clock-hz '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--flash") && i + 1 < argc) {
            flash_file = argv[++i];
        } else if (!strcmp(a, "--trace")) {
            trace = 1;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (a[0] == '-' || elf) {
            fprintf(stderr, "rv32sim: unexpected argument '%s' (see --help)\n", a);
            return EXIT_USAGE;
        } else {
            elf = a;
        }
    }
    if (!elf) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (gdb_wait && !gdb_where) {
        fprintf(stderr, "rv32sim: --gdb-wait needs --gdb\n");
        return EXIT_USAGE;
    }

    int rc = EXIT_USAGE;
    uint8_t *rom = calloc(1, BOOTMCU_ROM_SIZE), *sram = calloc(1, BOOTMCU_SRAM_SIZE);
    uint8_t *dram = calloc(1, BOOTMCU_DRAM_SIZE);
    uart16550_t uart;
    bootmcu_timer_t timer;
    bootmcu_scu_t scu;
    simctrl_t sim;
    spiflash_t flash = {0};
    uart16550_init(&uart, out_char, NULL);
    bootmcu_timer_init(&timer, clock_hz);
    bootmcu_scu_init(&scu, NULL, NULL);
    simctrl_init(&sim, out_char, NULL);
    rv32_cpu_t *cpu = NULL;
    gdbstub_t *gdb = NULL;
    char err[256] = "";
    if (!rom || !sram || !dram || spiflash_init(&flash, BOOTMCU_FLASH_SIZE)) {
        fprintf(stderr, "rv32sim: out of memory\n");
        goto out;
    }
    if (flash_file && spiflash_load_file(&flash, flash_file, err, sizeof(err))) {
        fprintf(stderr, "rv32sim: %s\n", err);
        goto out;
    }
    rv32_region_t regions[] = {
        {"rom", BOOTMCU_ROM_BASE, BOOTMCU_ROM_SIZE, rom, 1, 1, BOOTMCU_ROM_LATENCY, NULL, NULL},
        {"sram", BOOTMCU_SRAM_BASE, BOOTMCU_SRAM_SIZE, sram, 0, 1, BOOTMCU_SRAM_LATENCY, NULL,
         NULL},
        {"dram", BOOTMCU_DRAM_BASE, BOOTMCU_DRAM_SIZE, dram, 0, 1, BOOTMCU_DRAM_LATENCY, NULL,
         NULL},
        {"flash", BOOTMCU_FLASH_BASE, BOOTMCU_FLASH_SIZE, flash.data, 1, 1, BOOTMCU_FLASH_LATENCY,
         NULL, NULL},
        {"uart", BOOTMCU_UART_BASE, BOOTMCU_UART_SIZE, NULL, 0, 0, BOOTMCU_PERIPH_LATENCY,
         uart16550_access, &uart},
        {"timer", BOOTMCU_TIMER_BASE, BOOTMCU_TIMER_SIZE, NULL, 0, 0, BOOTMCU_PERIPH_LATENCY,
         bootmcu_timer_access, &timer},
        {"scu", BOOTMCU_SCU_BASE, BOOTMCU_SCU_SIZE, NULL, 0, 0, BOOTMCU_PERIPH_LATENCY,
         bootmcu_scu_access, &scu},
        {"simctrl", BOOTMCU_SIMCTRL_BASE, BOOTMCU_SIMCTRL_SIZE, NULL, 0, 0, BOOTMCU_PERIPH_LATENCY,
         simctrl_access, &sim},
    };
    rv32_config_t cfg = {regions, sizeof(regions) / sizeof(regions[0]), 0, 22};
    cpu = rv32_create(&cfg, err, sizeof(err));
    if (!cpu) {
        fprintf(stderr, "rv32sim: %s\n", err);
        goto out;
    }
    uint32_t entry;
    if (elf_load_file(cpu, elf, &entry, err, sizeof(err))) {
        fprintf(stderr, "rv32sim: %s\n", err);
        goto out;
    }
    rv32_reset(cpu, entry);
    if (trace) rv32_set_trace(cpu, trace_fn, NULL);
    if (gdb_where) {
        gdb = gdbstub_open(cpu, gdb_where, err, sizeof(err));
        if (!gdb) {
            fprintf(stderr, "rv32sim: %s\n", err);
            goto out;
        }
        if (gdbstub_port(gdb))
            fprintf(stderr, "rv32sim: gdb stub on 127.0.0.1:%d\n", gdbstub_port(gdb));
        else
            fprintf(stderr, "rv32sim: gdb stub on %s\n", gdb_where);
        if (gdb_wait && gdbstub_wait_attach(gdb)) {
            fprintf(stderr, "rv32sim: waiting for the debugger failed\n");
            goto out;
        }
    }

    int done = 0;
    while (!done) {
        uint64_t now = rv32_cycles(cpu);
        rv32_set_irq(cpu, RV32_IRQ_TIMER, bootmcu_timer_irq(&timer, now));
        rv32_set_irq(cpu, RV32_IRQ_EXT, uart16550_irq(&uart));
        if (max_cycles && now >= max_cycles) {
            fprintf(stderr, "rv32sim: --max-cycles %" PRIu64 " reached at pc 0x%08x\n", max_cycles,
                    rv32_get_pc(cpu));
            rc = EXIT_TIMEOUT;
            break;
        }
        rv32_stop_t why;
        if (gdb) {
            gdb_action_t act = gdbstub_poll(gdb);
            if (act == GDB_KILL) {
                rc = 0;
                break;
            }
            if (act == GDB_STEP) {
                why = rv32_step(cpu, NULL);
                if (sim.exited) break;
                if (why == RV32_STOP_WFI) { /* asleep: skip to the next timer event */
                    uint64_t t = bootmcu_timer_irq_cycle(&timer), n = rv32_cycles(cpu);
                    if (t != UINT64_MAX && t > n) rv32_skip_cycles(cpu, t - n);
                }
                gdbstub_stopped(gdb, 5);
                continue;
            }
        }
        uint64_t slice = gdb && gdbstub_attached(gdb) ? 20000 : 1000000;
        uint64_t tnext = bootmcu_timer_irq_cycle(&timer);
        if (tnext > now && tnext - now < slice) slice = tnext - now;
        if (max_cycles && max_cycles - now < slice) slice = max_cycles - now;
        why = rv32_run(cpu, slice, NULL);
        if (sim.exited) break;
        switch (why) {
        case RV32_STOP_BREAKPOINT:
            if (gdb) gdbstub_stopped(gdb, 5);
            break;
        case RV32_STOP_WFI: {
            now = rv32_cycles(cpu);
            rv32_set_irq(cpu, RV32_IRQ_TIMER, bootmcu_timer_irq(&timer, now));
            rv32_set_irq(cpu, RV32_IRQ_EXT, uart16550_irq(&uart));
            uint64_t rv = 0;
            if (rv32_run(cpu, 1, &rv) != RV32_STOP_WFI || rv) break; /* woke up */
            uint64_t t = bootmcu_timer_irq_cycle(&timer);
            if (t == UINT64_MAX || t <= now) {
                if (gdb && gdbstub_attached(gdb)) {
                    gdbstub_stopped(gdb, 5); /* let the user look at the sleeping core */
                    break;
                }
                fprintf(stderr, "rv32sim: deadlock: WFI at pc 0x%08x with no wake-up source\n",
                        rv32_get_pc(cpu));
                rc = EXIT_DEADLOCK;
                done = 1;
                break;
            }
            if (max_cycles && t > max_cycles) t = max_cycles;
            rv32_skip_cycles(cpu, t - now);
            break;
        }
        default:
            break;
        }
    }
    if (sim.exited) {
        rc = (int)(sim.exit_code & 0xFF);
        if (sim.exit_code)
            fprintf(stderr, "rv32sim: exit code %u (0x%x)\n", sim.exit_code, sim.exit_code);
        if (gdb) gdbstub_exited(gdb, rc);
    }
    if (uart16550_pending(&uart)[0]) {
        fputc('\n', stdout);
    }
    fflush(stdout);
    if (stats) {
        uint64_t cyc = rv32_cycles(cpu), ins = rv32_instret(cpu);
        fprintf(stderr, "rv32sim: instructions %" PRIu64 " cycles %" PRIu64 " (CPI %.3f) exit %d\n",
                ins, cyc, ins ? (double)cyc / (double)ins : 0.0, rc);
    }
out:
    gdbstub_close(gdb);
    rv32_destroy(cpu);
    uart16550_free(&uart);
    spiflash_free(&flash);
    free(rom);
    free(sram);
    free(dram);
    return rc;
}
