import { dirname, join } from "node:path";
import { CARRY_FORWARD_PATH, CARRY_OVER_PATH, checkSeries, type SeriesReport, type SeriesResult } from "../checks/series.js";
import { writeFileAtomic } from "../writers/files.js";
import type { ExportEntry } from "./output-dir.js";
import { valueAt } from "./values.js";

/** What the cross-document check keeps of each report: a few fields, so 10,000 reports stay small. */
export interface SeriesMember extends SeriesReport {
  file: string;
  sha256: string;
}

export type SeriesOutcome = SeriesResult<SeriesMember>;

/** Collects the converted reports of one export (each document once, by sha256) for checkSeries. */
export class SeriesCollector {
  private readonly members = new Map<string, SeriesMember>();

  add({ line, report }: ExportEntry): void {
    if (!report) return;
    const values: Record<string, number | null | undefined> = {};
    // A figure left unread is not checked, as within a report: it is taken as not there, not as blank.
    for (const path of [CARRY_OVER_PATH, CARRY_FORWARD_PATH]) values[path] = valueAt(report.values, path);
    this.members.set(report.source.sha256, { file: line.input, sha256: report.source.sha256, issuer: report.meta.issuer, year: report.meta.year, values });
  }

  check(givenGroups: readonly (readonly string[])[]): SeriesOutcome {
    return checkSeries([...this.members.values()], givenGroups);
  }
}

/** series.json sits beside the export, so whatever tool opens the export finds the groups next to it. */
export function seriesFilePath(exportPath: string): string {
  return join(dirname(exportPath), "series.json");
}

export function writeSeriesFile(path: string, outcome: SeriesOutcome): void {
  const describe = ({ file, sha256, issuer, year }: SeriesMember) => ({ file, sha256, issuer, year });
  const content = {
    rule: "series.carryOver",
    relation: `${CARRY_OVER_PATH} of year Y = ${CARRY_FORWARD_PATH} of year Y-1, same issuer group`,
    grouping:
      "issuer names are the same body when the longer one is the shorter one preceded by whole division names (淮安市 + 洪泽区人民政府); a name several unrelated longer names end with is left alone under `ambiguous`. To correct the groups, edit this file's groups[].names and export again with --issuers FILE: a listed name belongs to its group only (`given`), the others are grouped as before",
    groups: outcome.groups.map((g) => ({ key: g.key, names: g.names, given: g.given, reports: g.reports.map(describe) })),
    ambiguous: outcome.ambiguous,
    unusedNames: outcome.unusedNames,
    findings: outcome.findings.map(({ report, previous, finding }) => ({ ...describe(report), previous: describe(previous), ...finding })),
  };
  writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`);
}
