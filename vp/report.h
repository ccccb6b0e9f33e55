/* The run report: console summary and JSON file (cJSON). Schema in vp/README.md. */
#ifndef VP_REPORT_H
#define VP_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mbox_perf.h"
#include "vp_timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An extra report value: key "section.name" becomes {"section": {"name": value}} (a key
 * without a dot is top-level); `str` non-NULL makes it a string. */
typedef struct vp_report_kv {
    const char *key;
    double value;
    const char *str;
} vp_report_kv_t;

typedef struct vp_report_in {
    double sim_time_ns;
    double wall_time_s;
    double clock_mhz;
    vp_timeline_t *timeline;
    mbox_perf_t *perf;
    const char *status;  /* "pass", "fail", "timeout" */
    const char *message; /* failure text or "" */
    uint64_t apb_transfers, apb_slverr;
    const vp_report_kv_t *extra; /* may be NULL */
    size_t n_extra;
} vp_report_in_t;

bool vp_report_write_json(const char *path, const vp_report_in_t *in, char *err, size_t len);
void vp_report_print(FILE *out, const vp_report_in_t *in);

#ifdef __cplusplus
}
#endif

#endif
