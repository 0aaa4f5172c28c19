/**
 * Messages between a PDF sandbox (engines/pdf-sandbox.ts) and its thread
 * (engines/pdf-sandbox-worker.ts): each request carries an id its reply repeats.
 */
import type { TextLine } from '../pipeline/model.js';
import type { PdfLimits } from '../pipeline/pdf.js';

/** What the parent asks the sandbox thread. */
export type SandboxRequest =
  | { id: number; op: 'open'; bytes: Uint8Array; limits: PdfLimits }
  | { id: number; op: 'page'; index: number }
  | { id: number; op: 'render'; index: number; dpi?: number }
  | { id: number; op: 'close' };

/** A page as it crosses threads: everything but its render, which is a request of its own. */
export interface SandboxPage {
  index: number;
  width: number;
  height: number;
  textLayer: TextLine[] | null;
}

/** An error as it crosses threads: its stable code when it had one. */
export interface SandboxError {
  name: string;
  code: string | undefined;
  message: string;
}

/** The sandbox thread's answer to one request. */
export type SandboxReply =
  | { id: number; ok: true; pageCount?: number; page?: SandboxPage; png?: Uint8Array }
  | { id: number; ok: false; error: SandboxError };
