/* Bridge integration tests over a real Unix socket against cptr-testserver (C hw model + test
 * uC agent). Usage: test_bridge_sock TESTSERVER CPTRA_CLI MODE(queue|sync) SCENARIO.
 * Oracle: spec/qemu-bridge.md (frames), caliptra-1x.md §1 (mailbox FSM), §3 (CAPS framing). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "cptr_codec.h"
#include "cptra_transport.h"

#define MB      0x30020000u
#define SOC     0x30030000u
#define OP_CAPS 0x43415053u
#define OP_VER  0x46505652u
#define OP_INFO 0x494E464Fu

static int failures;
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c);                  \
            failures++;                                                                            \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        unsigned long long _a = (unsigned long long)(a), _b = (unsigned long long)(b);             \
        if (_a != _b) {                                                                            \
            fprintf(stderr, "%s:%d: %s = 0x%llx, expected 0x%llx\n", __FILE__, __LINE__, #a, _a,   \
                    _b);                                                                           \
            failures++;                                                                            \
            return;                                                                                \
        }                                                                                          \
    } while (0)

static const char *g_server, *g_cli, *g_mode;
static char g_dir[48], g_sock[96];
static pid_t g_pid;

/* ---- server process ---- */

static int try_connect(void) {
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", g_sock);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) return fd;
    if (fd >= 0) close(fd);
    return -1;
}

static int start_server(const char *extra1, const char *extra2, const char **more) {
    snprintf(g_dir, sizeof g_dir, "/tmp/bridge-test-XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_sock, sizeof g_sock, "%s/cptr.sock", g_dir);
    g_pid = fork();
    if (g_pid == 0) {
        const char *argv[12] = {g_server, "--socket", g_sock, "--mode", g_mode, "--quiet"};
        int n = 6;
        if (extra1) argv[n++] = extra1;
        if (extra2) argv[n++] = extra2;
        for (int i = 0; more && i < 4; i++)
            argv[n++] = more[i];
        argv[n] = NULL;
        execv(g_server, (char *const *)argv);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) { /* up to 5 s: the server listens once runtime-ready */
        struct stat sb;
        if (stat(g_sock, &sb) == 0) {
            int fd = try_connect();
            if (fd >= 0) {
                close(fd);
                return 0;
            }
        }
        usleep(10000);
    }
    return -1;
}

/* SIGTERM, then the exit status (0 = clean shutdown, no leak under ASan). */
static int stop_server(void) {
    int st = 0;
    kill(g_pid, SIGTERM);
    waitpid(g_pid, &st, 0);
    unlink(g_sock);
    rmdir(g_dir);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* ---- raw v1 frames ---- */

static int read_full(int fd, uint8_t *b, size_t n) {
    size_t got = 0;
    while (got < n) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 5000) <= 0) return -1;
        ssize_t r = read(fd, b + got, n - got);
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

static int raw_read(int fd, uint32_t addr, uint32_t *data) {
    uint8_t b[16];
    if (write(fd, b, cptr_encode_apb_read(b, CPTR_V1, addr)) != 16 || read_full(fd, b, 16))
        return -1;
    const uint8_t hdr[12] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00, 0x04, 0x00, 0x04, 0, 0, 0};
    if (memcmp(b, hdr, 12)) return -2;
    *data = cptr_get32(b + 12);
    return 0;
}

static int raw_write(int fd, uint32_t addr, uint32_t data) {
    uint8_t b[20];
    const uint8_t wack[12] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00, 0x06, 0x00, 0, 0, 0, 0};
    if (write(fd, b, cptr_encode_apb_write(b, CPTR_V1, addr, data)) != 20 || read_full(fd, b, 12))
        return -1;
    return memcmp(b, wack, 12) ? -2 : 0;
}

