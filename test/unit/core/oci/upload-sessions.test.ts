import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { FileUploadSessions, SESSION_MAX_AGE_MS } from '../../../../src/core/oci/upload-sessions.js';

const tmp = useTempDir('kiln-upload-sessions-');

describe('FileUploadSessions', () => {
  it('keeps what a registry could still resume and prunes the rest: old sessions, unreadable files, leftover temp files', () => {
    const dir = join(tmp(), 'uploads');
    const s = new FileUploadSessions(dir);
    expect(s.prune()).toBe(0); // no folder yet
    const now = Date.now();
    const base = { registry: '127.0.0.1:5000', repo: 'm/x', size: 10, location: '/v2/m/x/blobs/uploads/u', offset: 5 };
    s.save({ ...base, digest: 'sha256:fresh', savedAt: now - 3600 * 1000 });
    s.save({ ...base, digest: 'sha256:old', savedAt: now - SESSION_MAX_AGE_MS - 1 });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cut-short.json'), '{"registry":');
    writeFileSync(join(dir, 'x.json.123.tmp'), '{}');
    writeFileSync(join(dir, 'y.json.456.tmp'), '{}');
    const twoHoursAgo = (now - 2 * 3600 * 1000) / 1000;
    utimesSync(join(dir, 'x.json.123.tmp'), twoHoursAgo, twoHoursAgo);

    expect(s.prune(SESSION_MAX_AGE_MS, now)).toBe(3);
    expect(s.get({ registry: base.registry, repo: base.repo, digest: 'sha256:fresh' })?.offset).toBe(5);
    expect(s.get({ registry: base.registry, repo: base.repo, digest: 'sha256:old' })).toBeNull();
    // a temp file younger than an hour may be a live process's write in progress
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.json$/), 'y.json.456.tmp']);
  });
});
