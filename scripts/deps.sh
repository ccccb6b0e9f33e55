#!/usr/bin/env bash
# Installs every Debian package the project uses. Idempotent: silent and fast when everything
# is present; runs `apt-get update` only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git
  libsystemc-dev            # SystemC 2.3.4 + TLM-2.0
  libssl-dev                # OpenSSL 3: SHA, ECDSA, X.509
  libtomlplusplus-dev       # TOML configuration
  libcjson-dev              # JSON reports
  libcmocka-dev             # C unit tests
  verilator                 # RTL build (verilate())
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf  # bootmcu firmware
  gdb-multiarch             # GDB stub tests
  clang libclang-rt-14-dev  # libFuzzer targets
  python3 openssl           # image CLI test: builds a test ELF, inspects generated keys
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "deps: missing packages (${missing[*]}) and not root; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done" >&2
