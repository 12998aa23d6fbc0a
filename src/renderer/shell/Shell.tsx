import { NavRail } from './NavRail';
import { TopBar } from './TopBar';
import { StatusBar } from './StatusBar';
import { ViewHost } from './ViewHost';
import { CommandPalette } from './CommandPalette';
import { DropZone } from './DropZone';
import { AddVersionDialog } from '../views/datasets/AddVersionDialog';
import { useHotkeys } from './use-hotkeys';

/** The frame: rail | top bar + view | status bar, with the palette, drop zone and add dialog over it. */
export function Shell() {
  useHotkeys();
  return (
    <div className="shell">
      <NavRail />
      <div className="shell-main">
        <TopBar />
        <main className="view">
          <ViewHost />
        </main>
      </div>
      <StatusBar />
      <DropZone />
      <AddVersionDialog />
      <CommandPalette />
    </div>
  );
}
