import { op, event } from './define.js';
import { empty } from './common.js';

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
};

export const engineEvents = {
  'engine:status': event<EngineStatus>(),
};
