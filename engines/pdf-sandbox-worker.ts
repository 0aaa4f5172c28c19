/**
 * Entry of a PDF sandbox thread (engines/pdf-sandbox.ts): holds one untrusted document
 * opened with pipeline/pdf.ts and answers the requests of the thread that started it. It
 * keeps no state beyond that document; the parent terminates the thread when a request
 * takes too long, and V8 stops it when it outgrows its heap limit.
 */
import { parentPort } from 'node:worker_threads';
import { openPdf, type PdfDocument, type PdfPage } from '../pipeline/pdf.js';
import type { SandboxReply, SandboxRequest } from './pdf-sandbox-protocol.js';

if (!parentPort) throw new Error('pdf-sandbox-worker runs as a worker thread');
const port = parentPort;

let document: PdfDocument | null = null;
const pages = new Map<number, PdfPage>();
/**
 * Renders run one at a time, in the order asked. pdf.js yields between its steps, so renders
 * asked together interleave on this one thread and all finish late together: the first page
 * reached OCR only when the last page in flight was drawn. In order, the first page is ready
 * after one render and the OCR pool starts on it while the next is drawn.
 */
let renders: Promise<unknown> = Promise.resolve();

async function loadedPage(index: number): Promise<PdfPage> {
  const kept = pages.get(index);
  if (kept) return kept;
  if (!document) throw new Error('no document is open');
  const page = await document.page(index);
  pages.set(index, page);
  return page;
}

async function answer(request: SandboxRequest): Promise<{ reply: SandboxReply; transfer: ArrayBuffer[] }> {
  switch (request.op) {
    case 'open': {
      document = await openPdf(request.bytes, request.limits);
      return { reply: { id: request.id, ok: true, pageCount: document.pageCount }, transfer: [] };
    }
    case 'page': {
      const { index, width, height, textLayer } = await loadedPage(request.index);
      return { reply: { id: request.id, ok: true, page: { index, width, height, textLayer } }, transfer: [] };
    }
    case 'render': {
      const rendered = renders.then(async () => (await loadedPage(request.index)).render(request.dpi));
      renders = rendered.catch(() => undefined);
      const png = await rendered;
      // sharp's buffer may share its memory: move a copy that the parent alone then owns.
      const owned =
        png.byteOffset === 0 && png.byteLength === png.buffer.byteLength ? png : new Uint8Array(png);
      return { reply: { id: request.id, ok: true, png: owned }, transfer: [owned.buffer as ArrayBuffer] };
    }
    case 'close': {
      pages.clear();
      await document?.close();
      document = null;
      return { reply: { id: request.id, ok: true }, transfer: [] };
    }
  }
}

port.on('message', (request: SandboxRequest) => {
  answer(request)
    .catch((error: unknown) => ({ reply: failure(request.id, error), transfer: [] }))
    .then(({ reply, transfer }) => {
      try {
        port.postMessage(reply, transfer);
      } catch {
        // A buffer sharp allocated outside V8 cannot be moved: send it by copy.
        port.postMessage(reply);
      }
    });
});

function failure(id: number, error: unknown): SandboxReply {
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return {
    id,
    ok: false,
    error: {
      name: typeof e?.name === 'string' ? e.name : 'Error',
      code: typeof e?.code === 'string' ? e.code : undefined,
      message: typeof e?.message === 'string' ? e.message : String(error),
    },
  };
}
