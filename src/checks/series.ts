import type { Finding } from "../schema/report.js";
import { roundSum } from "../tables/number.js";

/**
 * `series.carryOver` (warning, across documents): what a body carried forward at the end of year Y-1
 * (表三 四、结转下年度继续办理) must be what it carried over into year Y (表三 二、上年结转政府信息公开申请数量).
 *
 * Reports are first grouped by issuer. The same body is named with or without its enclosing
 * divisions (洪泽区人民政府 in its own report, 淮安市洪泽区人民政府 in a collection), so:
 *
 * 1. A name is normalized by NFKC and dropping whitespace.
 * 2. Name A is the same body as a longer name B when B = P + A, where the cut falls right after an
 *    administrative-division character (P ends in 省 市 区 县 州 盟 旗: 江苏省, 淮安市, 自治区, 地区…)
 *    and A itself starts with a place name (a division character somewhere after its first
 *    character: 洪泽区…). So 淮安市洪泽区人民政府 ⊃ 洪泽区人民政府, but 阳泉市人民政府 is never merged
 *    with another X市人民政府 (the rest, 人民政府, names no place), and 山东区… does not contain 东区….
 * 3. A short name that several unrelated longer names end with (郊区人民政府 in both 阳泉市郊区人民政府
 *    and 长治市郊区人民政府) is ambiguous: it is left in a group of its own and listed as ambiguous,
 *    never guessed. Longer names that nest (江苏省淮安市洪泽区… ⊃ 淮安市洪泽区…) are not a conflict.
 *
 * The groups are returned so a researcher can see them, and correct them by giving groups of their
 * own: a name listed in a given group belongs to that group and no other (a group of one name keeps a
 * body apart); the names no given group lists are grouped as above, among themselves.
 */

export const CARRY_OVER_PATH = "applications.carriedOver.total";
export const CARRY_FORWARD_PATH = "applications.carriedForward.total";

export interface SeriesReport {
  issuer: string | null;
  year: number | null;
  /** At least the two carry paths; a path absent (not in the template, or unread) or null (blank) is allowed. */
  values: Readonly<Record<string, number | null | undefined>>;
}

export interface IssuerGroup<T extends SeriesReport> {
  /** The longest (most specific) normalized name in the group. */
  key: string;
  /** Every normalized issuer name merged into the group, longest first. */
  names: string[];
  /** The group's reports with a year, by year. */
  reports: T[];
  /** The group is one of those given to checkSeries, not formed by the rules above. */
  given: boolean;
}

export interface AmbiguousName {
  name: string;
  /** The unrelated longer names it is a suffix of. */
  candidates: string[];
}

export interface SeriesFinding<T extends SeriesReport> {
  /** The report of year Y, which the finding belongs to. */
  report: T;
  /** The report of year Y-1 it was compared with. */
  previous: T;
  finding: Finding;
}

export interface SeriesResult<T extends SeriesReport> {
  groups: IssuerGroup<T>[];
  ambiguous: AmbiguousName[];
  findings: SeriesFinding<T>[];
  /** Names of the given groups that no report carries (a misspelt name shows here). */
  unusedNames: string[];
}

const DIVISION_ENDINGS = new Set(["省", "市", "区", "县", "州", "盟", "旗"]);

