import type { TemplateInput } from "../declaration.js";
import * as shared from "./shared.js";

const DOCUMENTS = ["issued", "repealed", "inForce"];

/** The template of the reports for 2021 on (国办公开办函〔2021〕30号). */
export const TEMPLATE_2021: TemplateInput = {
  version: "2021",
  fromYear: 2021,
  signs: {
    disclosureColumns: DOCUMENTS,
    applicationRows: ["results.otherHandling.overdueCorrection", "results.otherHandling.overdueFee", "results.otherHandling.other"],
    flattenedText: ["逾期不补正"],
  },
  tables: [
    {
      ...shared.DISCLOSURE_TABLE,
      columns: [
        { key: "issued", label: "本年制发件数", kind: "count" },
        // Typos real reports print (平潭 公安局 2021, 海坛片区 2023).
        { key: "repealed", label: "本年废止件数", variants: ["本年废纸件数"], kind: "count" },
        { key: "inForce", label: "现行有效件数", variants: ["先行有效件数"], kind: "count" },
        { key: "decisions", label: "本年处理决定数量", kind: "count" },
        { key: "amountWanYuan", label: "本年收费金额（单位：万元）", kind: "amount" },
      ],
      rows: [
        { key: "regulations", label: "规章", columns: DOCUMENTS },
        { key: "normativeDocuments", label: "行政规范性文件", variants: ["规范性文件"], columns: DOCUMENTS },
        { key: "licensing", label: "行政许可", columns: ["decisions"] },
        { key: "punishment", label: "行政处罚", columns: ["decisions"] },
        { key: "coercion", label: "行政强制", columns: ["decisions"] },
        { key: "fees", label: "行政事业性收费", columns: ["amountWanYuan"] },
      ],
    },
    shared.applicationsTable([
      ...shared.APPLICATION_ROWS_BEFORE_OTHER,
      // Some 2021 reports still print the 2019 one-row （六）.
      { ...shared.OTHER_HANDLING_ONE_ROW, tolerated: true },
      { key: "results.otherHandling.overdueCorrection", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
      { key: "results.otherHandling.overdueFee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
      // A bare 其他 is this row only under （六）其他处理.
      { key: "results.otherHandling.other", label: "3.其他", under: shared.OTHER_HANDLING_ONE_ROW.label },
      ...shared.APPLICATION_ROWS_AFTER_OTHER,
    ]),
    shared.REVIEW_LITIGATION,
  ],
  relations: shared.RELATIONS,
  prose: shared.PROSE,
};
