import Database from "better-sqlite3";
import type { Finding, SectionNode } from "../schema/report.js";
import type { ExportedReport, ExportEntry } from "./output-dir.js";
import type { SeriesOutcome } from "./series.js";
import { type ExportSink, ExportTargetError } from "./sink.js";

/** Bumped when the tables below change shape; a database of another version is refused, not patched. */
const DATABASE_VERSION = 1;

/** Reports written per transaction: enough to amortize the commit, few enough to lose little to a kill. */
const REPORTS_PER_TRANSACTION = 500;

/** Rows per INSERT statement (a report has about 200 values; SQLite allows 32766 parameters). */
const ROWS_PER_STATEMENT = 100;

/**
 * Built after the rows when an export writes much of the database (one sort instead of millions of
 * scattered updates): see REBUILD_INDEX_SHARE.
 */
const VALUES_PATH_INDEX = "CREATE INDEX IF NOT EXISTS report_values_path ON report_values(path)";

/**
 * An export of at least this many reports per report already in the database drops the path index
 * and builds it again at the end. Kept up to date, the index costs ~2 ms a replaced report (a full
 * re-export of 10,000: 53 s, against 33 s dropped and rebuilt); rebuilt, ~0.4 ms a report in the
 * database (4 s at 10,000). So a small export into a large database keeps it.
 */
const REBUILD_INDEX_SHARE = 0.2;

/*
 * A report is identified by the sha256 of its source file, so exporting again (the same folder, or a
 * re-run of convert) replaces its rows instead of adding copies. An input that could not be read or
 * converted has no sha256 (the manifest gives null): it is identified by its input path instead,
 * through a partial unique index, since SQLite lets any number of NULLs through a UNIQUE column.
 * Once such an input converts, its sha256 row replaces the failure row of the same path.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  output TEXT,
  sha256 TEXT UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
  error TEXT,
  issuer TEXT,
  year INTEGER,
  template TEXT,
  publish_date TEXT,
  title TEXT,
  source_format TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS reports_unhashed_file ON reports(file) WHERE sha256 IS NULL;
CREATE INDEX IF NOT EXISTS reports_issuer_year ON reports(issuer, year);

CREATE TABLE IF NOT EXISTS report_values (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  value REAL,
  raw TEXT,
  unit TEXT,
  PRIMARY KEY (report_id, path)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS findings (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  paths TEXT NOT NULL,
  expected REAL,
  actual REAL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_report ON findings(report_id);

CREATE TABLE IF NOT EXISTS sections (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  parent_position INTEGER,
  key TEXT,
  title TEXT NOT NULL,
  number TEXT,
  level INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (report_id, position)
) WITHOUT ROWID;
`;

export class SqliteSink implements ExportSink {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** Multi-row INSERTs by table and row count. */
  private readonly multiRowInserts = new Map<string, Database.Statement>();
  /** Reports written in the open transaction. */
  private uncommitted = 0;

  /** `expectedReports`: how many entries the export will add (its manifest lines), to choose how to index. */
  constructor(
    private readonly path: string,
    expectedReports: number,
  ) {
    this.db = this.guard(() => new Database(path));
    try {
      this.guard(() => this.setUp(expectedReports));
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.statements = prepareStatements(this.db);
  }

  private setUp(expectedReports: number): void {
    const version = this.db.pragma("user_version", { simple: true });
    if (version !== 0 && version !== DATABASE_VERSION) {
      throw new ExportTargetError(`${this.path} holds tables of export version ${version}, not ${DATABASE_VERSION}: export to a new file`);
    }
    this.db.pragma("foreign_keys = ON");
    // A 256 MB page cache keeps the primary-key and index trees of a large export in memory.
    this.db.pragma("cache_size = -262144");
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${DATABASE_VERSION}`);
    const present = this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM reports").get()!.n;
    if (expectedReports >= present * REBUILD_INDEX_SHARE) this.db.exec("DROP INDEX IF EXISTS report_values_path");
    else this.db.exec(VALUES_PATH_INDEX);
  }

  /**
   * Writes the entry at once, inside a transaction committed every REPORTS_PER_TRANSACTION reports.
   * Writing as entries arrive keeps the reading thread busy alongside: holding 500 back and writing
   * them in one go made the two threads take turns (10 s of a 34 s export idle in each).
   */
  add(entry: ExportEntry): void {
    this.guard(() => {
      if (this.uncommitted === 0) this.db.exec("BEGIN");
      this.replace(entry);
    });
    if (++this.uncommitted >= REPORTS_PER_TRANSACTION) this.guard(() => this.commit());
  }

  finish(series: SeriesOutcome): void {
    this.guard(() => {
      this.commit();
      // Every report of the series was replaced above, its old series findings with it: no duplicates.
      this.db.transaction(() => {
        for (const { report, finding } of series.findings) {
          const row = this.statements.idBySha.get(report.sha256);
          if (row) this.insertRows("findings", FINDING_COLUMNS, [findingRow(row.id, finding)]);
        }
      })();
      this.close();
    });
  }

  abandon(): void {
    // Transactions already committed stay: each holds whole reports, and a re-run replaces them.
    // Best effort: what went wrong first is what the user is told, not a failure to tidy up after it.
    try {
      this.rollback();
      this.close();
    } catch {
      if (this.db.open) this.db.close();
    }
  }

  /** Runs a database step, turning SQLite's failures into an ExportTargetError that says what to do. */
  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (error instanceof Database.SqliteError) throw new ExportTargetError(sqliteTrouble(this.path, error));
      throw error;
    }
  }

  private close(): void {
    this.db.exec(VALUES_PATH_INDEX);
    this.db.close();
  }

  private commit(): void {
    if (this.uncommitted === 0) return;
    this.db.exec("COMMIT");
    this.uncommitted = 0;
  }

  private rollback(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.uncommitted = 0;
  }

  private replace({ line, report }: ExportEntry): void {
    const sha256 = report?.source.sha256 ?? line.sha256;
    if (sha256 !== null) this.statements.deleteBySha.run(sha256);
    this.statements.deleteUnhashed.run(line.input);
    const meta = report?.meta;
    const id = Number(
      this.statements.insertReport.run(
        line.input,
        line.output,
        sha256,
        line.status,
        line.error ?? null,
        meta?.issuer ?? null,
        meta?.year ?? null,
        report?.template ?? line.template,
        meta?.publishDate ?? null,
        meta?.title ?? null,
        report?.source.format ?? null,
      ).lastInsertRowid,
    );
    if (report) this.insertContent(id, report);
  }

  private insertContent(id: number, report: ExportedReport): void {
    // In key order, so each report's rows append to the primary-key tree instead of splitting pages.
    const { path, value, raw, unit } = report.values;
    const order = path.map((_, i) => i).sort((a, b) => (path[a]! < path[b]! ? -1 : 1));
    this.insertRows("report_values", VALUE_COLUMNS, order.map((i) => [id, path[i], value[i], raw[i], unit[i]]));
    this.insertRows("findings", FINDING_COLUMNS, report.findings.map((finding) => findingRow(id, finding)));
    let position = 0;
    const insertSections = (nodes: readonly SectionNode[], parent: number | null) => {
      for (const node of nodes) {
        const own = position++;
        this.statements.insertSection.run(id, own, parent, node.key ?? null, node.title, node.number ?? null, node.level, node.paragraphs.join("\n"));
        insertSections(node.children, own);
      }
    };
    insertSections(report.sections, null);
  }

  /**
   * Inserts rows ROWS_PER_STATEMENT at a time: half the time of one row per call, which is mostly
   * crossing into native code. Statements are prepared once per table and row count.
   */
  private insertRows(table: string, columns: readonly string[], rows: readonly unknown[][]): void {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const key = `${table}\0${chunk.length}`;
      let statement = this.multiRowInserts.get(key);
      if (!statement) {
        const row = `(${columns.map(() => "?").join(", ")})`;
        statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${Array(chunk.length).fill(row).join(", ")}`);
        this.multiRowInserts.set(key, statement);
      }
      statement.run(chunk.flat());
    }
  }
}

