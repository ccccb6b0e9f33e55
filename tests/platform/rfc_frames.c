/* platform.bridge_rfc_frames: the QEMU RFC's CAPABILITIES sequence as raw CPTR v1 frames
 * (qemu-bridge.md §1.2-§1.5) against the real platform socket of `vp --socket`. Every request and
 * reply is checked byte for byte against the spec layout: 12-byte LE header, magic 0x43505452
 * (wire "RTPC"), version 1, READ 3 -> RDATA 4 (payload 4), WRITE 5 -> WACK 6 (payload 0).
 * Expected data: caliptra-1x.md §1.3 (sender protocol), §3.1 (checksum), §3.2 (CAPABILITIES
 * response: 24 bytes, RT_BASE = bit 64 = byte 7 of the big-endian u128).
 * usage: test_platform_rfc_frames SOCKET_PATH [IDLE_MS]
 * IDLE_MS: stay connected and silent that long before disconnecting (time-policy tests).
 * "garbage" instead of IDLE_MS: first a client with a bad-magic frame (the server must drop it,
 * §1.5) and one that closes inside a header, then the sequence on a fresh connection. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int fd = -1;

static void die(const char *what) {
    fprintf(stderr, "FAIL: %s\n", what);
    exit(1);
}

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void xfer(const uint8_t *req, size_t n, uint8_t *resp, size_t m) {
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, req + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("write to socket");
        off += (size_t)w;
    }
    off = 0;
    while (off < m) {
        ssize_t r = read(fd, resp + off, m - off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) die("short reply / connection closed");
        off += (size_t)r;
    }
}

static const uint8_t kHdrMagicV1[6] = {0x52, 0x54, 0x50, 0x43, 0x01, 0x00}; /* "RTPC", v1 */

static uint32_t rd(uint32_t addr) {
    uint8_t req[16], resp[16];
    memcpy(req, kHdrMagicV1, 6);
    req[6] = 3, req[7] = 0; /* APB_READ */
    put32(req + 8, 4);
    put32(req + 12, addr);
    xfer(req, sizeof req, resp, sizeof resp);
    if (memcmp(resp, kHdrMagicV1, 6) || resp[6] != 4 || resp[7] != 0 || get32(resp + 8) != 4) {
        fprintf(stderr, "bad RDATA header for 0x%08x\n", addr);
        die("RDATA header");
    }
    return get32(resp + 12);
}

static void wr(uint32_t addr, uint32_t data) {
    uint8_t req[20], resp[12];
    static const uint8_t wack[12] = {0x52, 0x54, 0x50, 0x43, 1, 0, 6, 0, 0, 0, 0, 0};
    memcpy(req, kHdrMagicV1, 6);
    req[6] = 5, req[7] = 0; /* APB_WRITE */
    put32(req + 8, 8);
    put32(req + 12, addr);
    put32(req + 16, data);
    xfer(req, sizeof req, resp, sizeof resp);
    if (memcmp(resp, wack, sizeof wack)) die("WACK frame");
}

static void expect(const char *what, uint32_t got, uint32_t want) {
    if (got != want) {
        fprintf(stderr, "FAIL: %s: got 0x%08x, want 0x%08x\n", what, got, want);
        exit(1);
    }
    printf("ok  %-34s 0x%08x\n", what, got);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) die("usage: test_platform_rfc_frames SOCKET [IDLE_MS|garbage]");
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof sa.sun_path) die("socket path too long");
    strcpy(sa.sun_path, argv[1]);
    bool garbage = argc == 3 && !strcmp(argv[2], "garbage");
    if (garbage) {
        /* bad magic: the server drops the connection without a reply (v1 has no error frame) */
        static const uint8_t bad[16] = {0x50, 0x54, 0x52, 0x43, 1, 0, 3, 0,
                                        4,    0,    0,    0,    0, 0, 2, 0x30};
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) die("connect");
        if (write(fd, bad, sizeof bad) != (ssize_t)sizeof bad) die("write bad frame");
        uint8_t b;
        if (read(fd, &b, 1) != 0) die("bad magic: expected the server to close");
        close(fd);
        printf("ok  bad magic -> connection dropped\n");
        /* EOF inside a header */
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) die("connect");
        if (write(fd, bad, 6) != 6) die("write half header");
        close(fd);
    }
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) die("connect");

    const uint32_t MB = 0x30020000u; /* = CA35 0x14c60000 (qemu-bridge.md §1.4) */
    /* runtime-ready before the socket existed (qemu-bridge.md §3.3) */
    expect("CPTRA_BOOT_STATUS = RT ready", rd(0x30030038u), 0x600);
    expect("MBOX_LOCK (acquire)", rd(MB + 0x00) & 1u, 0);
    uint32_t user = rd(MB + 0x04);
    printf("     MBOX_USER (bridge PAUSER)          0x%08x\n", user);
    wr(MB + 0x08, 0x43415053u); /* CMD = CAPS */
    wr(MB + 0x0C, 4);           /* DLEN */
    wr(MB + 0x10, 0xFFFFFED9u); /* checksum */
    wr(MB + 0x18, 1);           /* EXECUTE */
    uint32_t st = 0;
    unsigned polls = 0;
    do {
        st = rd(MB + 0x1C);
        if (++polls > 2000000u) die("STATUS never left CMD_BUSY");
    } while ((st & 0xFu) == 0);
    printf("     STATUS polls                       %u\n", polls);
    expect("MBOX_STATUS.status = DATA_READY", st & 0xFu, 1);
    expect("MBOX_DLEN", rd(MB + 0x0C), 24);
    static const uint32_t want[6] = {0xFFFFFFFFu, 0, 0, 0x01000000u, 0, 0};
    static const char *names[6] = {"DATAOUT chksum",      "DATAOUT fips_status",
                                   "DATAOUT caps[0..3]",  "DATAOUT caps[4..7] (RT_BASE)",
                                   "DATAOUT caps[8..11]", "DATAOUT caps[12..15]"};
    for (int i = 0; i < 6; i++)
        expect(names[i], rd(MB + 0x14), want[i]);
    wr(MB + 0x18, 0); /* EXECUTE = 0: release */
    /* status 0, mbox_fsm_ps IDLE, soc_has_lock 0 (caliptra-1x.md §1.1); STATUS mirrors the FSM
     * one clock late, so let one more access pass first (as the scripts' `wait 2`) */
    (void)rd(MB + 0x08);
    expect("MBOX_STATUS after release", rd(MB + 0x1C) & 0x3CFu, 0);
    /* unmapped hole: PSLVERR -> 0xDEADBEEF on v1 (qemu-bridge.md §1.5) */
    expect("unmapped 0x30022000", rd(0x30022000u), 0xDEADBEEFu);
    wr(0x30022000u, 0x12345678u); /* still WACK */
    if (argc == 3 && !garbage) {
        usleep((useconds_t)atoi(argv[2]) * 1000u);
        expect("CPTRA_BOOT_STATUS after idling", rd(0x30030038u), 0x600);
    }
    close(fd);
    printf("PASS\n");
    return 0;
}
