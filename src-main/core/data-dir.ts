import os from 'node:os';
import path from 'node:path';

/**
 * Where a user's replica lives when no --data or OUTPOST_DATA is given: the platform's app-data
 * folder, the same one Electron calls appData, so the desktop app and the browser console share it.
 */
export function defaultDataDir(): string {
  if (process.env.OUTPOST_DATA) return path.resolve(process.env.OUTPOST_DATA);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Outpost', 'data');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Outpost', 'data');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Outpost', 'data');
  }
}
