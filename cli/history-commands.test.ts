import { describe, expect, it } from 'vitest';
import type { TextHistory } from '../store/search-store.js';
import { eventScope } from './history-commands.js';

const event = (over: Partial<TextHistory['events'][number]>): TextHistory['events'][number] => ({
  date: '2003-02-06',
  kind: 'abrogated',
  by: 'loi-78-02',
  byArticle: '1',
  articles: ['3'],
  ...over,
});

describe('the alinéa or item a history event is on', () => {
  it('says an abrogated alinéa is abrogated, not its article, in the edition asked', () => {
    expect(eventScope(event({ paragraph: 2 }))).toBe('alinéa 2 abrogé');
    expect(eventScope(event({ paragraph: 2 }), 'ar')).toBe('الفقرة 2 منسوخة');
    expect(eventScope(event({ paragraph: 1, item: '3°', kind: 'amended' }))).toBe('alinéa 1, 3°');
    expect(eventScope(event({ lastParagraph: true }))).toBe('dernier alinéa abrogé');
    expect(eventScope(event({ lastParagraph: true }), 'ar')).toBe('الفقرة الأخيرة منسوخة');
    expect(eventScope(event({ item: '3', kind: 'abrogated' }), 'ar')).toBe('3 منسوخ');
  });

  it('is empty for an event on whole articles', () => {
    expect(eventScope(event({}))).toBe('');
  });
});