/* True when the server closed the connection (EOF) within 5 s. */
static bool closed_by_peer(int fd, uint8_t *reply, size_t *reply_len) {
    size_t got = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 5000) <= 0) return false;
        uint8_t b[64];
        ssize_t r = read(fd, b, sizeof b);
        if (r <= 0) {
            if (reply_len) *reply_len = got;
            return true;
        }
        if (reply && got + (size_t)r <= 64) memcpy(reply + got, b, (size_t)r);
        got += (size_t)r;
    }
}

/* ---- expected CAPS response (caliptra-1x.md §3.1, §3.3) ---- */
static void check_caps_resp(const uint8_t *r, size_t n) {
    CHECK_EQ(n, 24);
    uint32_t sum = 0;
    for (size_t i = 4; i < 24; i++)
        sum += r[i];
    CHECK_EQ(cptr_get32(r), (uint32_t)(0u - sum)); /* response checksum, cmd = 0 */
    CHECK_EQ(cptr_get32(r + 4), 0);                /* FIPS_APPROVED */
    for (size_t i = 8; i < 24; i++)
        CHECK_EQ(r[i], i == 15 ? 0x01 : 0x00); /* u128 BE, RT_BASE = bit 64 -> byte 7 */
}

static void caps_via(int proto, uint8_t *resp, size_t *rl) {
    cptra_transport_t *t = NULL;
    CHECK_EQ(cptra_sock_open(&t, g_sock, proto, 5000), CPTRA_OK);
    uint8_t req[4] = {0};
    uint32_t fe = 1;
    cptra_status_t st = cptra_mbox_exec(t, OP_CAPS, req, 4, resp, 256, rl, &fe);
    cptra_transport_close(t);
    CHECK_EQ(st, CPTRA_OK);
    CHECK_EQ(fe, 0);
}

static void expect_good_client(int proto) {
    uint8_t resp[256];
    size_t rl = 0;
    int f0 = failures;
    caps_via(proto, resp, &rl);
    if (failures == f0) check_caps_resp(resp, rl);
}

/* ---- scenarios ---- */

/* The RFC's test sequence (seeds/000 cover letter), frame by frame, then the response. */
static void rfc_sequence(void) {
    int fd = try_connect();
    CHECK(fd >= 0);
    uint32_t d = 0;
    CHECK_EQ(raw_read(fd, MB + 0x00, &d), 0); /* LOCK */
    CHECK_EQ(d, 0);                           /* read 0 => we own it (§1.1) */
    CHECK_EQ(raw_write(fd, MB + 0x08, OP_CAPS), 0);
    CHECK_EQ(raw_write(fd, MB + 0x0C, 4), 0);
    CHECK_EQ(raw_write(fd, MB + 0x10, 0xFFFFFED9u), 0);
    CHECK_EQ(raw_write(fd, MB + 0x18, 1), 0);
    int polls = 0;
    do {
        CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
        CHECK(++polls < 100000);
    } while ((d & 0xF) == 0); /* CMD_BUSY */
    CHECK_EQ(d & 0xF, 1);     /* DATA_READY */
    /* mbox_fsm_ps is a registered mirror, one clk behind the FSM (caliptra-1x.md §1.1): read
     * again to see EXECUTE_SOC */
    CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
    CHECK_EQ(d & 0xF, 1);
    CHECK_EQ((d >> 6) & 7, 4); /* mbox_fsm_ps = EXECUTE_SOC */
    CHECK_EQ((d >> 9) & 1, 1); /* soc_has_lock */
    CHECK_EQ(raw_read(fd, MB + 0x0C, &d), 0);
    CHECK_EQ(d, 24);
    uint8_t resp[24];
    for (int i = 0; i < 6; i++) {
        CHECK_EQ(raw_read(fd, MB + 0x14, &d), 0);
        cptr_put32(resp + 4 * i, d);
    }
    check_caps_resp(resp, 24);
    CHECK_EQ(raw_write(fd, MB + 0x18, 0), 0);
    CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
    CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
    CHECK_EQ(d & 0xF, 0);
    CHECK_EQ((d >> 6) & 7, 0); /* IDLE */
    CHECK_EQ((d >> 9) & 1, 0);
    /* an unmapped address reads 0xDEADBEEF and a write there is still acknowledged (§1.5) */
    CHECK_EQ(raw_read(fd, 0x30022000u, &d), 0);
    CHECK_EQ(d, 0xDEADBEEFu);
    CHECK_EQ(raw_write(fd, 0x30022000u, 5), 0);
    close(fd);
    expect_good_client(1);
}

