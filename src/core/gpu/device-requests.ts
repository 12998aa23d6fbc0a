/** The Engine API's HostConfig.DeviceRequests entry for specific NVIDIA GPUs (what `docker run --gpus '"device=0,1"'` sends). */
export interface DeviceRequest {
  Driver: string;
  Count: number;
  DeviceIDs: string[];
  Capabilities: string[][];
  Options: Record<string, string>;
}

export function nvidiaDeviceRequests(deviceIds: readonly string[]): DeviceRequest[] {
  if (!deviceIds.length) return [];
  return [{ Driver: 'nvidia', Count: 0, DeviceIDs: [...deviceIds], Capabilities: [['gpu']], Options: {} }];
}
