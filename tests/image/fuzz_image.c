/* libFuzzer target for the image parsers and verifiers: FW bundle, upstream and ASPEED SoC
 * manifests, FLSH flash image. The first byte selects the parser and options. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cptra_authman.h"
#include "cptra_bundle.h"
#include "cptra_flash.h"
#include "cptra_lms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    uint8_t sel = data[0];
    data++;
    size--;
    /* copy so the parsers see an exactly sized heap buffer (ASan catches over-reads) */
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) return 0;
    memcpy(buf, data, size);
    switch (sel % 5) {
    case 0: {
        cptra_bundle_info_t info;
        cptra_fuse_vals_t f;
        memset(&f, 0, sizeof f);
        f.lms_verify = sel & 0x10 ? 1 : 0;
        f.life_cycle = sel & 0x20 ? 3 : 0;
        cptra_bundle_verify(buf, size, &f, &info, NULL);
        cptra_bundle_parse(buf, size, &info);
        break;
    }
    case 1: {
        static cptra_authman_t am;
        cptra_bundle_info_t fw;
        memset(&fw, 0, sizeof fw);
        cptra_authman_parse(buf, size, &am);
        if (cptra_authman_verify(buf, size, &fw, sel & 0x10, &am, NULL) == 0)
            cptra_authman_find(&am, 1, NULL);
        break;
    }
    case 2: {
        static cptra_aspeed_man_t m;
        cptra_bundle_info_t fw;
        memset(&fw, 0, sizeof fw);
        if (cptra_aspeed_man_parse(buf, size, &m) == 0)
            cptra_aspeed_svn_verify(&m, &fw, sel & 0x10, 0, NULL);
        break;
    }
    case 3: {
        static cptra_flash_info_t fi;
        if (cptra_flash_parse(buf, size, CPTRA_FLASH_CHECK_HDR_CRC | CPTRA_FLASH_CHECK_RANGES,
                              &fi) == 0)
            cptra_flash_find(&fi, CPTRA_FLASH_ID_SOC_MANIFEST);
        cptra_flash_parse(buf, size, CPTRA_FLASH_CHECK_ALL, &fi);
        break;
    }
    default:
        if (size >= 48) cptra_lms_verify(buf, 48, buf, buf + 48, size - 48);
        break;
    }
    free(buf);
    return 0;
}
