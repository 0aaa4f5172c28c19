/**
 * The amendment graph of the embedded store: the link stage's port (pipeline/amendments/
 * link-stage.ts) over the `amendments`, `citations` and `article_versions` tables, answering
 * at once so the stage runs inside the store's save transaction; and the reads of the graph.
 */
import type Database from 'better-sqlite3';
import type {
  ExpressionArticles,
  ExpressionDate,
  ExpressionVersions,
  LinkPort,
  ResolvedLinks,
  StoredLink,
  StoredOperation,
} from '../../pipeline/amendments/link-stage.js';
import type { CitedText } from '../../pipeline/amendments/links.js';
import type { KnownText, Resolution } from '../../pipeline/amendments/resolve.js';
import type { VersionCause } from '../../pipeline/amendments/versions.js';
import type { AmendmentKind, Language, LegalText, TextType } from '../../pipeline/model.js';
import {
  amendingEvents,
  type FlaggedOperation,
  operationFields,
  storedOperation,
} from '../amendment-history.js';
import type { ArticleVersionRecord, Backlink, TextHistory } from '../search-store.js';

interface VersionRow {
  text_id: string;
  language: Language;
  article: string;
  valid_from: string;
  valid_to: string | null;
  body: string | null;
  introduced_by: string | null;
  introduced_by_article: string | null;
  cause: VersionCause;
}

interface CitedRow {
  rowid: number;
  cited_type: TextType;
  cited_number: string | null;
  cited_date: string | null;
  target_text_id: string | null;
  reason: Resolution['reason'];
}

/** A stored link: its row in `amendments` or `citations`. */
interface SqliteLink extends StoredLink {
  rowid: number;
}

const TABLE = { amendment: 'amendments', citation: 'citations' } as const;

/** First publication of the text `column` names, in any edition. */
const FIRST_PUBLISHED = (column: string) =>
  `(SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id WHERE p.text_id = ${column})`;

function versionRecord(r: VersionRow): ArticleVersionRecord {
  return {
    textId: r.text_id,
    article: r.article,
    language: r.language,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    body: r.body,
    introducedBy: r.introduced_by,
    introducedByArticle: r.introduced_by_article,
  };
}

/** Links and versions of the embedded store, over the store's prepared statements. */
export class SqliteAmendments implements LinkPort<SqliteLink> {
  constructor(
    private readonly stmt: (sql: string) => Database.Statement,
    /** Called once versions of `textIds` are written (the search index follows them). */
    private readonly versionsWritten: (textIds: readonly string[]) => void = () => {},
  ) {}

  /** Texts an amendment by one of `textIds` targets: their versions change when those texts are saved again. */
  targetsOf(textIds: readonly string[]): string[] {
    const select = this.stmt(
      'SELECT DISTINCT target_text_id FROM amendments WHERE by_text_id = ? AND target_text_id IS NOT NULL',
    ).pluck();
    return textIds.flatMap((id) => select.all(id) as string[]);
  }

