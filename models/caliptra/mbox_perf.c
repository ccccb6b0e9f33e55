#include "mbox_perf.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#define MBOX_CSR    0x30020000u
#define OFF_LOCK    0x00u
#define OFF_CMD     0x08u
#define OFF_DLEN    0x0Cu
#define OFF_DATAIN  0x10u
#define OFF_DATAOUT 0x14u
#define OFF_EXECUTE 0x18u
#define OFF_STATUS  0x1Cu
#define OFF_UNLOCK  0x20u

enum { ST_IDLE, ST_LOCKED, ST_CMD, ST_DLEN, ST_EXEC, ST_STATUS };

struct mbox_perf {
    double mhz;
    int state;
    int have_datain, have_dataout;
    mbox_perf_trip_t cur;
    mbox_perf_trip_t *trips;
    uint64_t ntrips, cap;
    uint64_t aborted;
    mbox_perf_row_t *rows;
    size_t nrows;
    int rows_valid;
};

static const char *const metric_names[MBOX_PERF_NMETRICS] = {
    "lock_to_cmd",       "cmd_to_dlen",       "dlen_to_datain",     "datain_to_execute",
    "execute_to_status", "status_to_dataout", "dataout_to_release", "total"};

const char *mbox_perf_metric_name(int m) {
    return m >= 0 && m < MBOX_PERF_NMETRICS ? metric_names[m] : "?";
}

mbox_perf_t *mbox_perf_new(double clock_mhz) {
    mbox_perf_t *p = calloc(1, sizeof(*p));
    if (p) p->mhz = clock_mhz > 0 ? clock_mhz : 400.0;
    return p;
}

void mbox_perf_free(mbox_perf_t *p) {
    if (!p) return;
    free(p->trips);
    free(p->rows);
    free(p);
}

double mbox_perf_ns(const mbox_perf_t *p, uint64_t cycles) {
    return (double)cycles * 1000.0 / p->mhz;
}

static void abort_trip(mbox_perf_t *p) {
    if (p->state != ST_IDLE) p->aborted++;
    p->state = ST_IDLE;
}

void mbox_perf_reset(mbox_perf_t *p) {
    if (p) abort_trip(p);
}

static void complete(mbox_perf_t *p, uint64_t cycle) {
    mbox_perf_trip_t *t = &p->cur;
    t->t_release = cycle;
    if (!p->have_datain) t->t_datain = t->t_dlen;
    if (p->state == ST_EXEC) t->t_status = t->t_execute; /* the uC never answered with a status */
    if (!p->have_dataout) t->t_dataout = t->t_status;
    if (p->ntrips == p->cap) {
        uint64_t cap = p->cap ? p->cap * 2 : 64;
        mbox_perf_trip_t *n = realloc(p->trips, cap * sizeof(*n));
        if (!n) {
            p->state = ST_IDLE;
            return;
        }
        p->trips = n;
        p->cap = cap;
    }
    p->trips[p->ntrips++] = *t;
    p->rows_valid = 0;
    p->state = ST_IDLE;
}

void mbox_perf_apb(mbox_perf_t *p, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp) {
    if (!p || !req || !resp || resp->slverr) return;
    if (req->addr < MBOX_CSR || req->addr >= MBOX_CSR + 0x1000u) return;
    uint32_t off = req->addr - MBOX_CSR;
    if (!req->write && off == OFF_LOCK) {
        if ((resp->rdata & 1u) == 0) {
            abort_trip(p); /* a lock granted while we tracked one: the old one ended unseen */
            memset(&p->cur, 0, sizeof(p->cur));
            p->cur.pauser = req->pauser;
            p->cur.t_lock = cycle;
            p->have_datain = p->have_dataout = 0;
            p->state = ST_LOCKED;
        }
        return;
    }
    if (p->state == ST_IDLE || req->pauser != p->cur.pauser) return;
    if (req->write) {
        switch (off) {
        case OFF_CMD:
            if (p->state == ST_LOCKED) {
                p->cur.command = req->wdata;
                p->cur.t_cmd = cycle;
                p->state = ST_CMD;
            }
            break;
        case OFF_DLEN:
            if (p->state == ST_CMD) {
                p->cur.dlen = req->wdata;
                p->cur.t_dlen = cycle;
                p->state = ST_DLEN;
            }
            break;
        case OFF_DATAIN:
            if (p->state == ST_DLEN) {
                p->cur.t_datain = cycle;
                p->have_datain = 1;
            }
            break;
        case OFF_EXECUTE:
            if (p->state == ST_DLEN && (req->wdata & 1u)) {
                if (!p->have_datain) p->cur.t_datain = p->cur.t_dlen;
                p->cur.t_execute = cycle;
                p->state = ST_EXEC;
            } else if ((p->state == ST_EXEC || p->state == ST_STATUS) && !(req->wdata & 1u)) {
                complete(p, cycle);
            }
            break;
        default:
            break;
        }
    } else if (off == OFF_DATAOUT && (p->state == ST_EXEC || p->state == ST_STATUS)) {
        p->cur.t_dataout = cycle;
        p->have_dataout = 1;
    }
}

