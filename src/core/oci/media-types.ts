/** Media types Kiln writes and reads (OCI image spec, CNCF ModelPack, older CNAI, KitOps, Kiln's own dataset type). */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_EMPTY = 'application/vnd.oci.empty.v1+json';
/** Distribution 2.8 answers 404 to a manifest GET that does not accept the OCI types, so every GET lists them. */
export const MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST].join(', ');

export const MODELPACK_ARTIFACT = 'application/vnd.cncf.model.manifest.v1+json';
export const MODELPACK_CONFIG = 'application/vnd.cncf.model.config.v1+json';
export const MODELPACK_FILEPATH = 'org.cncf.model.filepath';
export const MODELPACK_FILE_METADATA = 'org.cncf.model.file.metadata+json';
/** The layer type for each kind of file, raw (untarred) as the spec allows. */
export const MODELPACK_LAYER = {
  weight: 'application/vnd.cncf.model.weight.v1.raw',
  weightConfig: 'application/vnd.cncf.model.weight.config.v1.raw',
  doc: 'application/vnd.cncf.model.doc.v1.raw',
  code: 'application/vnd.cncf.model.code.v1.raw',
  dataset: 'application/vnd.cncf.model.dataset.v1.raw',
} as const;

export const CNAI_ARTIFACT = 'application/vnd.cnai.model.manifest.v1+json';
export const CNAI_CONFIG = 'application/vnd.cnai.model.config.v1+json';
export const CNAI_FILEPATH = 'org.cnai.model.filepath';

export const KITOPS_CONFIG = 'application/vnd.kitops.modelkit.config.v1+json';
export const KITOPS_LAYER_PREFIX = 'application/vnd.kitops.modelkit.';

/** Kiln's gate report, attached to a model manifest as a referrer. */
export const KILN_GATE_REPORT_ARTIFACT = 'application/vnd.kiln.gate-report.v1+json';

/** Kiln's dataset artifact: the version's manifest, a chunk index, and packs of content-defined chunks. */
export const KILN_DATASET_ARTIFACT = 'application/vnd.kiln.dataset.v1+json';
export const KILN_DATASET_CONFIG = 'application/vnd.kiln.dataset.config.v1+json';
export const KILN_DATASET_MANIFEST = 'application/vnd.kiln.dataset.manifest.v1+json';
export const KILN_DATASET_INDEX = 'application/vnd.kiln.dataset.chunk-index.v1+json';
export const KILN_DATASET_PACK = 'application/vnd.kiln.dataset.chunk-pack.v1';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}
