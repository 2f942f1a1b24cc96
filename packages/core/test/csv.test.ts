/** csvField: the one field rule behind `coresweep export --format csv` and the report's CSV download. */
import { describe, expect, it } from 'vitest';
import { csvField } from '../src/csv.js';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
  });

  it('guards text a spreadsheet would run as a formula, quoting it too where it needs quotes', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('leaves numbers alone, negative ones too, and writes missing values as empty fields', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });
});