static void send_and_expect_drop(const uint8_t *b, size_t n, bool expect_error_frame,
                                 uint32_t kind) {
    int fd = try_connect();
    CHECK(fd >= 0);
    CHECK_EQ((size_t)write(fd, b, n), n);
    uint8_t reply[64];
    size_t rl = 0;
    CHECK(closed_by_peer(fd, reply, &rl));
    close(fd);
    if (expect_error_frame) {
        CHECK_EQ(rl, 20);
        CHECK_EQ(cptr_get32(reply), CPTR_MAGIC);
        CHECK_EQ(reply[6], CPTR_ERROR);
        CHECK_EQ(cptr_get32(reply + 12), kind);
    } else {
        CHECK_EQ(rl, 0);
    }
    expect_good_client(1); /* the next client is served, model state intact */
}

static void malformed(void) {
    uint8_t b[64];
    uint8_t good[16];
    cptr_encode_apb_read(good, CPTR_V1, MB + 0x1C);
    memcpy(b, good, 16);
    b[0] ^= 0xFF; /* bad magic */
    send_and_expect_drop(b, 16, false, 0);
    memcpy(b, good, 16);
    b[4] = 7; /* bad version */
    send_and_expect_drop(b, 16, false, 0);
    memcpy(b, good, 16);
    b[6] = 9; /* unknown v1 command */
    send_and_expect_drop(b, 16, false, 0);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_WRITE, 4); /* short payload */
    cptr_put32(b + 12, MB);
    send_and_expect_drop(b, 16, false, 0);
    cptr_encode_header(b, CPTR_V1, CPTR_APB_READ, 0xFFFFFFF0u); /* oversized length */
    send_and_expect_drop(b, 12, false, 0);
    /* v2 frames get an ERROR frame before the drop */
    cptr_encode_header(b, CPTR_V2, CPTR_MBOX_EXEC, 12);
    cptr_put32(b + 12, OP_CAPS);
    cptr_put32(b + 16, 100);
    send_and_expect_drop(b, 24, true, CPTR_E_BAD_PAYLOAD);
    cptr_encode_header(b, CPTR_V2, 0x77, 0);
    send_and_expect_drop(b, 12, true, CPTR_E_UNKNOWN_CMD);
    /* truncated header, then close */
    int fd = try_connect();
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, good, 7), 7);
    close(fd);
    expect_good_client(1);
    /* full header, half the payload, then close */
    fd = try_connect();
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, good, 14), 14);
    close(fd);
    expect_good_client(2);
    /* a good frame after garbage in the same connection is never reached */
    memcpy(b, good, 16);
    b[1] = 0;
    memcpy(b + 16, good, 16);
    send_and_expect_drop(b, 32, false, 0);
}

/* Clients that die in every phase of a mailbox command; the next client must complete its
 * own command (the bridge and the library recover a lock left with the bridge PAUSER). */
static void abort_client(int phase) {
    int fd = try_connect();
    CHECK(fd >= 0);
    uint32_t d = 0;
    if (phase >= 1) {
        CHECK_EQ(raw_read(fd, MB + 0x00, &d), 0); /* RDY_FOR_CMD */
        CHECK_EQ(d, 0); /* the previous (good) client left the mailbox IDLE */
    }
    if (phase >= 2) CHECK_EQ(raw_write(fd, MB + 0x08, OP_CAPS), 0); /* RDY_FOR_DLEN */
    if (phase >= 3) CHECK_EQ(raw_write(fd, MB + 0x0C, 4), 0);       /* RDY_FOR_DATA */
    if (phase >= 4) CHECK_EQ(raw_write(fd, MB + 0x10, 0xFFFFFED9u), 0);
    if (phase >= 5) CHECK_EQ(raw_write(fd, MB + 0x18, 1), 0); /* EXECUTE_UC */
    if (phase >= 6) {                                         /* EXECUTE_SOC, response unread */
        int n = 0;
        do {
            CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
            CHECK(++n < 100000);
        } while ((d & 0xF) == 0);
    }
    if (phase == 7) { /* close in the middle of a frame */
        uint8_t b[16];
        cptr_encode_apb_read(b, CPTR_V1, MB + 0x14);
        CHECK_EQ(write(fd, b, 9), 9);
    }
    close(fd);
}

