/* GDB remote protocol stub over a real TCP socket: packets, checksums and acks, no-ack mode,
 * target description, register/memory access, breakpoints, continue/step, Ctrl-C, kill,
 * and garbage input. The test is the debugger; the stub runs in the same thread (every
 * command sequence ends with a resume so gdbstub_poll() returns). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "gdbstub.h"
#include "rv32.h"

static uint8_t rom[4096], sram[4096];

typedef struct {
    rv32_cpu_t *cpu;
    gdbstub_t *g;
    int fd;
    char rx[20000];
    size_t rxlen;
} fx_t;

static void pkt(fx_t *f, const char *body) {
    unsigned sum = 0;
    for (const char *p = body; *p; p++)
        sum += (unsigned char)*p;
    char buf[9000];
    int n = snprintf(buf, sizeof(buf), "$%s#%02x", body, sum & 0xFF);
    assert_int_equal(write(f->fd, buf, (size_t)n), n);
}

static void raw(fx_t *f, const char *s, size_t n) {
    assert_int_equal(write(f->fd, s, n), (ssize_t)n);
}

/* Collect whatever the stub sent (it has already been sent when gdbstub_* returned). */
static const char *drain(fx_t *f) {
    for (;;) {
        struct pollfd p = {.fd = f->fd, .events = POLLIN};
        if (poll(&p, 1, 50) <= 0) break;
        ssize_t n = read(f->fd, f->rx + f->rxlen, sizeof(f->rx) - 1 - f->rxlen);
        if (n <= 0) break;
        f->rxlen += (size_t)n;
    }
    f->rx[f->rxlen] = 0;
    return f->rx;
}
static void clear(fx_t *f) {
    f->rxlen = 0;
    f->rx[0] = 0;
}

static int setup(void **state) {
    static fx_t f;
    memset(&f, 0, sizeof(f));
    memset(rom, 0, sizeof(rom));
    /* rom: addi x1,x1,1 ; addi x2,x2,1 ; j -8 */
    const uint32_t prog[] = {0x00108093u, 0x00110113u, 0xff9ff06fu};
    memcpy(rom, prog, sizeof(prog));
    rv32_region_t regs[] = {{"rom", 0, sizeof(rom), rom, 0, 1, 0, NULL, NULL},
                            {"sram", 0x10000, sizeof(sram), sram, 0, 1, 0, NULL, NULL}};
    rv32_config_t cfg = {regs, 2, 0, 22};
    f.cpu = rv32_create(&cfg, NULL, 0);
    assert_non_null(f.cpu);
    rv32_reset(f.cpu, 0);
    char err[128];
    f.g = gdbstub_open(f.cpu, "0", err, sizeof(err));
    assert_non_null(f.g);
    assert_true(gdbstub_port(f.g) > 0);
    f.fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)gdbstub_port(f.g))};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(f.fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    *state = &f;
    return 0;
}

static int teardown(void **state) {
    fx_t *f = *state;
    close(f->fd);
    gdbstub_close(f->g);
    rv32_destroy(f->cpu);
    return 0;
}

