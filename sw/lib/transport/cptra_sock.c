/* CPTR socket transport (docs/bridge-protocol.md): v1 APB words or v2 messages. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cptr_codec.h"
#include "cptra_transport.h"
#include "transport_int.h"

typedef struct sock {
    int fd;
    int proto;
    uint32_t timeout_ms;
    cptr_decoder_t dec;
    uint8_t rx[4096];
    size_t rx_len, rx_off;
    uint8_t *tx; /* 20 + CPTR_MBOX_MAX_DATA */
    cptra_sock_stats_t st;
} sock_t;

static cptra_status_t send_all(sock_t *s, const uint8_t *p, size_t n) {
    while (n) {
        ssize_t w = send(s->fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return CPTRA_ERR_IO;
        }
        p += w;
        n -= (size_t)w;
    }
    s->st.frames_sent++;
    return CPTRA_OK;
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Receive one frame with command `want`. */
static cptra_status_t recv_frame(sock_t *s, uint16_t want, cptr_frame_t *f) {
    int64_t deadline = s->timeout_ms ? now_ms() + s->timeout_ms : 0;
    for (;;) {
        while (s->rx_off < s->rx_len) {
            size_t used = 0;
            cptr_err_t r =
                cptr_decoder_feed(&s->dec, s->rx + s->rx_off, s->rx_len - s->rx_off, &used, f);
            s->rx_off += used;
            if (r == CPTR_OK) {
                s->st.frames_received++;
                if (f->cmd == CPTR_ERROR) return CPTRA_ERR_PROTOCOL;
                return f->cmd == want ? CPTRA_OK : CPTRA_ERR_PROTOCOL;
            }
            if (r != CPTR_NEED_MORE) return CPTRA_ERR_PROTOCOL;
        }
        s->rx_off = s->rx_len = 0;
        int to = -1;
        if (deadline) {
            int64_t left = deadline - now_ms();
            if (left <= 0) return CPTRA_ERR_TIMEOUT;
            to = (int)left;
        }
        struct pollfd p = {s->fd, POLLIN, 0};
        int pr = poll(&p, 1, to);
        if (pr < 0) {
            if (errno == EINTR) continue;
            return CPTRA_ERR_IO;
        }
        if (pr == 0) return CPTRA_ERR_TIMEOUT;
        ssize_t n = read(s->fd, s->rx, sizeof s->rx);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return CPTRA_ERR_IO;
        s->rx_len = (size_t)n;
    }
}

static cptra_status_t sock_read(void *ctx, uint32_t addr, uint32_t *data) {
    sock_t *s = ctx;
    uint8_t b[CPTR_APB_READ_LEN];
    cptr_frame_t f;
    cptra_status_t st = send_all(s, b, cptr_encode_apb_read(b, (uint16_t)s->proto, addr));
    if (st || (st = recv_frame(s, CPTR_APB_RDATA, &f))) return st;
    *data = f.data;
    return f.status == CPTR_BUS_OK ? CPTRA_OK : CPTRA_ERR_BUS;
}

static cptra_status_t sock_write(void *ctx, uint32_t addr, uint32_t data) {
    sock_t *s = ctx;
    uint8_t b[CPTR_APB_WRITE_LEN];
    cptr_frame_t f;
    cptra_status_t st = send_all(s, b, cptr_encode_apb_write(b, (uint16_t)s->proto, addr, data));
    if (st || (st = recv_frame(s, CPTR_APB_WACK, &f))) return st;
    return f.status == CPTR_BUS_OK ? CPTRA_OK : CPTRA_ERR_BUS;
}

static cptra_status_t sock_mbox(void *ctx, uint32_t cmd, const uint8_t *req, uint32_t req_len,
                                uint8_t *resp, uint32_t resp_cap, uint32_t *resp_len,
                                uint32_t *fw_err) {
    sock_t *s = ctx;
    cptr_frame_t f;
    cptra_status_t st = send_all(s, s->tx, cptr_encode_mbox_exec(s->tx, cmd, req, req_len));
    if (st || (st = recv_frame(s, CPTR_MBOX_RESULT, &f))) return st;
    uint32_t n = f.dlen < resp_cap ? f.dlen : resp_cap;
    if (n) memcpy(resp, f.bytes, n);
    *resp_len = n;
    *fw_err = f.fw_error;
    if (f.result == CPTR_MBOX_OK && f.dlen > resp_cap) return CPTRA_ERR_TOO_BIG;
    return cptra_status_from_mbox_result(f.result);
}

static void sock_close(void *ctx) {
    sock_t *s = ctx;
    if (s->fd >= 0) close(s->fd);
    cptr_decoder_free(&s->dec);
    free(s->tx);
    free(s);
}

static const cptra_transport_ops_t v1_ops = {sock_read, sock_write, NULL, NULL, sock_close};
static const cptra_transport_ops_t v2_ops = {sock_read, sock_write, NULL, sock_mbox, sock_close};

cptra_status_t cptra_sock_open(cptra_transport_t **out, const char *path, int proto,
                               uint32_t timeout_ms) {
    struct sockaddr_un sa;
    *out = NULL;
    if (!path || (proto != 1 && proto != 2)) return CPTRA_ERR_ARG;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sa.sun_path) return CPTRA_ERR_ARG;
    strcpy(sa.sun_path, path);
    sock_t *s = calloc(1, sizeof(*s));
    if (!s) return CPTRA_ERR_ARG;
    s->proto = proto;
    s->timeout_ms = timeout_ms;
    cptr_decoder_init(&s->dec, CPTR_ROLE_CLIENT);
    s->tx = malloc(20 + CPTR_MBOX_MAX_DATA);
    s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (!s->tx || s->fd < 0 || connect(s->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        sock_close(s);
        return CPTRA_ERR_CONNECT;
    }
    cptra_transport_t *t = cptra_transport_new(proto == 2 ? &v2_ops : &v1_ops, s);
    if (!t) {
        sock_close(s);
        return CPTRA_ERR_ARG;
    }
    if (proto == 2) {
        uint8_t b[CPTR_HDR_LEN];
        cptr_frame_t f;
        cptra_status_t st = send_all(s, b, cptr_encode_hello(b));
        if (!st) st = recv_frame(s, CPTR_HELLO_REPLY, &f);
        if (st) {
            cptra_transport_close(t);
            /* a v1-only peer drops the connection on a version-2 frame */
            return st == CPTRA_ERR_IO ? CPTRA_ERR_UNSUPPORTED : st;
        }
        t->own_pauser = f.pauser;
        if (!(f.features & CPTR_FEAT_MBOX)) t->use_fast_path = false;
    }
    *out = t;
    return CPTRA_OK;
}

void cptra_sock_get_stats(const cptra_transport_t *t, cptra_sock_stats_t *st) {
    const sock_t *s = t->ctx;
    *st = s->st;
}

cptra_status_t cptra_sock_write_posted(cptra_transport_t *t, uint32_t addr, uint32_t data) {
    sock_t *s = t->ctx;
    uint8_t b[CPTR_APB_WRITE_LEN];
    if (s->proto != 2) return CPTRA_ERR_UNSUPPORTED;
    return send_all(s, b, cptr_encode_apb_write_posted(b, addr, data));
}
