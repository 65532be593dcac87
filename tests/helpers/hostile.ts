/**
 * Builders of hostile and broken inputs for tests/hostile.test.ts. Everything is generated from the
 * real reports and a few hand-written pages, so nothing binary is committed.
 */
import { constants, deflateRawSync } from "node:zlib";
import { readZip, writeZip } from "../../scripts/lib/zip.js";

/** Raw deflate of `mebibytes` MiB of zeros from one flushed 1 MiB block: about 1 KB per MiB. */
export function zerosDeflated(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
}

/**
 * A deflate bomb as a .docx: word/document.xml inflates to `mebibytes` MiB of zeros. The directory
 * states the true size (`lie: false`) or claims 1000 bytes, so only the cap on inflation stops it.
 */
export function bombDocx(mebibytes: number, { lie }: { lie: boolean }): Buffer {
  const packed = zerosDeflated(mebibytes);
  return writeZip([
    { name: "[Content_Types].xml", method: 8, data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: "word/document.xml", method: 8, data: Buffer.alloc(0), packed, size: lie ? 1000 : mebibytes << 20, crc: 0 },
  ]);
}

/** Rewrites one XML part of a .docx (the archive's sizes and checksums stay valid). */
export function editDocxPart(docx: Uint8Array, part: string, edit: (xml: string) => string): Buffer {
  const entries = readZip(docx);
  if (!entries) throw new Error("not a zip");
  const target = entries.find((e) => e.name === part);
  if (!target) throw new Error(`no ${part}`);
  return writeZip(entries.map((e) => (e === target ? { ...e, method: 8, data: Buffer.from(edit(Buffer.from(e.data).toString("utf8"))) } : e)));
}

/** A DTD with a billion-laughs chain, a parameter entity and external entities (file and http). */
export function hostileDoctype(fetchUrl: string): string {
  const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
  return (
    `<!DOCTYPE w:document [<!ENTITY lol0 "lol">${laughs}` +
    `<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY web SYSTEM "${fetchUrl}/entity">` +
    `<!ENTITY % remote SYSTEM "${fetchUrl}/evil.dtd"> %remote;]>`
  );
}

/** Puts the DTD after the XML declaration and the entity references into the last run of text. */
export function withHostileDoctype(xml: string, fetchUrl: string): string {
  const afterDeclaration = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  const withDtd = `${xml.slice(0, afterDeclaration)}${hostileDoctype(fetchUrl)}${xml.slice(afterDeclaration)}`;
  const lastRun = withDtd.lastIndexOf("</w:t>");
  return `${withDtd.slice(0, lastRun)}[&xxe;|&web;|&lol9;]${withDtd.slice(lastRun)}`;
}

/** A minimal .docx holding only `bodyXml` (plus an optional prolog before the root element). */
export function minimalDocx(bodyXml: string, prolog = ""): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${prolog}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`;
  return writeZip([{ name: "word/document.xml", method: 8, data: Buffer.from(xml) }]);
}

/**
 * The start of an OLE compound file (CFB) as Word writes a password-protected .docx: the header
 * (magic, version 3, 512-byte sectors) and a directory sector naming the EncryptionInfo and
 * EncryptedPackage streams. The streams hold noise: the container is what the reader must recognise.
 */
export function encryptedDocx(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift: 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  const directory = Buffer.alloc(512);
  ["Root Entry", "EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"].forEach((name, i) => {
    const entry = directory.subarray(i * 128, (i + 1) * 128);
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    encoded.copy(entry, 0);
    entry.writeUInt16LE(encoded.length, 64);
    entry[66] = i === 0 ? 5 : i === 3 ? 1 : 2; // root, storage, stream
  });
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return Buffer.concat([header, directory, noise]);
}

/**
 * A PDF whose trailer names a standard security handler with an owner and user password: the
 * empty user password does not open it, so a reader must ask for the password.
 */
export function encryptedPdf(): Buffer {
  const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => (((i + 1) * seed) & 0xff).toString(16).padStart(2, "0")).join("");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    "<< /Length 44 >>\nstream\n(encrypted bytes that no password opens)\nendstream",
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(37)}> /U <${hex(91)}> /P -44 >>`,
  ];
  return pdfWith(objects, "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]");
}

/** A PDF header followed by garbage: no objects, no cross-reference table, no trailer. */
export function malformedPdf(): Buffer {
  return Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 9 0 R\nthis is not a PDF object\n%%EOF\n", "latin1");
}

function pdfWith(objects: string[], trailerExtra: string): Buffer {
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * GBK bytes of `text` (Node has no GBK encoder: the table is read back from the GBK decoder). GBK has
 * no no-break space: it becomes a space, as GBK editors save it.
 */
export function encodeGbk(text: string): Buffer {
  const table = gbkTable();
  const out: number[] = [];
  for (const char of text.replace(/\u00a0/g, " ")) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(char);
    if (!bytes) throw new Error(`no GBK code for U+${code.toString(16)}`);
    out.push(bytes >> 8, bytes & 0xff);
  }
  return Buffer.from(out);
}

let gbk: Map<string, number> | undefined;
function gbkTable(): Map<string, number> {
  if (gbk) return gbk;
  gbk = new Map();
  const decoder = new TextDecoder("gbk", { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!gbk.has(char)) gbk.set(char, (lead << 8) | trail);
      } catch {
        // Not a GBK code.
      }
    }
  }
  return gbk;
}