static void session(void **state) {
    fx_t *f = *state;
    /* bad checksum is NAKed in ack mode; a good packet is ACKed and answered */
    raw(f, "$?#00", 5);
    pkt(f, "qSupported:multiprocess+;xmlRegisters=i386");
    pkt(f, "QStartNoAckMode");
    pkt(f, "qXfer:features:read:target.xml:0,fff");
    pkt(f, "qAttached");
    pkt(f, "vCont?");
    pkt(f, "g");
    pkt(f, "P5=78563412");
    pkt(f, "p5");
    pkt(f, "p21");          /* register 33 = mstatus: MPP = M */
    pkt(f, "p22");          /* register 34 = misa */
    pkt(f, "P25=00010000"); /* register 37 = mscratch */
    pkt(f, "p60");          /* register 96 does not exist */
    pkt(f, "m0,8");
    pkt(f, "M10000,4:deadbeef");
    pkt(f, "m30000,4"); /* unmapped */
    pkt(f, "Z0,4,4");
    pkt(f, "c");
    assert_int_equal(gdbstub_poll(f->g), GDB_RUN);
    const char *r = drain(f);
    assert_true(r[0] == '-'); /* NAK for the bad checksum */
    assert_non_null(strstr(r, "+$PacketSize=4000;qXfer:features:read+;QStartNoAckMode+#"));
    assert_non_null(strstr(r, "$OK#9a"));
    assert_non_null(strstr(r, "<architecture>riscv:rv32</architecture>"));
    assert_non_null(strstr(r, "org.gnu.gdb.riscv.cpu"));
    assert_non_null(strstr(r, "name=\"pc\" bitsize=\"32\""));
    assert_non_null(strstr(r, "$1#31"));
    assert_non_null(strstr(r, "$#00")); /* vCont? unsupported: empty reply */
    /* 'g' = 33 registers x 8 hex digits, all zero at reset */
    char zeros[8 * 33 + 1];
    memset(zeros, '0', 8 * 33);
    zeros[8 * 33] = 0;
    assert_non_null(strstr(r, zeros));
    assert_non_null(strstr(r, "$78563412#"));
    assert_non_null(strstr(r, "$00180000#"));
    assert_non_null(strstr(r, "$04110040#"));
    assert_non_null(strstr(r, "org.gnu.gdb.riscv.csr"));
    assert_non_null(strstr(r, "$E01#"));
    uint32_t scratch = 0;
    rv32_csr_read(f->cpu, RV32_CSR_MSCRATCH, &scratch);
    assert_int_equal(scratch, 0x100);
    assert_non_null(strstr(r, "$9380100013011100#")); /* first 8 rom bytes, little-endian */
    assert_non_null(strstr(r, "$E14#"));
    assert_int_equal(rv32_get_reg(f->cpu, 5), 0x12345678u);
    uint32_t w;
    rv32_mem_read(f->cpu, 0x10000, &w, 4);
    assert_int_equal(w, 0xEFBEADDEu);
    /* after no-ack mode, the stub sends no '+' for later packets */
    const char *after = strstr(r, "$OK#9a") + 6;
    assert_null(strchr(after, '+'));
    clear(f);

    /* the breakpoint stops the run; the stub reports SIGTRAP */
    assert_int_equal(rv32_run(f->cpu, 1000, NULL), RV32_STOP_BREAKPOINT);
    gdbstub_stopped(f->g, 5);
    assert_non_null(strstr(drain(f), "$S05#b8"));
    clear(f);

    /* single step, then remove the breakpoint and continue */
    pkt(f, "s");
    assert_int_equal(gdbstub_poll(f->g), GDB_STEP);
    rv32_step(f->cpu, NULL);
    gdbstub_stopped(f->g, 5);
    assert_int_equal(rv32_get_pc(f->cpu), 8);
    pkt(f, "z0,4,4");
    pkt(f, "c");
    assert_int_equal(gdbstub_poll(f->g), GDB_RUN);
    assert_int_equal(rv32_run(f->cpu, 100, NULL), RV32_STOP_BUDGET);
    clear(f);

    /* Ctrl-C while running halts with SIGINT; garbage and an oversized packet are ignored */
    raw(f, "\x03", 1);
    raw(f, "garbage", 7);
    static char huge[0x4100];
    memset(huge, 'A', sizeof(huge));
    huge[0] = '$';
    raw(f, huge, sizeof(huge));
    raw(f, "#00", 3);
    pkt(f, "c");
    /* a running target only sees bytes already delivered: give loopback TCP a moment */
    usleep(50000);
    assert_int_equal(gdbstub_poll(f->g), GDB_RUN);
    r = drain(f);
    if (!strstr(r, "$S02#b5")) fprintf(stderr, "got: %.200s\n", r);
    assert_non_null(strstr(r, "$S02#b5"));
    clear(f);

    /* kill */
    pkt(f, "k");
    assert_int_equal(gdbstub_poll(f->g), GDB_KILL);
}

static void detach_lets_target_run(void **state) {
    fx_t *f = *state;
    pkt(f, "D");
    assert_int_equal(gdbstub_poll(f->g), GDB_RUN);
    assert_non_null(strstr(drain(f), "$OK#9a"));
    assert_false(gdbstub_attached(f->g));
    assert_int_equal(gdbstub_poll(f->g), GDB_RUN); /* no debugger: never blocks */
}

static void bad_addresses_rejected(void **state) {
    (void)state;
    char err[128];
    assert_null(gdbstub_open(NULL, "notaport", err, sizeof(err)));
    assert_non_null(strstr(err, "bad port"));
    assert_null(gdbstub_open(NULL, "70000", err, sizeof(err)));
    assert_null(gdbstub_open(NULL, "/nonexistent-dir/sock", err, sizeof(err)));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(session, setup, teardown),
        cmocka_unit_test_setup_teardown(detach_lets_target_run, setup, teardown),
        cmocka_unit_test(bad_addresses_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
