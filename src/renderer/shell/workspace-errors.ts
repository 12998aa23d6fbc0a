/** A short heading per workspace error code; the message under it says why and what to do. */
export function workspaceErrorTitle(code: string | undefined): string {
  switch (code) {
    case 'NOT_A_WORKSPACE':
      return 'This folder is not a Kiln workspace yet';
    case 'INVALID_INPUT':
      return 'Give the full path of the folder';
    case 'WORKSPACE_EXISTS':
      return 'The folder already holds a pipeline';
    case 'WORKSPACE_NOT_FOUND':
      return 'Folder not found';
    case 'DB_CORRUPT':
      return 'The workspace database is damaged — nothing was changed';
    case 'DB_TOO_NEW':
      return 'This workspace was written by a newer Kiln — nothing was changed';
    default:
      return 'Could not open the workspace';
  }
}
