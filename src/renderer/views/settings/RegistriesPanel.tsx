import { useCallback, useEffect, useState } from 'react';
import type { RegistryEntry } from '../../../shared/contract/index.js';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';

const SOURCE: Record<RegistryEntry['credentials'], string> = {
  app: 'kept by Kiln (OS keychain)',
  helper: 'credential helper',
  config: '~/.docker/config.json',
  none: 'anonymous',
};

/**
 * Registries Kiln pushes to: those of the docker config plus those added here. Passwords go to the
 * docker config's credential helper (as docker login does) and never into Kiln's files.
 */
export function RegistriesPanel() {
  const [list, setList] = useState<RegistryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [host, setHost] = useState('');
  const [insecure, setInsecure] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const load = useCallback(() => {
    api.invoke('registries:list', {}).then(setList, setError);
  }, []);
  useEffect(load, [load]);
  const save = async () => {
    setError(null);
    try {
      await api.invoke('registries:save', { host: host.trim(), insecure, ...(username ? { username, password } : {}) });
      setHost('');
      setUsername('');
      setPassword('');
      load();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (h: string) => {
    await api.invoke('registries:remove', { host: h }).catch(setError);
    load();
  };
  return (
    <section className="card" aria-labelledby="reg-h">
      <div className="card-head">
        <h2 id="reg-h">Registries</h2>
      </div>
      <div className="card-body">
        {list?.length ? (
          <dl className="kv">
            {list.map((r) => (
              <div key={r.host} className="registry-row">
                <dt className="mono">{r.host}</dt>
                <dd>
                  {SOURCE[r.credentials]}
                  {r.username ? ` (${r.username})` : ''}
                  {r.insecure ? ' · insecure' : ''}{' '}
                  <Button size="small" variant="ghost" aria-label={`Remove ${r.host}`} onClick={() => void remove(r.host)}>
                    Remove
                  </Button>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <div className="muted">{list ? 'No registries yet: add one below, or run docker login.' : '…'}</div>
        )}
        <form
          className="registry-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Host">
            <input
              className="input mono"
              aria-label="Registry host"
              placeholder="registry.example.com:5000"
              value={host}
              onChange={(e) => setHost(e.target.value)}
              spellCheck={false}
            />
          </Field>
          <Field label="Username">
            <input
              className="input"
              aria-label="Username"
              placeholder="optional"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="off"
            />
          </Field>
          <Field label="Password">
            <input
              className="input"
              aria-label="Password"
              placeholder="password or token"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="off"
              disabled={!username}
            />
          </Field>
          <label className="field-inline">
            <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} /> insecure (plain HTTP or unchecked TLS)
          </label>
          <Button type="submit" size="small" disabled={!host.trim()}>
            Add registry
          </Button>
        </form>
        {error != null && <ErrorBanner error={error} title="Registries" />}
      </div>
    </section>
  );
}
