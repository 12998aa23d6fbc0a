import type Docker from 'dockerode';
import { KilnError } from '../../../shared/contract/index.js';

/** Prints `<status>\n<body>`; the serving image has node, so it is its own HTTP client. */
const SCRIPT = `const [u,b]=process.argv.slice(1);fetch(u,b?{method:'POST',headers:{'content-type':'application/json'},body:b}:{}).then(async r=>{process.stdout.write(r.status+'\\n'+await r.text())},e=>{process.stdout.write('0\\n'+e.message)})`;

/**
 * One HTTP request from inside the serving network (a throwaway container of the serving image
 * attached to the attachable overlay), for services without a published port and clusters whose
 * ingress mesh does not reach this machine.
 */
export async function requestInNetwork(
  docker: Docker,
  o: { image: string; network: string; url: string; body?: unknown },
): Promise<{ status: number; text: string }> {
  const c = await docker.createContainer({
    Image: o.image,
    Cmd: ['node', '-e', SCRIPT, o.url, ...(o.body === undefined ? [] : [JSON.stringify(o.body)])],
    Labels: { 'kiln.deploy.probe': '1' },
    HostConfig: { NetworkMode: o.network, AutoRemove: false },
  });
  try {
    await c.start();
    const r = (await c.wait()) as { StatusCode: number };
    const out = (await c.logs({ stdout: true, stderr: true, follow: false })) as Buffer;
    const text = demux(out);
    if (r.StatusCode !== 0)
      throw new KilnError('DEPLOY_FAILED', `the probe container inside network ${o.network} failed (exit ${r.StatusCode}): ${text.slice(0, 300)}`);
    const nl = text.indexOf('\n');
    const status = Number(text.slice(0, nl));
    if (status === 0) throw new KilnError('DEPLOY_FAILED', `${o.url} does not answer inside network ${o.network}: ${text.slice(nl + 1, 300)}`);
    return { status, text: text.slice(nl + 1) };
  } finally {
    await c.remove({ force: true }).catch(() => undefined);
  }
}

/** Docker's multiplexed log stream (8-byte frame headers) as one string. */
function demux(buf: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const len = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + len));
    i += 8 + len;
  }
  return Buffer.concat(parts).toString('utf8');
}
