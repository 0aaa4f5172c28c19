/** A bulletin as both stores keep it (SQLite row, Elasticsearch source): snake_case fields. */
import type { Bulletin, Language } from '../pipeline/model.js';

export interface BulletinRecord {
  edition: Language;
  number: string;
  suffix: string | null;
  date: string | null;
  hijri_date: string | null;
  first_page: number | null;
  last_page: number | null;
  page_count: number;
  source_sha256: string;
}

export function bulletinToRecord(b: Bulletin): BulletinRecord {
  return {
    edition: b.edition,
    number: b.number,
    suffix: b.suffix ?? null,
    date: b.date,
    hijri_date: b.hijriDate,
    first_page: b.firstPage,
    last_page: b.lastPage,
    page_count: b.pageCount,
    source_sha256: b.sourceSha256,
  };
}

export function bulletinFromRecord(id: string, r: BulletinRecord): Bulletin {
  return {
    id,
    edition: r.edition,
    number: r.number,
    ...(r.suffix ? { suffix: r.suffix } : {}),
    date: r.date,
    hijriDate: r.hijri_date,
    firstPage: r.first_page,
    lastPage: r.last_page,
    pageCount: r.page_count,
    sourceSha256: r.source_sha256,
  };
}
