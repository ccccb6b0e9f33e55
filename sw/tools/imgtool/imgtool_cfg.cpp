// toml++ shim: reads a cptra_imgtool configuration into the C struct of imgtool_cfg.h.
// Strict: unknown tables or keys, wrong types and out-of-range values are errors.
#include "imgtool_cfg.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

#include <toml++/toml.h>

namespace {

struct Ctx {
    std::string path;
    std::string err;
};

char *dup(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

std::string where(const Ctx &c, const toml::node &n) {
    const auto &src = n.source();
    return c.path + ":" + std::to_string(src.begin.line);
}

bool check_keys(Ctx &c, const toml::table &t, const std::string &name,
                const std::set<std::string> &allowed) {
    for (const auto &kv : t) {
        std::string k(kv.first.str());
        if (!allowed.count(k)) {
            c.err = where(c, kv.second) + ": unknown field '" + k + "' in [" + name + "]";
            return false;
        }
    }
    return true;
}

bool get_u32(Ctx &c, const toml::table &t, const char *tab, const char *key, uint32_t *out,
             bool required, uint32_t max = 0xFFFFFFFFu) {
    const toml::node *n = t.get(key);
    if (!n) {
        if (required) {
            c.err = c.path + ": missing field '" + key + "' in [" + tab + "]";
            return false;
        }
        return true;
    }
    auto v = n->value_exact<int64_t>();
    if (!v) {
        c.err = where(c, *n) + ": '" + key + "' in [" + tab + "] must be an integer";
        return false;
    }
    if (*v < 0 || static_cast<uint64_t>(*v) > max) {
        c.err = where(c, *n) + ": '" + key + "' in [" + tab + "] out of range (0.." +
                std::to_string(max) + ")";
        return false;
    }
    *out = static_cast<uint32_t>(*v);
    return true;
}

bool get_bool(Ctx &c, const toml::table &t, const char *tab, const char *key, int *out,
              bool required) {
    const toml::node *n = t.get(key);
    if (!n) {
        if (required) {
            c.err = c.path + ": missing field '" + key + "' in [" + tab + "]";
            return false;
        }
        return true;
    }
    auto v = n->value_exact<bool>();
    if (!v) {
        c.err = where(c, *n) + ": '" + key + "' in [" + tab + "] must be true or false";
        return false;
    }
    *out = *v ? 1 : 0;
    return true;
}

bool get_str(Ctx &c, const toml::table &t, const char *tab, const char *key, char **out,
             bool required) {
    const toml::node *n = t.get(key);
    if (!n) {
        if (required) {
            c.err = c.path + ": missing field '" + key + "' in [" + tab + "]";
            return false;
        }
        return true;
    }
    auto v = n->value_exact<std::string>();
    if (!v) {
        c.err = where(c, *n) + ": '" + key + "' in [" + tab + "] must be a string";
        return false;
    }
    if (v->find('\0') != std::string::npos) {
        c.err = where(c, *n) + ": '" + key + "' contains a NUL character";
        return false;
    }
    std::free(*out);
    *out = dup(*v);
    return *out != nullptr;
}

const toml::table *get_table(Ctx &c, const toml::table &root, const char *name, bool required) {
    const toml::node *n = root.get(name);
    if (!n) {
        if (required) c.err = c.path + ": missing table [" + name + "]";
        return nullptr;
    }
    if (!n->is_table()) {
        c.err = where(c, *n) + ": '" + name + "' must be a table";
        return nullptr;
    }
    return n->as_table();
}

bool load_keys(Ctx &c, const toml::table &root, const char *name, imgtool_keycfg_t *k) {
    const toml::table *t = get_table(c, root, name, false);
    if (!t) return c.err.empty(); /* absent table = no keys */
    static const std::set<std::string> allowed = {"ecc_pub_key", "ecc_priv_key", "lms_pub_key",
                                                  "lms_priv_key"};
    return check_keys(c, *t, name, allowed) &&
           get_str(c, *t, name, "ecc_pub_key", &k->ecc_pub, false) &&
           get_str(c, *t, name, "ecc_priv_key", &k->ecc_priv, false) &&
           get_str(c, *t, name, "lms_pub_key", &k->lms_pub, false) &&
           get_str(c, *t, name, "lms_priv_key", &k->lms_priv, false);
}

bool load(Ctx &c, const toml::table &root, imgtool_cfg_t *cfg) {
    static const std::set<std::string> top = {"manifest_config",       "vendor_fw_key_config",
                                              "vendor_man_key_config", "owner_fw_key_config",
                                              "owner_man_key_config",  "image_runtime_list",
                                              "image_metadata_list",   "sign_helper"};
    for (const auto &kv : root) {
        std::string k(kv.first.str());
        if (!top.count(k)) {
            c.err = where(c, kv.second) + ": unknown table or field '" + k + "'";
            return false;
        }
    }
    const toml::table *mc = get_table(c, root, "manifest_config", true);
    if (!mc) return false;
    static const std::set<std::string> mck = {"version",
                                              "flags",
                                              "security_version",
                                              "prj_name",
                                              "manifest_overrides_presigned_key_and_signature",
                                              "padding_align_size"};
    if (!check_keys(c, *mc, "manifest_config", mck) ||
        !get_u32(c, *mc, "manifest_config", "version", &cfg->version, true) ||
        !get_u32(c, *mc, "manifest_config", "flags", &cfg->flags, true) ||
        !get_u32(c, *mc, "manifest_config", "security_version", &cfg->security_version, true) ||
        !get_str(c, *mc, "manifest_config", "prj_name", &cfg->prj_name, false) ||
        !get_bool(c, *mc, "manifest_config", "manifest_overrides_presigned_key_and_signature",
                  &cfg->overrides_presigned, false) ||
        !get_u32(c, *mc, "manifest_config", "padding_align_size", &cfg->padding_align_size, false))
        return false;
    if (!load_keys(c, root, "vendor_fw_key_config", &cfg->vendor_fw) ||
        !load_keys(c, root, "vendor_man_key_config", &cfg->vendor_man) ||
        !load_keys(c, root, "owner_fw_key_config", &cfg->owner_fw) ||
        !load_keys(c, root, "owner_man_key_config", &cfg->owner_man))
        return false;

    const toml::table *rl = get_table(c, root, "image_runtime_list", true);
    if (!rl) return false;
    static const std::set<std::string> rlk = {"caliptra_file", "mcu_file", "cptra_out_bundle",
                                              "zero_caliptra_file_end"};
    if (!check_keys(c, *rl, "image_runtime_list", rlk) ||
        !get_str(c, *rl, "image_runtime_list", "caliptra_file", &cfg->caliptra_file, true) ||
        !get_str(c, *rl, "image_runtime_list", "mcu_file", &cfg->mcu_file, true) ||
        !get_bool(c, *rl, "image_runtime_list", "cptra_out_bundle", &cfg->cptra_out_bundle,
                  false) ||
        !get_u32(c, *rl, "image_runtime_list", "zero_caliptra_file_end",
                 &cfg->zero_caliptra_file_end, false))
        return false;

    const toml::node *il = root.get("image_metadata_list");
    if (!il) {
        c.err = c.path + ": missing [[image_metadata_list]]";
        return false;
    }
    const toml::array *arr = il->as_array();
    if (!arr || !arr->is_array_of_tables()) {
        c.err = where(c, *il) + ": image_metadata_list must be an array of tables";
        return false;
    }
    if (arr->empty() || arr->size() > 127) {
        c.err = where(c, *il) + ": image_metadata_list must have 1..127 entries";
        return false;
    }
    cfg->ime = static_cast<imgtool_ime_t *>(std::calloc(arr->size(), sizeof(imgtool_ime_t)));
    if (!cfg->ime) return false;
    static const std::set<std::string> ik = {"file", "source", "fw_id", "ignore_auth_check",
                                             "load_stage"};
    for (size_t i = 0; i < arr->size(); i++) {
        const toml::table &t = *arr->get(i)->as_table();
        imgtool_ime_t *e = &cfg->ime[i];
        cfg->n_ime = i + 1;
        if (!check_keys(c, t, "image_metadata_list", ik) ||
            !get_str(c, t, "image_metadata_list", "file", &e->file, true) ||
            !get_u32(c, t, "image_metadata_list", "source", &e->source, true, 3) ||
            !get_u32(c, t, "image_metadata_list", "fw_id", &e->fw_id, true) ||
            !get_bool(c, t, "image_metadata_list", "ignore_auth_check", &e->ignore_auth_check,
                      false) ||
            !get_u32(c, t, "image_metadata_list", "load_stage", &e->load_stage, false, 3))
            return false;
        for (size_t j = 0; j < i; j++)
            if (cfg->ime[j].fw_id == e->fw_id) {
                c.err = where(c, t) + ": duplicate fw_id " + std::to_string(e->fw_id);
                return false;
            }
    }

    const toml::table *sh = get_table(c, root, "sign_helper", false);
    if (!c.err.empty()) return false;
    if (sh) {
        static const std::set<std::string> shk = {
            "owner_ecc_fw_key_sign_helper", "owner_ecc_man_key_sign_helper",
            "owner_lms_fw_key_sign_helper", "owner_lms_man_key_sign_helper", "by_file"};
        if (!check_keys(c, *sh, "sign_helper", shk) ||
            !get_str(c, *sh, "sign_helper", "owner_ecc_fw_key_sign_helper",
                     &cfg->sign_helper[SH_OWNER_ECC_FW], false) ||
            !get_str(c, *sh, "sign_helper", "owner_ecc_man_key_sign_helper",
                     &cfg->sign_helper[SH_OWNER_ECC_MAN], false) ||
            !get_str(c, *sh, "sign_helper", "owner_lms_fw_key_sign_helper",
                     &cfg->sign_helper[SH_OWNER_LMS_FW], false) ||
            !get_str(c, *sh, "sign_helper", "owner_lms_man_key_sign_helper",
                     &cfg->sign_helper[SH_OWNER_LMS_MAN], false) ||
            !get_bool(c, *sh, "sign_helper", "by_file", &cfg->by_file, false))
            return false;
    }
    return true;
}

} // namespace

extern "C" int imgtool_cfg_load(const char *path, imgtool_cfg_t *cfg, char *err, size_t errlen) {
    std::memset(cfg, 0, sizeof *cfg);
    cfg->overrides_presigned = 1;
    Ctx c;
    c.path = path ? path : "";
    toml::table root;
    try {
        root = toml::parse_file(c.path);
    } catch (const toml::parse_error &e) {
        std::snprintf(err, errlen, "%s:%u: malformed TOML: %.*s", c.path.c_str(),
                      static_cast<unsigned>(e.source().begin.line),
                      static_cast<int>(e.description().size()), e.description().data());
        return -1;
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "%s: %s", c.path.c_str(), e.what());
        return -1;
    }
    bool ok = false;
    try {
        ok = load(c, root, cfg);
    } catch (const std::exception &e) {
        c.err = c.path + ": " + e.what();
    }
    if (!ok) {
        std::snprintf(err, errlen, "%s", c.err.empty() ? "out of memory" : c.err.c_str());
        imgtool_cfg_free(cfg);
        return -1;
    }
    return 0;
}

static void free_keys(imgtool_keycfg_t *k) {
    std::free(k->ecc_pub);
    std::free(k->ecc_priv);
    std::free(k->lms_pub);
    std::free(k->lms_priv);
}

extern "C" void imgtool_cfg_free(imgtool_cfg_t *cfg) {
    if (!cfg) return;
    std::free(cfg->prj_name);
    free_keys(&cfg->vendor_fw);
    free_keys(&cfg->vendor_man);
    free_keys(&cfg->owner_fw);
    free_keys(&cfg->owner_man);
    std::free(cfg->caliptra_file);
    std::free(cfg->mcu_file);
    for (size_t i = 0; i < cfg->n_ime; i++)
        std::free(cfg->ime[i].file);
    std::free(cfg->ime);
    for (int i = 0; i < SH_COUNT; i++)
        std::free(cfg->sign_helper[i]);
    std::memset(cfg, 0, sizeof *cfg);
}
