/* GDB remote serial protocol stub for the bootmcu ISS (riscv32, 32 x-registers + pc).
 * Transport: TCP on 127.0.0.1 (`where` = port number, 0 = any free port) or a Unix socket
 * (`where` contains a '/' or starts with "unix:"). The stub never blocks the simulator while
 * the target runs: the caller runs the ISS in slices and calls gdbstub_poll() in between.
 * While the target is halted, gdbstub_poll() blocks until the debugger resumes it. */
#ifndef GDBSTUB_H
#define GDBSTUB_H

#include <stddef.h>
#include <stdint.h>

#include "rv32.h"

typedef struct gdbstub gdbstub_t;

typedef enum gdb_action {
    GDB_RUN = 0, /* run the target (no debugger, or debugger said continue) */
    GDB_STEP,    /* execute one instruction, then call gdbstub_stopped() */
    GDB_KILL,    /* debugger sent 'k': end the simulation */
} gdb_action_t;

gdbstub_t *gdbstub_open(rv32_cpu_t *cpu, const char *where, char *err, size_t errlen);
void gdbstub_close(gdbstub_t *g);
/* TCP port actually bound (useful with port 0); 0 for Unix sockets. */
int gdbstub_port(const gdbstub_t *g);
/* Block until a debugger connects (--gdb-wait); the target is halted on connection. */
int gdbstub_wait_attach(gdbstub_t *g);
int gdbstub_attached(const gdbstub_t *g);
/* Service the connection (accept a new debugger, handle packets, Ctrl-C). */
gdb_action_t gdbstub_poll(gdbstub_t *g);
/* The target stopped (breakpoint, step done): halt and send a stop reply with `sig`. */
void gdbstub_stopped(gdbstub_t *g, int sig);
/* The program ended with `code`: sends W<code> and drops the connection. */
void gdbstub_exited(gdbstub_t *g, int code);

#endif
