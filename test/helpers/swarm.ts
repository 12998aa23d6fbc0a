import type Docker from 'dockerode';

/** The engine's swarm, initialised on loopback when inactive (the shared engine keeps it). */
export async function ensureSwarm(docker: Docker): Promise<void> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
  if (info.Swarm?.LocalNodeState === 'active') return;
  await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
}

/** Removes the services a test's workspace created (labelled with it), and only those. */
export async function removeServicesOf(docker: Docker, workspaceRoot: string): Promise<void> {
  const services = await docker.listServices({ filters: { label: [`kiln.workspace=${workspaceRoot}`] } });
  for (const s of services)
    await docker
      .getService(s.ID)
      .remove()
      .catch(() => undefined);
}
