/**
 * The amendment graph of the embedded store: operations and citations read from each saved
 * text, resolved against the texts in the archive, and every affected text's article
 * versions recomputed. A reference to a text not yet ingested is kept with its reason and
 * resolved when that text arrives, so the order bulletins are saved in never matters.
 */
import type Database from 'better-sqlite3';
import type { AmendmentOperation, CitedText, TextLinks } from '../../pipeline/amendments/links.js';
import { type KnownText, resolveCited } from '../../pipeline/amendments/resolve.js';
import {
  computeVersions,
  type DatedOperation,
  type VersionCause,
} from '../../pipeline/amendments/versions.js';
import type { AmendmentKind, Language, LegalText, TextType } from '../../pipeline/model.js';
import { amendingEvents } from '../amendment-history.js';
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
}

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

/** Links and versions of the embedded store; runs inside the store's save transaction. */
export class SqliteAmendments {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Texts an amendment by one of `textIds` targets: their versions change when those texts are saved again. */
  targetsOf(textIds: readonly string[]): string[] {
    const select = this.stmt(
      'SELECT DISTINCT target_text_id FROM amendments WHERE by_text_id = ? AND target_text_id IS NOT NULL',
    ).pluck();
    return textIds.flatMap((id) => select.all(id) as string[]);
  }

  /**
   * Stores the links read from the texts just saved, resolves again every link the saved
   * texts may answer, and recomputes the versions of each text whose wording may have changed.
   * `before`: targets of the saved bulletin's previous texts.
   */
  linkSaved(saved: readonly { text: LegalText; links: TextLinks }[], before: readonly string[]): void {
    const affected = new Set(before);
    for (const { text, links } of saved) {
      affected.add(text.id);
      for (const target of this.writeLinks(text, links)) affected.add(target);
    }
    for (const target of this.resolveAgain(saved.map((s) => s.text))) affected.add(target);
    for (const id of [...affected].sort()) this.recomputeVersions(id);
  }

  private known(cited: CitedText): KnownText[] {
    const rows = cited.number
      ? this.stmt('SELECT id, type, number, signed_on FROM texts WHERE number = ? ORDER BY id').all(
          cited.number,
        )
      : this.stmt('SELECT id, type, number, signed_on FROM texts WHERE signed_on = ? ORDER BY id').all(
          cited.date,
        );
    return (rows as { id: string; type: TextType; number: string | null; signed_on: string | null }[]).map(
      (r) => ({ id: r.id, type: r.type, number: r.number, signedOn: r.signed_on }),
    );
  }

