import type { Finding } from "../schema/report.js";
import type { Relation } from "../template/index.js";
import { compare, type ValueView } from "./values.js";

/** Every relation of the report's template version, each checked where the report prints its cells. */
export function relationFindings(view: ValueView, relations: readonly Relation[]): Finding[] {
  return relations.flatMap((relation) => {
    const present = (paths: readonly string[]) => paths.filter((p) => view.has(p));
    const finding = compare(view, relation.rule, present(relation.left), present(relation.right), relation.describe);
    return finding ? [finding] : [];
  });
}
