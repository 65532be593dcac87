#!/usr/bin/env bash
# Makes the real-report .docx fixtures of tests/fixtures/docx/ by converting published HTML reports
# with LibreOffice (the HTML import gives real Word tables with gridSpan/vMerge, as a report saved
# from Word would). Only the article is converted: the portal chrome of the Pingtan pages carries
# form controls that LibreOffice turns into ActiveX parts and would triple the fixture size.
# Usage: scripts/make-docx-fixtures.sh [corpus-dir]   (default /work/shared/corpus/real)
set -euo pipefail

corpus="${1:-/work/shared/corpus/real}"
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/tests/fixtures/docx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# wrap TITLE BODY-FILE > page: a minimal UTF-8 page LibreOffice reads as HTML (title → dc:title).
wrap() {
  printf '<html><head><meta charset="utf-8"><title>%s</title></head><body>' "$1"
  cat "$2"
  printf '</body></html>\n'
}

# article FILE: the <div class=TRS_Editor> of a Pingtan portal page, with its nested divs balanced.
article() {
  node --input-type=module -e '
    import { readFileSync } from "node:fs";
    const html = readFileSync(process.argv[1], "utf8");
    const start = html.search(/<div class=["]?TRS_Editor/);
    if (start < 0) throw new Error("no TRS_Editor div in " + process.argv[1]);
    const tags = /<\/?div\b[^>]*>/gi;
    tags.lastIndex = start;
    let depth = 0;
    for (let m; (m = tags.exec(html)); ) {
      depth += m[0].startsWith("</") ? -1 : 1;
      if (depth === 0) { process.stdout.write(html.slice(start, tags.lastIndex)); process.exit(0); }
    }
    throw new Error("unbalanced TRS_Editor div");
  ' "$1"
}

# meta NAME FILE: the content of <meta name=NAME>.
meta() {
  grep -o "<meta name=\"$1\" content=\"[^\"]*\"" "$2" | sed 's/.*content="//; s/"$//'
}

# The Shanghai file is already a fragment (the article only).
sh="2019_shanghai_shizhengfu_bangongting"
wrap "2019年上海市人民政府办公厅政府信息公开工作年度报告" "$corpus/$sh.html" > "$work/$sh.html"

for year in 2023 2025; do
  pt="${year}_pingtan_zonghe_shiyanqu"
  article "$corpus/$pt.html" > "$work/$pt.body"
  wrap "$(meta ArticleTitle "$corpus/$pt.html")" "$work/$pt.body" > "$work/$pt.html"
done

soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work/out" "$work"/*.html >/dev/null
for f in "$work"/out/*.docx; do
  cp "$f" "$out/"
  echo "$(basename "$f"): $(wc -c < "$f") bytes"
done
