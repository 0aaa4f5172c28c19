import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EmptyInputError, UnsupportedInputError } from './errors.js';
import { intake, sniffMediaType } from './intake.js';

const pixel = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } });

describe('intake', () => {
  it('sniffs PNG, JPEG, TIFF (both byte orders) and PDF from their bytes, not their names', async () => {
    expect(sniffMediaType(await pixel().png().toBuffer())).toBe('image/png');
    expect(sniffMediaType(await pixel().jpeg().toBuffer())).toBe('image/jpeg');
    const tiff = await pixel().tiff().toBuffer();
    expect(sniffMediaType(tiff)).toBe('image/tiff');
    const bigEndian = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
    expect(sniffMediaType(bigEndian)).toBe('image/tiff');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    // Some producers put junk before the header; readers accept it within the first KiB.
    expect(sniffMediaType(Buffer.from('\r\n\r\n%PDF-1.4\n'))).toBe('application/pdf');
    const record = intake(await pixel().png().toBuffer(), 'BO_7140_bis_Fr.pdf');
    expect(record.mediaType).toBe('image/png');
  });

  it('hashes the bytes and guesses the bulletin from the file name', () => {
    const bytes = Buffer.from('%PDF-1.4\nhello');
    const record = intake(bytes, '/archive/BO_7140_bis_Fr.pdf');
    // As `sha256sum` prints it.
    expect(record.sha256).toBe('73385d8fcafde55d190f94c212e5e94a4ef181f602356414e4353f75823f2664');
    expect(record.sha256).not.toBe(intake(Buffer.from('%PDF-1.4\nhellO'), 'x.pdf').sha256);
    expect(record.byteLength).toBe(bytes.length);
    expect(record.guess).toEqual({ number: '7140', suffix: 'bis', edition: 'fr' });
    // A scanner's counter and a date are no issue numbers.
    expect(intake(bytes, 'scan_0001.pdf').guess).toEqual({});
    expect(intake(bytes, 'bulletin-officiel-fr-2015-04-16.pdf').guess).toEqual({ edition: 'fr' });
  });

  it('refuses empty and unknown inputs with stable codes', () => {
    expect(() => intake(new Uint8Array(), 'empty.pdf')).toThrow(EmptyInputError);
    try {
      intake(Buffer.from('GIF89a......'), 'scan.pdf');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UnsupportedInputError);
      expect((err as UnsupportedInputError).code).toBe('UNSUPPORTED_TYPE');
    }
  });
});