void mbox_perf_uc_write(mbox_perf_t *p, uint64_t cycle, uint32_t addr, uint32_t data) {
    if (!p) return;
    if (addr == MBOX_CSR + OFF_UNLOCK && (data & 1u)) {
        abort_trip(p);
        return;
    }
    if (addr == MBOX_CSR + OFF_STATUS && p->state == ST_EXEC && (data & 0xFu) != 0) {
        p->cur.t_status = cycle;
        p->state = ST_STATUS;
    }
}

uint64_t mbox_perf_trips(const mbox_perf_t *p) {
    return p ? p->ntrips : 0;
}
uint64_t mbox_perf_aborted(const mbox_perf_t *p) {
    return p ? p->aborted : 0;
}
const mbox_perf_trip_t *mbox_perf_trip(const mbox_perf_t *p, uint64_t i) {
    return p && i < p->ntrips ? &p->trips[i] : NULL;
}

static void metrics_of(const mbox_perf_trip_t *t, uint64_t m[MBOX_PERF_NMETRICS]) {
    m[MBOX_PERF_LOCK_TO_CMD] = t->t_cmd - t->t_lock;
    m[MBOX_PERF_CMD_TO_DLEN] = t->t_dlen - t->t_cmd;
    m[MBOX_PERF_DLEN_TO_DATAIN] = t->t_datain - t->t_dlen;
    m[MBOX_PERF_DATAIN_TO_EXECUTE] = t->t_execute - t->t_datain;
    m[MBOX_PERF_EXECUTE_TO_STATUS] = t->t_status - t->t_execute;
    m[MBOX_PERF_STATUS_TO_DATAOUT] = t->t_dataout - t->t_status;
    m[MBOX_PERF_DATAOUT_TO_RELEASE] = t->t_release - t->t_dataout;
    m[MBOX_PERF_TOTAL] = t->t_release - t->t_lock;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y);
}

static int cmp_trip_key(const void *a, const void *b) {
    const mbox_perf_trip_t *x = *(mbox_perf_trip_t *const *)a, *y = *(mbox_perf_trip_t *const *)b;
    if (x->command != y->command) return x->command < y->command ? -1 : 1;
    if (x->pauser != y->pauser) return x->pauser < y->pauser ? -1 : 1;
    return x < y ? -1 : (x > y); /* stable: trip order */
}

static void stat_of(uint64_t *v, size_t n, mbox_perf_stat_t *s) {
    qsort(v, n, sizeof(*v), cmp_u64);
    size_t r99 = (size_t)((99 * (uint64_t)n + 99) / 100); /* ceil(0.99 n) */
    s->min = v[0];
    s->max = v[n - 1];
    s->median = v[(n - 1) / 2];
    s->p99 = v[r99 ? r99 - 1 : 0];
}

size_t mbox_perf_rows(mbox_perf_t *p, const mbox_perf_row_t **rows) {
    if (!p) {
        *rows = NULL;
        return 0;
    }
    if (!p->rows_valid) {
        free(p->rows);
        p->rows = NULL;
        p->nrows = 0;
        if (p->ntrips) {
            const mbox_perf_trip_t **idx = malloc(p->ntrips * sizeof(*idx));
            uint64_t *vals = malloc(p->ntrips * MBOX_PERF_NMETRICS * sizeof(uint64_t));
            p->rows = calloc(p->ntrips, sizeof(mbox_perf_row_t));
            if (!idx || !vals || !p->rows) {
                free(idx);
                free(vals);
                free(p->rows);
                p->rows = NULL;
                *rows = NULL;
                return 0;
            }
            for (uint64_t i = 0; i < p->ntrips; i++)
                idx[i] = &p->trips[i];
            qsort(idx, p->ntrips, sizeof(*idx), cmp_trip_key);
            uint64_t i = 0;
            while (i < p->ntrips) {
                uint64_t j = i;
                while (j < p->ntrips && idx[j]->command == idx[i]->command &&
                       idx[j]->pauser == idx[i]->pauser)
                    j++;
                size_t n = (size_t)(j - i);
                mbox_perf_row_t *row = &p->rows[p->nrows++];
                row->command = idx[i]->command;
                row->pauser = idx[i]->pauser;
                row->count = n;
                for (size_t k = 0; k < n; k++) {
                    uint64_t m[MBOX_PERF_NMETRICS];
                    metrics_of(idx[i + k], m);
                    for (int q = 0; q < MBOX_PERF_NMETRICS; q++)
                        vals[(size_t)q * n + k] = m[q];
                }
                for (int q = 0; q < MBOX_PERF_NMETRICS; q++)
                    stat_of(&vals[(size_t)q * n], n, &row->m[q]);
                i = j;
            }
            free(idx);
            free(vals);
        }
        p->rows_valid = 1;
    }
    *rows = p->rows;
    return p->nrows;
}

