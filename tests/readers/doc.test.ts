import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findSoffice } from "../../src/readers/doc/soffice.js";
import { convertFile, fixtures, flatValues, realCorpus } from "../helpers/paths.js";

const doc = resolve(fixtures, "doc/2019_shanghai_shizhengfu_bangongting.doc");

describe("legacy Word .doc", () => {
  afterEach(() => {
    delete process.env.NIANBAO_SOFFICE;
  });

  // LibreOffice is an optional system package: this runs wherever it is installed (as on the CI
  // machine of this project), and says it was skipped elsewhere.
  it.skipIf(!findSoffice())("converts through LibreOffice to .docx and gives the same tables as the HTML page", async () => {
    const [fromDoc, fromHtml] = await Promise.all([convertFile(doc), convertFile(resolve(realCorpus, "2019_shanghai_shizhengfu_bangongting.html"))]);
    expect(fromDoc.source).toMatchObject({ format: "doc", via: "soffice: .doc converted to .docx" });
    const { other: _a, ...docTables } = fromDoc.tables;
    const { other: _b, ...htmlTables } = fromHtml.tables;
    expect(docTables).toEqual(htmlTables);
    expect(fromDoc.meta).toEqual(fromHtml.meta);
  });

  it("without LibreOffice reads the text with word-extractor, says so, and reads no table value", async () => {
    process.env.NIANBAO_SOFFICE = "0";
    const report = await convertFile(doc);
    expect(report.source).toMatchObject({ format: "doc", via: "word-extractor: text only, tables not read (LibreOffice not found)" });
    expect(report.meta).toMatchObject({ title: "2019年上海市人民政府办公厅政府信息公开工作年度报告", year: 2019 });
    expect(report.sections.map((s) => s.key)).toContain("overview");
    expect([...flatValues(report).values()].filter((v) => v !== null)).toEqual([]);
  });
});
