import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../../../../src/renderer/lib/markdown/parse-blocks';

describe('parseBlocks', () => {
  it('reads the blocks a generated model card holds', () => {
    const md = [
      '# digits v3',
      '',
      'Registered from run #4.',
      'Second line.',
      '',
      '## Metrics',
      '| metric | value |',
      '|---|---:|',
      '| accuracy | 0.98 |',
      '',
      '- one',
      '- two',
      '',
      '1. first',
      '',
      '```',
      'x <b>',
      '```',
      '> note',
      '---',
    ].join('\n');
    expect(parseBlocks(md)).toEqual([
      { kind: 'heading', level: 1, text: 'digits v3' },
      { kind: 'paragraph', text: 'Registered from run #4. Second line.' },
      { kind: 'heading', level: 2, text: 'Metrics' },
      { kind: 'table', head: ['metric', 'value'], rows: [['accuracy', '0.98']] },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'list', ordered: true, items: ['first'] },
      { kind: 'code', lang: '', text: 'x <b>' },
      { kind: 'quote', text: 'note' },
      { kind: 'rule' },
    ]);
  });

  it('keeps raw HTML as paragraph text, never markup', () => {
    expect(parseBlocks('<script>alert(1)</script>')).toEqual([{ kind: 'paragraph', text: '<script>alert(1)</script>' }]);
  });

  it('survives an unclosed fence and CRLF line ends', () => {
    expect(parseBlocks('```py\r\nprint(1)')).toEqual([{ kind: 'code', lang: 'py', text: 'print(1)' }]);
  });
});
