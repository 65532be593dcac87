import type { Finding } from "../schema/report.js";
import { APPLICANT_COLUMNS, OUTCOME_COLUMNS } from "../schema/tables.js";
import { compare, type ValueView } from "./values.js";

const COLUMN_NAMES: Record<(typeof APPLICANT_COLUMNS)[number], string> = {
  naturalPerson: "自然人",
  enterprise: "商业企业",
  research: "科研机构",
  publicInterest: "社会公益组织",
  legalService: "法律服务机构",
  otherOrg: "其他",
  total: "总计",
};
const APP = "applications";
const present = (view: ValueView, paths: string[]) => paths.filter((p) => view.has(p));

/** 表三's printed relation, per column: 一 + 二 = 三（七）总计 + 四. */
export function applicationsBalance(view: ValueView): Finding[] {
  return APPLICANT_COLUMNS.flatMap((c) => {
    const finding = compare(
      view,
      "applications.balance",
      present(view, [`${APP}.received.${c}`, `${APP}.carriedOver.${c}`]),
      present(view, [`${APP}.results.total.${c}`, `${APP}.carriedForward.${c}`]),
      (e, a) => `表三 ${COLUMN_NAMES[c]}: 一+二 (新收+上年结转) = ${e}, but 三+四 (办理结果总计+结转下年度) = ${a}`,
    );
    return finding ? [finding] : [];
  });
}

/** （七）总计 = the sum of every result row (（一）…（六） and their sub-rows), per column. */
export function applicationsResultsTotal(view: ValueView): Finding[] {
  return APPLICANT_COLUMNS.flatMap((c) => {
    const leaves = view.paths(`${APP}.results.`).filter((p) => p.endsWith(`.${c}`) && !p.startsWith(`${APP}.results.total.`));
    const finding = compare(
      view,
      "applications.resultsTotal",
      leaves,
      present(view, [`${APP}.results.total.${c}`]),
      (e, a) => `表三 ${COLUMN_NAMES[c]}: the result rows add up to ${e}, but （七）总计 is ${a}`,
    );
    return finding ? [finding] : [];
  });
}

/** Per row: 总计 = 自然人 + the five 法人或其他组织 columns. */
export function applicationsRowTotal(view: ValueView): Finding[] {
  const rows = new Set(view.paths(`${APP}.`).map((p) => p.slice(0, p.lastIndexOf("."))));
  return [...rows].flatMap((row) => {
    const parts = APPLICANT_COLUMNS.filter((c) => c !== "total").map((c) => `${row}.${c}`);
    const finding = compare(view, "applications.rowTotal", present(view, parts), present(view, [`${row}.total`]), (e, a) => `表三 row ${row.slice(APP.length + 1)}: the six applicant columns add up to ${e}, but 总计 is ${a}`);
    return finding ? [finding] : [];
  });
}

/** 表四, in each of the three groups: 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
export function reviewLitigationTotal(view: ValueView): Finding[] {
  return ["review", "litigationDirect", "litigationAfterReview"].flatMap((group) => {
    const base = `reviewLitigation.${group}`;
    const parts = OUTCOME_COLUMNS.filter((c) => c !== "total").map((c) => `${base}.${c}`);
    const finding = compare(view, "reviewLitigation.total", present(view, parts), present(view, [`${base}.total`]), (e, a) => `表四 ${group}: 维持+纠正+其他+尚未审结 = ${e}, but 总计 is ${a}`);
    return finding ? [finding] : [];
  });
}
