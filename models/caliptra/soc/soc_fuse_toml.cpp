// TOML fuse-file parser behind the C API of soc_seq.h (format: models/caliptra/fw/README.md).
#include <cstdio>
#include <cctype>
#include <cstring>
#include <string>

#include <toml++/toml.h>

#include "soc_seq.h"

namespace {

struct FuseKey {
    const char *name;
    size_t off; // offset of the first word in soc_fuses_t
    int words;
};

#define FK(n, w)                                                                                   \
    { #n, offsetof(soc_fuses_t, n), w }
const FuseKey kKeys[] = {
    FK(uds_seed, 12),
    FK(field_entropy, 8),
    FK(key_manifest_pk_hash, 12),
    FK(key_manifest_pk_hash_mask, 1),
    FK(owner_pk_hash, 12),
    FK(fmc_key_manifest_svn, 1),
    FK(runtime_svn, 4),
    FK(anti_rollback_disable, 1),
    FK(idevid_cert_attr, 24),
    FK(idevid_manuf_hsm_id, 4),
    FK(life_cycle, 1),
    FK(lms_verify, 1),
    FK(lms_revocation, 1),
    FK(soc_stepping_id, 1),
};
#undef FK

void set_err(char *err, size_t errlen, const std::string &m) {
    if (err && errlen) std::snprintf(err, errlen, "%s", m.c_str());
}

bool parse_word(const std::string &tok, uint32_t &out) {
    if (tok.empty()) return false;
    std::string t = tok;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) t = t.substr(2);
    if (t.empty() || t.size() > 8) return false;
    uint32_t v = 0;
    for (char c : t) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        v = v << 4 | (uint32_t)d;
    }
    out = v;
    return true;
}

bool int_word(const toml::node &n, uint32_t &out) {
    if (auto i = n.as_integer()) {
        int64_t v = i->get();
        if (v < 0 || v > 0xFFFFFFFFll) return false;
        out = (uint32_t)v;
        return true;
    }
    return false;
}

} // namespace

extern "C" int soc_fuses_parse_toml(const char *text, soc_fuses_t *out, char *err, size_t errlen) {
    if (!text || !out) {
        set_err(err, errlen, "null argument");
        return -1;
    }
#if TOML_EXCEPTIONS
    toml::table tbl;
    try {
        tbl = toml::parse(std::string_view(text));
    } catch (const toml::parse_error &e) {
        set_err(err, errlen, std::string("TOML parse error: ") + std::string(e.description()));
        return -1;
    }
#else
    toml::parse_result res = toml::parse(std::string_view(text));
    if (!res) {
        set_err(err, errlen,
                std::string("TOML parse error: ") + std::string(res.error().description()));
        return -1;
    }
    toml::table tbl = std::move(res).table();
#endif
    soc_fuses_t tmp = *out;
    for (auto &&[k, node] : tbl) {
        std::string key(k.str());
        const FuseKey *fk = nullptr;
        for (const auto &c : kKeys)
            if (key == c.name) fk = &c;
        if (!fk) {
            set_err(err, errlen, "unknown fuse key '" + key + "'");
            return -1;
        }
        uint32_t *w = reinterpret_cast<uint32_t *>(reinterpret_cast<char *>(&tmp) + fk->off);
        uint32_t vals[24];
        int n = 0;
        bool ok = true;
        if (auto sv = node.as_string()) {
            std::string str = sv->get();
            if (fk->off == offsetof(soc_fuses_t, life_cycle) && !str.empty() &&
                !std::isxdigit((unsigned char)str[0])) {
                if (str == "unprovisioned")
                    vals[n++] = 0;
                else if (str == "manufacturing")
                    vals[n++] = 1;
                else if (str == "production")
                    vals[n++] = 3;
                else
                    ok = false;
            } else {
                size_t i = 0;
                while (ok && i < str.size()) {
                    while (i < str.size() && (str[i] == ' ' || str[i] == '\t' || str[i] == ','))
                        i++;
                    size_t j = i;
                    while (j < str.size() && str[j] != ' ' && str[j] != '\t' && str[j] != ',')
                        j++;
                    if (j > i) {
                        if (n >= fk->words || !parse_word(str.substr(i, j - i), vals[n]))
                            ok = false;
                        else
                            n++;
                    }
                    i = j;
                }
            }
        } else if (auto arr = node.as_array()) {
            for (auto &&e : *arr) {
                if (n >= fk->words || !int_word(e, vals[n])) {
                    ok = false;
                    break;
                }
                n++;
            }
        } else if (node.is_integer()) {
            ok = int_word(node, vals[0]);
            n = 1;
        } else if (auto b = node.as_boolean()) {
            vals[0] = b->get() ? 1u : 0u;
            n = 1;
        } else {
            ok = false;
        }
        if (!ok || n != fk->words) {
            set_err(err, errlen,
                    "fuse '" + key + "': expected " + std::to_string(fk->words) +
                        " 32-bit word(s) (hex string \"xxxxxxxx ...\", integer or array)");
            return -1;
        }
        std::memcpy(w, vals, sizeof(uint32_t) * (size_t)n);
    }
    *out = tmp;
    return 0;
}

extern "C" int soc_fuses_load_toml(const char *path, soc_fuses_t *out, char *err, size_t errlen) {
    FILE *fp = path ? std::fopen(path, "rb") : nullptr;
    if (!fp) {
        set_err(err, errlen, std::string("cannot open fuse file ") + (path ? path : "(null)"));
        return -1;
    }
    std::string text;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) {
        text.append(buf, n);
        if (text.size() > (1u << 20)) break;
    }
    std::fclose(fp);
    if (text.size() > (1u << 20)) {
        set_err(err, errlen, "fuse file too large");
        return -1;
    }
    return soc_fuses_parse_toml(text.c_str(), out, err, errlen);
}