/** UTF-16 with a byte order mark. */
export function encodeUtf16(text: string, endian: "le" | "be"): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  return endian === "le" ? le : le.swap16();
}

/** `count` nested <div>s around `inner`. */
export function deeplyNested(inner: string, count: number): string {
  return `${"<div>".repeat(count)}${inner}${"</div>".repeat(count)}`;
}

/** An HTML table of rows × columns numbers: slow to read when large, but under any byte cap. */
export function bigHtmlTable(rows: number, columns: number): string {
  const row = (r: number) => `<tr>${Array.from({ length: columns }, (_, c) => `<td>${r * columns + c}</td>`).join("")}</tr>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>统计表</title></head><body><table>${Array.from({ length: rows }, (_, r) => row(r)).join("")}</table></body></html>`;
}

/** A realistic government news article: portal chrome, a title, a byline, prose about 政务公开. */
export const NEWS_ARTICLE = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>区政府召开2023年度政务公开工作推进会_政务要闻_某某区人民政府</title>
<meta name="ArticleTitle" content="区政府召开2023年度政务公开工作推进会">
<meta name="PubDate" content="2023-04-12 10:30">
<meta name="ContentSource" content="区政府办公室">
</head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwyw/">政务要闻</a> <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政务要闻</div>
<div class="article">
<h1>区政府召开2023年度政务公开工作推进会</h1>
<p class="info">发布时间：2023-04-12　来源：区政府办公室　浏览次数：1024</p>
<p>4月11日下午，区政府召开2023年度政务公开工作推进会，总结2022年全区政务公开工作，部署2023年重点任务。副区长张某某出席会议并讲话。</p>
<p>会议指出，2022年全区各单位认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息12345条，受理政府信息公开申请236件，均在法定期限内答复；区政府门户网站发布政策解读材料86篇，政府信息公开工作年度报告按时发布。</p>
<p>会议强调，要聚焦重点领域信息公开，做好政策解读和回应关切，推进基层政务公开标准化规范化建设；要加强政府信息公开申请办理，规范答复文书，降低行政复议和行政诉讼风险。</p>
<p>会上，区财政局、区住建局、某某街道作交流发言。区政府办公室、区司法局及各街道（镇）分管负责同志参加会议。</p>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a/1.html">我区召开政务服务工作会议</a></li><li><a href="/a/2.html">区政府常务会议研究部署安全生产工作</a></li></ul></div>
<div class="footer">主办：某某区人民政府办公室　地址：某某路1号　ICP备案：京ICP备00000000号</div>
</body></html>
`;

/** A 部门预算 page: an explanation and the 收支总表, all numbers, nothing of the report template. */
export const BUDGET_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某某区教育局2024年部门预算_部门预决算_某某区人民政府</title></head><body>
<div class="article">
<h1>某某区教育局2024年部门预算</h1>
<p>目录</p>
<p>第一部分　部门概况</p>
<p>一、部门主要职责</p>
<p>贯彻执行国家和省、市有关教育工作的方针、政策和法律法规，拟订全区教育发展规划并组织实施。</p>
<p>二、部门预算单位构成</p>
<p>纳入本部门2024年部门预算编制范围的单位共38个，其中行政单位1个，事业单位37个。</p>
<p>第二部分　2024年部门预算情况说明</p>
<p>2024年收支总预算125,678.90万元，比上年增加3,456.78万元，主要是教师薪酬待遇调整。</p>
<p>2024年部门收支总表</p>
<table border="1">
<tr><td colspan="2">收入</td><td colspan="2">支出</td></tr>
<tr><td>项目</td><td>预算数</td><td>项目</td><td>预算数</td></tr>
<tr><td>一、一般公共预算拨款收入</td><td>118,234.56</td><td>一、一般公共服务支出</td><td>1,234.00</td></tr>
<tr><td>二、政府性基金预算拨款收入</td><td>5,000.00</td><td>二、教育支出</td><td>121,890.12</td></tr>
<tr><td>三、事业收入</td><td>2,444.34</td><td>三、社会保障和就业支出</td><td>2,554.78</td></tr>
<tr><td>收入总计</td><td>125,678.90</td><td>支出总计</td><td>125,678.90</td></tr>
</table>
<p>2024年“三公”经费预算表（单位：万元）</p>
<table border="1">
<tr><td>合计</td><td>因公出国（境）费</td><td>公务用车购置及运行费</td><td>公务接待费</td></tr>
<tr><td>45.60</td><td>0.00</td><td>38.20</td><td>7.40</td></tr>
</table>
<p>第三部分　名词解释</p>
<p>一般公共预算拨款收入：指区级财政当年拨付的资金。</p>
</div></body></html>
`;

/** An interpretation page (图解) named after a report: a title, a few lines and images, no report. */
export const INTERPRETATION_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>图解：某某区2023年政府信息公开工作年度报告_政策解读_某某区人民政府</title>
<meta name="ArticleTitle" content="图解：某某区2023年政府信息公开工作年度报告"></head><body>
<div class="article">
<h1>图解：某某区2023年政府信息公开工作年度报告</h1>
<p>发布时间：2024-01-30　来源：区政府办公室</p>
<p><img src="/images/tujie-1.png" alt="图解一"></p>
<p><img src="/images/tujie-2.png" alt="图解二"></p>
<p>相关链接：<a href="/zwgk/ndbg/2023.html">某某区2023年政府信息公开工作年度报告（全文）</a></p>
</div></body></html>
`;