const VALUE_COLUMNS = ["report_id", "path", "value", "raw", "unit"] as const;
const FINDING_COLUMNS = ["report_id", "rule", "severity", "paths", "expected", "actual", "message"] as const;

function findingRow(reportId: number, finding: Finding): unknown[] {
  return [reportId, finding.rule, finding.severity, JSON.stringify(finding.paths), finding.expected ?? null, finding.actual ?? null, finding.message];
}

function prepareStatements(db: Database.Database) {
  return {
    deleteBySha: db.prepare("DELETE FROM reports WHERE sha256 = ?"),
    deleteUnhashed: db.prepare("DELETE FROM reports WHERE sha256 IS NULL AND file = ?"),
    insertReport: db.prepare(
      `INSERT INTO reports (file, output, sha256, status, error, issuer, year, template, publish_date, title, source_format)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSection: db.prepare(
      "INSERT INTO sections (report_id, position, parent_position, key, title, number, level, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    idBySha: db.prepare<[string], { id: number }>("SELECT id FROM reports WHERE sha256 = ?"),
  };
}

/** SQLite's error in words naming the file, with what to do where there is something to do. */
function sqliteTrouble(path: string, error: InstanceType<typeof Database.SqliteError>): string {
  const code = error.code;
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return `${path} is locked: another program is writing to it (close that, or export to another file)`;
  if (code === "SQLITE_FULL") return `the disk is full: ${path} could not be written to the end`;
  if (code === "SQLITE_NOTADB") return `${path} is not an SQLite database: export to a new file`;
  if (code === "SQLITE_CORRUPT") return `${path} is damaged (${error.message}): export to a new file`;
  return `cannot write ${path}: ${error.message}`;
}