/* 1000 connections: 500 clients that disconnect in one of 8 phases of a command (0 = before
 * any access ... 7 = mid-frame after the response), each followed by a good client that must
 * complete CAPS (v1 through the library's sequence, or v2 through the bridge's). */
static void reconnect(void) {
    int cmds = 0;
    for (int i = 0; i < 1000 && !failures; i++) {
        int k = i / 2;
        if (i % 2 == 0)
            abort_client(k % 8);
        else
            expect_good_client(1 + (k / 8) % 2), cmds++;
    }
    /* finally both protocols, and the mailbox ends IDLE */
    expect_good_client(1);
    expect_good_client(2);
    int fd = try_connect();
    CHECK(fd >= 0);
    uint32_t d;
    CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0); /* mirror lags one clk (§1.1): read twice */
    CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
    CHECK_EQ((d >> 6) & 7, 0);
    CHECK_EQ(raw_read(fd, MB + 0x00, &d), 0); /* the lock is free */
    CHECK_EQ(d, 0);
    close(fd);
    CHECK_EQ(cmds, 500);
}

static void same_resp(uint32_t cmd, size_t want_len) {
    uint8_t r1[512], r2[512];
    size_t l1 = 0, l2 = 0;
    uint8_t req[4] = {0};
    for (int proto = 1; proto <= 2; proto++) {
        cptra_transport_t *t = NULL;
        CHECK_EQ(cptra_sock_open(&t, g_sock, proto, 5000), CPTRA_OK);
        cptra_status_t st = cptra_mbox_exec(t, cmd, req, 4, proto == 1 ? r1 : r2, 512,
                                            proto == 1 ? &l1 : &l2, NULL);
        cptra_sock_stats_t ss;
        cptra_sock_get_stats(t, &ss);
        cptra_transport_close(t);
        CHECK_EQ(st, CPTRA_OK);
        if (proto == 2)
            CHECK_EQ(ss.frames_sent, 2); /* HELLO + one MBOX_EXEC: one round trip per command */
        else
            CHECK(ss.frames_sent > 10); /* word by word */
    }
    CHECK_EQ(l1, want_len);
    CHECK_EQ(l2, want_len);
    CHECK(memcmp(r1, r2, l1) == 0);
}

/* 1 KiB through the test agent's ECHO command: the response must carry the request bytes. */
static void echo_1k(void) {
    static uint8_t req[1024], r1[2048], r2[2048];
    size_t l[2] = {0, 0};
    for (size_t i = 4; i < sizeof req; i++)
        req[i] = (uint8_t)(i * 7 + 3);
    for (int proto = 1; proto <= 2; proto++) {
        cptra_transport_t *t = NULL;
        CHECK_EQ(cptra_sock_open(&t, g_sock, proto, 5000), CPTRA_OK);
        cptra_status_t st = cptra_mbox_exec(t, 0x4543484Fu, req, sizeof req, proto == 1 ? r1 : r2,
                                            2048, &l[proto - 1], NULL);
        cptra_transport_close(t);
        CHECK_EQ(st, CPTRA_OK);
    }
    CHECK_EQ(l[0], 1028);
    CHECK_EQ(l[1], 1028);
    CHECK(memcmp(r1, r2, 1028) == 0);
    CHECK(memcmp(r1 + 8, req + 4, 1020) == 0);
}