  knownTexts(cited: readonly CitedText[]): KnownText[] {
    const byNumber = this.stmt('SELECT id, type, number, signed_on FROM texts WHERE number = ?');
    const byDate = this.stmt('SELECT id, type, number, signed_on FROM texts WHERE signed_on = ?');
    const numbers = new Set(cited.flatMap((c) => c.number ?? []));
    const dates = new Set(cited.flatMap((c) => (c.number === null && c.date !== null ? [c.date] : [])));
    const rows = [
      ...[...numbers].flatMap((n) => byNumber.all(n)),
      ...[...dates].flatMap((d) => byDate.all(d)),
    ] as { id: string; type: TextType; number: string | null; signed_on: string | null }[];
    const known = new Map(
      rows.map((r) => [r.id, { id: r.id, type: r.type, number: r.number, signedOn: r.signed_on }]),
    );
    return [...known.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  replaceLinks(expressions: readonly ResolvedLinks[]): void {
    const insertAmendment = this.stmt(
      `INSERT INTO amendments (by_text_id, language, seq, by_article, kind, cited_type, cited_number, cited_date,
         target_text_id, reason, target_article, operation, in_force)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCitation = this.stmt(
      `INSERT INTO citations (by_text_id, language, seq, by_article, relation, cited_type, cited_number, cited_date,
         target_text_id, reason, target_article) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { text, links, operations, citations } of expressions) {
      const { id, language } = text;
      this.stmt('DELETE FROM amendments WHERE by_text_id = ? AND language = ?').run(id, language);
      this.stmt('DELETE FROM citations WHERE by_text_id = ? AND language = ?').run(id, language);
      links.operations.forEach((op, seq) => {
        insertAmendment.run(
          ...citingValues(text, seq, op, op.kind, operations[seq]!),
          JSON.stringify(op),
          links.inForceFrom,
        );
      });
      links.citations.forEach((c, seq) => {
        insertCitation.run(...citingValues(text, seq, c, c.relation, citations[seq]!));
      });
    }
  }

  linksAnsweredBy(texts: readonly LegalText[]): SqliteLink[] {
    const found = new Map<string, SqliteLink>();
    for (const kind of ['amendment', 'citation'] as const) {
      const select = this.stmt(
        `SELECT rowid, cited_type, cited_number, cited_date, target_text_id, reason FROM ${TABLE[kind]}
         WHERE cited_number = ? OR (cited_number IS NULL AND cited_date = ?)`,
      );
      for (const text of texts) {
        for (const row of select.all(text.number, text.signedOn) as CitedRow[]) {
          found.set(`${kind}:${row.rowid}`, {
            kind,
            rowid: row.rowid,
            cited: { type: row.cited_type, number: row.cited_number, date: row.cited_date },
            resolution: { textId: row.target_text_id, reason: row.reason },
          });
        }
      }
    }
    return [...found.values()];
  }

  updateResolutions(changes: readonly { link: SqliteLink; resolution: Resolution }[]): void {
    for (const { link, resolution } of changes)
      this.stmt(`UPDATE ${TABLE[link.kind]} SET target_text_id = ?, reason = ? WHERE rowid = ?`).run(
        resolution.textId,
        resolution.reason,
        link.rowid,
      );
  }

  expressionsOf(textIds: readonly string[]): ExpressionDate[] {
    // The original wording of an expression holds from its publication in that edition.
    const select = this.stmt(
      `SELECT e.text_id AS textId, e.language, (
         SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
         WHERE p.text_id = e.text_id AND b.edition = e.language
       ) AS published FROM expressions e WHERE e.text_id = ?`,
    );
    return textIds.flatMap((id) => select.all(id) as ExpressionDate[]);
  }

  operationsOn(textIds: readonly string[]): StoredOperation[] {
    const select = this.stmt(
      `SELECT a.target_text_id, a.by_text_id, a.language, a.seq, a.operation, a.in_force,
         ${FIRST_PUBLISHED('a.by_text_id')} AS amending_published,
         (SELECT group_concat(x.language) FROM expressions x WHERE x.text_id = a.by_text_id) AS amending_languages
       FROM amendments a WHERE a.target_text_id = ? ORDER BY a.by_text_id, a.seq`,
    );
    const rows = textIds.flatMap((id) => select.all(id)) as {
      target_text_id: string;
      by_text_id: string;
      language: Language;
      seq: number;
      operation: string;
      in_force: string | null;
      amending_published: string | null;
      amending_languages: string | null;
    }[];
    return rows.map((r) => ({
      targetTextId: r.target_text_id,
      byTextId: r.by_text_id,
      language: r.language,
      seq: r.seq,
      op: storedOperation(JSON.parse(r.operation) as FlaggedOperation).op,
      inForce: r.in_force,
      amendingPublished: r.amending_published,
      amendingLanguages: (r.amending_languages?.split(',') ?? []) as Language[],
    }));
  }

  articlesOf(expressions: readonly ExpressionDate[]): ExpressionArticles[] {
    const select = this.stmt(
      'SELECT number, body, paragraphs FROM articles WHERE text_id = ? AND language = ? ORDER BY position',
    );
    return expressions.map(({ textId, language }) => ({
      textId,
      language,
      articles: (
        select.all(textId, language) as { number: string; body: string; paragraphs: string | null }[]
      ).map(({ paragraphs, ...a }) =>
        paragraphs ? { ...a, paragraphs: JSON.parse(paragraphs) as string[] } : a,
      ),
    }));
  }

  writeVersions(textIds: readonly string[], versions: readonly ExpressionVersions[]): void {
    const remove = this.stmt('DELETE FROM article_versions WHERE text_id = ?');
    for (const id of textIds) remove.run(id);
    const insert = this.stmt(
      `INSERT OR REPLACE INTO article_versions (text_id, language, article, valid_from, valid_to, body, introduced_by,
         introduced_by_article, cause, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // An amendment's unapplied flag rides in its stored operation: cleared, then set again.
    const clear = this.stmt(
      `UPDATE amendments SET operation = json_remove(operation, '$.unapplied')
       WHERE target_text_id = ? AND json_extract(operation, '$.unapplied') IS NOT NULL`,
    );
    const flag = this.stmt(
      `UPDATE amendments SET operation = json_set(operation, '$.unapplied', ?)
       WHERE by_text_id = ? AND language = ? AND seq = ?`,
    );
    for (const id of textIds) clear.run(id);
    for (const { reason, amendment } of versions.flatMap((e) => e.unapplied ?? []))
      flag.run(reason, amendment.byTextId, amendment.language, amendment.seq);
    for (const { textId, language, published, versions: computed } of versions) {
      if (!computed) {
        // Most texts are never amended: their versions are their articles, copied inside SQLite
        // (first of a repeated number wins, as in computeVersions).
        this.stmt(
          `INSERT OR IGNORE INTO article_versions (text_id, language, article, valid_from, valid_to, body, introduced_by,
             introduced_by_article, cause, position)
           SELECT text_id, language, number, @published, NULL, body, NULL, NULL, 'published', position
           FROM articles WHERE text_id = @textId AND language = @language ORDER BY position`,
        ).run({ textId, language, published });
        continue;
      }
      computed.forEach((v, position) => {
        insert.run(
          textId,
          language,
          v.article,
          v.validFrom,
          v.validTo,
          v.body,
          v.introducedBy,
          v.introducedByArticle,
          v.cause,
          position,
        );
      });
    }
    this.versionsWritten(textIds);
  }

  /** One article's versions in one expression, oldest first. */
  versions(textId: string, language: Language, article: string): ArticleVersionRecord[] {
    const rows = this.stmt(
      `SELECT * FROM article_versions WHERE text_id = ? AND language = ? AND article = ? ORDER BY valid_from`,
    ).all(textId, language, article) as VersionRow[];
    return rows.map(versionRecord);
  }

  /** Every article's version in force on `date` in one expression, in the order they were computed. */
  versionsAt(textId: string, language: Language, date: string): ArticleVersionRecord[] {
    const rows = this.stmt(
      `SELECT * FROM article_versions WHERE text_id = ? AND language = ? AND valid_from <= ?
         AND (valid_to IS NULL OR valid_to > ?) ORDER BY position`,
    ).all(textId, language, date, date) as VersionRow[];
    return rows.map(versionRecord);
  }

  /** Amending events on `textId`, one per amending article and kind, on the day it took effect. */
  amendingEvents(textId: string): TextHistory['events'] {
    const rows = this.stmt(
      `SELECT DISTINCT a.by_text_id, a.by_article, a.kind, a.target_article, a.operation,
         COALESCE(a.in_force, ${FIRST_PUBLISHED('a.by_text_id')}) AS date
       FROM amendments a WHERE a.target_text_id = ? ORDER BY date, a.by_text_id, a.seq, a.language`,
    ).all(textId) as {
      by_text_id: string;
      by_article: string | null;
      kind: AmendmentKind;
      target_article: string | null;
      operation: string;
      date: string | null;
    }[];
    return amendingEvents(
      rows.map((r) => {
        const operation = JSON.parse(r.operation) as FlaggedOperation;
        return {
          date: r.date,
          by: r.by_text_id,
          byArticle: r.by_article,
          kind: r.kind,
          articles: [r.target_article, operation.newNumber],
          ...operationFields(operation),
        };
      }),
    );
  }

  /** Texts that amend, abrogate or cite `textId`. */
  backlinks(textId: string): Backlink[] {
    const rows = this.stmt(
      `SELECT DISTINCT l.by_text_id AS textId, l.by_article AS article, l.relation, l.target_article AS targetArticle,
         ${FIRST_PUBLISHED('l.by_text_id')} AS date
       FROM (
         -- An abrogated alinéa or item amends the article; only a whole one is abrogated.
         SELECT by_text_id, by_article,
           CASE WHEN kind = 'abrogated' AND json_extract(operation, '$.paragraph') IS NULL
             AND json_extract(operation, '$.lastParagraph') IS NULL
             AND json_extract(operation, '$.item') IS NULL THEN 'abrogates' ELSE 'amends' END AS relation,
           target_article
         FROM amendments WHERE target_text_id = @textId
         UNION
         SELECT by_text_id, by_article, relation, target_article FROM citations WHERE target_text_id = @textId
       ) l
       ORDER BY date, textId, article, relation, targetArticle`,
    ).all({ textId }) as Backlink[];
    return rows;
  }
}

/**
 * The values of the columns amendments and citations share, in their order (citingTable in
 * sqlite-schema.ts): the citing article, how it cites, the cited text as printed and its
 * resolution.
 */
function citingValues(
  text: { id: string; language: Language },
  seq: number,
  link: { byArticle: string | null; target: CitedText; targetArticle: string | null },
  how: string,
  resolved: Resolution,
): (string | number | null)[] {
  const { target } = link;
  return [
    text.id,
    text.language,
    seq,
    link.byArticle,
    how,
    target.type,
    target.number,
    target.date,
    resolved.textId,
    resolved.reason,
    link.targetArticle,
  ];
}
