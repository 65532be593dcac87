import * as z from "zod";

/** A table cell as the report printed it: a number, or null where the cell is blank or a placeholder. */
const cell = z.number().nullable();

function cells<const K extends readonly string[]>(keys: K) {
  const shape = Object.fromEntries(keys.map((k) => [k, cell])) as { [P in K[number]]: typeof cell };
  return z.strictObject(shape);
}

// 表二 主动公开政府信息情况: the two template versions have different columns, so two shapes.
const documents2021 = cells(["issued", "repealed", "inForce"]);
const documents2019 = cells(["newlyMade", "newlyPublished", "totalPublished"]);
const items2019 = cells(["previousYearItems", "yearChange", "decisions"]);

export const activeDisclosure2021 = z.strictObject({
  regulations: documents2021,
  normativeDocuments: documents2021,
  licensing: cells(["decisions"]),
  punishment: cells(["decisions"]),
  coercion: cells(["decisions"]),
  fees: cells(["amountWanYuan"]),
});

export const activeDisclosure2019 = z.strictObject({
  regulations: documents2019,
  normativeDocuments: documents2019,
  licensing: items2019,
  otherServices: items2019,
  punishment: items2019,
  coercion: items2019,
  fees: cells(["previousYearItems", "yearChange"]),
  procurement: cells(["projects", "amountWanYuan"]),
});

// 表三 收到和处理政府信息公开申请情况: every row has the same seven applicant columns.
export const APPLICANT_COLUMNS = [
  "naturalPerson",
  "enterprise",
  "research",
  "publicInterest",
  "legalService",
  "otherOrg",
  "total",
] as const;
const applicantRow = cells(APPLICANT_COLUMNS);

export const applications = z.strictObject({
  received: applicantRow,
  carriedOver: applicantRow,
  results: z.strictObject({
    granted: applicantRow,
    partiallyGranted: applicantRow,
    denied: z.strictObject({
      stateSecret: applicantRow,
      prohibitedByLaw: applicantRow,
      endangersSafety: applicantRow,
      thirdPartyRights: applicantRow,
      internalAffairs: applicantRow,
      processInformation: applicantRow,
      enforcementFiles: applicantRow,
      administrativeQuery: applicantRow,
    }),
    unavailable: z.strictObject({
      notHeld: applicantRow,
      needsCreation: applicantRow,
      unclearAfterCorrection: applicantRow,
    }),
    notProcessed: z.strictObject({
      complaint: applicantRow,
      repeated: applicantRow,
      publication: applicantRow,
      excessive: applicantRow,
      confirmation: applicantRow,
    }),
    // 2019 prints （六） as one row (total); 2021 as three sub-rows. A report may print either.
    otherHandling: z.strictObject({
      total: applicantRow.optional(),
      overdueCorrection: applicantRow.optional(),
      overdueFee: applicantRow.optional(),
      other: applicantRow.optional(),
    }),
    total: applicantRow,
  }),
  carriedForward: applicantRow,
});

// 表四 政府信息公开行政复议、行政诉讼情况
export const OUTCOME_COLUMNS = ["upheld", "corrected", "other", "pending", "total"] as const;
const outcomes = cells(OUTCOME_COLUMNS);
export const reviewLitigation = z.strictObject({
  review: outcomes,
  litigationDirect: outcomes,
  litigationAfterReview: outcomes,
});

/** A table the template does not know (old-style 统计表, attachments), kept as a plain grid. */
export const genericTable = z.strictObject({
  block: z.number().int().describe("index of the table among the document's blocks"),
  caption: z.string().nullable().describe("the paragraph just before the table"),
  headerRows: z.number().int().describe("how many leading rows are headers (no numeric cell)"),
  rows: z.array(z.array(z.string())).describe("cell text per grid slot; a merged cell repeats in every slot it covers"),
});

export const tables = z.strictObject({
  activeDisclosure: z.union([activeDisclosure2021, activeDisclosure2019]).optional(),
  applications: applications.optional(),
  reviewLitigation: reviewLitigation.optional(),
  other: z.array(genericTable),
});

export type Tables = z.infer<typeof tables>;
export type GenericTable = z.infer<typeof genericTable>;
