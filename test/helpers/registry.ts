/** The OCI registry .ci/run starts on 127.0.0.1:5000 (Debian's docker-registry). */
export const REGISTRY = process.env.KILN_TEST_REGISTRY ?? '127.0.0.1:5000';

/** Whether it answers; under CI=true a missing registry is a failure, not a skip. */
export async function registryAvailable(): Promise<boolean> {
  try {
    const r = await fetch(`http://${REGISTRY}/v2/`);
    if (r.ok) return true;
    throw new Error(`GET /v2/ answered ${r.status}`);
  } catch (e) {
    if (process.env.CI === 'true' || process.env.CI === '1')
      throw new Error(`CI=true and no OCI registry answers at ${REGISTRY}: .ci/run must start it`, { cause: e });
    console.warn(`skipping registry tests: nothing answers at ${REGISTRY} (${(e as Error).message})`);
    return false;
  }
}
