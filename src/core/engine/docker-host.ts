import type { DockerOptions } from 'dockerode';

export interface DockerTarget {
  /** as shown to the user: the socket path or DOCKER_HOST */
  display: string;
  options: DockerOptions;
}

/** DOCKER_HOST first (unix://, tcp://, http://), then the default socket, as the docker CLI does. */
export function resolveDockerTarget(env: NodeJS.ProcessEnv = process.env): DockerTarget {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return { display: '/var/run/docker.sock', options: { socketPath: '/var/run/docker.sock' } };
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return { display: socketPath, options: { socketPath } };
  }
  if (host.startsWith('npipe://')) {
    const socketPath = host.slice('npipe://'.length);
    return { display: host, options: { socketPath } };
  }
  const u = new URL(host.replace(/^tcp:\/\//, env.DOCKER_TLS_VERIFY ? 'https://' : 'http://'));
  return {
    display: host,
    options: { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 2376 : 2375)), protocol: u.protocol === 'https:' ? 'https' : 'http' },
  };
}

export function unreachableMessage(display: string): string {
  return `Docker engine not reachable at ${display} — start Docker Desktop or \`dockerd\`${display.startsWith('/') ? '' : ' (check DOCKER_HOST)'}`;
}
