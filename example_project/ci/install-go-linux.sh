#!/usr/bin/env bash
# Install Go into a manylinux container (cibuildwheel before-all). GO_VERSION overrides.
set -euo pipefail
version="${GO_VERSION:-1.26.8}"
case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) echo "no Go release for $(uname -m)" >&2; exit 1 ;;
esac
curl -fsSL "https://go.dev/dl/go${version}.linux-${arch}.tar.gz" | tar -C /usr/local -xz
/usr/local/go/bin/go version
