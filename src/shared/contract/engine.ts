import { z } from 'zod';
import { op, event } from './define.js';
import { empty, jobId } from './common.js';

/** What a run does with a node image that is neither on this machine nor pullable: fail, or build one from this machine's node. */
export type LocalImagePolicy = 'never' | 'build';
export const localImagePolicy = z.enum(['never', 'build']);

/** An image Kiln built FROM scratch out of this machine's node binary and its libraries. */
export interface LocalNodeImageResult {
  ref: string;
  id: string;
  nodeVersion: string;
}

export interface EngineStatus {
  state: 'connected' | 'unreachable';
  /** where Kiln looks for the engine: DOCKER_HOST or the default socket */
  host: string;
  version?: string;
  apiVersion?: string;
  /** what is wrong and what to do, when unreachable */
  message?: string;
  checkedAt: number;
}

export interface EngineInfo {
  host: string;
  version: string;
  apiVersion: string;
  os: string;
  osType: string;
  arch: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  runtimes: string[];
  defaultRuntime: string;
  nvidiaRuntime: boolean;
  cdiSpecDirs: string[];
  images: number;
  containers: number;
  containersRunning: number;
  storageDriver: string;
  rootDir: string;
}

export const engineOps = {
  'engine:status': op<EngineStatus>()(empty),
  'engine:info': op<EngineInfo>()(empty),
  /** Builds kiln-local/node:<version> from this machine's node (for machines that cannot pull a node image). */
  'engine:build-node-image': op<LocalNodeImageResult>()(z.object({ jobId }).strict(), { long: true }),
};

export const engineEvents = {
  'engine:status': event<EngineStatus>(),
};
