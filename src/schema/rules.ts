import * as z from "zod";

/**
 * The closed list of finding rules: every finding a report or an export carries has one of these ids.
 * `nianbao rules` prints this list; the README's table is checked against it.
 */
export const RULES = {
  "applications.balance": {
    severity: "error",
    meaning: "表三, per column: 一 新收 + 二 上年结转 = 三（七）总计 + 四 结转下年度 (the relation the template prints above the table)",
    example: "表三 总计: 一+二 (新收+上年结转) = 36, but 三+四 (办理结果总计+结转下年度) = 37",
  },
  "applications.resultsTotal": {
    severity: "error",
    meaning: "表三, per column: （七）总计 = the sum of every result row （一）…（六）",
    example: "表三 自然人: the result rows add up to 35, but （七）总计 is 36",
  },
  "applications.rowTotal": {
    severity: "error",
    meaning: "表三, per row: 总计 = 自然人 + the five 法人或其他组织 columns",
    example: "表三 row received: the six applicant columns add up to 35, but 总计 is 36",
  },
  "reviewLitigation.total": {
    severity: "error",
    meaning: "表四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    example: "表四 review: 维持+纠正+其他+尚未审结 = 11, but 总计 is 0",
  },
  "narrative.mismatch": {
    severity: "warning",
    meaning: "a figure the prose states differs from the same figure in the tables",
    example: 'the text says "办结35件" (35) but the table gives 36 applications handled',
  },
  "series.carryOver": {
    severity: "warning",
    meaning: "across reports of one issuer (export): this year's 上年结转 总计 = last year's 结转下年度 总计",
    example: "平潭综合实验区 2024年 上年结转 = 3, but 平潭综合实验区 2023年 结转下年度继续办理 = 4",
  },
  "template.none": {
    severity: "warning",
    meaning: "no 表二/三/四 of a known template version (pre-2019 reports print an old-style 统计表, kept under tables.other)",
    example: "no 表二/表三/表四 of the 2019 or 2021 template found",
  },
  "table.ambiguous": {
    severity: "error",
    meaning: "a row's cells ran together in the text and more than one split fits the table's sums; its cells are unread",
    example: '表四: the cells ran together as "21317000001324019" and cannot be told apart; left null',
  },
  "table.unknownRow": {
    severity: "warning",
    meaning: "a row of a template table matches no row of the template, or a template row was not found; not read",
    example: '表三 row "（八）其他" matches no template row; not read',
  },
  "table.unlabelledRow": {
    severity: "warning",
    meaning: "a row of values with no label; not read",
    example: "表三 row with values but no label; not read",
  },
  "table.duplicateRow": {
    severity: "warning",
    meaning: "a template row printed twice; the first is kept",
    example: '表三 row "（一）予以公开" appears again; the first one is kept',
  },
  "table.noHeader": {
    severity: "warning",
    meaning: "a 表二 row with no 信息内容 header above it to name its columns; not read",
    example: '表二 row "规章" has no 信息内容 header above it; not read',
  },
  "table.unmappedCell": {
    severity: "warning",
    meaning: "a 表二 cell under a column label the template does not know; not read",
    example: '表二 cell "3" in row "规章" has no known column label above it',
  },
  "table.offTemplate": {
    severity: "warning",
    meaning: "a value read under labels the decided template version has no place for; not mapped",
    example: '"5" under 规章 / 本年新制作数量 has no place in the 2021 template; not mapped',
  },
  "value.unreadable": {
    severity: "warning",
    meaning: "a cell holds text where a number belongs; the value is unread (null), its text kept in provenance",
    example: 'cell "见附表" under 一、本年新收政府信息公开申请数量 / 总计 is not a number',
  },
  "value.unitUnknown": {
    severity: "warning",
    meaning: "an amount whose unit (元 or 万元) is stated nowhere; unread rather than guessed",
    example: 'amount "251000" under 政府集中采购 / 采购总金额 states no unit',
  },
  "reader.tableCut": {
    severity: "warning",
    meaning: "the reader cut a table larger than it reads (columns beyond the cap); the cells cut are not read",
    example: "table wider than 1000 columns: 9000 cells beyond the last column were dropped",
  },
  "reader.embeddedFile": {
    severity: "warning",
    meaning: "the document embeds another file (.docx altChunk) whose content is not read",
    example: "the document embeds another file (w:altChunk) whose content is not read",
  },
  "reader.pageWithoutText": {
    severity: "warning",
    meaning: "a PDF page has no text layer (a scanned image?); its content is missing",
    example: "page 3 has no text layer (a scanned image?); its content is missing",
  },
} as const satisfies Record<string, { severity: "error" | "warning"; meaning: string; example: string }>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];
export const ruleId = z.enum(RULE_IDS);

/** A reader's message codes: each is the rule `reader.<code>`. */
type CodeOf<R> = R extends `reader.${infer C}` ? C : never;
export type ReaderCode = CodeOf<RuleId>;
