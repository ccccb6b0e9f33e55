#include "report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static double ns_of(const vp_report_in_t *in, uint64_t cycles) {
    return (double)cycles * 1000.0 / in->clock_mhz;
}

bool vp_report_write_json(const char *path, const vp_report_in_t *in, char *err, size_t len) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "sim_time_ns", in->sim_time_ns);
    cJSON_AddNumberToObject(root, "wall_time_s", in->wall_time_s);
    cJSON_AddNumberToObject(root, "clock_mhz", in->clock_mhz);
    cJSON_AddStringToObject(root, "status", in->status ? in->status : "");
    cJSON_AddStringToObject(root, "message", in->message ? in->message : "");
    cJSON *tl = cJSON_AddArrayToObject(root, "timeline");
    for (size_t i = 0; i < vp_timeline_count(in->timeline); i++) {
        uint64_t c;
        const char *name = vp_timeline_get(in->timeline, i, &c);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "event", name);
        cJSON_AddNumberToObject(e, "time_ns", ns_of(in, c));
        cJSON_AddNumberToObject(e, "cycle", (double)c);
        cJSON_AddItemToArray(tl, e);
    }
    cJSON_AddItemToObject(root, "mailbox", (cJSON *)mbox_perf_to_json(in->perf));
    cJSON *ms = cJSON_AddObjectToObject(root, "mailbox_summary");
    cJSON_AddNumberToObject(ms, "completed", (double)mbox_perf_trips(in->perf));
    cJSON_AddNumberToObject(ms, "aborted", (double)mbox_perf_aborted(in->perf));
    cJSON *apb = cJSON_AddObjectToObject(root, "apb");
    cJSON_AddNumberToObject(apb, "transfers", (double)in->apb_transfers);
    cJSON_AddNumberToObject(apb, "pslverr", (double)in->apb_slverr);
    for (size_t i = 0; in->extra && i < in->n_extra; i++) {
        const vp_report_kv_t *kv = &in->extra[i];
        if (!kv->key) continue;
        char sec[64];
        const char *dot = strchr(kv->key, '.');
        cJSON *obj = root;
        const char *name = kv->key;
        if (dot && (size_t)(dot - kv->key) < sizeof(sec)) {
            memcpy(sec, kv->key, (size_t)(dot - kv->key));
            sec[dot - kv->key] = 0;
            obj = cJSON_GetObjectItemCaseSensitive(root, sec);
            if (!obj) obj = cJSON_AddObjectToObject(root, sec);
            name = dot + 1;
        }
        if (kv->str)
            cJSON_AddStringToObject(obj, name, kv->str);
        else
            cJSON_AddNumberToObject(obj, name, kv->value);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        snprintf(err, len, "report: out of memory");
        return false;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
        free(text);
        return false;
    }
    fputs(text, f);
    fputc('\n', f);
    free(text);
    if (fclose(f) != 0) {
        snprintf(err, len, "%s: write failed", path);
        return false;
    }
    return true;
}

void vp_report_print(FILE *out, const vp_report_in_t *in) {
    fprintf(out, "== vp: %s%s%s\n", in->status, in->message && *in->message ? ": " : "",
            in->message ? in->message : "");
    fprintf(out,
            "simulated %.3f us (%.0f cycles @ %.1f MHz), wall %.3f s, %llu APB transfers "
            "(%llu PSLVERR)\n",
            in->sim_time_ns / 1000.0, in->sim_time_ns * in->clock_mhz / 1000.0, in->clock_mhz,
            in->wall_time_s, (unsigned long long)in->apb_transfers,
            (unsigned long long)in->apb_slverr);
    fprintf(out, "timeline:\n");
    for (size_t i = 0; i < vp_timeline_count(in->timeline); i++) {
        uint64_t c;
        const char *name = vp_timeline_get(in->timeline, i, &c);
        fprintf(out, "  %12.1f ns  %10llu clk  %s\n", ns_of(in, c), (unsigned long long)c, name);
    }
    mbox_perf_print(in->perf, out);
    for (size_t i = 0; in->extra && i < in->n_extra; i++) {
        const vp_report_kv_t *kv = &in->extra[i];
        if (!kv->key) continue;
        if (kv->str)
            fprintf(out, "%s: %s\n", kv->key, kv->str);
        else
            fprintf(out, "%s: %.0f\n", kv->key, kv->value);
    }
}
