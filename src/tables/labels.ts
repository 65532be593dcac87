/**
 * Label data for reading the statistical tables: what marks each table, and the label variants real
 * reports print. The canonical labels themselves come from schema/fields.json; this file only adds
 * what differs in practice. A new template version is mostly a change here and in fields.json.
 */

export type TableKind = "activeDisclosure" | "applications" | "reviewLitigation";

/** Text that, found in a row, says which template table the rows from there on belong to. */
export const TABLE_MARKERS: { kind: TableKind; pattern: RegExp }[] = [
  { kind: "activeDisclosure", pattern: /第二十条第?（[一二三四五六七八九十]+）项/ },
  { kind: "applications", pattern: /勾稽关系|申请人情况|本年新收政府信息公开申请/ },
  { kind: "reviewLitigation", pattern: /^行政复议$|^行政复议行政诉讼|未经复议直接起诉/ },
];

/** 表二 row labels (normalized) → row key under activeDisclosure. */
export const DISCLOSURE_ROWS: Record<string, string> = {
  规章: "regulations",
  规范性文件: "normativeDocuments",
  行政规范性文件: "normativeDocuments",
  行政许可: "licensing",
  其他对外管理服务事项: "otherServices",
  行政处罚: "punishment",
  行政强制: "coercion",
  行政事业性收费: "fees",
  政府集中采购: "procurement",
};

/** 表二 column labels (normalized) → leaf key, and the unit the label itself states. */
export const DISCLOSURE_COLUMNS: { label: string; key: string; unit?: string }[] = [
  { label: "本年新制作数量", key: "newlyMade" },
  { label: "本年新公开数量", key: "newlyPublished" },
  { label: "对外公开总数量", key: "totalPublished" },
  { label: "本年制发件数", key: "issued" },
  { label: "本年废止件数", key: "repealed" },
  { label: "现行有效件数", key: "inForce" },
  { label: "上一年项目数量", key: "previousYearItems" },
  { label: "本年增/减", key: "yearChange" },
  { label: "本年增减", key: "yearChange" },
  { label: "处理决定数量", key: "decisions" },
  { label: "本年处理决定数量", key: "decisions" },
  { label: "采购项目数量", key: "projects" },
  { label: "采购总金额", key: "amountWanYuan" },
  { label: "本年收费金额", key: "amountWanYuan" },
];

/** Column labels that only the 2021 template prints in 表二, and those only the 2019 one does. */
export const TEMPLATE_COLUMN_SIGNS: { template: "2019" | "2021"; keys: string[] }[] = [
  { template: "2021", keys: ["issued", "repealed", "inForce"] },
  { template: "2019", keys: ["newlyMade", "newlyPublished", "totalPublished", "previousYearItems", "projects"] },
];

/** The header cell of 表二 column labels. */
export const DISCLOSURE_HEADER = /^信息内容$/;

/**
 * 表三 rows whose label alone is ambiguous: "其他" is （六）3.其他 only under （六）其他处理;
 * "（六）其他处理" holding values itself is the 2019 single row.
 */
export const OTHER_HANDLING_GROUP = "其他处理";
