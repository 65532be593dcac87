import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Block, Document, Paragraph, Table, TableCell } from "../../src/readers/document.js";
import { MAX_COLUMNS } from "../../src/readers/grid.js";
import { readHtml } from "../../src/readers/html/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const realCorpus = resolve(repoRoot, "../shared/corpus/real");
const htmlFixtures = resolve(repoRoot, "tests/fixtures/html");

const readReal = (name: string) => readFileSync(resolve(realCorpus, name));
const html = (markup: string) => readHtml(new TextEncoder().encode(markup));
const paragraphs = (doc: Document) => doc.blocks.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (doc: Document) => doc.blocks.filter((b): b is Table => b.kind === "table");
const texts = (doc: Document) => paragraphs(doc).map((p) => p.text);
/** All text a reader emitted, paragraphs and cells, to look for chrome that leaked in. */
const allText = (doc: Document) =>
  doc.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.cells.map((c) => c.text).join("\n"))).join("\n");
const cellAt = (table: Table, row: number, col: number) =>
  table.cells.find((c) => c.row <= row && row < c.row + c.rowSpan && c.col <= col && col < c.col + c.colSpan);
/** The cells of the row whose first cell reads `label`. */
const rowOf = (table: Table, label: string): TableCell[] => {
  const head = table.cells.find((c) => c.text === label);
  if (!head) throw new Error(`no cell ${label}`);
  return table.cells.filter((c) => c.row === head.row && c.col > head.col);
};

/**
 * Menu, share, footer and sidebar strings of the Pingtan portal page, none of them in the report
 * (全真版 is a page tab too, but the 2023/2024 reports mention 全真版上传).
 */
const PINGTAN_CHROME = [
  "闽政通APP",
  "当前位置",
  "文字版",
  "文件下载",
  "相关链接",
  "QQ空间",
  "扫一扫在手机上查看当前页面",
  "关闭",
  "文字解读",
  "图片解读",
  "省市政府网站",
  "长者模式",
  "热门搜索",
  "来源：",
  "时间：",
  "版权所有",
  "网站标识码",
];

interface RealPage {
  file: string;
  /** The first paragraphs, as the page shows them (2018/2019 print the title inside the article, over two lines). */
  opening: string[];
  lastParagraph: string;
  tableCount: number;
  chrome: string[];
  properties: Document["properties"];
}

const REAL_PAGES: RealPage[] = [
  {
    file: "2018_pingtan_zonghe_shiyanqu.html",
    opening: ["平潭综合实验区2018年度", "政府信息公开工作年度报告", expect.stringMatching(/^根据《中华人民共和国政府信息公开条例》/)],
    lastParagraph: "六、政府信息公开情况统计表",
    tableCount: 1,
    chrome: PINGTAN_CHROME,
    properties: { title: "平潭综合实验区2018年度政府信息公开工作年度报告", publishDate: "2019-01-10 16:13" },
  },
  {
    file: "2019_pingtan_zonghe_shiyanqu.html",
    opening: ["平潭综合实验区2019年", "政府信息公开工作年度报告", expect.stringMatching(/^根据《中华人民共和国政府信息公开条例》/)],
    lastParagraph: "无其他需要报告的事项",
    tableCount: 3,
    chrome: [...PINGTAN_CHROME, "H5解读"],
    properties: { title: "平潭综合实验区2019年度政府信息公开工作年度报告", publishDate: "2020-01-20 15:22" },
  },
  ...[2023, 2024, 2025].map(
    (year): RealPage => ({
      file: `${year}_pingtan_zonghe_shiyanqu.html`,
      // The portal prints the title above the article body, which starts with 本报告根据….
      opening: [`平潭综合实验区${year}年度政府信息公开工作年度报告`, expect.stringMatching(/^本报告根据《中华人民共和国政府信息公开条例》/)],
      lastParagraph: `${year}年，无收取信息处理费情况。`,
      tableCount: 3,
      chrome: year === 2025 ? [...PINGTAN_CHROME, "H5解读"] : PINGTAN_CHROME,
      properties: {
        title: `平潭综合实验区${year}年度政府信息公开工作年度报告`,
        publishDate: { 2023: "2024-03-08 15:34", 2024: "2025-03-10 15:35", 2025: "2026-03-10 12:56" }[year],
        source: "平潭综合实验区管委会办公室",
      },
    }),
  ),
  {
    file: "2019_shanghai_shizhengfu_bangongting.html",
    opening: ["2019年上海市人民政府办公厅政府信息公开工作年度报告", "发布日期：2020-01-31", expect.stringMatching(/^本年度报告根据/)],
    lastParagraph: "无。",
    tableCount: 3,
    chrome: [],
    properties: {},
  },
];

