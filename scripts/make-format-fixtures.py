#!/usr/bin/env python3
"""Makes tests/fixtures/formats/: the same real report in other formats, for the cross-format test.

For each real HTML page named below (from ../shared/corpus/real):
  <name>.gbk.html  the page re-encoded as GBK, its meta charset rewritten to gbk (characters GBK lacks
                   become numeric character references, which HTML decodes back to the same text);
  <name>.txt       the report title and its tables in the seed's flattened-text layout, as a browser
                   copy produces it: one tab-led line per cell, a blank line between rows, a cell merged
                   from the row above copied as an empty cell, line breaks inside a cell kept.
Written with Python's standard library only, independently of nianbao's own readers.
Run: python3 scripts/make-format-fixtures.py
"""
import html
import os
import re
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, "..", "shared", "corpus", "real")
OUT = os.path.join(ROOT, "tests", "fixtures", "formats")
PAGES = ["2019_shanghai_shizhengfu_bangongting", "2025_pingtan_zonghe_shiyanqu", "2023_pingtan_zonghe_shiyanqu"]


class Tables(HTMLParser):
    """Collects every <table> as rows of (text, rowspan, colspan)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.stack, self.cell = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag in ("td", "th") and self.stack:
            span = lambda k: max(1, int(re.sub(r"\D", "", a.get(k) or "1") or 1))
            self.cell = {"text": "", "rowspan": span("rowspan"), "colspan": span("colspan")}
            self.stack[-1][-1].append(self.cell)
        elif tag in ("br", "p", "div") and self.cell is not None and self.cell["text"]:
            self.cell["text"] += "\n"

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def clean(text):
    lines = [re.sub(r"[\s\u00a0\u3000]+", " ", l).strip() for l in text.split("\n")]
    return "\n".join(l for l in lines if l)


def flatten(rows):
    """Seed layout: every grid row lists its distinct cells; one merged from above is blank."""
    covered, out = {}, []
    for r, row in enumerate(rows):
        slots, c = [], 0
        for cell in row:
            while (r, c) in covered:
                slots.append(covered[(r, c)]); c += 1
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    if dr > 0:
                        covered[(r + dr, c + dc)] = ("above", id(cell))
            slots.append(("own", cell)); c += cell["colspan"]
        while (r, c) in covered:
            slots.append(covered[(r, c)]); c += 1
        lines, last = [], None
        for kind, cell in slots:
            key = (kind, id(cell) if kind == "own" else cell)
            if key == last:
                continue
            last = key
            text = clean(cell["text"]) if kind == "own" else ""
            first, *rest = (text.split("\n") if text else [""])
            lines.append("\t" + first)
            lines.extend(rest)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in PAGES:
        raw = open(os.path.join(REAL, name + ".html"), encoding="utf-8").read()
        gbk = re.sub(r'charset=["\']?utf-8["\']?', "charset=gbk", raw, flags=re.I)
        with open(os.path.join(OUT, name + ".gbk.html"), "wb") as f:
            f.write(gbk.encode("gbk", errors="xmlcharrefreplace"))
        parser = Tables()
        parser.feed(raw)
        tables = [t for t in parser.tables if re.search("信息内容|申请人情况|行政复议", "".join(c["text"] for r in t for c in r))]
        body = html.unescape(re.sub(r"<script.*?</script>|<[^>]+>", "\n", raw[max(raw.find("<body"), 0):], flags=re.S))
        title = re.search(r"^\s*(\S{0,30}\d{4}年度?\S{0,20}政府信息公开工作年度报告)\s*$", body, re.M).group(1)
        headings = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
        parts = [title.strip()]
        for heading, table in zip(headings, tables):
            parts += [heading, flatten(table), ""]
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(parts))


main()
