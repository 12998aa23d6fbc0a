import { createReadStream } from 'node:fs';
import { mkdir, open, symlink, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { KilnError } from '../../shared/contract/index.js';

/** A path inside an artifact that stays inside the target folder, or an error naming it. */
export function safeRelPath(p: string, where: string): string {
  const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!clean || clean.startsWith('/') || clean.includes('\0') || clean.split('/').some((s) => s === '..' || s === '')) {
    throw new KilnError('PATH_ESCAPE', `${where} holds the path ${JSON.stringify(p)}, which would write outside the target folder; refusing it`, { path: p });
  }
  return clean;
}

function octal(b: Buffer, start: number, len: number): number {
  // base-256 for sizes over 8 GiB (GNU)
  if (b[start]! & 0x80) {
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = b
    .toString('latin1', start, start + len)
    .replace(/\0.*$/s, '')
    .trim();
  return s ? parseInt(s, 8) : 0;
}

function cstr(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const z = s.indexOf(0);
  return s.toString('utf8', 0, z === -1 ? s.length : z);
}

function paxPath(body: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp === -1) break;
    const len = Number(body.toString('utf8', i, sp));
    if (!len) break;
    const rec = body.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    const k = rec.slice(0, eq);
    const v = rec.slice(eq + 1);
    if (k === 'path') out.path = v;
    if (k === 'size') out.size = Number(v);
    i += len;
  }
  return out;
}

/**
 * Extracts a tar (gzip when `gzip`) into `dir`: regular files, folders and symlinks inside the tree;
 * every path is checked to stay inside `dir`. Returns the files written.
 */
export async function extractTar(file: string, dir: string, gzip: boolean, where: string): Promise<number> {
  let input: Readable = createReadStream(file, { highWaterMark: 1024 * 1024 });
  if (gzip) input = input.pipe(createGunzip());
  let buf: Buffer = Buffer.alloc(0);
  let files = 0;
  let longName: string | null = null;
  let pax: { path?: string; size?: number } = {};
  // the entry being written
  let cur: { fh: FileHandle | null; left: number; pad: number; collect: Buffer[] | null; kind: string } | null = null;
  for await (const chunk of input) {
    buf = buf.length ? Buffer.concat([buf, chunk as Buffer]) : (chunk as Buffer);
    for (;;) {
      if (cur) {
        if (cur.left > 0) {
          if (!buf.length) break;
          const n = Math.min(cur.left, buf.length);
          const part = buf.subarray(0, n);
          if (cur.fh) await cur.fh.write(part);
          else if (cur.collect) cur.collect.push(Buffer.from(part));
          cur.left -= n;
          buf = buf.subarray(n);
          if (cur.left > 0) break;
        }
        if (buf.length < cur.pad) break;
        buf = buf.subarray(cur.pad);
        await cur.fh?.close();
        if (cur.collect) {
          const body = Buffer.concat(cur.collect);
          if (cur.kind === 'L') longName = cstr(body, 0, body.length);
          else if (cur.kind === 'x') pax = paxPath(body);
        }
        cur = null;
      }
      if (buf.length < 512) break;
      const h = buf.subarray(0, 512);
      buf = buf.subarray(512);
      if (h.every((x) => x === 0)) continue;
      const type = String.fromCharCode(h[156]!) || '0';
      const prefix = cstr(h, 345, 155);
      let name = longName ?? pax.path ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
      const size = pax.size ?? octal(h, 124, 12);
      const mode = octal(h, 100, 8) & 0o7777;
      const pad = (512 - (size % 512)) % 512;
      if (type === 'L' || type === 'x' || type === 'g') {
        cur = { fh: null, left: size, pad, collect: type === 'g' ? null : [], kind: type };
        if (type === 'g') cur.collect = null;
        continue;
      }
      longName = null;
      pax = {};
      // only a leading "./" (or the root "." itself) is dropped: "../x" must stay as written to be refused
      name = name === '.' || name === './' ? '' : name.replace(/^(\.\/)+/, '');
      if (!name) {
        cur = { fh: null, left: size, pad, collect: null, kind: type };
        continue;
      }
      const rel = safeRelPath(name, where);
      const target = join(dir, rel);
      if (type === '5') {
        await mkdir(target, { recursive: true });
        cur = { fh: null, left: size, pad, collect: null, kind: type };
      } else if (type === '0' || type === '\0' || type === '7') {
        await mkdir(dirname(target), { recursive: true });
        const fh = await open(target, 'w', mode || 0o644);
        files++;
        cur = { fh, left: size, pad, collect: null, kind: type };
      } else if (type === '2') {
        const link = cstr(h, 157, 100);
        if (link.startsWith('/') || link.split('/').includes('..'))
          throw new KilnError('PATH_ESCAPE', `${where} holds a symlink ${JSON.stringify(name)} pointing outside the artifact (${link}); refusing it`);
        await mkdir(dirname(target), { recursive: true });
        await symlink(link, target);
        cur = { fh: null, left: size, pad, collect: null, kind: type };
      } else {
        // hard links, devices, FIFOs: not part of a model
        cur = { fh: null, left: size, pad, collect: null, kind: type };
      }
    }
  }
  if (cur && cur.left > 0) throw new KilnError('ARTIFACT_INVALID', `${where} is a truncated tar archive`);
  return files;
}