describe.each(REAL_PAGES)("real page $file", (page) => {
  const doc = readHtml(readReal(page.file));

  it("is read as UTF-8 HTML with the head's metadata", () => {
    expect(doc).toMatchObject({ format: "html", encoding: "utf-8", messages: [] });
    expect(doc.properties).toEqual(page.properties);
  });

  it("starts at the report title and ends at the report's last paragraph", () => {
    expect(texts(doc).slice(0, page.opening.length)).toEqual(page.opening);
    expect(texts(doc).at(-1)).toBe(page.lastParagraph);
  });

  it("holds the report's tables and none of the page chrome", () => {
    expect(tables(doc)).toHaveLength(page.tableCount);
    const raw = readReal(page.file).toString("utf-8");
    const text = allText(doc);
    for (const chrome of page.chrome) {
      expect(raw).toContain(chrome);
      expect(text).not.toContain(chrome);
    }
  });

  it("keeps the section headings as paragraphs of their own", () => {
    expect(texts(doc)).toContain(page.file.startsWith("2018") ? "一、概述" : "一、总体情况");
  });

  it("locates blocks on source lines", () => {
    for (const block of doc.blocks) expect(block.loc.line).toBeGreaterThan(0);
  });
});

describe("real page cells", () => {
  it("Shanghai 表二: 政府集中采购 reads 6 and 251000元; 表三's 三、本年度办理结果 spans 20 rows", () => {
    const [activeDisclosure, applications] = tables(readHtml(readReal("2019_shanghai_shizhengfu_bangongting.html")));
    expect(rowOf(activeDisclosure!, "政府集中采购").map((c) => c.text)).toEqual(["6", "251000元"]);
    expect(applications!.cells.find((c) => c.text === "三、本年度办理结果")).toMatchObject({ col: 0, rowSpan: 20 });
    // Header cells with <br />.
    expect(activeDisclosure!.cells.map((c) => c.text)).toContain("本年新\n制作数量");
  });

  it("Shanghai 表三: &nbsp; cells are blank, not missing", () => {
    const [, applications] = tables(readHtml(readReal("2019_shanghai_shizhengfu_bangongting.html")));
    const blanks = applications!.cells.filter((c) => c.text === "");
    expect(blanks.length).toBeGreaterThan(0);
    expect(applications!.rowCount).toBe(26);
    expect(applications!.colCount).toBe(10);
  });

  it("Pingtan 2024: a label split over <p>s with source newlines and &nbsp; runs folds to clean lines", () => {
    const [, applications] = tables(readHtml(readReal("2024_pingtan_zonghe_shiyanqu.html")));
    const label = applications!.cells.find((c) => c.rowSpan === 22)!;
    // The page prints the label as three <p>: 三、本 / 年<span>度办</span>\n&nbsp;… / 理结果\n&nbsp;….
    expect(label.text).toBe("三、本\n年度办\n理结果");
    expect(label.text.replace(/\n/g, "")).toContain("本年度办");
    expect(label.text).toContain("理结果");
    expect(applications!.cells.map((c) => c.text)).toContain("社会\n公益\n组织");
  });

  it("Pingtan 2019: cells with a Calibri &nbsp; span before the digits read as the digits", () => {
    const [, applications] = tables(readHtml(readReal("2019_pingtan_zonghe_shiyanqu.html")));
    expect(rowOf(applications!, "（六）其他处理").map((c) => c.text)).toEqual(["0", "0", "0", "0", "0", "0", "0"]);
    expect(rowOf(applications!, "（七）总计").map((c) => c.text)).toEqual(["23", "0", "0", "0", "0", "0", "23"]);
    // 表三 continues after a page break inside one <table>: the group label appears twice.
    expect(applications!.cells.filter((c) => c.text === "三、本年度办理结果")).toHaveLength(2);
  });

  it("Pingtan 2018: the one old-style statistics table, 16 rows × 4 columns", () => {
    const [statistics] = tables(readHtml(readReal("2018_pingtan_zonghe_shiyanqu.html")));
    expect([statistics!.rowCount, statistics!.colCount]).toEqual([16, 4]);
    expect(cellAt(statistics!, 0, 0)?.text).toBe("指标名称");
  });
});