static void v1_vs_v2(void) {
    same_resp(OP_CAPS, 24);
    same_resp(OP_VER, 36);
    same_resp(OP_INFO, 312);
    echo_1k();
    uint8_t r[256];
    size_t rl;
    caps_via(2, r, &rl);
    check_caps_resp(r, rl);
}

static void v2_features(void) {
    cptra_transport_t *t = NULL;
    CHECK_EQ(cptra_sock_open(&t, g_sock, 2, 5000), CPTRA_OK);
    CHECK_EQ(t->own_pauser, 2); /* HELLO reports the bridge PAUSER (default 0x2) */
    uint32_t d = 0;
    /* v2 carries PSLVERR: address outside the three windows (caliptra-1x.md §0) */
    CHECK_EQ(cptra_reg_read(t, 0x30022000u, &d), CPTRA_ERR_BUS);
    CHECK_EQ(d, 0xDEADBEEFu);
    CHECK_EQ(cptra_reg_write(t, 0x30022000u, 1), CPTRA_ERR_BUS);
    CHECK_EQ(cptra_reg_read(t, SOC + 0x38, &d), CPTRA_OK); /* CPTRA_BOOT_STATUS */
    CHECK_EQ(d, 0x600);
    /* posted writes run in order before the next read */
    CHECK_EQ(cptra_reg_read(t, MB + 0x00, &d), CPTRA_OK);
    CHECK_EQ(d, 0);
    CHECK_EQ(cptra_sock_write_posted(t, MB + 0x08, 0x12345678u), CPTRA_OK);
    CHECK_EQ(cptra_reg_read(t, MB + 0x08, &d), CPTRA_OK);
    CHECK_EQ(d, 0x12345678u);
    CHECK_EQ(cptra_sock_write_posted(t, MB + 0x0C, 0), CPTRA_OK);
    CHECK_EQ(cptra_reg_read(t, MB + 0x1C, &d), CPTRA_OK); /* mirror lags one clk (§1.1) */
    CHECK_EQ(cptra_reg_read(t, MB + 0x1C, &d), CPTRA_OK);
    CHECK_EQ((d >> 6) & 7, 2); /* RDY_FOR_DATA */
    /* the stale lock we now hold is recovered by the next MBOX_EXEC: unknown command fails */
    uint8_t req[8] = {0}, resp[64];
    size_t rl = 99;
    uint32_t fe = 0;
    CHECK_EQ(cptra_mbox_exec(t, 0x41424344u, req, 4, resp, sizeof resp, &rl, &fe),
             CPTRA_ERR_CMD_FAILURE);
    CHECK_EQ(fe, 0x000E0002u); /* RUNTIME_UNIMPLEMENTED_COMMAND */
    CHECK_EQ(rl, 0);
    /* bad checksum -> RUNTIME_INVALID_CHECKSUM; DLEN < 4 -> MAILBOX_INVALID_PARAMS */
    cptr_put32(req, 0x11111111u);
    CHECK_EQ(cptra_mbox_exec_raw(t, OP_CAPS, req, 4, resp, sizeof resp, &rl, &fe),
             CPTRA_ERR_CMD_FAILURE);
    CHECK_EQ(fe, 0x000E0005u);
    CHECK_EQ(cptra_mbox_exec_raw(t, OP_CAPS, req, 0, resp, sizeof resp, &rl, &fe),
             CPTRA_ERR_CMD_FAILURE);
    CHECK_EQ(fe, 0x000E0009u);
    /* response larger than the buffer */
    memset(req, 0, 4);
    CHECK_EQ(cptra_mbox_exec(t, OP_CAPS, req, 4, resp, 16, &rl, &fe), CPTRA_ERR_TOO_BIG);
    CHECK_EQ(rl, 16);
    cptra_transport_close(t);
    /* a batch frame: LOCK read, CMD write, bad address, STATUS read */
    int fd = try_connect();
    CHECK(fd >= 0);
    uint8_t b[128];
    const uint32_t ops[4][3] = {{CPTR_OP_READ, SOC + 0x38, 0},
                                {CPTR_OP_READ, 0x30022000u, 0},
                                {CPTR_OP_WRITE, 0x30022000u, 0},
                                {CPTR_OP_READ, MB + 0x1C, 0}};
    size_t n = cptr_encode_batch(b, ops, 4);
    CHECK_EQ((size_t)write(fd, b, n), n);
    CHECK_EQ(read_full(fd, b, 16 + 32), 0);
    CHECK_EQ(b[6], CPTR_BATCH_RESULT);
    CHECK_EQ(cptr_get32(b + 12), 4);
    CHECK_EQ(cptr_get32(b + 16), 0x600);
    CHECK_EQ(cptr_get32(b + 16 + 4), CPTR_BUS_OK);
    CHECK_EQ(cptr_get32(b + 24), 0xDEADBEEFu);
    CHECK_EQ(cptr_get32(b + 28), CPTR_BUS_SLVERR);
    CHECK_EQ(cptr_get32(b + 36), CPTR_BUS_SLVERR);
    CHECK_EQ((cptr_get32(b + 40) >> 6) & 7, 0); /* STATUS: IDLE again */
    CHECK_EQ(cptr_get32(b + 44), CPTR_BUS_OK);
    close(fd);
    expect_good_client(1);
}

