/** Assertions over lists of lines that a test states as tables. */
import { expect } from 'vitest';

/**
 * Asserts that `test` holds for every line of `holds` and for none of `fails`; a failure
 * names every line judged wrongly, not only the first.
 */
export function expectLinesSplit(
  test: (line: string) => boolean,
  holds: readonly string[],
  fails: readonly string[],
): void {
  expect({ wronglyRefused: holds.filter((line) => !test(line)), wronglyTaken: fails.filter(test) }).toEqual({
    wronglyRefused: [],
    wronglyTaken: [],
  });
}