  /** Stores one expression's operations and citations; returns the texts its operations target. */
  private writeLinks(text: LegalText, links: TextLinks): string[] {
    this.stmt('DELETE FROM amendments WHERE by_text_id = ? AND language = ?').run(text.id, text.language);
    this.stmt('DELETE FROM citations WHERE by_text_id = ? AND language = ?').run(text.id, text.language);
    const insertAmendment = this.stmt(
      `INSERT INTO amendments (by_text_id, language, seq, by_article, kind, cited_type, cited_number, cited_date,
         target_text_id, reason, target_article, operation, in_force)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const targets: string[] = [];
    links.operations.forEach((op, seq) => {
      const resolved = resolveCited(op.target, this.known(op.target));
      if (resolved.textId) targets.push(resolved.textId);
      insertAmendment.run(
        text.id,
        text.language,
        seq,
        op.byArticle,
        op.kind,
        op.target.type,
        op.target.number,
        op.target.date,
        resolved.textId,
        resolved.reason,
        op.targetArticle,
        JSON.stringify(op),
        links.inForceFrom,
      );
    });
    const insertCitation = this.stmt(
      `INSERT INTO citations (by_text_id, language, seq, by_article, relation, cited_type, cited_number, cited_date,
         target_text_id, reason, target_article) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    links.citations.forEach((c, seq) => {
      const resolved = resolveCited(c.target, this.known(c.target));
      insertCitation.run(
        text.id,
        text.language,
        seq,
        c.byArticle,
        c.relation,
        c.target.type,
        c.target.number,
        c.target.date,
        resolved.textId,
        resolved.reason,
        c.targetArticle,
      );
    });
    return targets;
  }

  /**
   * Resolves again the links the saved texts may answer (same number, or same signature date
   * for date-only references); returns the targets of the amendments among them.
   */
  private resolveAgain(texts: readonly LegalText[]): string[] {
    const changed: string[] = [];
    for (const table of ['amendments', 'citations'] as const) {
      const update = this.stmt(`UPDATE ${table} SET target_text_id = ?, reason = ? WHERE rowid = ?`);
      for (const text of texts) {
        const rows = this.stmt(
          `SELECT rowid, cited_type, cited_number, cited_date, target_text_id FROM ${table}
           WHERE cited_number = ? OR (cited_number IS NULL AND cited_date = ?)`,
        ).all(text.number, text.signedOn) as CitedRow[];
        for (const row of rows) {
          const cited = { type: row.cited_type, number: row.cited_number, date: row.cited_date };
          const resolved = resolveCited(cited, this.known(cited));
          update.run(resolved.textId, resolved.reason, row.rowid);
          if (table === 'amendments')
            changed.push(...[row.target_text_id, resolved.textId].filter((id): id is string => id !== null));
        }
      }
    }
    return changed;
  }

  /** Recomputes the versions of every expression of `textId` from its articles and the operations on it. */
  private recomputeVersions(textId: string): void {
    this.stmt('DELETE FROM article_versions WHERE text_id = ?').run(textId);
    const languages = this.stmt('SELECT language FROM expressions WHERE text_id = ?')
      .pluck()
      .all(textId) as Language[];
    const insert = this.stmt(
      `INSERT OR REPLACE INTO article_versions (text_id, language, article, valid_from, valid_to, body, introduced_by,
         introduced_by_article, cause, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const language of languages) {
      // The original wording of an expression holds from its publication in that edition.
      const published = this.stmt(
        `SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id
         WHERE p.text_id = ? AND b.edition = ?`,
      )
        .pluck()
        .get(textId, language) as string | null;
      if (!published) continue;
      const operations = this.operationsOn(textId, language);
      if (operations.length === 0) {
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
      const articles = this.stmt(
        'SELECT number, body FROM articles WHERE text_id = ? AND language = ? ORDER BY position',
      ).all(textId, language) as { number: string; body: string }[];
      const versions = computeVersions({ textId, published, articles, operations });
      versions.forEach((v, position) => {
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
  }

  /**
   * Operations on `textId` that shape its `language` wording: those read from amending texts
   * in that language, and abrogations and renumberings from texts not published in it.
   */
  private operationsOn(textId: string, language: Language): DatedOperation[] {
    const rows = this.stmt(
      `SELECT a.by_text_id, a.seq, a.operation, COALESCE(a.in_force, (
         SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id WHERE p.text_id = a.by_text_id
       )) AS in_force
       FROM amendments a
       WHERE a.target_text_id = @textId AND (a.language = @language OR (a.kind IN ('abrogated', 'renumbered')
         AND NOT EXISTS (SELECT 1 FROM expressions x WHERE x.text_id = a.by_text_id AND x.language = @language)))
       ORDER BY a.by_text_id, a.seq`,
    ).all({ textId, language }) as {
      by_text_id: string;
      seq: number;
      operation: string;
      in_force: string | null;
    }[];
    return rows
      .filter((r) => r.in_force !== null)
      .map((r) => ({
        op: JSON.parse(r.operation) as AmendmentOperation,
        byTextId: r.by_text_id,
        inForce: r.in_force!,
        order: r.seq,
      }));
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
      `SELECT DISTINCT a.by_text_id, a.by_article, a.kind, a.target_article, a.operation, COALESCE(a.in_force, (
         SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id WHERE p.text_id = a.by_text_id
       )) AS date
       FROM amendments a WHERE a.target_text_id = ? ORDER BY date, a.by_text_id, a.seq`,
    ).all(textId) as {
      by_text_id: string;
      by_article: string | null;
      kind: AmendmentKind;
      target_article: string | null;
      operation: string;
      date: string | null;
    }[];
    return amendingEvents(
      rows.map((r) => ({
        date: r.date,
        by: r.by_text_id,
        byArticle: r.by_article,
        kind: r.kind,
        articles: [r.target_article, (JSON.parse(r.operation) as AmendmentOperation).newNumber],
      })),
    );
  }

  /** Texts that amend, abrogate or cite `textId`. */
  backlinks(textId: string): Backlink[] {
    const rows = this.stmt(
      `SELECT DISTINCT l.by_text_id AS textId, l.by_article AS article, l.relation, l.target_article AS targetArticle,
         (SELECT MIN(b.date) FROM publications p JOIN bulletins b ON b.id = p.bulletin_id WHERE p.text_id = l.by_text_id) AS date
       FROM (
         SELECT by_text_id, by_article, CASE kind WHEN 'abrogated' THEN 'abrogates' ELSE 'amends' END AS relation, target_article
         FROM amendments WHERE target_text_id = @textId
         UNION
         SELECT by_text_id, by_article, relation, target_article FROM citations WHERE target_text_id = @textId
       ) l
       ORDER BY date, textId, article, relation, targetArticle`,
    ).all({ textId }) as Backlink[];
    return rows;
  }
}
