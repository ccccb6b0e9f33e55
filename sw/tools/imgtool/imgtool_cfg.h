/* cptra_imgtool TOML configuration (spec/images.md §3.3), parsed by a small toml++ shim. */
#ifndef IMGTOOL_CFG_H
#define IMGTOOL_CFG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct imgtool_keycfg {
    char *ecc_pub, *ecc_priv, *lms_pub, *lms_priv; /* file names in the key dir, NULL = absent */
} imgtool_keycfg_t;

typedef struct imgtool_ime {
    char *file; /* "" = empty placeholder */
    uint32_t source;
    uint32_t fw_id;
    int ignore_auth_check;
    uint32_t load_stage;
} imgtool_ime_t;

enum { SH_OWNER_ECC_FW, SH_OWNER_ECC_MAN, SH_OWNER_LMS_FW, SH_OWNER_LMS_MAN, SH_COUNT };

typedef struct imgtool_cfg {
    uint32_t version, flags, security_version;
    char *prj_name;              /* NULL when absent */
    int overrides_presigned;     /* default 1 */
    uint32_t padding_align_size; /* 0 = none */
    imgtool_keycfg_t vendor_fw, vendor_man, owner_fw, owner_man;
    char *caliptra_file, *mcu_file;
    int cptra_out_bundle;
    uint32_t zero_caliptra_file_end;
    imgtool_ime_t *ime;
    size_t n_ime;
    char *sign_helper[SH_COUNT];
    int by_file;
} imgtool_cfg_t;

/* 0 ok; -1 with a one-line message in err (file, line and the offending key). */
int imgtool_cfg_load(const char *path, imgtool_cfg_t *cfg, char *err, size_t errlen);
void imgtool_cfg_free(imgtool_cfg_t *cfg);

#ifdef __cplusplus
}
#endif
#endif
