/** Writes the example pipeline into `dir`; the pipelines work fills this in. */
export async function createExampleWorkspace(_dir: string): Promise<void> {}