static int run_cli(const char *args, char *out, size_t cap) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s %s 2>&1", g_cli, args);
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void cli(void) {
    char out[8192], a[256];
    CHECK_EQ(run_cli("--help", out, sizeof out), 0);
    CHECK(strstr(out, "usage: cptra"));
    for (int p = 1; p <= 2; p++) {
        snprintf(a, sizeof a, "--socket %s --proto %d caps", g_sock, p);
        CHECK_EQ(run_cli(a, out, sizeof out), 0);
        CHECK(strstr(out, "capabilities: 0x00000000000000010000000000000000"));
        CHECK(strstr(out, "bit 64: RT"));
    }
    snprintf(a, sizeof a, "--socket %s version", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 0);
    CHECK(strstr(out, "mode: 0x46495053"));
    CHECK(strstr(out, "name: \"Caliptra RTM\""));
    snprintf(a, sizeof a, "--socket %s fw-info", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 0);
    CHECK(strstr(out, "pl0_pauser: 0x"));
    CHECK(strstr(out, "authman_sha384_digest: "));
    snprintf(a, sizeof a, "--socket %s raw CAPS", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 0);
    CHECK(strstr(out, "0000: ff ff ff ff 00 00 00 00 00 00 00 00 00 00 00 01"));
    snprintf(a, sizeof a, "--socket %s --proto 1 raw 0x41424344 0102", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 4);
    CHECK(strstr(out, "CMD_FAILURE, fw error 0x000e0002"));
    snprintf(a, sizeof a, "--socket %s/nope caps", g_dir);
    CHECK_EQ(run_cli(a, out, sizeof out), 2);
    CHECK(strstr(out, "cannot connect"));
    snprintf(a, sizeof a, "--socket %s bogus", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 1);
}

/* Time policy (docs/bridge-protocol.md §7): the agent is busy 2M cycles (5 ms at 400 MHz).
 * A guest that polls STATUS every 3 ms of wall time sees DATA_READY within 20 polls when idle
 * time advances (idle policy, 400k cycles per 1 ms idle poll); under AFAP the same guest still
 * sees CMD_BUSY after 20 polls, since only its accesses (2 cycles each) advance time. */
