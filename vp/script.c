#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SCRIPT_BYTES (64u << 20) /* refuse absurd inputs instead of exhausting memory */
#define MAX_TOKENS       8

bool script_parse_u64(const char *s, uint64_t *out) {
    if (!s || !*s) return false;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    uint64_t v = 0;
    bool digit = false, last_us = false;
    for (; *s; s++) {
        if (*s == '_') {
            if (!digit || last_us) return false;
            last_us = true;
            continue;
        }
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            return false;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return false; /* overflow */
        v = v * (uint64_t)base + (uint64_t)d;
        digit = true;
        last_us = false;
    }
    if (!digit || last_us) return false;
    *out = v;
    return true;
}

static bool parse_u32(const char *s, uint32_t *out) {
    uint64_t v;
    if (!script_parse_u64(s, &v) || v > 0xFFFFFFFFu) return false;
    *out = (uint32_t)v;
    return true;
}

static void fail(char *err, size_t len, const char *name, int line, const char *text,
                 const char *fmt, ...) {
    if (!err || !len) return;
    int n = snprintf(err, len, "%s:%d: %s: ", name, line, text);
    if (n < 0 || (size_t)n >= len) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, len - (size_t)n, fmt, ap);
    va_end(ap);
}

static bool push(script_t *s, size_t *cap, const script_cmd_t *c) {
    if (s->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        script_cmd_t *p = realloc(s->cmds, nc * sizeof(*p));
        if (!p) return false;
        s->cmds = p;
        *cap = nc;
    }
    s->cmds[s->n++] = *c;
    return true;
}

/* Parses one option "key=value" into c; returns an error string or NULL. */
static const char *parse_opt(script_cmd_t *c, char *tok) {
    char *eq = strchr(tok, '=');
    if (!eq) return "expected key=value";
    *eq = 0;
    const char *k = tok, *v = eq + 1;
    if (!strcasecmp(k, "pauser")) {
        if (!parse_u32(v, &c->pauser)) return "bad pauser value";
        c->has_pauser = true;
    } else if (!strcasecmp(k, "slverr")) {
        if (c->op == SCRIPT_POLL || c->op == SCRIPT_WAIT)
            return "slverr= is only allowed on read and write";
        if (!strcmp(v, "1"))
            c->slverr = true;
        else if (!strcmp(v, "0"))
            c->slverr = false;
        else
            return "slverr must be 0 or 1";
    } else if (!strcasecmp(k, "expect") && c->op == SCRIPT_READ) {
        if (!parse_u32(v, &c->expect)) return "bad expect value";
        c->has_expect = true;
    } else if (!strcasecmp(k, "mask") && c->op == SCRIPT_READ) {
        if (!parse_u32(v, &c->mask)) return "bad mask value";
    } else if (!strcasecmp(k, "timeout") && c->op == SCRIPT_POLL) {
        if (!script_parse_u64(v, &c->cycles) || c->cycles == 0) return "bad timeout value";
    } else if (!strcasecmp(k, "interval") && c->op == SCRIPT_POLL) {
        /* bounded so that interval * period stays far from the end of simulated time */
        if (!script_parse_u64(v, &c->interval) || c->interval > 1000000000000ull)
            return "bad interval value";
    } else {
        return "unknown option for this command";
    }
    return NULL;
}

