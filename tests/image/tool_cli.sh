#!/bin/sh
# cptra-imgtool command-line tests. Usage: tool_cli.sh <tool> <testdata> <case>
# Expected values come from spec/images.md §4 and testdata/README.md.
set -u
TOOL=$1
TD=$2/cptra_imgtool
CASE=$3
W=$(mktemp -d /tmp/image-cli-XXXXXX)
trap 'rm -rf "$W"' EXIT
FAILS=0

fail() {
    echo "FAIL: $*"
    FAILS=$((FAILS + 1))
}

VENDOR_DEFAULT="428d18b0 b49192c0 163b4e0b 2e231d20 eef3ae37 f8046c09 a31911e3 f6875a9a 287342c5 8c7f8d68 b69fafe1 dd27b2dc"
VENDOR_IROT="66d13497 2b5f2322 3cfa49d7 45a49666 a5f750fc dd873a05 1c8ea507 330228ba b1024a9d cc310748 99a7deb3 190a539a"
OWNER="124f40b2 b2035f15 e4878203 7342d795 afc8b36d 065d2fea 9afaee72 4b8b9d53 433ec6c1 b4dbb9dc 2c6f9f71 e5f218b6"
KD=$TD/key/ast2700-default

# expect_error <description> <command...>: non-zero exit below 128 (no crash), exactly one
# "error:" line on stderr, no sanitizer report.
expect_error() {
    desc=$1
    shift
    "$@" >"$W/out" 2>"$W/err"
    rc=$?
    if [ $rc -eq 0 ]; then
        fail "$desc: exit status 0"
    elif [ $rc -ge 128 ]; then
        fail "$desc: crashed (status $rc)"
    elif grep -q -e "Sanitizer" -e "runtime error" "$W/err"; then
        fail "$desc: sanitizer report"
    elif [ "$(grep -c 'cptra-imgtool: error: ' "$W/err")" -ne 1 ]; then
        fail "$desc: expected one error line on stderr, got:"
        cat "$W/err"
    else
        echo "ok: $desc -> $(grep 'error: ' "$W/err")"
    fi
}

cfg() { # cfg <file> <extra toml...>: a minimal valid configuration plus extra lines
    {
        printf '[manifest_config]\nversion = 1\nflags = 0\nsecurity_version = 1\n'
        printf '[image_runtime_list]\ncaliptra_file = "caliptra-fw.bin"\nmcu_file = "u-boot-spl.bin"\n'
        printf '[[image_metadata_list]]\nfile = "u-boot-spl.bin"\nsource = 1\nfw_id = 1\nignore_auth_check = false\nload_stage = 0\n'
        shift
        for l in "$@"; do printf '%s\n' "$l"; done
    } >"$W/$1"
}

case $CASE in
help)
    for c in "" "bundle" "bundle create" "bundle verify" "bundle show" create-auth-man \
        create-auth-flash verify-flash keygen sign check-config; do
        # shellcheck disable=SC2086
        $TOOL $c --help >"$W/out" 2>&1 || fail "$c --help exit status"
        grep -q "usage: cptra-imgtool" "$W/out" || fail "$c --help prints no usage"
    done
    $TOOL >/dev/null 2>&1
    [ $? -eq 2 ] || fail "no arguments: expected exit status 2"
    ;;