static void time_policy(bool afap) {
    int fd = try_connect();
    CHECK(fd >= 0);
    uint32_t d = 1;
    CHECK_EQ(raw_read(fd, MB + 0x00, &d), 0);
    CHECK_EQ(d, 0);
    CHECK_EQ(raw_write(fd, MB + 0x08, OP_CAPS), 0);
    CHECK_EQ(raw_write(fd, MB + 0x0C, 4), 0);
    CHECK_EQ(raw_write(fd, MB + 0x10, 0xFFFFFED9u), 0);
    CHECK_EQ(raw_write(fd, MB + 0x18, 1), 0);
    int polls = 0;
    do {
        usleep(3000);
        CHECK_EQ(raw_read(fd, MB + 0x1C, &d), 0);
    } while ((d & 0xF) == 0 && ++polls < 20);
    if (afap) {
        CHECK_EQ(d & 0xF, 0); /* still CMD_BUSY */
    } else {
        CHECK_EQ(d & 0xF, 1); /* DATA_READY */
        CHECK_EQ(raw_read(fd, MB + 0x0C, &d), 0);
        CHECK_EQ(d, 24);
    }
    close(fd);
}

/* A v1-only server rejects v2 clients; the CLI says so. */
static void v1_only(void) {
    char out[4096], a[256];
    snprintf(a, sizeof a, "--socket %s --proto 2 caps", g_sock);
    CHECK_EQ(run_cli(a, out, sizeof out), 2);
    CHECK(strstr(out, "does not speak protocol v2"));
    expect_good_client(1);
}

/* A listener that never answers: the client times out with a clear error. */
static void timeout_cli(void) {
    char out[4096], a[512];
    char dir[] = "/tmp/bridge-to-XXXXXX";
    CHECK(mkdtemp(dir));
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/s", dir);
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(lfd, 1) == 0);
    snprintf(a, sizeof a, "--socket %s --proto 1 --timeout 200 caps", sa.sun_path);
    CHECK_EQ(run_cli(a, out, sizeof out), 3);
    CHECK(strstr(out, "timeout"));
    close(lfd);
    unlink(sa.sun_path);
    rmdir(dir);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s TESTSERVER CPTRA MODE SCENARIO\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    g_server = argv[1];
    g_cli = argv[2];
    g_mode = argv[3];
    const char *sc = argv[4];
    if (!strcmp(sc, "timeout")) {
        timeout_cli();
        return failures ? 1 : 0;
    }
    const char *e1 = NULL, *e2 = NULL;
    const char **extra = NULL;
    if (!strcmp(sc, "reconnect")) e1 = "--cmd-cycles", e2 = "64"; /* keep 1000 cycles fast */
    if (!strcmp(sc, "v1_only")) e1 = "--v1-only";
    static const char *argv_afap[] = {"--cmd-cycles", "2000000", "--time", "afap"};
    static const char *argv_idle[] = {"--cmd-cycles", "2000000", "--time", "idle"};
    if (!strcmp(sc, "time_idle")) extra = argv_idle;
    if (!strcmp(sc, "time_afap")) extra = argv_afap;
    static const char *argv_rt[] = {"--cmd-cycles", "2000000", "--time", "realtime"};
    if (!strcmp(sc, "time_realtime")) extra = argv_rt;
    if (start_server(e1, e2, extra) != 0) {
        fprintf(stderr, "cannot start %s\n", g_server);
        if (g_pid > 0) stop_server();
        return 1;
    }
    if (!strcmp(sc, "rfc_sequence"))
        rfc_sequence();
    else if (!strcmp(sc, "malformed"))
        malformed();
    else if (!strcmp(sc, "reconnect"))
        reconnect();
    else if (!strcmp(sc, "v1_vs_v2"))
        v1_vs_v2();
    else if (!strcmp(sc, "v2_features"))
        v2_features();
    else if (!strcmp(sc, "cli"))
        cli();
    else if (!strcmp(sc, "v1_only"))
        v1_only();
    else if (!strcmp(sc, "time_idle"))
        time_policy(false);
    else if (!strcmp(sc, "time_realtime"))
        time_policy(false);
    else if (!strcmp(sc, "time_afap"))
        time_policy(true);
    else {
        fprintf(stderr, "unknown scenario %s\n", sc);
        failures++;
    }
    int rc = stop_server();
    if (rc != 0) {
        fprintf(stderr, "server exit status %d (leak or crash?)\n", rc);
        failures++;
    }
    fprintf(stderr, "%s/%s: %s\n", sc, g_mode, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