static char *trim(char *s) {
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

bool script_parse(const char *text, const char *name, script_t *out, char *err, size_t errlen) {
    memset(out, 0, sizeof(*out));
    if (!name) name = "<script>";
    out->name = strdup(name);
    if (!text || !out->name) {
        fail(err, errlen, name, 0, "", "out of memory");
        script_free(out);
        return false;
    }
    size_t cap = 0;
    int lineno = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        lineno++;
        char *line = malloc(len + 1);
        if (!line) {
            fail(err, errlen, name, lineno, "", "out of memory");
            script_free(out);
            return false;
        }
        memcpy(line, p, len);
        line[len] = 0;
        p += len + (e ? 1 : 0);
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *body = trim(line);
        if (!*body) {
            free(line);
            continue;
        }
        char *text_copy = strdup(body);
        char *toks[MAX_TOKENS + 1] = {0};
        int nt = 0;
        for (char *t = strtok(body, " \t\r"); t; t = strtok(NULL, " \t\r")) {
            if (nt == MAX_TOKENS + 1) break;
            toks[nt++] = t;
        }
        script_cmd_t c;
        memset(&c, 0, sizeof(c));
        c.line = lineno;
        c.text = text_copy;
        c.mask = 0xFFFFFFFFu;
        const char *why = NULL;
        int npos = 0;
        if (!text_copy)
            why = "out of memory";
        else if (nt == 0 || nt > MAX_TOKENS)
            why = "too many fields";
        else if (!strcasecmp(toks[0], "write")) {
            c.op = SCRIPT_WRITE;
            npos = 2;
        } else if (!strcasecmp(toks[0], "read")) {
            c.op = SCRIPT_READ;
            npos = 1;
        } else if (!strcasecmp(toks[0], "poll")) {
            c.op = SCRIPT_POLL;
            npos = 3;
            c.cycles = SCRIPT_POLL_TIMEOUT;
        } else if (!strcasecmp(toks[0], "wait")) {
            c.op = SCRIPT_WAIT;
            npos = 1;
        } else
            why = "unknown command (expected write, read, poll or wait)";
        if (!why) {
            int have = 0;
            for (int i = 1; i < nt && !why; i++) {
                if (strchr(toks[i], '=')) {
                    why = parse_opt(&c, toks[i]);
                    continue;
                }
                if (have >= npos) {
                    why = "too many arguments";
                    break;
                }
                bool ok;
                if (c.op == SCRIPT_WAIT)
                    ok = script_parse_u64(toks[i], &c.cycles);
                else if (have == 0)
                    ok = parse_u32(toks[i], &c.addr);
                else if (c.op == SCRIPT_WRITE)
                    ok = parse_u32(toks[i], &c.data);
                else if (have == 1)
                    ok = parse_u32(toks[i], &c.mask);
                else
                    ok = parse_u32(toks[i], &c.expect);
                if (!ok) why = "bad number";
                have++;
            }
            if (!why && have < npos) why = "missing arguments";
            if (!why && c.op == SCRIPT_POLL && (c.expect & ~c.mask))
                why = "poll VALUE has bits outside MASK (can never match)";
        }
        if (why) {
            fail(err, errlen, name, lineno, text_copy ? text_copy : "", "%s", why);
            free(text_copy);
            free(line);
            script_free(out);
            return false;
        }
        free(line);
        if (!push(out, &cap, &c)) {
            free(text_copy);
            fail(err, errlen, name, lineno, "", "out of memory");
            script_free(out);
            return false;
        }
    }
    return true;
}

bool script_load(const char *path, script_t *out, char *err, size_t errlen) {
    memset(out, 0, sizeof(*out));
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            if (cap >= MAX_SCRIPT_BYTES) {
                free(buf);
                fclose(f);
                snprintf(err, errlen, "%s: script larger than %u bytes", path, MAX_SCRIPT_BYTES);
                return false;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        if (!r) break;
        n += r;
    }
    fclose(f);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", path);
        return false;
    }
    buf[n] = 0;
    if (memchr(buf, 0, n)) {
        free(buf);
        snprintf(err, errlen, "%s: not a text file (NUL byte)", path);
        return false;
    }
    bool ok = script_parse(buf, path, out, err, errlen);
    free(buf);
    return ok;
}

void script_free(script_t *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        free(s->cmds[i].text);
    free(s->cmds);
    free(s->name);
    memset(s, 0, sizeof(*s));
}

bool script_check(const script_cmd_t *c, uint32_t rdata, bool slverr, char *msg, size_t len) {
    if (slverr && !c->slverr) {
        snprintf(msg, len, "unexpected PSLVERR");
        return false;
    }
    if (!slverr && c->slverr) {
        snprintf(msg, len, "expected PSLVERR, got none");
        return false;
    }
    if (c->op == SCRIPT_READ && c->has_expect && (rdata & c->mask) != (c->expect & c->mask)) {
        snprintf(msg, len, "read 0x%08x, expected 0x%08x (mask 0x%08x)", rdata, c->expect, c->mask);
        return false;
    }
    return true;
}

void script_where(const script_t *s, const script_cmd_t *c, char *buf, size_t len) {
    snprintf(buf, len, "%s:%d: %s", s && s->name ? s->name : "<script>", c->line,
             c->text ? c->text : "");
}
