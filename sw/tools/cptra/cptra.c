/* cptra: query Caliptra through the CPTR socket bridge (v1 or v2) with the host library.
 * Decodes CAPABILITIES, FW_INFO and VERSION responses (caliptra-1x.md §3.3) and sends raw
 * commands. Exit status: 0 ok, 1 usage, 2 connect, 3 transport/timeout, 4 CMD_FAILURE,
 * 5 bad response. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vp_bytes.h"

#include "cptra_transport.h"

#define OP_CAPABILITIES 0x43415053u
#define OP_FW_INFO      0x494E464Fu
#define OP_VERSION      0x46505652u
#define RESP_MAX        0x20000u

static const char usage[] =
    "usage: cptra --socket PATH [--proto 1|2] [--timeout MS] COMMAND\n"
    "commands:\n"
    "  caps                 CAPABILITIES: capability bits (ROM 0-31, FMC 32-63, RT 64-127)\n"
    "  fw-info              FW_INFO: SVNs, revisions, digests\n"
    "  version              VERSION (FIPS version): mode, HW/FW revisions, name\n"
    "  raw CMD [HEX]        send command CMD (0x1234abcd or 4 ASCII chars, e.g. CAPS) with\n"
    "                       request bytes HEX after the checksum word; prints the response\n"
    "options:\n"
    "  --proto 1            APB words (QEMU-compatible v1), command word by word\n"
    "  --proto 2            one message per command (default)\n"
    "  --timeout MS         reply timeout (default 5000)\n"
    "  --no-checksum        raw: send HEX as the whole request (e.g. FIRMWARE_LOAD)\n";

static const struct {
    uint32_t code;
    const char *name;
} errs[] = {
    {0x000E0001, "RUNTIME_INTERNAL"},
    {0x000E0002, "RUNTIME_UNIMPLEMENTED_COMMAND"},
    {0x000E0003, "RUNTIME_INSUFFICIENT_MEMORY"},
    {0x000E0004, "RUNTIME_ECDSA_VERIFY_FAILED"},
    {0x000E0005, "RUNTIME_INVALID_CHECKSUM"},
    {0x000E0009, "RUNTIME_MAILBOX_INVALID_PARAMS"},
    {0x000E0016, "RUNTIME_INCORRECT_PAUSER_PRIVILEGE_LEVEL"},
    {0x000E004F, "RUNTIME_CMD_RESERVED_PAUSER"},
    {0x01020004, "FW_PROC_MAILBOX_INVALID_COMMAND"},
    {0x01020005, "FW_PROC_MAILBOX_INVALID_CHECKSUM"},
    {0x01020006, "FW_PROC_MAILBOX_INVALID_REQUEST_LENGTH"},
};

static const char *err_name(uint32_t c) {
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++)
        if (errs[i].code == c) return errs[i].name;
    return "unknown";
}


static void hexdump(const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i += 16) {
        printf("  %04zx:", i);
        for (size_t j = i; j < i + 16 && j < n; j++)
            printf(" %02x", p[j]);
        printf("\n");
    }
}

static void print_str(const char *label, const uint8_t *p, size_t n) {
    printf("%s\"", label);
    for (size_t i = 0; i < n && p[i]; i++)
        putchar(isprint(p[i]) ? p[i] : '.');
    printf("\"\n");
}

static void print_hex(const char *label, const uint8_t *p, size_t n) {
    printf("%s", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static int decode_caps(const uint8_t *r, size_t n) {
    if (n != 24) {
        fprintf(stderr, "cptra: CAPABILITIES response has %zu bytes, expected 24\n", n);
        return 5;
    }
    print_hex("capabilities: 0x", r + 8, 16); /* u128 big-endian */
    for (int bit = 0; bit < 128; bit++) {
        if (r[8 + 15 - bit / 8] & (1u << (bit % 8))) {
            const char *who = bit < 32 ? "ROM" : bit < 64 ? "FMC" : "RT";
            int base = bit < 32 ? 0 : bit < 64 ? 32 : 64;
            printf("  bit %d: %s capability %d%s\n", bit, who, bit - base,
                   bit == 0    ? " (ROM_BASE)"
                   : bit == 64 ? " (RT_BASE)"
                               : "");
        }
    }
    return 0;
}

