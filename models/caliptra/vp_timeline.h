/* Boot/run timeline: named events stamped in Caliptra clock cycles, for the JSON report.
 * Other components (fw agent, bootmcu, bridge) append events through the callback pair
 * (vp_timeline_fn, ctx) so they need no link dependency on the platform. */
#ifndef VP_TIMELINE_H
#define VP_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apb_types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vp_timeline vp_timeline_t;

/* Callback form handed to other components: vp_timeline_fn_add is one (ctx = vp_timeline_t*). */
typedef void (*vp_timeline_fn)(void *ctx, const char *name, uint64_t cycle);

vp_timeline_t *vp_timeline_new(void);
void vp_timeline_free(vp_timeline_t *tl);
/* Appends an event (name copied, truncated to 63 chars). NULL-safe. */
void vp_timeline_add(vp_timeline_t *tl, const char *name, uint64_t cycle);
void vp_timeline_fn_add(void *ctx, const char *name, uint64_t cycle);
size_t vp_timeline_count(const vp_timeline_t *tl);
/* Events are returned sorted by cycle (stable: insertion order for equal cycles). */
const char *vp_timeline_get(const vp_timeline_t *tl, size_t i, uint64_t *cycle);
/* hw_tap sink helper: stamps "FUSE_WR_DONE" on the first SoC write of 1 to CPTRA_FUSE_WR_DONE. */
void vp_timeline_apb_watch(void *ctx, uint64_t cycle, const apb_req_t *req, const apb_resp_t *resp);
/* hw_tap pin sink helper: a pwrgood drop re-arms the FUSE_WR_DONE stamp (fuses are pwrgood). */
void vp_timeline_pin_watch(void *ctx, uint64_t cycle, int which, bool level);

#ifdef __cplusplus
}
#endif

#endif
