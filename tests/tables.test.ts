import { describe, expect, it } from "vitest";
import { readCell, shiftDecimal } from "../src/tables/number.js";
import { coreLabel, matchLabel } from "../src/tables/match.js";
import { splits } from "../src/tables/flattened/split.js";

describe("reading a cell: what was printed, nothing invented", () => {
  it.each([
    ["36", { kind: "number", value: 36, unit: null }],
    ["　1062", { kind: "number", value: 1062, unit: null }],
    ["０", { kind: "number", value: 0, unit: null }],
    ["１２３", { kind: "number", value: 123, unit: null }],
    ["3,985,758", { kind: "number", value: 3985758, unit: null }],
    ["-18", { kind: "number", value: -18, unit: null }],
    ["－15", { kind: "number", value: -15, unit: null }],
    ["251000元", { kind: "number", value: 251000, unit: "元" }],
    ["75394432.52元", { kind: "number", value: 75394432.52, unit: "元" }],
    ["96171.6", { kind: "number", value: 96171.6, unit: null }],
    ["12件", { kind: "number", value: 12, unit: "件" }],
  ])("%s", (raw, expected) => {
    expect(readCell(raw)).toMatchObject(expected);
  });

  it.each(["", " ", "\u00a0"])("blank %j stays blank (null), never 0", (raw) => {
    expect(readCell(raw)).toEqual({ kind: "blank" });
  });

  it.each(["—", "-", "/", "无", "——", "／"])("placeholder %s → null with the raw text kept", (raw) => {
    expect(readCell(raw)).toEqual({ kind: "placeholder" });
  });

  it.each(["约30", "1 062", "三十", "30%"])("%s is text, not a number", (raw) => {
    expect(readCell(raw).kind).toBe("text");
  });

  it("converts 元 to 万元 on the decimal digits, without binary rounding", () => {
    expect(shiftDecimal("251000", -4)).toBe(25.1);
    expect(shiftDecimal("75394432.52", -4)).toBe(7539.443252);
    expect(shiftDecimal("73802895.90", -4)).toBe(7380.28959);
    expect(shiftDecimal("-5", -4)).toBe(-0.0005);
  });
});

describe("row labels as real reports print them", () => {
  const rows = new Map([
    ["其他法律行政法规禁止公开", "prohibitedByLaw"],
    ["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "overdueFee"],
    ["危及三安全一稳定", "endangersSafety"],
    ["部分公开", "partiallyGranted"],
    ["本年度办理结果", "results"],
    ["予以公开", "granted"],
  ]);

  it.each([
    ["2.其他法律行政止公开", "prohibitedByLaw", "fuzzy"], // typo in the 2023 Hongze PDF
    ["2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "overdueFee", "exact"], // 、 for .
    ["2. 申请人逾期未按收费通知要\n求缴纳费用、行政机关不再处理其政府信息公开申请", "overdueFee", "exact"], // wrapped label
    ["3.危及\u201c三安全一稳定\u201d", "endangersSafety", "exact"],
    ['3.危及"三安全一稳定"', "endangersSafety", "exact"],
    ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partiallyGranted", "exact"],
    ["三、本年度办 理结果", "results", "exact"], // space inside the label (Pingtan 2024)
    ["三、本年度办理结果（一）予以公开", "granted", "suffix"], // group label repeated in the cell
  ])("%s", (label, key, how) => {
    expect(matchLabel(label, rows)).toEqual({ value: key, how });
  });

  it("does not guess between two equally close labels", () => {
    expect(matchLabel("公开", new Map([["予以公开", 1], ["部分公开", 2]]))).toBeUndefined();
  });

  it("strips numbering of every kind", () => {
    expect(coreLabel("（七）总计")).toBe("总计");
    expect(coreLabel("四、结转下年度继续办理")).toBe("结转下年度继续办理");
    expect(coreLabel("８．属于行政查询事项")).toBe("属于行政查询事项");
  });
});

describe("splitting a digit string whose cell boundaries were lost", () => {
  it("takes white space as a certain boundary and forbids leading zeros", () => {
    expect(splits("0 0 0 0 0 00", Array(7).fill("count"))).toEqual([["0", "0", "0", "0", "0", "0", "0"]]);
    expect(splits("230 000023", Array(7).fill("count"))).toEqual([
      ["2", "30", "0", "0", "0", "0", "23"],
      ["23", "0", "0", "0", "0", "0", "23"],
      ["230", "0", "0", "0", "0", "2", "3"],
    ]);
    expect(splits("0000000", Array(7).fill("count"))).toEqual([Array(7).fill("0")]);
  });

  it("lets 本年增/减 be negative and amounts carry decimals and a unit", () => {
    expect(splits("35-15", ["count", "signed"])).toEqual([["35", "-15"]]);
    expect(splits("13575394432.52元", ["count", "amount"])).toContainEqual(["135", "75394432.52元"]);
  });
});
