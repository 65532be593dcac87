import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { convertFile, fixtures, realCorpus } from "./helpers/paths.js";

/**
 * One report, four formats: the original UTF-8 page, the page re-encoded as GBK, the tables in the
 * seed's flattened-text layout, and the page saved as .docx by LibreOffice (see the fixture READMEs
 * and scripts/ for how each was made). The statistical tables must come out identical.
 */
describe.each(["2019_shanghai_shizhengfu_bangongting", "2025_pingtan_zonghe_shiyanqu", "2023_pingtan_zonghe_shiyanqu"])("%s", (name) => {
  it("gives identical tables as HTML, GBK HTML, seed-style text and .docx", async () => {
    const html = await convertFile(resolve(realCorpus, `${name}.html`));
    const variants = {
      gbk: resolve(fixtures, "formats", `${name}.gbk.html`),
      text: resolve(fixtures, "formats", `${name}.txt`),
      docx: resolve(fixtures, "docx", `${name}.docx`),
    };
    const { other: _other, ...expected } = html.tables;
    expect(Object.keys(expected).sort()).toEqual(["activeDisclosure", "applications", "reviewLitigation"]);
    for (const [format, path] of Object.entries(variants)) {
      const report = await convertFile(path);
      const { other: _o, ...tables } = report.tables;
      expect({ format, template: report.template, tables }).toEqual({ format, template: html.template, tables: expected });
    }
    const gbk = await convertFile(variants.gbk);
    expect(gbk.source.encoding).toBe("gb18030");
    expect(gbk.meta).toEqual(html.meta);
  });
});
