import { useEffect, useState } from 'react';
import { ArrowUp, Folder, Home } from 'lucide-react';
import type { FolderListing } from '../../shared/contract/index.js';
import { api } from '../api/client';
import { Button } from '../components/Button';
import { ErrorBanner } from '../components/ErrorBanner';
import { KilnMark } from './KilnMark';

/**
 * Folders on the machine Kiln runs on, served by Kiln (a browser has no native folder picker
 * that gives a path). Clicking a folder enters it; `onChoose` follows the folder shown.
 */
export function FolderBrowser({ start, onChoose }: { start?: string; onChoose(path: string): void }) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const go = (path?: string) =>
    void api.invoke('workspaces:browse', path ? { path } : {}).then(
      (l) => {
        setListing(l);
        setError(null);
        onChoose(l.path);
      },
      (e: unknown) => setError(e),
    );
  useEffect(() => go(start), []);
  return (
    <div className="folder-browser" role="group" aria-label="Folder browser">
      <div className="folder-browser-bar">
        <Button
          size="small"
          variant="ghost"
          icon={<ArrowUp size={13} />}
          disabled={!listing?.parent}
          onClick={() => go(listing?.parent ?? undefined)}
          aria-label="Parent folder"
          title="Parent folder"
        />
        <Button size="small" variant="ghost" icon={<Home size={13} />} onClick={() => go()} aria-label="Home folder" title="Home folder" />
        <span className="mono ellipsis folder-browser-path" title={listing?.path}>
          {listing?.path ?? '…'}
        </span>
      </div>
      {error ? <ErrorBanner error={error} title="Cannot list this folder" /> : null}
      <ul className="folder-browser-list" aria-label="Folders">
        {listing?.entries.map((e) => (
          <li key={e.path}>
            <button type="button" className="folder-browser-item" onClick={() => go(e.path)} title={e.path}>
              {e.workspace ? <KilnMark size={13} /> : <Folder size={13} aria-hidden="true" />}
              <span className="ellipsis">{e.name}</span>
              {e.workspace ? <span className="faint folder-browser-tag">workspace</span> : null}
            </button>
          </li>
        ))}
        {listing && listing.entries.length === 0 ? <li className="faint folder-browser-empty">No sub-folders</li> : null}
      </ul>
    </div>
  );
}