static void print_ver16(const char *label, uint32_t v) {
    printf("%s%u.%u.%u (0x%04x)\n", label, (v >> 11) & 0x1F, (v >> 6) & 0x1F, v & 0x3F, v);
}

static int decode_version(const uint8_t *r, size_t n) {
    if (n != 36) {
        fprintf(stderr, "cptra: VERSION response has %zu bytes, expected 36\n", n);
        return 5;
    }
    uint32_t mode = le32(r + 8);
    printf("mode: 0x%08x (\"%c%c%c%c\")\n", mode, (char)(mode >> 24), (char)(mode >> 16),
           (char)(mode >> 8), (char)mode);
    uint32_t hw = le32(r + 12), fw0 = le32(r + 16), fw1 = le32(r + 20);
    printf("hw_rev_id: 0x%08x (generation 0x%04x, stepping 0x%04x)\n", hw, hw & 0xFFFF, hw >> 16);
    printf("fw_rev_id[0]: 0x%08x\n", fw0);
    print_ver16("  rom: ", fw0 & 0xFFFF);
    print_ver16("  fmc: ", fw0 >> 16);
    printf("fw_rev_id[1]: 0x%08x (runtime %u.%u.%u)\n", fw1, fw1 >> 24, (fw1 >> 16) & 0xFF,
           fw1 & 0xFFFF);
    print_str("name: ", r + 24, 12);
    return 0;
}

static int decode_fw_info(const uint8_t *r, size_t n) {
    if (n != 264 && n != 312) {
        fprintf(stderr, "cptra: FW_INFO response has %zu bytes, expected 264 or 312\n", n);
        return 5;
    }
    printf("pl0_pauser: 0x%08x\n", le32(r + 8));
    printf("runtime_svn: %u\n", le32(r + 12));
    printf("min_runtime_svn: %u\n", le32(r + 16));
    printf("fmc_manifest_svn: %u\n", le32(r + 20));
    printf("attestation_disabled: %u\n", le32(r + 24));
    print_str("rom_revision: ", r + 28, 20);
    print_str("fmc_revision: ", r + 48, 20);
    print_str("runtime_revision: ", r + 68, 20);
    print_hex("rom_sha256_digest: ", r + 88, 32);
    print_hex("fmc_sha384_digest: ", r + 120, 48);
    print_hex("runtime_sha384_digest: ", r + 168, 48);
    print_hex("owner_pub_key_hash: ", r + 216, 48);
    if (n == 312) print_hex("authman_sha384_digest: ", r + 264, 48);
    return 0;
}

static bool parse_cmd(const char *s, uint32_t *cmd) {
    if (strlen(s) == 4 && !(s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))) {
        *cmd = (uint32_t)(uint8_t)s[0] << 24 | (uint32_t)(uint8_t)s[1] << 16 |
               (uint32_t)(uint8_t)s[2] << 8 | (uint8_t)s[3];
        return true;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 0);
    if (errno || end == s || *end || v > 0xFFFFFFFFul) return false;
    *cmd = (uint32_t)v;
    return true;
}

static long parse_hex(const char *s, uint8_t *out, size_t cap) {
    size_t n = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
    while (*s) {
        if (*s == ' ' || *s == ':' || *s == '_') {
            s++;
            continue;
        }
        if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) || n >= cap) return -1;
        char b[3] = {s[0], s[1], 0};
        out[n++] = (uint8_t)strtoul(b, NULL, 16);
        s += 2;
    }
    return (long)n;
}