void mbox_perf_cmd_name(uint32_t cmd, char buf[5]) {
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(cmd >> (24 - 8 * i));
        buf[i] = (c >= 0x20 && c < 0x7F) ? (char)c : '.';
    }
    buf[4] = 0;
}

void mbox_perf_print(mbox_perf_t *p, FILE *out) {
    const mbox_perf_row_t *rows;
    size_t n = mbox_perf_rows(p, &rows);
    fprintf(out, "mailbox round trips: %llu completed, %llu aborted (cycles @ %.1f MHz)\n",
            (unsigned long long)mbox_perf_trips(p), (unsigned long long)mbox_perf_aborted(p),
            p ? p->mhz : 0.0);
    if (!n) return;
    fprintf(out, "%-4s %-10s %-10s %6s  %-18s %10s %10s %10s %10s %12s\n", "cmd", "code", "pauser",
            "count", "phase", "min", "median", "p99", "max", "median_ns");
    for (size_t i = 0; i < n; i++) {
        char name[5];
        mbox_perf_cmd_name(rows[i].command, name);
        for (int q = 0; q < MBOX_PERF_NMETRICS; q++) {
            const mbox_perf_stat_t *s = &rows[i].m[q];
            if (q == 0)
                fprintf(out, "%-4s 0x%08x 0x%08x %6llu  ", name, rows[i].command, rows[i].pauser,
                        (unsigned long long)rows[i].count);
            else
                fprintf(out, "%-4s %-10s %-10s %6s  ", "", "", "", "");
            fprintf(out, "%-18s %10llu %10llu %10llu %10llu %12.1f\n", metric_names[q],
                    (unsigned long long)s->min, (unsigned long long)s->median,
                    (unsigned long long)s->p99, (unsigned long long)s->max,
                    mbox_perf_ns(p, s->median));
        }
    }
}

static cJSON *hex(uint32_t v) {
    char b[16];
    snprintf(b, sizeof(b), "0x%08x", v);
    return cJSON_CreateString(b);
}

void *mbox_perf_to_json(mbox_perf_t *p) {
    cJSON *arr = cJSON_CreateArray();
    const mbox_perf_row_t *rows;
    size_t n = mbox_perf_rows(p, &rows);
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        char name[5];
        mbox_perf_cmd_name(rows[i].command, name);
        cJSON_AddNumberToObject(o, "command", rows[i].command);
        cJSON_AddItemToObject(o, "command_hex", hex(rows[i].command));
        cJSON_AddStringToObject(o, "command_name", name);
        cJSON_AddNumberToObject(o, "pauser", rows[i].pauser);
        cJSON_AddItemToObject(o, "pauser_hex", hex(rows[i].pauser));
        cJSON_AddNumberToObject(o, "count", (double)rows[i].count);
        for (int q = 0; q < MBOX_PERF_NMETRICS; q++) {
            const mbox_perf_stat_t *s = &rows[i].m[q];
            cJSON *m = cJSON_CreateObject();
            cJSON_AddNumberToObject(m, "min_cycles", (double)s->min);
            cJSON_AddNumberToObject(m, "median_cycles", (double)s->median);
            cJSON_AddNumberToObject(m, "p99_cycles", (double)s->p99);
            cJSON_AddNumberToObject(m, "max_cycles", (double)s->max);
            cJSON_AddNumberToObject(m, "min_ns", mbox_perf_ns(p, s->min));
            cJSON_AddNumberToObject(m, "median_ns", mbox_perf_ns(p, s->median));
            cJSON_AddNumberToObject(m, "p99_ns", mbox_perf_ns(p, s->p99));
            cJSON_AddNumberToObject(m, "max_ns", mbox_perf_ns(p, s->max));
            cJSON_AddItemToObject(o, metric_names[q], m);
        }
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}
