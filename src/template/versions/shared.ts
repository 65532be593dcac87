import type { TemplateInput } from "../declaration.js";

/**
 * What the 2019 and 2021 versions share: 表三 apart from （六）, 表四, the relations of checks.md and
 * the prose figures. Labels are as shared/schema/fields.json gives them; variants as real reports
 * print them (shared/corpus/template-notes.md).
 */

type Table = TemplateInput["tables"][number];
type Row = Table["rows"][number];

export const APPLICANT_COLUMNS: Table["columns"] = [
  { key: "naturalPerson", label: "自然人", kind: "count" },
  { key: "enterprise", label: "商业企业", kind: "count" },
  { key: "research", label: "科研机构", kind: "count" },
  { key: "publicInterest", label: "社会公益组织", kind: "count" },
  { key: "legalService", label: "法律服务机构", kind: "count" },
  { key: "otherOrg", label: "其他", kind: "count" },
  { key: "total", label: "总计", kind: "count" },
];

/** 表三's rows before （六）其他处理. */
export const APPLICATION_ROWS_BEFORE_OTHER: Row[] = [
  { key: "received", label: "一、本年新收政府信息公开申请数量" },
  { key: "carriedOver", label: "二、上年结转政府信息公开申请数量" },
  { key: "results.granted", label: "（一）予以公开" },
  { key: "results.partiallyGranted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
  { key: "results.denied.stateSecret", label: "1.属于国家秘密" },
  { key: "results.denied.prohibitedByLaw", label: "2.其他法律行政法规禁止公开", variants: ["2.其他法律行政止公开"] },
  { key: "results.denied.endangersSafety", label: "3.危及“三安全一稳定”" },
  { key: "results.denied.thirdPartyRights", label: "4.保护第三方合法权益" },
  { key: "results.denied.internalAffairs", label: "5.属于三类内部事务信息" },
  { key: "results.denied.processInformation", label: "6.属于四类过程性信息" },
  { key: "results.denied.enforcementFiles", label: "7.属于行政执法案卷" },
  { key: "results.denied.administrativeQuery", label: "8.属于行政查询事项" },
  { key: "results.unavailable.notHeld", label: "1.本机关不掌握相关政府信息" },
  { key: "results.unavailable.needsCreation", label: "2.没有现成信息需要另行制作" },
  { key: "results.unavailable.unclearAfterCorrection", label: "3.补正后申请内容仍不明确" },
  { key: "results.notProcessed.complaint", label: "1.信访举报投诉类申请" },
  { key: "results.notProcessed.repeated", label: "2.重复申请" },
  { key: "results.notProcessed.publication", label: "3.要求提供公开出版物" },
  { key: "results.notProcessed.excessive", label: "4.无正当理由大量反复申请" },
  { key: "results.notProcessed.confirmation", label: "5.要求行政机关确认或重新出具已获取信息" },
];

/** （六）其他处理 as the 2019 version prints it: one row. */
export const OTHER_HANDLING_ONE_ROW: Row = { key: "results.otherHandling.total", label: "（六）其他处理" };

/** 表三's rows after （六）. */
export const APPLICATION_ROWS_AFTER_OTHER: Row[] = [
  { key: "results.total", label: "（七）总计" },
  { key: "carriedForward", label: "四、结转下年度继续办理" },
];

export function applicationsTable(rows: Row[]): Table {
  return {
    key: "applications",
    name: "表三",
    layout: "rowPerLine",
    markers: ["勾稽关系|申请人情况|本年新收政府信息公开申请"],
    textStarts: ["勾稽关系", "本年新收政府信息公开申请数量"],
    continuation: "^(（[一二三四五六七]）|[1-8][.、]|四、结转)",
    columns: APPLICANT_COLUMNS,
    rows,
  };
}

const OUTCOMES: Table["columns"] = [
  { key: "upheld", label: "结果维持", kind: "count" },
  { key: "corrected", label: "结果纠正", kind: "count" },
  { key: "other", label: "其他结果", kind: "count" },
  { key: "pending", label: "尚未审结", kind: "count" },
  { key: "total", label: "总计", kind: "count" },
];

export const REVIEW_LITIGATION: Table = {
  key: "reviewLitigation",
  name: "表四",
  layout: "singleRow",
  markers: ["^行政复议$|^行政复议行政诉讼|未经复议直接起诉"],
  textStarts: ["行政复议"],
  columns: OUTCOMES,
  rows: [
    { key: "review", label: "行政复议" },
    { key: "litigationDirect", label: "行政诉讼·未经复议直接起诉", variants: ["未经复议直接起诉"] },
    { key: "litigationAfterReview", label: "行政诉讼·复议后起诉", variants: ["复议后起诉"] },
  ],
};

/** What 表二 is in both versions (its rows cite 第二十条 of the regulations); its rows and columns differ. */
export const DISCLOSURE_TABLE = {
  key: "activeDisclosure",
  name: "表二",
  layout: "headerBlocks",
  markers: ["第二十条第?（[一二三四五六七八九十]+）项"],
  textStarts: ["第二十条第（一）项"],
  header: "信息内容",
} as const satisfies Omit<Table, "columns" | "rows">;

export const RELATIONS: TemplateInput["relations"] = [
  {
    rule: "applications.balance",
    table: "applications",
    per: "column",
    left: ["received", "carriedOver"],
    right: ["results.total", "carriedForward"],
    message: "表三 {label}: 一+二 (新收+上年结转) = {left}, but 三+四 (办理结果总计+结转下年度) = {right}",
  },
  {
    rule: "applications.resultsTotal",
    table: "applications",
    per: "column",
    left: ["results.*", "!results.total"],
    right: ["results.total"],
    message: "表三 {label}: the result rows add up to {left}, but （七）总计 is {right}",
  },
  {
    rule: "applications.rowTotal",
    table: "applications",
    per: "row",
    left: ["naturalPerson", "enterprise", "research", "publicInterest", "legalService", "otherOrg"],
    right: ["total"],
    message: "表三 row {key}: the six applicant columns add up to {left}, but 总计 is {right}",
  },
  {
    rule: "reviewLitigation.total",
    table: "reviewLitigation",
    per: "row",
    left: ["upheld", "corrected", "other", "pending"],
    right: ["total"],
    message: "表四 {key}: 维持+纠正+其他+尚未审结 = {left}, but 总计 is {right}",
  },
];

/**
 * Figures the prose states: deliberately few and unambiguous. The checks compare them with the
 * tables; the flattened-text solver uses them to choose between splits of a digit string.
 */
export const PROSE: TemplateInput["prose"] = [
  {
    pattern: "(?:新收|收到|接收|受理)[^，。；、\\d]{0,20}?申请[^，。；、\\d]{0,6}?(\\d+)\\s*件",
    paths: ["applications.received.total"],
    what: "applications received (表三 一、本年新收 总计)",
  },
  { pattern: "办结[^，。；、\\d]{0,12}?(\\d+)\\s*件", paths: ["applications.results.total.total"], what: "applications handled (表三 （七）总计)" },
  {
    pattern: "行政复议[^，。；、\\d]{0,6}?(\\d+)\\s*(?:起|件)",
    paths: ["reviewLitigation.review.total"],
    what: "administrative reviews (表四 行政复议 总计)",
  },
  {
    pattern: "行政诉讼[^，。；、\\d]{0,6}?(\\d+)\\s*(?:起|件)",
    paths: ["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"],
    what: "lawsuits (表四 行政诉讼 总计)",
  },
  {
    pattern: "制发[^，。；、\\d]{0,12}?规范性文件(\\d+)\\s*件",
    paths: ["activeDisclosure.normativeDocuments.issued"],
    what: "normative documents issued (表二 行政规范性文件 本年制发件数)",
  },
  {
    pattern: "现行有效[^，。；、\\d]{0,6}?规范性文件(\\d+)\\s*件",
    paths: ["activeDisclosure.normativeDocuments.inForce"],
    what: "normative documents in force (表二 行政规范性文件 现行有效件数)",
  },
];
