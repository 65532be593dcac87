import { readFileSync } from "node:fs";
import * as z from "zod";
import { normalizeIssuer } from "../checks/series.js";

/**
 * The issuer groups a researcher gives an export (`--issuers FILE`) in place of the automatic ones:
 * `{"groups": [{"names": ["…", "…"]}, …]}`. series.json has that shape, so the usual way to make one
 * is to edit the series.json an export wrote (move a name to another group, split a group, put an
 * ambiguous name where it belongs); fields other than `names` are ignored.
 */
const issuerGroupsFile = z.object({
  groups: z.array(z.object({ names: z.array(z.string().trim().min(1)).min(1) })),
});

export class IssuerGroupsError extends Error {}

/** The groups' names; an unreadable file, a wrong shape or a name in two groups is an error naming the file. */
export function readIssuerGroups(path: string): string[][] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new IssuerGroupsError(`cannot read the issuer groups: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new IssuerGroupsError(`the issuer groups ${path} are not JSON: ${(error as Error).message}`);
  }
  const parsed = issuerGroupsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IssuerGroupsError(
      `the issuer groups ${path} are not {"groups": [{"names": ["…"]}, …]}: ${issue.message} at ${issue.path.join(".") || "the top"}`,
    );
  }
  const groups = parsed.data.groups.map((g) => g.names);
  const groupOf = new Map<string, number>();
  groups.forEach((names, index) => {
    for (const name of names.map(normalizeIssuer)) {
      const earlier = groupOf.get(name);
      if (earlier !== undefined && earlier !== index) {
        throw new IssuerGroupsError(`the issuer groups ${path} list ${name} in two groups (numbers ${earlier + 1} and ${index + 1}): a body belongs to one`);
      }
      groupOf.set(name, index);
    }
  });
  return groups;
}
