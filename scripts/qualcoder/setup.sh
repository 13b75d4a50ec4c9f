#!/bin/sh
# Debian packages the QualCoder scripts need: Python 3.10 or newer from Debian. Its standard
# library has everything used (sqlite3, xml.etree, zipfile); QualCoder's PyQt6, PyMuPDF, Pillow,
# VLC and AI libraries are NOT needed (qc_harness.py stands in for them).
# Node and the repo's node_modules (tsx) are needed for make-sample.ts / check.sh: npm ci.
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Wait up to 10 minutes for another apt/dpkg to finish; fetch the package lists only if needed.
if ! $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends python3; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends python3
fi
/usr/bin/python3 -c 'import sys, sqlite3, xml.etree.ElementTree, zipfile; assert sys.version_info >= (3, 10), sys.version'
echo "ok: $(/usr/bin/python3 --version)"