describe("charset", () => {
  const utf8Bytes = readReal("2019_shanghai_shizhengfu_bangongting.html");
  const gbkBytes = readFileSync(resolve(htmlFixtures, "2019_shanghai_shizhengfu_bangongting.gbk.html"));
  const original = readHtml(utf8Bytes).blocks;
  const withPrefix = (prefix: string, bytes: Uint8Array) => Buffer.concat([Buffer.from(prefix, "ascii"), bytes]);

  it.each([
    ["GBK declared by <meta charset>", withPrefix('<meta charset="gbk">', gbkBytes), "gb18030"],
    ["GBK declared by http-equiv", withPrefix('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', gbkBytes), "gb18030"],
    ["GBK without a declaration", gbkBytes, "gb18030"],
    ["GBK declared as UTF-8", withPrefix('<meta charset="utf-8">', gbkBytes), "gb18030"],
    ["UTF-8 declared as GBK", withPrefix('<meta charset="gbk">', utf8Bytes), "utf-8"],
    ["UTF-16LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8Bytes.toString("utf-8"), "utf16le")]), "utf-16le"],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Bytes]), "utf-8"],
  ])("%s gives the same blocks as the UTF-8 original", (_name, bytes, encoding) => {
    const doc = readHtml(bytes);
    expect(doc.encoding).toBe(encoding);
    expect(doc.blocks).toEqual(original);
  });

  it("ignores a charset declaration inside a comment", () => {
    const doc = readHtml(withPrefix('<!-- <meta charset="big5"> -->', gbkBytes));
    expect(doc.encoding).toBe("gb18030");
  });
});

describe("article extraction", () => {
  const page = (article: string) => `<!DOCTYPE html><html><head><title>某区2023年度政府信息公开工作年度报告_年报_某区政府</title>
    <meta name="ArticleTitle" content="某区2023年度政府信息公开工作年度报告"><script>var menu = "首页 政务公开";</script></head><body>
    <div class="top"><ul>${["首页", "政务公开", "互动交流", "办事服务", "数据开放"].map((m) => `<li><a href="#">${m}</a></li>`).join("")}</ul>
      <form><input name="q"><button>搜索</button></form></div>
    <div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/nb">年报</a></div>
      <div class="head"><h1>某区2023年度政府信息公开工作年度报告</h1><span>发布时间：2024-01-20</span> <a href="#">打印</a> <a href="#">关闭</a></div>
      <div class="body">${article}</div>
      <div class="related"><h3>相关文章</h3>${Array.from({ length: 12 }, (_, i) => `<p><a href="/a${i}">某区2022年度政府信息公开工作年度报告之${i}</a></p>`).join("")}</div>
    </div>
    <div class="bottom">主办单位：某区人民政府办公室　地址：某区某路1号　联系电话：0000-0000000<br>网站标识码：0000000000　ICP备00000000号</div>
    </body></html>`;
  const report = `<p>本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况等内容。</p>
    <p>一、总体情况</p><p>2023年，某区认真贯彻落实条例要求，持续推进政务公开工作，全年主动公开政府信息一千余条。</p>
    <p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
    <p>六、其他需要报告的事项</p><p>无。</p>`;

  it("finds the article without class names, with the title printed above it, and leaves menus, byline, related links and footer out", () => {
    const doc = html(page(report));
    expect(texts(doc)).toEqual([
      "某区2023年度政府信息公开工作年度报告",
      "本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况等内容。",
      "一、总体情况",
      "2023年，某区认真贯彻落实条例要求，持续推进政务公开工作，全年主动公开政府信息一千余条。",
      "二、主动公开政府信息情况",
      "六、其他需要报告的事项",
      "无。",
    ]);
    expect(paragraphs(doc)[0]!.headingLevel).toBe(1);
    expect(tables(doc)).toHaveLength(1);
    expect(doc.properties.title).toBe("某区2023年度政府信息公开工作年度报告");
  });

  it("keeps the report around an appendix table holding nine tenths of the text, and steps through a layout table to its cell", () => {
    const row = (r: number) => `<tr>${Array.from({ length: 8 }, (_, c) => `<td>${1000 + r * 8 + c}</td>`).join("")}</tr>`;
    const appendix = `<p>附表：主动公开文件目录</p><table>${Array.from({ length: 300 }, (_, r) => row(r)).join("")}</table>`;
    const doc = html(page(report + appendix));
    expect(texts(doc)).toContain("一、总体情况");
    expect(tables(doc).map((t) => t.rowCount)).toEqual([2, 300]);
    const framed = html(page(`<table><tr><td>${report}</td></tr></table>`));
    expect(texts(framed).slice(0, 3)).toEqual(["某区2023年度政府信息公开工作年度报告", expect.stringMatching(/^本报告根据/), "一、总体情况"]);
  });

  it("finds the title from the article's part of <title> when the page has no title meta", () => {
    const doc = html(page(report).replace(/<meta name="ArticleTitle"[^>]*>/, ""));
    expect(doc.properties.title).toBe("某区2023年度政府信息公开工作年度报告_年报_某区政府");
    expect(texts(doc).slice(0, 2)).toEqual(["某区2023年度政府信息公开工作年度报告", expect.stringMatching(/^本报告根据/)]);
  });

  it("does not repeat the title when the article starts with it", () => {
    const doc = html(page(`<p>某区2023年度</p><p>政府信息公开工作年度报告</p>${report}`));
    expect(texts(doc).slice(0, 3)).toEqual(["某区2023年度", "政府信息公开工作年度报告", expect.stringMatching(/^本报告根据/)]);
  });

  it("does not take a site banner named in <title> for the article's title", () => {
    const menu = Array.from({ length: 40 }, (_, i) => `<a href="/c${i}">栏目名称${i}</a>`).join(" ");
    const doc = html(`<title>年报_某区人民政府门户网站</title><div class="banner">某区人民政府门户网站</div><div>${menu}</div>
      <div>${report}</div>`);
    expect(texts(doc)[0]).toMatch(/^本报告根据/);
  });

  it("skips hidden elements, scripts, styles and page-level landmarks", () => {
    const doc = html(`<header>网站导航</header><nav>首页</nav><p>正文第一段</p><p style="display: none">隐藏的段落</p>
      <p hidden>也隐藏</p><div role="navigation">栏目</div><script>document.write("脚本")</script><style>p{}</style>
      <noscript>请启用脚本</noscript><p>正文第二段</p><footer>版权所有</footer>`);
    expect(texts(doc)).toEqual(["正文第一段", "正文第二段"]);
  });

  it("keeps an article's own header", () => {
    expect(texts(html(`<article><header><h2>报告标题</h2></header><p>正文</p></article>`))).toEqual(["报告标题", "正文"]);
  });
});

describe("paragraphs", () => {
  it("splits text under a <div> at each <br>, but keeps a <p>'s <br> as a line break", () => {
    const doc = html(`<div>一、总体情况<br>2023年，全年公开信息。<br/><br/>二、主动公开<p>第一行<br>第二行</p></div>`);
    expect(texts(doc)).toEqual(["一、总体情况", "2023年，全年公开信息。", "二、主动公开", "第一行\n第二行"]);
  });

  it("keeps a list item's <br> a line break after a table inside the item", () => {
    const doc = html(`<ul><li>前文<table><tr><td>1</td><td>2</td></tr></table>后文<br>下一行</li></ul>`);
    expect(doc.blocks.map((b) => (b.kind === "paragraph" ? b.text : "table"))).toEqual(["前文", "table", "后文\n下一行"]);
  });

  it("gives headings their level and folds white space, &nbsp; and ideographic spaces", () => {
    const doc = html(`<h2>  一、总体情况 </h2><p>&nbsp;&nbsp;本年度\n  共公开　　信息</p><p>&nbsp;</p><h3>（一）主动公开</h3>`);
    expect(paragraphs(doc).map(({ text, headingLevel }) => ({ text, headingLevel }))).toEqual([
      { text: "一、总体情况", headingLevel: 2 },
      { text: "本年度 共公开 信息", headingLevel: undefined },
      { text: "（一）主动公开", headingLevel: 3 },
    ]);
  });

  it("decodes entities and reads inline markup as running text", () => {
    expect(texts(html(`<p>《贯彻&lt;规划纲要&gt;实施方案》&amp;<b>加</b><span>粗</span>&#x4E00;&#20108;</p>`))).toEqual([
      "《贯彻<规划纲要>实施方案》&加粗一二",
    ]);
  });

  it("reads text in a one-cell layout table as paragraphs", () => {
    const doc = html(`<table><tr><td><p>一、总体情况</p><p>正文</p></td></tr></table>`);
    expect(doc.blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph"]);
  });

  it("locates paragraphs on their source line", () => {
    const doc = html(`<p>第一段</p>\n\n<p>\n第二段</p>`);
    expect(paragraphs(doc).map((p) => p.loc.line)).toEqual([1, 4]);
  });
});

describe("tables", () => {
  it("resolves rowspan and colspan through thead/tbody, with th and td both cells", () => {
    const doc = html(`<table><thead><tr><th rowspan="2">项目</th><th colspan="2">数量</th></tr>
      <tr><th>本年</th><th>累计</th></tr></thead><tbody><tr><td>规章</td><td>1</td><td>&nbsp;</td></tr></tbody></table>`);
    const [table] = tables(doc);
    expect(table).toMatchObject({ rowCount: 3, colCount: 3 });
    expect(table!.cells.map(({ text, row, col, rowSpan, colSpan }) => [text, row, col, rowSpan, colSpan])).toEqual([
      ["项目", 0, 0, 2, 1],
      ["数量", 0, 1, 1, 2],
      ["本年", 1, 1, 1, 1],
      ["累计", 1, 2, 1, 1],
      ["规章", 2, 0, 1, 1],
      ["1", 2, 1, 1, 1],
      ["", 2, 2, 1, 1],
    ]);
  });

  it("closes cells and rows left open, as browsers do", () => {
    const [table] = tables(html(`<table><tr><td><p>甲<td>乙<tr><td>丙<td>丁</table><p>后文</p>`));
    expect(table!.cells.map((c) => [c.text, c.row, c.col])).toEqual([
      ["甲", 0, 0],
      ["乙", 0, 1],
      ["丙", 1, 0],
      ["丁", 1, 1],
    ]);
  });

  it("puts <br> and block children of a cell on lines of their own", () => {
    const [table] = tables(html(`<table><tr><td>本年新<br />制作数量</td><td><p>社会</p><p>公益 </p>组织</td></tr></table>`));
    expect(table!.cells.map((c) => c.text)).toEqual(["本年新\n制作数量", "社会\n公益\n组织"]);
  });

  it("emits a nested table right after the outer one, its text also kept in the outer cell", () => {
    const doc = html(`<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table><p>后文</p>`);
    const [outer, inner] = tables(doc);
    expect(doc.blocks.map((b) => b.kind)).toEqual(["table", "table", "paragraph"]);
    expect(outer!.cells.map((c) => c.text)).toEqual(["外", "内1\n内2"]);
    expect(inner!.cells.map((c) => c.text)).toEqual(["内1", "内2"]);
  });

  it("emits a caption as a paragraph before its table", () => {
    const doc = html(`<table><caption>表一</caption><tr><td>a</td><td>b</td></tr></table>`);
    expect(doc.blocks.map((b) => (b.kind === "paragraph" ? b.text : "table"))).toEqual(["表一", "table"]);
  });
});

describe("hostile input", () => {
  it("reads 100,000 nested <div>s in under a second", () => {
    const depth = 100_000;
    const bytes = new TextEncoder().encode(`${"<div>".repeat(depth)}深处的文字${"</div>".repeat(depth)}`);
    // CPU time, not wall time: other test files and builds share the machine, and a loaded machine
    // stretches wall time without the reader doing more work.
    const started = process.cpuUsage();
    const doc = readHtml(bytes);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(1000);
    expect(texts(doc)).toEqual(["深处的文字"]);
  });

  it("reads 100,000 unclosed nested <span>s and stray end tags", () => {
    const doc = html(`<p>${"<span>".repeat(100_000)}文字${"</b>".repeat(100_000)}</p>`);
    expect(texts(doc)).toEqual(["文字"]);
  });

  it("reads a 1 MB single-line cell", () => {
    const long = "数".repeat(1_000_000);
    const [table] = tables(html(`<table><tr><td>标签</td><td>${long}</td></tr></table>`));
    expect(table!.cells[1]!.text).toHaveLength(1_000_000);
  });

  it("caps a 10,000-column table at the grid's width and says so", () => {
    const doc = html(`<table><tr>${"<td>1</td>".repeat(10_000)}</tr><tr><td colspan="100000">x</td></tr></table>`);
    const [table] = tables(doc);
    expect(table!.colCount).toBe(MAX_COLUMNS);
    expect(table!.cells).toHaveLength(MAX_COLUMNS + 1);
    expect(table!.cells.at(-1)).toMatchObject({ text: "x", colSpan: MAX_COLUMNS });
    expect(doc.messages).toEqual([expect.objectContaining({ message: expect.stringContaining("9000 cells") })]);
  });

  it("reads tables nested 10,000 deep without recursion", () => {
    const doc = html(`${"<table><tr><td>格</td><td>".repeat(10_000)}底`);
    expect(tables(doc).length).toBeGreaterThan(1);
  });

  it("gives an empty document for empty input", () => {
    expect(readHtml(new Uint8Array()).blocks).toEqual([] satisfies Block[]);
  });
});
