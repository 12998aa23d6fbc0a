import { describe, it, expect } from 'vitest';
import { parseOciRef, formatOciRef, isLoopback, apiHost } from '../../../../src/core/oci/reference.js';

describe('parseOciRef', () => {
  it('splits host, repository, tag and digest', () => {
    expect(parseOciRef('127.0.0.1:5000/team/digits:3')).toEqual({ registry: '127.0.0.1:5000', repository: 'team/digits', tag: '3' });
    const d = `sha256:${'a'.repeat(64)}`;
    expect(parseOciRef(`ghcr.io/o/m@${d}`)).toEqual({ registry: 'ghcr.io', repository: 'o/m', digest: d });
    expect(parseOciRef('localhost/m')).toEqual({ registry: 'localhost', repository: 'm' });
    expect(parseOciRef('docker://reg.example:443/a/b:v1.2').tag).toBe('v1.2');
  });
  it('reads Docker Hub short names as docker does', () => {
    expect(parseOciRef('ubuntu:22.04')).toEqual({ registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' });
    expect(parseOciRef('me/model')).toEqual({ registry: 'docker.io', repository: 'me/model' });
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
  });
  it('refuses bad references with a reason', () => {
    expect(() => parseOciRef('host:5000/Upper/Case')).toThrow(/lowercase/);
    expect(() => parseOciRef('host:5000/a:bad tag')).toThrow(/tag|repository/);
    expect(() => parseOciRef('host:5000/a@sha256:xyz')).toThrow(/digest/);
  });
  it('formats back', () => {
    expect(formatOciRef(parseOciRef('127.0.0.1:5000/a/b:1'))).toBe('127.0.0.1:5000/a/b:1');
  });
  it('knows loopback hosts', () => {
    expect(isLoopback('127.0.0.1:5000')).toBe(true);
    expect(isLoopback('localhost:80')).toBe(true);
    expect(isLoopback('[::1]:5000')).toBe(true);
    expect(isLoopback('10.0.0.1:5000')).toBe(false);
    expect(isLoopback('ghcr.io')).toBe(false);
  });
});