int main(int argc, char **argv) {
    const char *path = NULL, *cmdname = NULL;
    const char *rawargs[2] = {NULL, NULL};
    int nraw = 0, proto = 2;
    unsigned long timeout = 5000;
    bool no_csum = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--socket") && i + 1 < argc) {
            path = argv[++i];
        } else if (!strcmp(a, "--proto") && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "1") && strcmp(v, "2")) {
                fprintf(stderr, "cptra: --proto must be 1 or 2\n");
                return 1;
            }
            proto = v[0] - '0';
        } else if (!strcmp(a, "--timeout") && i + 1 < argc) {
            char *end;
            timeout = strtoul(argv[++i], &end, 0);
            if (*end || timeout > 3600000ul) {
                fprintf(stderr, "cptra: bad --timeout\n");
                return 1;
            }
        } else if (!strcmp(a, "--no-checksum")) {
            no_csum = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "cptra: unknown option %s\n%s", a, usage);
            return 1;
        } else if (!cmdname) {
            cmdname = a;
        } else if (nraw < 2) {
            rawargs[nraw++] = a;
        } else {
            fprintf(stderr, "cptra: too many arguments\n%s", usage);
            return 1;
        }
    }
    if (!path || !cmdname) {
        fprintf(stderr, "cptra: %s is required\n%s", path ? "a command" : "--socket", usage);
        return 1;
    }
    uint32_t cmd;
    static uint8_t req[RESP_MAX + 4], resp[RESP_MAX];
    size_t req_len = 4;
    memset(req, 0, 4);
    if (!strcmp(cmdname, "caps")) {
        cmd = OP_CAPABILITIES;
    } else if (!strcmp(cmdname, "fw-info")) {
        cmd = OP_FW_INFO;
    } else if (!strcmp(cmdname, "version")) {
        cmd = OP_VERSION;
    } else if (!strcmp(cmdname, "raw")) {
        if (nraw < 1 || !parse_cmd(rawargs[0], &cmd)) {
            fprintf(stderr, "cptra: raw needs a command code (0x... or 4 ASCII chars)\n");
            return 1;
        }
        long n = nraw > 1 ? parse_hex(rawargs[1], no_csum ? req : req + 4, RESP_MAX) : 0;
        if (n < 0) {
            fprintf(stderr, "cptra: bad HEX request bytes\n");
            return 1;
        }
        req_len = no_csum ? (size_t)n : 4 + (size_t)n;
    } else {
        fprintf(stderr, "cptra: unknown command '%s'\n%s", cmdname, usage);
        return 1;
    }
    if (nraw && strcmp(cmdname, "raw")) {
        fprintf(stderr, "cptra: %s takes no arguments\n", cmdname);
        return 1;
    }

    cptra_transport_t *t = NULL;
    cptra_status_t st = cptra_sock_open(&t, path, proto, (uint32_t)timeout);
    if (st == CPTRA_ERR_CONNECT) {
        fprintf(stderr, "cptra: cannot connect to %s: %s\n", path, strerror(errno));
        return 2;
    }
    if (st) {
        fprintf(stderr, "cptra: %s: %s%s\n", path, cptra_status_str(st),
                st == CPTRA_ERR_UNSUPPORTED ? " (server does not speak protocol v2; try --proto 1)"
                                            : "");
        return st == CPTRA_ERR_UNSUPPORTED ? 2 : 3;
    }
    size_t rl = 0;
    uint32_t fw_err = 0;
    st = no_csum ? cptra_mbox_exec_raw(t, cmd, req, req_len, resp, sizeof resp, &rl, &fw_err)
                 : cptra_mbox_exec(t, cmd, req, req_len, resp, sizeof resp, &rl, &fw_err);
    cptra_transport_close(t);
    if (st == CPTRA_ERR_CMD_FAILURE) {
        fprintf(stderr, "cptra: command 0x%08x failed: CMD_FAILURE, fw error 0x%08x (%s)\n", cmd,
                fw_err, err_name(fw_err));
        return 4;
    }
    if (st && st != CPTRA_ERR_CHECKSUM) {
        fprintf(stderr, "cptra: command 0x%08x: %s\n", cmd, cptra_status_str(st));
        return 3;
    }
    printf("response (%zu bytes):\n", rl);
    hexdump(resp, rl);
    if (st == CPTRA_ERR_CHECKSUM) {
        fprintf(stderr, "cptra: response checksum mismatch\n");
        return 5;
    }
    if (rl >= 8) printf("chksum: 0x%08x (ok)\nfips_status: 0x%08x\n", le32(resp), le32(resp + 4));
    if (cmd == OP_CAPABILITIES && strcmp(cmdname, "raw")) return decode_caps(resp, rl);
    if (cmd == OP_VERSION && strcmp(cmdname, "raw")) return decode_version(resp, rl);
    if (cmd == OP_FW_INFO && strcmp(cmdname, "raw")) return decode_fw_info(resp, rl);
    return 0;
}
