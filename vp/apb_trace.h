/* APB trace recorder: a hw_tap sink that writes every SoC APB access reaching Caliptra in the
 * script format (script.h), so a run can be replayed with `vp --script TRACE`:
 *   - reads carry expect= with the value read, writes their data, both pauser=, and slverr=1
 *     when PSLVERR came;
 *   - idle gaps between transfers become `wait N` lines, so the replay issues every access at
 *     the recorded cycle (a transfer occupies 2 + wait cycles, apb_types.h).
 * Accesses refused by the interconnect (decode misses) never reach hw and show up as waits. */
#ifndef VP_APB_TRACE_H
#define VP_APB_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "apb_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct apb_trace apb_trace_t;

/* Opens `path` for writing; NULL on error (errno set). */
apb_trace_t *apb_trace_open(const char *path);
/* hw_tap sink function (ctx = apb_trace_t*). */
void apb_trace_apb(void *ctx, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp);
uint64_t apb_trace_count(const apb_trace_t *t);
/* Flushes and closes; returns false on a write error. */
bool apb_trace_close(apb_trace_t *t);

#ifdef __cplusplus
}
#endif

#endif
