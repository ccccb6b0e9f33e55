#include "apb_map.h"

bool apb_map_translate(const apb_map_t *m, uint64_t addr, uint32_t *cptra_addr) {
    if (m && m->window_size && addr >= m->window_base &&
        addr - m->window_base < (uint64_t)m->window_size) {
        uint64_t c = APB_CPTRA_SPACE_BASE + (addr - m->window_base);
        if (c > APB_CPTRA_SPACE_END)
            return false; /* window larger than the Caliptra space: the tail decodes nowhere */
        *cptra_addr = (uint32_t)c;
        return true;
    }
    if (addr >= APB_CPTRA_SPACE_BASE && addr <= APB_CPTRA_SPACE_END) {
        *cptra_addr = (uint32_t)addr;
        return true;
    }
    return false;
}

apb_target_t apb_map_decode(uint32_t a) {
    if (a >= 0x30020000u && a <= 0x30020FFFu) return APB_TGT_MBOX_CSR;
    if (a >= 0x30021000u && a <= 0x30021FFFu) return APB_TGT_SHA512_ACC;
    if (a >= 0x30030000u && a <= 0x3003FFFFu) return APB_TGT_SOC_IFC;
    return APB_TGT_NONE;
}

const char *apb_target_name(apb_target_t t) {
    switch (t) {
    case APB_TGT_MBOX_CSR:
        return "mbox_csr";
    case APB_TGT_SHA512_ACC:
        return "sha512_acc";
    case APB_TGT_SOC_IFC:
        return "soc_ifc";
    default:
        return "none";
    }
}
