import type { TemplateInput } from "../declaration.js";
import * as shared from "./shared.js";

const DOCUMENTS = ["newlyMade", "newlyPublished", "totalPublished"];
const ITEMS = ["previousYearItems", "yearChange", "decisions"];

/** The template of the 2019 and 2020 reports (国办公开办函〔2019〕60号). */
export const TEMPLATE_2019: TemplateInput = {
  version: "2019",
  fromYear: 2019,
  signs: {
    disclosureColumns: ["newlyMade", "newlyPublished", "totalPublished", "previousYearItems", "projects"],
    applicationRows: [],
    flattenedText: [],
  },
  tables: [
    {
      ...shared.DISCLOSURE_TABLE,
      columns: [
        { key: "newlyMade", label: "本年新制作数量", kind: "count" },
        { key: "newlyPublished", label: "本年新公开数量", kind: "count" },
        { key: "totalPublished", label: "对外公开总数量", kind: "count" },
        { key: "previousYearItems", label: "上一年项目数量", kind: "count" },
        { key: "yearChange", label: "本年增/减", variants: ["本年增减"], kind: "signed" },
        { key: "decisions", label: "处理决定数量", kind: "count" },
        { key: "projects", label: "采购项目数量", kind: "count" },
        { key: "amountWanYuan", label: "采购总金额", kind: "amount" },
      ],
      rows: [
        { key: "regulations", label: "规章", columns: DOCUMENTS },
        { key: "normativeDocuments", label: "规范性文件", columns: DOCUMENTS },
        { key: "licensing", label: "行政许可", columns: ITEMS },
        { key: "otherServices", label: "其他对外管理服务事项", columns: ITEMS },
        { key: "punishment", label: "行政处罚", columns: ITEMS },
        { key: "coercion", label: "行政强制", columns: ITEMS },
        { key: "fees", label: "行政事业性收费", columns: ["previousYearItems", "yearChange"] },
        { key: "procurement", label: "政府集中采购", columns: ["projects", "amountWanYuan"] },
      ],
    },
    shared.applicationsTable([...shared.APPLICATION_ROWS_BEFORE_OTHER, shared.OTHER_HANDLING_ONE_ROW, ...shared.APPLICATION_ROWS_AFTER_OTHER]),
    shared.REVIEW_LITIGATION,
  ],
  relations: shared.RELATIONS,
  prose: shared.PROSE,
};
