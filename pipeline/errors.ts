/**
 * Errors of the pipeline, each with a stable `code`: the CLI prints it, the queue stores it
 * with a failed job, and `jarida status` groups failures by it. Add classes here; never
 * change a published code.
 */

/** Base of every error the pipeline throws on purpose. */
export class PipelineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The bytes are none of the accepted types (PDF, TIFF, PNG, JPEG). */
export class UnsupportedInputError extends PipelineError {
  constructor(fileName: string, options?: ErrorOptions) {
    super('UNSUPPORTED_TYPE', `${fileName}: not a PDF, TIFF, PNG or JPEG file`, options);
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

/** Reason and code of any thrown value, for reports: a pipeline error's own code, else `INTERNAL`. */
export function errorReason(error: unknown): { reason: string; code: string } {
  if (error instanceof PipelineError) return { reason: error.message, code: error.code };
  const withCode = error as { code?: unknown; message?: unknown } | null;
  const reason = error instanceof Error ? error.message : String(error);
  // Errors of other layers (store, ingest) follow the same convention of a string `code`.
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
