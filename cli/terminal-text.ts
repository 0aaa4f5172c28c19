/**
 * What the CLI prints in human form comes partly from input: file names, failure reasons,
 * titles read off a page. A control character in them would act on the terminal (ESC
 * sequences clear the screen or retitle the window, a newline forges a line of output, a
 * bidi override reorders what follows), so they are printed as visible escapes. `--json`
 * output needs none of this: JSON escapes controls itself.
 */

/** C0 and C1 controls, DEL, and the bidi overrides and isolates (not the marks Arabic text uses). */
const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function visible(control: string): string {
  return NAMED[control] ?? `\\u${control.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/** A value from input (a path, a reason, a title) as one inert line: every control escaped, newlines too. */
export function escapeControls(value: string): string {
  return value.replace(CONTROLS, visible);
}

/** Output of several lines: each line's controls escaped, the line breaks kept. */
export function escapeControlsInLines(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}