export function normalizeIssuer(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/** `given`: groups of issuer names that are one body each, taken as they are (see above). */
export function checkSeries<T extends SeriesReport>(reports: readonly T[], given: readonly (readonly string[])[] = []): SeriesResult<T> {
  const dated = reports.filter((r): r is T & { issuer: string; year: number } => r.issuer !== null && r.issuer.trim() !== "" && r.year !== null);
  const names = [...new Set(dated.map((r) => normalizeIssuer(r.issuer)))];
  const rootOf = new Map<string, string>();
  const { givenRoots, unusedNames } = placeGivenGroups(given, new Set(names), rootOf);
  const ambiguous = groupNames(names.filter((name) => !rootOf.has(name)), rootOf);

  const byRoot = new Map<string, T[]>();
  for (const report of dated) {
    const root = rootOf.get(normalizeIssuer(report.issuer))!;
    const members = byRoot.get(root);
    if (members) members.push(report);
    else byRoot.set(root, [report]);
  }
  const groups = [...byRoot].map(([key, members]): IssuerGroup<T> => {
    const groupNames = names.filter((n) => rootOf.get(n) === key).sort(longestFirst);
    return { key, names: groupNames, reports: members.sort((a, b) => a.year! - b.year!), given: givenRoots.has(key) };
  });
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { groups, ambiguous, findings: groups.flatMap((g) => carryOverFindings(g.reports)), unusedNames };
}

/**
 * Sets the root of each present name that a given group lists: the group's longest present name. A
 * name listed twice stays in the first group that lists it.
 */
function placeGivenGroups(
  given: readonly (readonly string[])[],
  present: ReadonlySet<string>,
  rootOf: Map<string, string>,
): { givenRoots: Set<string>; unusedNames: string[] } {
  const givenRoots = new Set<string>();
  const unusedNames: string[] = [];
  for (const group of given) {
    const members = [...new Set(group.map(normalizeIssuer))].sort(longestFirst);
    unusedNames.push(...members.filter((name) => !present.has(name)));
    const placeable = members.filter((name) => present.has(name) && !rootOf.has(name));
    const root = placeable[0];
    if (root === undefined) continue;
    givenRoots.add(root);
    for (const name of placeable) rootOf.set(name, root);
  }
  return { givenRoots, unusedNames };
}

/**
 * Sets each name's group root in `rootOf` (the longest name it is the same body as) and returns the
 * names left alone as ambiguous.
 */
function groupNames(names: readonly string[], rootOf: Map<string, string>): AmbiguousName[] {
  const longerBySuffix = new Map<string, string[]>();
  for (const name of names) {
    for (const suffix of placeSuffixes(name)) {
      const longer = longerBySuffix.get(suffix);
      if (longer) longer.push(name);
      else longerBySuffix.set(suffix, [name]);
    }
  }
  const ambiguous: AmbiguousName[] = [];
  // Longest first, so a longer name's root is known before any shorter name joins it.
  for (const name of [...names].sort(longestFirst)) {
    const candidates = (longerBySuffix.get(name) ?? []).sort(longestFirst);
    const longest = candidates[0];
    if (longest === undefined) {
      rootOf.set(name, name);
    } else if (candidates.every((c) => c === longest || placeSuffixes(longest).includes(c))) {
      rootOf.set(name, rootOf.get(longest)!);
    } else {
      rootOf.set(name, name);
      ambiguous.push({ name, candidates });
    }
  }
  return ambiguous;
}

/** The proper suffixes of a name that start right after a division character and are names of a place's body. */
function placeSuffixes(name: string): string[] {
  const suffixes: string[] = [];
  for (let cut = 1; cut < name.length; cut++) {
    if (!DIVISION_ENDINGS.has(name[cut - 1]!)) continue;
    const rest = name.slice(cut);
    if (startsWithPlace(rest)) suffixes.push(rest);
  }
  return suffixes;
}

function startsWithPlace(name: string): boolean {
  for (let i = 1; i < name.length - 1; i++) if (DIVISION_ENDINGS.has(name[i]!)) return true;
  return false;
}

function longestFirst(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Blank counts as 0, as in every rule; a pair where both figures are blank or absent is not checked. */
function carryOverFindings<T extends SeriesReport>(reports: readonly T[]): SeriesFinding<T>[] {
  const findings: SeriesFinding<T>[] = [];
  for (const report of reports) {
    for (const previous of reports) {
      if (previous.year !== report.year! - 1) continue;
      const forward = previous.values[CARRY_FORWARD_PATH];
      const over = report.values[CARRY_OVER_PATH];
      if (forward === undefined || over === undefined || (forward === null && over === null)) continue;
      if (roundSum(forward ?? 0) === roundSum(over ?? 0)) continue;
      const blankPaths = [...(over === null ? [CARRY_OVER_PATH] : []), ...(forward === null ? [CARRY_FORWARD_PATH] : [])];
      findings.push({
        report,
        previous,
        finding: {
          rule: "series.carryOver",
          severity: "warning",
          paths: [CARRY_OVER_PATH, CARRY_FORWARD_PATH],
          expected: forward,
          actual: over,
          ...(blankPaths.length > 0 ? { blankPaths } : {}),
          message: `${report.issuer} ${report.year}年 上年结转 = ${over ?? "blank"}, but ${previous.issuer} ${previous.year}年 结转下年度继续办理 = ${forward ?? "blank"}`,
        },
      });
    }
  }
  return findings;
}
