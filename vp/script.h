/* APB script / trace format (C core of the script player; also the format of traces/).
 *
 *   write ADDR DATA [pauser=P] [slverr=1]
 *   read  ADDR [expect=V] [mask=M] [pauser=P] [slverr=1]
 *   poll  ADDR MASK VALUE [timeout=CYCLES] [interval=CYCLES] [pauser=P]
 *   wait  CYCLES
 *   # comment (also after a command)
 * Numbers: decimal or 0x-hex, '_' allowed between digits (0x3002_0008). ADDR is a Caliptra
 * address (0x3002_0000..) or an AST2700 window address (0x14c6_0000..); the interconnect maps
 * both. Keywords are case-insensitive. An access without pauser= uses the player's default
 * PAUSER. PSLVERR fails the script unless slverr=1 is given; slverr=1 fails when no PSLVERR
 * comes. read: the check is (rdata & mask) == (expect & mask), mask defaults to 0xFFFF_FFFF.
 * poll: reads until (rdata & MASK) == VALUE, back to back or `interval` idle cycles apart;
 * fails after `timeout` cycles (default SCRIPT_POLL_TIMEOUT) measured from the first read. */
#ifndef VP_SCRIPT_H
#define VP_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SCRIPT_POLL_TIMEOUT 1000000u /* cycles: 2.5 ms at 400 MHz */

typedef enum { SCRIPT_WRITE, SCRIPT_READ, SCRIPT_POLL, SCRIPT_WAIT } script_op_t;

typedef struct script_cmd {
    script_op_t op;
    uint32_t addr;
    uint32_t data;   /* write data */
    uint32_t expect; /* read expect=, poll VALUE */
    uint32_t mask;   /* read mask=, poll MASK */
    uint32_t pauser;
    uint64_t cycles;   /* wait CYCLES, poll timeout */
    uint64_t interval; /* poll: idle cycles between two reads (0 = back to back) */
    bool has_expect;
    bool has_pauser;
    bool slverr; /* PSLVERR expected */
    int line;
    char *text; /* the source line, trimmed */
} script_cmd_t;

typedef struct script {
    script_cmd_t *cmds;
    size_t n;
    char *name; /* file name for messages */
} script_t;

/* Parses `text`. On error returns false and writes "name:line: text: reason" into err. */
bool script_parse(const char *text, const char *name, script_t *out, char *err, size_t errlen);
bool script_load(const char *path, script_t *out, char *err, size_t errlen);
void script_free(script_t *s);

/* Number syntax shared with the configuration: decimal / 0x-hex with '_' separators. */
bool script_parse_u64(const char *s, uint64_t *out);

/* Checks the outcome of one read/write access against the command's expectations. Returns true
 * when it passes; otherwise writes the reason (without location) into msg. */
bool script_check(const script_cmd_t *c, uint32_t rdata, bool slverr, char *msg, size_t len);
/* poll: does this read value satisfy the condition? */
static inline bool script_poll_done(const script_cmd_t *c, uint32_t rdata) {
    return (rdata & c->mask) == c->expect;
}
/* Formats "name:line: text" for a failure message. */
void script_where(const script_t *s, const script_cmd_t *c, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
