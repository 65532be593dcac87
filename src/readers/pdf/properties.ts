import type { Document } from "../document.js";
import { tidySpacing } from "./text-lines.js";

/** The PDF Info dictionary's Title and CreationDate (ISO 8601), where present. */
export function infoProperties(info: unknown): Document["properties"] {
  const fields = typeof info === "object" && info !== null ? (info as Record<string, unknown>) : {};
  const properties: Document["properties"] = {};
  const title = typeof fields.Title === "string" ? tidySpacing(fields.Title) : "";
  const created = typeof fields.CreationDate === "string" ? pdfDateToIso(fields.CreationDate) : undefined;
  if (title !== "") properties.title = title;
  if (created) properties.createdDate = created;
  return properties;
}

/**
 * A PDF date string (D:YYYYMMDDHHmmSSOHH'mm', every part after the year optional) as ISO 8601:
 * D:20240226144123+06'41' → 2024-02-26T14:41:23+06:41. Undefined when it is not one.
 */
export function pdfDateToIso(raw: string): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(raw.trim());
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, zone, zoneHour, zoneMinute] = m;
  const date = [year, month, day].filter((part) => part !== undefined).join("-");
  if (hour === undefined) return date;
  const time = `${hour}:${minute ?? "00"}:${second ?? "00"}`;
  const offset = zone === undefined ? "" : zone.toUpperCase() === "Z" ? "Z" : `${zone}${zoneHour ?? "00"}:${zoneMinute ?? "00"}`;
  return `${date}T${time}${offset}`;
}
