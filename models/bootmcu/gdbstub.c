#include "gdbstub.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define PKT_MAX  0x4000 /* PacketSize we advertise (bytes, hex) */
#define SIGTRAP_ 5
#define SIGINT_  2

struct gdbstub {
    rv32_cpu_t *cpu;
    int lfd, fd;
    int port;
    char path[108];
    int noack;
    int halted;
    int stepping;
    int killed;
    /* receive state */
    char pkt[PKT_MAX + 8];
    size_t plen;
    int in_pkt, csum_chars;
    char last[PKT_MAX + 8]; /* last packet sent (for '-' resend) */
};

static const char *const reg_names[33] = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp",
                                          "s1",   "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
                                          "s2",   "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10",
                                          "s11",  "t3", "t4", "t5", "t6", "pc"};

/* Machine-mode CSRs exposed to the debugger (feature org.gnu.gdb.riscv.csr), remote register
 * numbers 33.. in this order. */
static const struct {
    const char *name;
    unsigned csr;
} csr_regs[] = {
    {"mstatus", RV32_CSR_MSTATUS},
    {"misa", RV32_CSR_MISA},
    {"mie", RV32_CSR_MIE},
    {"mtvec", RV32_CSR_MTVEC},
    {"mscratch", RV32_CSR_MSCRATCH},
    {"mepc", RV32_CSR_MEPC},
    {"mcause", RV32_CSR_MCAUSE},
    {"mtval", RV32_CSR_MTVAL},
    {"mip", RV32_CSR_MIP},
    {"mcycle", RV32_CSR_MCYCLE},
    {"minstret", RV32_CSR_MINSTRET},
    {"mcycleh", RV32_CSR_MCYCLEH},
    {"minstreth", RV32_CSR_MINSTRETH},
    {"mhartid", RV32_CSR_MHARTID},
};
#define NCSR  (sizeof(csr_regs) / sizeof(csr_regs[0]))
#define NREGS (33u + NCSR)

static char target_xml[6144];

static int reg_read(rv32_cpu_t *c, uint32_t n, uint32_t *v) {
    if (n < 33) {
        *v = rv32_get_reg(c, n);
        return 0;
    }
    if (n < NREGS) return rv32_csr_read(c, csr_regs[n - 33].csr, v);
    return -1;
}

static int reg_write(rv32_cpu_t *c, uint32_t n, uint32_t v) {
    if (n < 33) {
        rv32_set_reg(c, n, v);
        return 0;
    }
    if (n < NREGS) return rv32_csr_write(c, csr_regs[n - 33].csr, v);
    return -1;
}

