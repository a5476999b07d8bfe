#!/usr/bin/env bash
# Install Debian's Chromium and its driver for the browser tests, plus a small Chinese font and an emoji font so that
# screenshots show characters rather than boxes. Installs only what is missing; non-interactive;
# runs apt-get as root, or through sudo when not root.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-wqy-microhei fonts-noto-color-emoji)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ -x /usr/bin/chromium ] && [ ${#missing[@]} -eq 0 ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "install_browser.sh: need root (or sudo) to install ${missing[*]} with apt-get" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]:-chromium}"
/usr/bin/chromium --version
