import { describe, it, expect } from 'vitest';
import { parseWwwAuthenticate } from '../../../../src/core/oci/www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it('reads a Bearer challenge with quoted, comma-holding values', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' } },
    ]);
  });
  it('reads Basic, several challenges, escaped quotes and bare values', () => {
    expect(parseWwwAuthenticate('Basic realm="x \\"y\\""')).toEqual([{ scheme: 'basic', params: { realm: 'x "y"' } }]);
    const two = parseWwwAuthenticate('Basic realm=test, Bearer realm="r",error="invalid_token"');
    expect(two.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(two[1]!.params.error).toBe('invalid_token');
  });
  it('answers nothing for no header', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
  });
});
