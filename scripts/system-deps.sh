#!/usr/bin/env bash
# Debian packages the project needs beyond Python: Chromium (end-to-end tests and screenshots),
# gettext (compiling the Vietnamese catalogue), Liberation fonts (ND 30/2020 Times-metric fonts),
# Pango for WeasyPrint, poppler-utils (pdfsig, pdftoppm), SoftHSM (PKCS#11 tests) and wrk.
# Installs only what is missing; needs root (or sudo) and apt-get.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
# Liberation 2 has the Vietnamese letters (ơ, ư, ạ, ế…) the 1.x fonts lack: the slips need them.
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
# WeasyPrint (slips and reports as PDF) needs Pango; pdftoppm renders PDFs for screenshots.
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# SoftHSM is the PKCS#11 token the signing tests use in place of an agency's HSM / USB token.
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
# wrk drives the HTTP load in bench/ (not needed by the tests).
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
