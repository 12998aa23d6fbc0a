import type { ModelVersion } from '../../shared/contract/index.js';
import type { ManifestEntry } from '../datasets/manifest.js';
import { MODELPACK_LAYER } from './media-types.js';

/** Which ModelPack layer type a model file is, by its name. */
export function layerTypeOf(path: string): string {
  const base = path.split('/').pop()!.toLowerCase();
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  if (/^(readme|license|licence|notice|model[-_]?card)/.test(base) || ['md', 'txt', 'rst', 'pdf', 'html'].includes(ext)) return MODELPACK_LAYER.doc;
  if (['py', 'ipynb', 'js', 'mjs', 'ts', 'sh', 'r', 'jl', 'go', 'rs'].includes(ext)) return MODELPACK_LAYER.code;
  if (['csv', 'tsv', 'parquet', 'jsonl', 'arrow'].includes(ext)) return MODELPACK_LAYER.dataset;
  if (['json', 'yaml', 'yml', 'toml', 'model', 'vocab', 'merges', 'tiktoken'].includes(ext) || base === 'saved_model.pb' || /tokenizer/.test(base))
    return MODELPACK_LAYER.weightConfig;
  return MODELPACK_LAYER.weight;
}

/** The file metadata annotation ModelPack defines (a tar header's fields, as JSON). */
export function fileMetadata(e: ManifestEntry): string {
  return JSON.stringify({ name: e.path.split('/').pop(), mode: e.mode, uid: 0, gid: 0, size: e.size, mtime: new Date(e.mtime).toISOString(), typeflag: 48 });
}

/** The ModelPack config: descriptor, config and modelfs; Kiln's own facts go in manifest annotations. */
export function modelPackConfig(v: ModelVersion, diffIds: string[]): Record<string, unknown> {
  return {
    descriptor: {
      createdAt: new Date(v.createdAt).toISOString(),
      ...(v.author ? { authors: [v.author] } : {}),
      name: v.name,
      version: String(v.version),
      title: `${v.name} ${v.version}`,
    },
    config: {
      format: v.format,
      ...(v.signature ? { kilnSignature: v.signature } : {}),
    },
    modelfs: { type: 'layers', diffIds },
  };
}

/** Manifest annotations carrying the registry's facts: lineage, metrics, gate outcome. */
export function kilnAnnotations(v: ModelVersion): Record<string, string> {
  const a: Record<string, string> = {
    'org.opencontainers.image.created': new Date(v.createdAt).toISOString(),
    'org.opencontainers.image.title': v.name,
    'org.opencontainers.image.version': String(v.version),
    'org.cncf.model.name': v.name,
    'dev.kiln.model.name': v.name,
    'dev.kiln.model.version': String(v.version),
    'dev.kiln.model.format': v.format,
    'dev.kiln.model.artifact': v.manifestDigest,
    'dev.kiln.model.lineage': JSON.stringify(v.lineage),
    'dev.kiln.model.metrics': JSON.stringify(v.metrics),
  };
  if (v.gateReport) a['dev.kiln.model.gate.passed'] = String(v.gateReport.passed);
  return a;
}
