#!/usr/bin/env bash
# Makes tests/fixtures/doc/: a real report saved as a Word 97-2003 .doc by LibreOffice.
# The Shanghai 2019 page is an HTML fragment, so it is wrapped in a UTF-8 page first.
# Needs: libreoffice-writer-nogui (Debian). Run: bash scripts/make-doc-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name=2019_shanghai_shizhengfu_bangongting
{ echo '<html><head><meta charset="utf-8"></head><body>'; cat "../shared/corpus/real/$name.html"; echo '</body></html>'; } > "$work/$name.html"
soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to 'doc:MS Word 97' --outdir "$work" "$work/$name.html" >/dev/null
mkdir -p tests/fixtures/doc
cp "$work/$name.doc" tests/fixtures/doc/
