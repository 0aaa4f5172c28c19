/**
 * Errors of jarida, each with a stable `code`: the CLI prints it, the queue stores it with a
 * failed job, `jarida status` groups failures by it and the API answers with it. Every error
 * class of the code base extends {@link JaridaError}; never change a published code.
 */

/** Base of every error jarida throws on purpose: a stable `code`, and the class's name as `name`. */
export class JaridaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Something asked for that the archive does not hold: the CLI exits 1, the API answers 404. */
export class NotFoundError extends JaridaError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** Bad input found by the pipeline: it fails that file at once (the queue never retries it). */
export class PipelineError extends JaridaError {}

/** The bytes are none of the accepted types (PDF, TIFF, PNG, JPEG). */
export class UnsupportedInputError extends PipelineError {
  constructor(fileName: string, options?: ErrorOptions) {
    super('UNSUPPORTED_TYPE', `${fileName}: not a PDF, TIFF, PNG or JPEG file`, options);
  }
}

/** An image in a sample format no scanner writes (floating-point TIFF): decoding it as a scan would give a black page. */
export class UnsupportedImageFormatError extends PipelineError {
  constructor(fileName: string, detail: string) {
    super('UNSUPPORTED_IMAGE_FORMAT', `${fileName}: ${detail}; convert it to 1, 8 or 16-bit greyscale`);
  }
}

/** The file has no bytes at all. */
export class EmptyInputError extends PipelineError {
  constructor(fileName: string) {
    super('EMPTY_INPUT', `${fileName}: empty file`);
  }
}

/** pdf.js could not open the document: truncated, damaged, or encrypted. */
export class CorruptPdfError extends PipelineError {
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('CORRUPT_PDF', `unreadable PDF: ${reason}`, options);
  }
}

/** The PDF is encrypted with a user password: it opens only with that password, which the archive lacks. */
export class EncryptedPdfError extends PipelineError {
  constructor(options?: ErrorOptions) {
    super('ENCRYPTED_PDF', 'encrypted PDF: a password is required to open it', options);
  }
}

/** The document opens but holds no page at all. */
export class NoPagesError extends PipelineError {
  constructor() {
    super('NO_PAGES', 'the document has no pages');
  }
}

/**
 * Parsing or rendering a PDF did not finish in time (a PDF that makes pdf.js loop, or an
 * absurdly heavy page): the sandbox thread that ran it was terminated.
 */
export class PdfTimeoutError extends PipelineError {
  constructor(operation: string, timeoutMs: number) {
    super('PDF_TIMEOUT', `PDF ${operation} took more than ${timeoutMs} ms and was stopped`);
  }
}

/** Parsing or rendering a PDF needed more memory than the sandbox thread's heap limit: it was terminated. */
export class PdfOutOfMemoryError extends PipelineError {
  constructor(operation: string, maxHeapMb: number) {
    super(
      'PDF_OUT_OF_MEMORY',
      `PDF ${operation} needed more than the ${maxHeapMb} MB heap limit and was stopped`,
    );
  }
}

/** The sandbox thread reading a PDF died for another reason (a crash in native code, an exit). */
export class PdfSandboxCrashError extends PipelineError {
  constructor(detail: string, options?: ErrorOptions) {
    super('PDF_SANDBOX_CRASHED', `the thread reading the PDF died: ${detail}`, options);
  }
}

/** An image (or a page to render) holds more pixels than the limit: a decompression bomb or a wrong scan. */
export class ImageTooLargeError extends PipelineError {
  constructor(detail: string, options?: ErrorOptions) {
    super('IMAGE_TOO_LARGE', `image too large: ${detail}`, options);
  }
}

/** An image input that sharp cannot decode (truncated or damaged). */
export class CorruptImageError extends PipelineError {
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('CORRUPT_IMAGE', `unreadable image: ${reason}`, options);
  }
}

/** A document has more pages than the limit allows. */
export class TooManyPagesError extends PipelineError {
  constructor(pageCount: number, maxPages: number) {
    super('TOO_MANY_PAGES', `${pageCount} pages, more than the limit of ${maxPages}`);
  }
}

/** OCR of one page did not finish in time; the worker that ran it is discarded. */
export class OcrTimeoutError extends PipelineError {
  constructor(timeoutMs: number) {
    super('OCR_TIMEOUT', `OCR of a page took more than ${timeoutMs} ms`);
  }
}

/**
 * OCR read (nearly) nothing on a page that holds ink, however it was read again
 * (pipeline/page-rereading.ts): the page is kept flagged with this code, as a warning of its
 * file, rather than come out empty in silence.
 */
export class PageUnreadableError extends PipelineError {
  constructor(
    readonly page: number,
    readonly detail: string,
  ) {
    super('PAGE_UNREADABLE', `page ${page}: OCR read almost nothing on a page with ink (${detail})`);
  }
}

/** Reason and code of any thrown value, for reports: a jarida error's own code, else `INTERNAL`. */
export function errorReason(error: unknown): { reason: string; code: string } {
  if (error instanceof JaridaError) return { reason: error.message, code: error.code };
  const withCode = error as { code?: unknown; message?: unknown } | null;
  const reason = error instanceof Error ? error.message : String(error);
  // Errors of libraries and Node (ENOSPC, SQLITE_FULL) carry a string `code` too.
  const code = typeof withCode?.code === 'string' ? withCode.code : 'INTERNAL';
  return { reason, code };
}

/** Structure extraction found no issue number on the masthead, running headers or file name. */
export class UnreadableMastheadError extends PipelineError {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super('UNREADABLE_MASTHEAD', `${fileName}: unreadable masthead: ${reason}`);
  }
}

/** The pages are of an edition this parser does not read (the French parser was given the Arabic edition). */
export class UnsupportedEditionError extends PipelineError {
  constructor(
    readonly fileName: string,
    readonly edition: string,
  ) {
    super(
      'UNSUPPORTED_EDITION',
      `${fileName}: edition ${edition} is not read by the French structure parser`,
    );
  }
}

/** An input file larger than the ingest's size limit: refused before any of it is read. */
export class FileTooLargeError extends PipelineError {
  constructor(fileName: string, byteLength: number, maxBytes: number) {
    super(
      'FILE_TOO_LARGE',
      `${fileName}: ${byteLength} bytes, more than the limit of ${maxBytes} (raise it with --max-file-size, in MiB)`,
    );
  }
}
