/* Mailbox round-trip performance counters (C core).
 *
 * Fed with every SoC APB access and every uC-port write (through hw_tap), it follows each SoC
 * round trip on the mailbox and stamps, in Caliptra clock cycles (the APB ACCESS-phase cycle of
 * the SoC access, the access cycle of the uC write):
 *   lock      SoC read of MBOX_LOCK returning lock=0 (no PSLVERR): the reader now owns it
 *   cmd       first MBOX_CMD write by the owner (same PAUSER)
 *   dlen      first MBOX_DLEN write by the owner after cmd
 *   datain    last MBOX_DATAIN write by the owner before execute (= dlen stamp if none)
 *   execute   MBOX_EXECUTE write with bit0=1 by the owner
 *   status    uC write of MBOX_STATUS with status[3:0] != CMD_BUSY after execute
 *             (= execute stamp if the uC never wrote one)
 *   dataout   last MBOX_DATAOUT read by the owner after execute (= status stamp if none)
 *   release   MBOX_EXECUTE write with bit0=0 by the owner after execute: round trip complete
 * A uC force unlock (MBOX_UNLOCK write), a reset, or a new lock acquisition aborts the round trip
 * in flight (counted in `aborted`, not aggregated). Round trips the uC starts are not counted.
 *
 * Phases (cycles): lock_to_cmd, cmd_to_dlen, dlen_to_datain, datain_to_execute,
 * execute_to_status (uC busy), status_to_dataout (response read incl. polling),
 * dataout_to_release, and total = release - lock.
 * Aggregates per (command, PAUSER): count, min, median, p99, max. With the n samples sorted
 * ascending v[0..n-1]: median = v[(n-1)/2] (lower median), p99 = v[ceil(0.99*n)-1]
 * (nearest-rank). ns = cycles * 1000 / clock_MHz. */
#ifndef MBOX_PERF_H
#define MBOX_PERF_H

#include <stdint.h>
#include <stdio.h>

#include "apb_types.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    MBOX_PERF_LOCK_TO_CMD,
    MBOX_PERF_CMD_TO_DLEN,
    MBOX_PERF_DLEN_TO_DATAIN,
    MBOX_PERF_DATAIN_TO_EXECUTE,
    MBOX_PERF_EXECUTE_TO_STATUS,
    MBOX_PERF_STATUS_TO_DATAOUT,
    MBOX_PERF_DATAOUT_TO_RELEASE,
    MBOX_PERF_TOTAL,
    MBOX_PERF_NMETRICS
};

typedef struct mbox_perf mbox_perf_t;

typedef struct mbox_perf_stat {
    uint64_t min, median, p99, max; /* cycles */
} mbox_perf_stat_t;

typedef struct mbox_perf_row {
    uint32_t command;
    uint32_t pauser;
    uint64_t count;
    mbox_perf_stat_t m[MBOX_PERF_NMETRICS];
} mbox_perf_row_t;

/* Stamps of one completed round trip, in order lock..release. */
typedef struct mbox_perf_trip {
    uint32_t command, pauser, dlen;
    uint64_t t_lock, t_cmd, t_dlen, t_datain, t_execute, t_status, t_dataout, t_release;
} mbox_perf_trip_t;

mbox_perf_t *mbox_perf_new(double clock_mhz);
void mbox_perf_free(mbox_perf_t *p);

/* Event inputs. addr are Caliptra addresses (0x3002_0000...). */
void mbox_perf_apb(mbox_perf_t *p, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp);
void mbox_perf_uc_write(mbox_perf_t *p, uint64_t cycle, uint32_t addr, uint32_t data);
void mbox_perf_reset(mbox_perf_t *p); /* pwrgood/rst_b asserted: abort the trip in flight */

/* Results. */
uint64_t mbox_perf_trips(const mbox_perf_t *p); /* completed round trips */
uint64_t mbox_perf_aborted(const mbox_perf_t *p);
const mbox_perf_trip_t *mbox_perf_trip(const mbox_perf_t *p, uint64_t i);
/* Rows sorted by (command, pauser). Returns the row count; *rows valid until the next event. */
size_t mbox_perf_rows(mbox_perf_t *p, const mbox_perf_row_t **rows);
const char *mbox_perf_metric_name(int metric);
/* ASCII form of a command code, MSB first ("CAPS"); '.' for non-printable bytes. buf >= 5. */
void mbox_perf_cmd_name(uint32_t cmd, char buf[5]);
double mbox_perf_ns(const mbox_perf_t *p, uint64_t cycles);
/* Human-readable table. */
void mbox_perf_print(mbox_perf_t *p, FILE *out);
/* JSON array of rows (cJSON *), caller owns it. Declared as void* to keep cJSON out of users. */
void *mbox_perf_to_json(mbox_perf_t *p);

#ifdef __cplusplus
}
#endif

#endif