configs)
    n=0
    for c in "$TD"/config/*.toml; do
        $TOOL check-config --cfg "$c" >"$W/out" || fail "check-config $c"
        grep -q "image 13: fw_id 14" "$W/out" || fail "$c: 14 images expected"
        n=$((n + 1))
    done
    [ $n -eq 8 ] || fail "expected 8 configurations, found $n"
    # load_stage -> flags bits 31:30 (images.md §2.1)
    $TOOL check-config --cfg "$TD/config/ast2700-irot-manifest.toml" | grep -q "fw_id 10 .*flags 0x80000001" ||
        fail "irot fw_id 10 flags"
    $TOOL check-config --cfg "$TD/config/ast2700-irot-manifest.toml" | grep -q "fw_id 13 .*flags 0x40000001" ||
        fail "irot fw_id 13 flags"
    $TOOL check-config --cfg "$TD/config/ast2700a1-default-ecc-lms-fw-sign-helper-stdin-manifest.toml" |
        grep -q "by_file 0" || fail "sign helper by_file"
    ;;
show)
    $TOOL bundle show "$TD/prebuilt/ast2700-default/caliptra-fw.bin" >"$W/d" || fail "show default"
    grep -q "FUSE_KEY_MANIFEST_PK_HASH: $VENDOR_DEFAULT\$" "$W/d" || fail "default vendor fuse words"
    grep -q "FUSE_OWNER_PK_HASH: $OWNER\$" "$W/d" || fail "default owner fuse words"
    grep -q "pl0_pauser 0x21212121" "$W/d" || fail "default pl0_pauser"
    $TOOL bundle show "$TD/prebuilt/ast2700-irot/caliptra-fw.bin" >"$W/i" || fail "show irot"
    grep -q "FUSE_KEY_MANIFEST_PK_HASH: $VENDOR_IROT\$" "$W/i" || fail "irot vendor fuse words"
    grep -q "FUSE_OWNER_PK_HASH: $OWNER\$" "$W/i" || fail "irot owner fuse words"
    grep -q "load 0x40005000 entry 0x40005540 offset 22740 size 83500" "$W/i" || fail "irot RT TOC"
    ;;
verify)
    for b in default irot; do
        if [ $b = default ]; then v=$VENDOR_DEFAULT; else v=$VENDOR_IROT; fi
        $TOOL bundle verify "$TD/prebuilt/ast2700-$b/caliptra-fw.bin" --vendor-pk-hash "$v" \
            --owner-pk-hash "$OWNER" --lifecycle production >"$W/out" || fail "verify $b"
        for s in "vendor ECC signature   OK" "vendor LMS signature   OK" "owner ECC signature    OK" \
            "owner LMS signature    OK" "FMC digest             OK" "RT digest              OK" \
            "ROM verdict: OK"; do
            grep -q "$s" "$W/out" || fail "verify $b: missing '$s'"
        done
    done
    # fuse options reach the ROM checks (codes from caliptra-sw error/src/lib.rs, 1.2)
    D=$TD/prebuilt/ast2700-default/caliptra-fw.bin
    $TOOL bundle verify "$D" --ecc-revocation 0x8 --quiet >/dev/null || fail "ECC key 3 is never revoked"
    $TOOL bundle verify "$D" --lms-revocation 0x8 --quiet 2>/dev/null | grep -q "FAIL 0x000B003A" ||
        fail "LMS key 3 revoked"
    $TOOL bundle verify "$D" --lms-revocation 0x8 --no-lms --quiet >/dev/null || fail "--no-lms"
    $TOOL bundle verify "$D" --vendor-pk-hash "$VENDOR_DEFAULT" --fmc-svn-fuse 1 --quiet 2>/dev/null |
        grep -q "FAIL 0x000B0027" || fail "FMC SVN below the fuse"
    $TOOL bundle verify "$D" --vendor-pk-hash "$VENDOR_DEFAULT" --fmc-svn-fuse 1 --anti-rollback-disable \
        --quiet >/dev/null || fail "--anti-rollback-disable"
    $TOOL bundle verify "$D" --vendor-pk-hash "$VENDOR_DEFAULT" --rt-svn-fuse 0x100000000000000000000000000000000 \
        --quiet >/dev/null 2>&1 && fail "129-bit runtime SVN fuse accepted"
    $TOOL bundle verify "$D" --vendor-pk-hash "$VENDOR_DEFAULT" --rt-svn-fuse 0x80000000000000000000000000000000 \
        --quiet 2>/dev/null | grep -q "FAIL 0x000B002E" || fail "runtime SVN below the fuse"
    $TOOL bundle verify "$D" --owner-pk-hash "$VENDOR_DEFAULT" --quiet 2>/dev/null |
        grep -q "FAIL 0x000B0007" || fail "owner fuse mismatch"
    # the other bundle's fuse value is rejected with the ROM's code
    $TOOL bundle verify "$TD/prebuilt/ast2700-irot/caliptra-fw.bin" --vendor-pk-hash "$VENDOR_DEFAULT" \
        2>/dev/null | grep -q "FAIL 0x000B0005" || fail "wrong vendor fuse not rejected"
    ;;
create)
    # bundle create from the ASPEED default keys (FMC/RT cut from the prebuilt), then verify
    B=$TD/prebuilt/ast2700-default/caliptra-fw.bin
    dd if="$B" of="$W/fmc.bin" bs=1 skip=5884 count=18848 2>/dev/null
    dd if="$B" of="$W/rt.bin" bs=1 skip=24732 count=83416 2>/dev/null
    $TOOL bundle create --fmc "$W/fmc.bin" --rt "$W/rt.bin" --out "$W/b.bin" \
        --vendor-ecc-priv "$KD/vnd-fw-ecc-prvk.pem" \
        --vendor-lms-priv "$KD/vnd-fw-lms-prvk.pem" --vendor-lms-pub "3=$KD/vnd-fw-lms-pubk.pem" \
        --owner-ecc-priv "$KD/own-fw-ecc-prvk.pem" --owner-ecc-pub "$KD/own-fw-ecc-pubk.pem" \
        --owner-lms-priv "$KD/own-fw-lms-prvk.pem" --owner-lms-pub "$KD/own-fw-lms-pubk.pem" \
        --fmc-entry 0x40000130 --rt-entry 0x40005540 --pl0-pauser 0x21212121 \
        >/dev/null 2>"$W/err" || { fail "bundle create"; cat "$W/err"; }
    $TOOL bundle show "$W/b.bin" >"$W/show" || fail "show created"
    vw=$(sed -n 's/^FUSE_KEY_MANIFEST_PK_HASH: //p' "$W/show")
    grep -q "FUSE_OWNER_PK_HASH: $OWNER\$" "$W/show" || fail "created bundle owner fuse words"
    $TOOL bundle verify "$W/b.bin" --vendor-pk-hash "$vw" --owner-pk-hash "$OWNER" >"$W/out" ||
        { fail "created bundle does not verify"; cat "$W/out"; }
    # the FMC and RT bytes are the prebuilt's: same TOC digests
    grep "^  digest    " "$W/show" >"$W/d1"
    $TOOL bundle show "$B" | grep "^  digest    " >"$W/d2"
    [ "$(wc -l <"$W/d1")" -eq 2 ] || fail "expected two TOC digests"
    cmp -s "$W/d1" "$W/d2" || fail "created TOC digests differ from the prebuilt's"
    # ELF input: a minimal ELF32 with one PT_LOAD at 0x40000000, entry 0x40000010
    python3 - "$W/fmc.elf" <<'EOF' || fail "cannot write test ELF"
import struct, sys
body = bytes(range(256)) * 4
eh = struct.pack('<4sBBBBB7sHHIIIIIHHHHHH', b'\x7fELF', 1, 1, 1, 0, 0, b'\0'*7, 2, 0xF3, 1,
                 0x40000010, 52, 0, 0, 52, 32, 1, 0, 0, 0)
ph = struct.pack('<IIIIIIII', 1, 84, 0x40000000, 0x40000000, len(body), len(body), 5, 4)
open(sys.argv[1], 'wb').write(eh + ph + body)
EOF
    $TOOL bundle create --fmc "$W/fmc.elf" --rt "$W/rt.bin" --out "$W/e.bin" \
        --vendor-ecc-priv "$KD/vnd-fw-ecc-prvk.pem" --owner-ecc-priv "$KD/own-fw-ecc-prvk.pem" \
        >/dev/null 2>&1 || fail "bundle create from ELF"
    $TOOL bundle show "$W/e.bin" | grep -q "load 0x40000000 entry 0x40000010 offset 5884 size 1024" ||
        fail "ELF load/entry/size"
    $TOOL bundle verify --no-lms "$W/e.bin" >/dev/null || fail "ELF bundle (ECC only) verify"
    ;;
keygen)
    start=$(date +%s%N)
    $TOOL keygen --type lms --priv "$W/l.prv" --pub "$W/l.pub" >"$W/out" || fail "lms keygen"
    end=$(date +%s%N)
    echo "LMS H15 keygen: $(((end - start) / 1000000)) ms"
    [ "$(wc -c <"$W/l.prv")" -eq 48 ] || fail "LMS private key size"
    [ "$(wc -c <"$W/l.pub")" -eq 48 ] || fail "LMS public key size"
    [ "$(od -An -tx1 -N8 "$W/l.pub" | tr -d ' ')" = "0000000c00000007" ] || fail "LMS key types"
    grep -qx "next_leaf 0" "$W/l.prv.state" || fail "fresh state"
    [ "$(wc -c <"$W/l.prv.tree")" -eq 1572864 ] || fail "tree cache size"
    $TOOL keygen --type ecc --priv "$W/e.prv" --pub "$W/e.pub" >/dev/null || fail "ecc keygen"
    openssl pkey -pubin -in "$W/e.pub" -noout -text 2>/dev/null | grep -q "P-384" || fail "not P-384"
    # two signatures use two leaves; a generated key signs a bundle that verifies with LMS on
    printf 'abcd' >"$W/f.bin"
    printf '0123456789' >"$W/r.bin"
    $TOOL bundle create --fmc "$W/f.bin" --rt "$W/r.bin" --out "$W/b.bin" \
        --vendor-ecc-priv "$W/e.prv" --owner-ecc-priv "$W/e.prv" \
        --vendor-lms-priv "$W/l.prv" --vendor-lms-pub "3=$W/l.pub" \
        --owner-lms-priv "$W/l.prv" --owner-lms-pub "$W/l.pub" >/dev/null || fail "create with new keys"
    grep -qx "next_leaf 2" "$W/l.prv.state" || fail "state after two signatures: $(cat "$W/l.prv.state")"
    $TOOL bundle show "$W/b.bin" | grep -q "vendor LMS sig q 0" || fail "first leaf"
    $TOOL bundle show "$W/b.bin" | grep -q "owner LMS sig q 1" || fail "second leaf"
    start=$(date +%s%N)
    $TOOL bundle verify "$W/b.bin" >"$W/out" || { fail "verify with new keys"; cat "$W/out"; }
    end=$(date +%s%N)
    echo "bundle verify (process, LMS on): $(((end - start) / 1000000)) ms"
    grep -q "cost:" "$W/out" && sed -n 's/.*; \(.*ms\)$/bundle verify (library): \1/p' "$W/out"
    # a damaged tree cache is detected and recomputed
    head -c 1000 "$W/l.prv.tree" >"$W/t" && mv "$W/t" "$W/l.prv.tree"
    echo 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff |
        $TOOL sign --algo lms --key "$W/l.prv" --pub "$W/l.pub" >"$W/sig" 2>"$W/err" || fail "sign after cache damage"
    grep -q "not a valid tree" "$W/err" || fail "no warning about the damaged cache"
    [ "$(wc -c <"$W/sig")" -eq 1620 ] || fail "LMS signature size"
    grep -qx "next_leaf 3" "$W/l.prv.state" || fail "state after three signatures"
    expect_error "existing key without --force" $TOOL keygen --type lms --priv "$W/l.prv" --pub "$W/l.pub"
    echo "next_leaf 32768" >"$W/l.prv.state"
    expect_error "exhausted LMS key" $TOOL bundle create --fmc "$W/f.bin" --rt "$W/r.bin" \
        --out "$W/x.bin" --vendor-lms-priv "$W/l.prv" --vendor-lms-pub "3=$W/l.pub"
    rm "$W/l.prv.state"
    expect_error "LMS key without state" $TOOL bundle create --fmc "$W/f.bin" --rt "$W/r.bin" \
        --out "$W/x.bin" --vendor-lms-priv "$W/l.prv" --vendor-lms-pub "3=$W/l.pub"
    echo "garbage" >"$W/l.prv.state"
    expect_error "malformed LMS state" $TOOL bundle create --fmc "$W/f.bin" --rt "$W/r.bin" \
        --out "$W/x.bin" --vendor-lms-priv "$W/l.prv" --vendor-lms-pub "3=$W/l.pub"
    ;;
signhelper)
    # the configured helpers are cptra-imgtool's own `sign`, by stdin/stdout and by file; the
    # default bundle is the one ASPEED's pre-signed vendor LMS signature matches (images.md §2.4)
    mkdir -p "$W/pre"
    cp "$TD/prebuilt/ast2700-default/caliptra-fw.bin" "$TD/prebuilt/ast2700-irot/u-boot-spl.bin" "$W/pre/"
    for byfile in false true; do
        cfg "h-$byfile.toml" '[vendor_fw_key_config]' 'ecc_pub_key = "vnd-fw-ecc-pubk.pem"' \
            'ecc_priv_key = "vnd-fw-ecc-prvk.pem"' 'lms_pub_key = "vnd-fw-lms-pubk.pem"' \
            'lms_priv_key = "vnd-fw-lms-prvk.pem"' \
            '[owner_fw_key_config]' 'ecc_pub_key = "own-fw-ecc-pubk.pem"' \
            'lms_pub_key = "own-fw-lms-pubk.pem"' \
            '[owner_man_key_config]' 'ecc_pub_key = "own-man-ecc-pubk.pem"' 'lms_pub_key = "own-man-lms-pubk.pem"' \
            '[sign_helper]' \
            "owner_ecc_fw_key_sign_helper = \"$TOOL sign --algo ecc --key $KD/own-fw-ecc-prvk.pem\"" \
            "owner_lms_fw_key_sign_helper = \"$TOOL sign --algo lms --key $KD/own-fw-lms-prvk.pem --pub $KD/own-fw-lms-pubk.pem\"" \
            "owner_ecc_man_key_sign_helper = \"$TOOL sign --algo ecc --key $KD/own-man-ecc-prvk.pem\"" \
            "owner_lms_man_key_sign_helper = \"$TOOL sign --algo lms --key $KD/own-man-lms-prvk.pem --pub $KD/own-man-lms-pubk.pem\"" \
            "by_file = $byfile"
        $TOOL create-auth-flash --cfg "$W/h-$byfile.toml" --key-dir "$KD" --prebuilt-dir "$W/pre" \
            --flash "$W/f-$byfile.bin" >/dev/null 2>"$W/err" || { fail "helper by_file=$byfile"; cat "$W/err"; }
        $TOOL verify-flash "$W/f-$byfile.bin" >"$W/out" 2>&1 || { fail "verify helper by_file=$byfile"; cat "$W/out"; }
        grep -q "owner IMC signature  ECC OK  LMS OK" "$W/out" || fail "owner IMC signature by_file=$byfile"
        grep -q "SVN signature: OK" "$W/out" || fail "SVN signature by_file=$byfile"
    done
    cfg bad-helper.toml '[owner_fw_key_config]' '[sign_helper]' 'owner_ecc_fw_key_sign_helper = "exit 3"'
    expect_error "failing sign helper" $TOOL create-auth-man --cfg "$W/bad-helper.toml" \
        --key-dir "$KD" --prebuilt-dir "$W/pre" --man "$W/x.bin"
    cfg junk-helper.toml '[sign_helper]' 'owner_ecc_fw_key_sign_helper = "echo hello"'
    expect_error "sign helper returning junk" $TOOL create-auth-man --cfg "$W/junk-helper.toml" \
        --key-dir "$KD" --prebuilt-dir "$W/pre" --man "$W/x.bin"
    ;;
bad)
    B=$TD/prebuilt/ast2700-default/caliptra-fw.bin
    mkdir -p "$W/pre"
    cp "$TD/prebuilt/ast2700-irot/caliptra-fw.bin" "$TD/prebuilt/ast2700-irot/u-boot-spl.bin" "$W/pre/"
    head -c 3000 "$B" >"$W/trunc.bin"
    : >"$W/empty.bin"
    { printf 'XMAN'; tail -c +5 "$B"; } >"$W/marker.bin"
    head -c 200000 /dev/zero >"$W/big.bin"
    expect_error "bundle verify: truncated" $TOOL bundle verify "$W/trunc.bin"
    expect_error "bundle verify: empty" $TOOL bundle verify "$W/empty.bin"
    expect_error "bundle verify: wrong marker" $TOOL bundle verify "$W/marker.bin"
    expect_error "bundle verify: larger than 128 KiB" $TOOL bundle verify "$W/big.bin"
    expect_error "bundle verify: missing file" $TOOL bundle verify "$W/nope.bin"
    expect_error "bundle verify: directory" $TOOL bundle verify "$W"
    expect_error "bundle verify: bad fuse value" $TOOL bundle verify "$B" --vendor-pk-hash 1234
    expect_error "bundle verify: unknown option" $TOOL bundle verify "$B" --frobnicate
    expect_error "bundle show: truncated" $TOOL bundle show "$W/trunc.bin"
    expect_error "bundle show: two files" $TOOL bundle show "$B" "$B"
    expect_error "bundle: unknown action" $TOOL bundle explode
    expect_error "bundle create: missing --rt" $TOOL bundle create --fmc "$B" --out "$W/x"
    expect_error "bundle create: missing key" $TOOL bundle create --fmc "$B" --rt "$B" --out "$W/x" \
        --vendor-ecc-priv "$W/nokey.pem"
    expect_error "bundle create: not a key" $TOOL bundle create --fmc "$W/trunc.bin" --rt "$W/trunc.bin" \
        --out "$W/x" --vendor-ecc-priv "$B"
    expect_error "bundle create: image larger than the limit" $TOOL bundle create --fmc "$W/big.bin" \
        --rt "$W/trunc.bin" --out "$W/x"
    expect_error "bundle create: bad index" $TOOL bundle create --fmc "$W/trunc.bin" --rt "$W/trunc.bin" \
        --out "$W/x" --ecc-idx 4
    printf '\177ELF\001\001\001\000' >"$W/bad.elf"
    expect_error "bundle create: malformed ELF" $TOOL bundle create --format elf --fmc "$W/bad.elf" \
        --rt "$W/trunc.bin" --out "$W/x"
    expect_error "bundle create: LMS public key of wrong size" $TOOL bundle create --fmc "$W/trunc.bin" \
        --rt "$W/trunc.bin" --out "$W/x" --owner-lms-pub "$W/trunc.bin"
    # configurations
    printf '[manifest_config\nversion = 1\n' >"$W/malformed.toml"
    expect_error "malformed TOML" $TOOL create-auth-man --cfg "$W/malformed.toml" --man "$W/x"
    cfg unknown.toml '[owner_fw_key_config]' 'ecc_pub_kee = "x.pem"'
    expect_error "unknown field" $TOOL create-auth-man --cfg "$W/unknown.toml" --man "$W/x"
    cfg unknowntab.toml '[extra]' 'a = 1'
    expect_error "unknown table" $TOOL check-config --cfg "$W/unknowntab.toml"
    cfg badtype.toml '[[image_metadata_list]]' 'file = "a"' 'source = 1' 'fw_id = "two"'
    expect_error "wrong type" $TOOL check-config --cfg "$W/badtype.toml"
    cfg dup.toml '[[image_metadata_list]]' 'file = ""' 'source = 1' 'fw_id = 1'
    expect_error "duplicate fw_id" $TOOL check-config --cfg "$W/dup.toml"
    cfg stage.toml '[[image_metadata_list]]' 'file = ""' 'source = 1' 'fw_id = 2' 'load_stage = 4'
    expect_error "load_stage out of range" $TOOL check-config --cfg "$W/stage.toml"
    printf '[manifest_config]\nversion = 1\nflags = 0\nsecurity_version = 1\n' >"$W/notab.toml"
    expect_error "missing table" $TOOL check-config --cfg "$W/notab.toml"
    { cfg many.toml; i=2; while [ $i -le 128 ]; do
        printf '[[image_metadata_list]]\nfile = ""\nsource = 1\nfw_id = %d\n' $i; i=$((i + 1)); done; } >>"$W/many.toml"
    expect_error "more than 127 images" $TOOL check-config --cfg "$W/many.toml"
    expect_error "configuration is a directory" $TOOL check-config --cfg "$W"
    expect_error "missing configuration" $TOOL create-auth-flash --cfg "$W/none.toml"
    expect_error "missing --cfg" $TOOL create-auth-flash --flash "$W/x"
    cfg keys.toml '[owner_fw_key_config]' 'ecc_priv_key = "missing.pem"'
    expect_error "missing key file" $TOOL create-auth-man --cfg "$W/keys.toml" --key-dir "$KD" \
        --prebuilt-dir "$W/pre" --man "$W/x"
    cfg img.toml '[[image_metadata_list]]' 'file = "missing.bin"' 'source = 1' 'fw_id = 2'
    expect_error "missing image file" $TOOL create-auth-flash --cfg "$W/img.toml" --prebuilt-dir "$W/pre" --flash "$W/x"
    mkdir -p "$W/pre2"
    cp "$W/big.bin" "$W/pre2/caliptra-fw.bin"
    cp "$W/pre/u-boot-spl.bin" "$W/pre2/"
    cfg ok.toml
    expect_error "caliptra bundle larger than 128 KiB" $TOOL create-auth-flash --cfg "$W/ok.toml" \
        --prebuilt-dir "$W/pre2" --flash "$W/x"
    expect_error "--man of the wrong size" $TOOL create-auth-flash --cfg "$W/ok.toml" \
        --prebuilt-dir "$W/pre" --man "$B" --flash "$W/x"
    expect_error "default prebuilt dir lacks the SoC images" $TOOL create-auth-flash \
        --cfg "$TD/config/ast2700-default-manifest.toml" --prebuilt-dir "$TD/prebuilt/ast2700-default" \
        --flash "$W/x"
    # flash images
    $TOOL create-auth-flash --cfg "$W/ok.toml" --prebuilt-dir "$W/pre" --flash "$W/f.bin" >/dev/null ||
        fail "small flash image"
    $TOOL verify-flash "$W/f.bin" >/dev/null || fail "small flash image does not verify"
    head -c 10 "$W/f.bin" >"$W/f-trunc.bin"
    expect_error "verify-flash: truncated header" $TOOL verify-flash "$W/f-trunc.bin"
    head -c 40 "$W/f.bin" >"$W/f-trunc2.bin"
    expect_error "verify-flash: truncated table" $TOOL verify-flash "$W/f-trunc2.bin"
    { printf 'HSLF'; tail -c +5 "$W/f.bin"; } >"$W/f-magic.bin"
    expect_error "verify-flash: wrong magic" $TOOL verify-flash "$W/f-magic.bin"
    { head -c 8 "$W/f.bin"; printf '\000\000\000\000'; tail -c +13 "$W/f.bin"; } >"$W/f-hcrc.bin"
    expect_error "verify-flash: header CRC" $TOOL verify-flash "$W/f-hcrc.bin"
    { head -c 1000 "$W/f.bin"; printf 'X'; tail -c +1002 "$W/f.bin"; } >"$W/f-pcrc.bin"
    expect_error "verify-flash: payload CRC" $TOOL verify-flash "$W/f-pcrc.bin"
    expect_error "verify-flash: a bundle is not a flash image" $TOOL verify-flash "$B"
    expect_error "verify-flash: empty" $TOOL verify-flash "$W/empty.bin"
    # misc
    expect_error "unknown command" $TOOL frobnicate
    expect_error "keygen: bad type" $TOOL keygen --type rsa --priv "$W/a" --pub "$W/b"
    expect_error "sign: bad stdin" sh -c "echo nothex | $TOOL sign --algo ecc --key $KD/own-fw-ecc-prvk.pem"
    expect_error "option without value" $TOOL bundle verify --lifecycle
    ;;
*)
    echo "unknown case $CASE"
    exit 2
    ;;
esac
[ $FAILS -eq 0 ] || { echo "$FAILS failure(s)"; exit 1; }
echo "all ok"
