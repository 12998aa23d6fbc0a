/**
 * Validation of the objects Kiln sends against the official Kubernetes OpenAPI schemas, as the
 * `kubernetes-models` packages ship them (ajv-compiled, from the API server's own swagger): a
 * Deployment and a Service whole; an InferenceService (a CRD no package models) by its metadata
 * (ObjectMeta) and its predictor's container (core/v1 Container). These schemas allow unknown
 * fields, so the fake's strict schemas stay as the second check.
 *
 * Packages (devDependencies): kubernetes-models 4.5.1 and @kubernetes-models/apimachinery 2.2.0.
 */

type Kind = 'Deployment' | 'Service' | 'InferenceService';
type Validatable = new (data: unknown) => { validate(): void };
export type OfficialValidator = (kind: Kind, obj: Record<string, unknown>) => string | null;

const MODULES = {
  Deployment: 'kubernetes-models/apps/v1/Deployment',
  Service: 'kubernetes-models/v1/Service',
  Container: 'kubernetes-models/v1/Container',
  ObjectMeta: '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta',
} as const;

async function load(name: keyof typeof MODULES): Promise<Validatable> {
  // a variable specifier: the packages are test-only and resolved at run time
  const spec: string = MODULES[name];
  const m = (await import(spec)) as Record<string, Validatable>;
  return m[name]!;
}

/** Loads the validators; rejects with the install command when the packages are missing. */
export async function loadOfficialValidator(): Promise<OfficialValidator> {
  let Deployment: Validatable, Service: Validatable, Container: Validatable, ObjectMeta: Validatable;
  try {
    [Deployment, Service, Container, ObjectMeta] = await Promise.all([load('Deployment'), load('Service'), load('Container'), load('ObjectMeta')]);
  } catch (e) {
    throw new Error(
      `the official Kubernetes schemas are not installed (${(e as Error).message}): npm i -D kubernetes-models@4.5.1 @kubernetes-models/apimachinery@2.2.0`,
      { cause: e },
    );
  }
  const check = (C: Validatable, data: unknown, at: string): string | null => {
    try {
      new C(data).validate();
      return null;
    } catch (e) {
      return `${at}: ${(e as Error).message}`;
    }
  };
  return (kind, obj) => {
    if (kind === 'Deployment') return check(Deployment, obj, 'Deployment');
    if (kind === 'Service') return check(Service, obj, 'Service');
    const spec = obj.spec as { predictor?: { containers?: unknown[] } } | undefined;
    const errors = [
      check(ObjectMeta, obj.metadata, 'InferenceService.metadata'),
      ...(spec?.predictor?.containers ?? []).map((c, i) => check(Container, c, `InferenceService.spec.predictor.containers[${i}]`)),
    ].filter((x): x is string => x !== null);
    return errors.length ? errors.join('; ') : null;
  };
}