static void build_xml(void) {
    if (target_xml[0]) return;
    size_t n =
        (size_t)snprintf(target_xml, sizeof(target_xml),
                         "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                         "<target version=\"1.0\">\n<architecture>riscv:rv32</architecture>\n"
                         "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
    for (int i = 0; i < 33; i++) {
        const char *type = i == 32 || i == 1 ? "code_ptr" : i == 2 ? "data_ptr" : "int";
        n += (size_t)snprintf(target_xml + n, sizeof(target_xml) - n,
                              "<reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%d\"/>\n",
                              reg_names[i], type, i);
    }
    n += (size_t)snprintf(target_xml + n, sizeof(target_xml) - n,
                          "</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n");
    for (unsigned i = 0; i < NCSR; i++)
        n += (size_t)snprintf(target_xml + n, sizeof(target_xml) - n,
                              "<reg name=\"%s\" bitsize=\"32\" type=\"int\" regnum=\"%u\"/>\n",
                              csr_regs[i].name, 33 + i);
    snprintf(target_xml + n, sizeof(target_xml) - n, "</feature>\n</target>\n");
}

static void drop_conn(gdbstub_t *g) {
    if (g->fd >= 0) close(g->fd);
    g->fd = -1;
    g->noack = 0;
    g->halted = 0;
    g->stepping = 0;
    g->in_pkt = 0;
    g->plen = 0;
}

static int send_all(gdbstub_t *g, const char *buf, size_t len) {
    while (len && g->fd >= 0) {
        ssize_t n = send(g->fd, buf, len, MSG_NOSIGNAL);
        if (n > 0) {
            buf += n;
            len -= (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            struct pollfd p = {.fd = g->fd, .events = POLLOUT};
            if (poll(&p, 1, 5000) <= 0) { /* debugger stopped reading: give up on it */
                drop_conn(g);
                return -1;
            }
        } else {
            drop_conn(g);
            return -1;
        }
    }
    return 0;
}

static void send_packet(gdbstub_t *g, const char *data) {
    size_t len = strlen(data);
    if (len > PKT_MAX) len = PKT_MAX;
    unsigned sum = 0;
    g->last[0] = '$';
    for (size_t i = 0; i < len; i++) {
        sum += (unsigned char)data[i];
        g->last[1 + i] = data[i];
    }
    snprintf(g->last + 1 + len, 4, "#%02x", sum & 0xFF);
    send_all(g, g->last, len + 4);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parse hex number; returns pointer after it, or NULL if there were no digits. */
static const char *parse_hex(const char *s, uint32_t *out) {
    uint64_t v = 0;
    const char *p = s;
    while (hexval(*p) >= 0) {
        v = (v << 4) | (uint64_t)hexval(*p);
        if (v > 0xFFFFFFFFull) return NULL;
        p++;
    }
    if (p == s) return NULL;
    *out = (uint32_t)v;
    return p;
}

static void put_le32(char *out, uint32_t v) {
    static const char hx[] = "0123456789abcdef";
    for (int i = 0; i < 4; i++) {
        uint8_t b = (uint8_t)(v >> (8 * i));
        out[2 * i] = hx[b >> 4];
        out[2 * i + 1] = hx[b & 15];
    }
}

static int get_le32(const char *s, uint32_t *v) {
    uint32_t r = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(s[2 * i]), l = hexval(s[2 * i + 1]);
        if (h < 0 || l < 0) return -1;
        r |= (uint32_t)((h << 4) | l) << (8 * i);
    }
    *v = r;
    return 0;
}

static void stop_reply(gdbstub_t *g, int sig) {
    char buf[8];
    snprintf(buf, sizeof(buf), "S%02x", sig & 0xFF);
    send_packet(g, buf);
}

static void handle_qxfer(gdbstub_t *g, const char *args) {
    uint32_t off, len;
    const char *p = parse_hex(args, &off);
    if (!p || *p != ',' || !parse_hex(p + 1, &len)) {
        send_packet(g, "E01");
        return;
    }
    build_xml();
    size_t total = strlen(target_xml);
    static char out[PKT_MAX + 2];
    if (off >= total) {
        send_packet(g, "l");
        return;
    }
    size_t n = total - off;
    if (n > len) n = len;
    if (n > PKT_MAX - 2) n = PKT_MAX - 2;
    out[0] = off + n < total ? 'm' : 'l';
    memcpy(out + 1, target_xml + off, n);
    out[1 + n] = 0;
    send_packet(g, out);
}

/* Returns 1 if the target was resumed. */
static int handle_packet(gdbstub_t *g, char *p) {
    static char out[PKT_MAX + 2];
    rv32_cpu_t *c = g->cpu;
    uint32_t addr, len, v;
    const char *q;
    switch (p[0]) {
    case '?':
        stop_reply(g, SIGTRAP_);
        return 0;
    case 'g':
        for (unsigned i = 0; i < 33; i++)
            put_le32(out + 8 * i, rv32_get_reg(c, i));
        out[8 * 33] = 0;
        send_packet(g, out);
        return 0;
    case 'G':
        if (strlen(p + 1) < 8 * 33) {
            send_packet(g, "E01");
            return 0;
        }
        for (unsigned i = 0; i < 33; i++) {
            if (get_le32(p + 1 + 8 * i, &v)) {
                send_packet(g, "E01");
                return 0;
            }
            rv32_set_reg(c, i, v);
        }
        send_packet(g, "OK");
        return 0;
    case 'p':
        if (!parse_hex(p + 1, &addr) || reg_read(c, addr, &v)) {
            send_packet(g, "E01");
            return 0;
        }
        put_le32(out, v);
        out[8] = 0;
        send_packet(g, out);
        return 0;
    case 'P':
        q = parse_hex(p + 1, &addr);
        if (!q || *q != '=' || strlen(q + 1) < 8 || get_le32(q + 1, &v) || reg_write(c, addr, v)) {
            send_packet(g, "E01");
            return 0;
        }
        send_packet(g, "OK");
        return 0;
    case 'm': {
        q = parse_hex(p + 1, &addr);
        if (!q || *q != ',' || !parse_hex(q + 1, &len)) {
            send_packet(g, "E01");
            return 0;
        }
        if (len > PKT_MAX / 2) len = PKT_MAX / 2;
        static uint8_t buf[PKT_MAX / 2];
        size_t n = rv32_mem_read(c, addr, buf, len);
        if (n == 0 && len) {
            send_packet(g, "E14"); /* EFAULT */
            return 0;
        }
        static const char hx[] = "0123456789abcdef";
        for (size_t i = 0; i < n; i++) {
            out[2 * i] = hx[buf[i] >> 4];
            out[2 * i + 1] = hx[buf[i] & 15];
        }
        out[2 * n] = 0;
        send_packet(g, out);
        return 0;
    }
    case 'M': {
        q = parse_hex(p + 1, &addr);
        if (q && *q == ',')
            q = parse_hex(q + 1, &len);
        else
            q = NULL;
        if (!q || *q != ':' || strlen(q + 1) < 2ull * len || len > PKT_MAX / 2) {
            send_packet(g, "E01");
            return 0;
        }
        static uint8_t buf[PKT_MAX / 2];
        for (uint32_t i = 0; i < len; i++) {
            int h = hexval(q[1 + 2 * i]), l = hexval(q[2 + 2 * i]);
            if (h < 0 || l < 0) {
                send_packet(g, "E01");
                return 0;
            }
            buf[i] = (uint8_t)((h << 4) | l);
        }
        send_packet(g, rv32_mem_write(c, addr, buf, len) == len ? "OK" : "E14");
        return 0;
    }
    case 'c':
    case 's':
        if (p[1] && parse_hex(p + 1, &addr)) rv32_set_pc(c, addr);
        g->halted = 0;
        g->stepping = p[0] == 's';
        return 1;
    case 'Z':
    case 'z':
        if ((p[1] == '0' || p[1] == '1') && p[2] == ',' && parse_hex(p + 3, &addr)) {
            int rc = p[0] == 'Z' ? rv32_add_breakpoint(c, addr) : rv32_remove_breakpoint(c, addr);
            send_packet(g, rc == 0 || p[0] == 'z' ? "OK" : "E0e");
        } else {
            send_packet(g, ""); /* watchpoints not supported */
        }
        return 0;
    case 'k':
        g->killed = 1;
        return 1;
    case 'D':
        send_packet(g, "OK");
        drop_conn(g);
        return 1;
    case 'H':
        send_packet(g, "OK");
        return 0;
    case 'T':
        send_packet(g, "OK");
        return 0;
    case 'q':
        if (!strncmp(p, "qSupported", 10)) {
            snprintf(out, sizeof(out), "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+",
                     PKT_MAX);
            send_packet(g, out);
        } else if (!strncmp(p, "qXfer:features:read:target.xml:", 31)) {
            handle_qxfer(g, p + 31);
        } else if (!strncmp(p, "qXfer:features:read:", 20)) {
            send_packet(g, "E00");
        } else if (!strcmp(p, "qAttached")) {
            send_packet(g, "1");
        } else if (!strcmp(p, "qC")) {
            send_packet(g, "QC1");
        } else if (!strcmp(p, "qfThreadInfo")) {
            send_packet(g, "m1");
        } else if (!strcmp(p, "qsThreadInfo")) {
            send_packet(g, "l");
        } else if (!strncmp(p, "qSymbol", 7)) {
            send_packet(g, "OK");
        } else {
            send_packet(g, "");
        }
        return 0;
    case 'Q':
        if (!strcmp(p, "QStartNoAckMode")) {
            send_packet(g, "OK");
            g->noack = 1;
        } else {
            send_packet(g, "");
        }
        return 0;
    default:
        send_packet(g, "");
        return 0; /* includes vCont?, vMustReplyEmpty, X */
    }
}

/* Consume available bytes. If `block`, wait for data. Returns 1 when the target was resumed. */
static int service(gdbstub_t *g, int block) {
    char buf[4096];
    int resumed = 0;
    while (g->fd >= 0 && !resumed) {
        struct pollfd pf = {.fd = g->fd, .events = POLLIN};
        int pr = poll(&pf, 1, block ? -1 : 0);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) break;
        ssize_t n = recv(g->fd, buf, sizeof(buf), 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            drop_conn(g); /* debugger went away: let the target run */
            return 1;
        }
        if (n < 0) continue;
        for (ssize_t i = 0; i < n && g->fd >= 0; i++) {
            char ch = buf[i];
            if (!g->in_pkt) {
                if (ch == '$') {
                    g->in_pkt = 1;
                    g->plen = 0;
                    g->csum_chars = -1;
                } else if (ch == 0x03) {
                    if (!g->halted) {
                        g->halted = 1;
                        stop_reply(g, SIGINT_);
                    }
                } else if (ch == '-' && !g->noack) {
                    send_all(g, g->last, strlen(g->last));
                }
                continue;
            }
            if (g->csum_chars < 0) {
                if (ch == '#')
                    g->csum_chars = 0;
                else if (g->plen < PKT_MAX)
                    g->pkt[g->plen++] = ch;
                else
                    g->in_pkt = 0; /* oversized packet: drop it */
                continue;
            }
            g->pkt[g->plen + 1 + (size_t)g->csum_chars] = ch;
            if (++g->csum_chars < 2) continue;
            g->in_pkt = 0;
            unsigned sum = 0;
            for (size_t k = 0; k < g->plen; k++)
                sum += (unsigned char)g->pkt[k];
            int hi = hexval(g->pkt[g->plen + 1]), lo = hexval(g->pkt[g->plen + 2]);
            if (!g->noack) {
                if (hi < 0 || lo < 0 || (unsigned)((hi << 4) | lo) != (sum & 0xFF)) {
                    send_all(g, "-", 1);
                    continue;
                }
                send_all(g, "+", 1);
            }
            g->pkt[g->plen] = 0;
            if (handle_packet(g, g->pkt)) {
                resumed = 1;
                /* bytes after a resume (e.g. an early Ctrl-C) are handled on the next poll */
                if (i + 1 < n && g->fd >= 0) {
                    /* keep it simple: a Ctrl-C right behind 'c' halts at once */
                    for (ssize_t k = i + 1; k < n; k++)
                        if (buf[k] == 0x03 && !g->killed) {
                            g->halted = 1;
                            g->stepping = 0;
                            stop_reply(g, SIGINT_);
                            resumed = 0;
                        }
                }
                break;
            }
        }
        if (g->killed) return 1;
        if (!block) break;
    }
    return resumed;
}

static int try_accept(gdbstub_t *g, int block) {
    if (g->fd >= 0 || g->lfd < 0) return g->fd >= 0;
    if (block) {
        struct pollfd pf = {.fd = g->lfd, .events = POLLIN};
        while (poll(&pf, 1, -1) < 0 && errno == EINTR) {
        }
    }
    int fd = accept(g->lfd, NULL, NULL);
    if (fd < 0) return 0;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    g->fd = fd;
    g->noack = 0;
    g->halted = 1; /* a new debugger finds the target halted */
    g->last[0] = 0;
    return 1;
}

gdbstub_t *gdbstub_open(rv32_cpu_t *cpu, const char *where, char *err, size_t errlen) {
    gdbstub_t *g = calloc(1, sizeof(*g));
    if (!g) return NULL;
    g->cpu = cpu;
    g->fd = -1;
    g->lfd = -1;
    const char *path = NULL;
    if (!strncmp(where, "unix:", 5))
        path = where + 5;
    else if (strchr(where, '/'))
        path = where;
    if (path) {
        struct sockaddr_un sa = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sa.sun_path)) {
            snprintf(err, errlen, "gdb: socket path too long: %s", path);
            free(g);
            return NULL;
        }
        strcpy(sa.sun_path, path);
        strcpy(g->path, path);
        unlink(path);
        g->lfd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (g->lfd < 0 || bind(g->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
            listen(g->lfd, 1) < 0) {
            snprintf(err, errlen, "gdb: cannot listen on %s: %s", path, strerror(errno));
            if (g->lfd >= 0) close(g->lfd);
            free(g);
            return NULL;
        }
    } else {
        char *end;
        long port = strtol(where, &end, 10);
        if (*where == 0 || *end || port < 0 || port > 65535) {
            snprintf(err, errlen, "gdb: bad port '%s' (want 0..65535 or a socket path)", where);
            free(g);
            return NULL;
        }
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int one = 1;
        g->lfd = socket(AF_INET, SOCK_STREAM, 0);
        if (g->lfd >= 0) setsockopt(g->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        socklen_t sl = sizeof(sa);
        if (g->lfd < 0 || bind(g->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
            listen(g->lfd, 1) < 0 || getsockname(g->lfd, (struct sockaddr *)&sa, &sl) < 0) {
            snprintf(err, errlen, "gdb: cannot listen on 127.0.0.1:%ld: %s", port, strerror(errno));
            if (g->lfd >= 0) close(g->lfd);
            free(g);
            return NULL;
        }
        g->port = ntohs(sa.sin_port);
    }
    fcntl(g->lfd, F_SETFL, fcntl(g->lfd, F_GETFL) | O_NONBLOCK);
    return g;
}

void gdbstub_close(gdbstub_t *g) {
    if (!g) return;
    drop_conn(g);
    if (g->lfd >= 0) close(g->lfd);
    if (g->path[0]) unlink(g->path);
    free(g);
}

int gdbstub_port(const gdbstub_t *g) {
    return g->port;
}
int gdbstub_attached(const gdbstub_t *g) {
    return g->fd >= 0;
}

int gdbstub_wait_attach(gdbstub_t *g) {
    return try_accept(g, 1) ? 0 : -1;
}

gdb_action_t gdbstub_poll(gdbstub_t *g) {
    if (g->killed) return GDB_KILL;
    if (g->fd < 0 && !try_accept(g, 0)) return GDB_RUN;
    if (g->halted) {
        while (g->fd >= 0 && g->halted && !g->killed)
            service(g, 1);
    } else {
        service(g, 0);
        /* Ctrl-C may have halted it: wait for the debugger's next move */
        while (g->fd >= 0 && g->halted && !g->killed)
            service(g, 1);
    }
    if (g->killed) return GDB_KILL;
    if (g->fd >= 0 && g->stepping) return GDB_STEP;
    return GDB_RUN;
}

void gdbstub_stopped(gdbstub_t *g, int sig) {
    g->stepping = 0;
    if (g->fd < 0) return;
    g->halted = 1;
    stop_reply(g, sig);
}

void gdbstub_exited(gdbstub_t *g, int code) {
    if (g->fd < 0) return;
    char buf[8];
    snprintf(buf, sizeof(buf), "W%02x", code & 0xFF);
    send_packet(g, buf);
    drop_conn(g);
}
