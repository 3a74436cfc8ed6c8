import { app, BrowserWindow, dialog, MessageChannelMain, nativeTheme, session } from 'electron';
import path from 'node:path';
import { defaultDataDir } from '../core/data-dir';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { APP_ENTRY_URL } from './app-url';
import { CORE_STATUS_CHANNEL, PORT_CHANNEL, type CoreStatus } from './channels';
import { CoreProcess } from './core-process';
import { isAppUrl } from './navigation-policy';
import { createRestartBudget } from './restart-budget';
import { installSecurityPolicy } from './security';

// dist/main/main.cjs → dist/renderer and dist/core (inside app.asar once packaged).
const distDir = path.resolve(__dirname, '..');

let win: BrowserWindow | null = null;
let pageLoaded = false;
let core: CoreProcess | null = null;
// A page that crashes on every load is left crashed rather than reloaded forever.
const pageReloads = createRestartBudget(3, 60_000);

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Outpost',
    show: false,
    // The renderer's --bg (src-renderer/styles/app.css), so the window never flashes another colour.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#151619' : '#f7f7f8',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Every load is a fresh preload with no port: give it one (the first one waits for the core).
  window.webContents.on('did-start-loading', () => {
    pageLoaded = false;
  });
  window.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    connectRenderer();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && pageReloads.tryConsume(Date.now())) window.webContents.reload();
  });
  window.on('closed', () => {
    win = null;
    pageLoaded = false;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Opens a fresh channel between the page and the core; only our own page ever gets one. */
function connectRenderer(): void {
  if (!win || !pageLoaded || !core?.isReady) return;
  const contents = win.webContents;
  if (!isAppUrl(contents.getURL())) return;
  const { port1, port2 } = new MessageChannelMain();
  core.connect(port1);
  contents.postMessage(PORT_CHANNEL, null, [port2]);
}

function tellRenderer(status: CoreStatus): void {
  win?.webContents.send(CORE_STATUS_CHANNEL, status);
}

function quitWithError(message: string, dataFolder: boolean): void {
  dialog.showErrorBox(dataFolder ? 'Outpost cannot open its data folder' : 'Outpost stopped', message);
  app.exit(1);
}

function onReady(): void {
  installSecurityPolicy(session.defaultSession);
  serveAppProtocol(path.join(distDir, 'renderer'));
  core = new CoreProcess({
    modulePath: path.join(distDir, 'core', 'utility.mjs'),
    dataDir: defaultDataDir(),
    onReady: connectRenderer,
    onStatus: tellRenderer,
    onFatal: quitWithError,
  });
  core.start();
  win = createWindow();
}

function main(): void {
  registerAppScheme();
  app.enableSandbox();
  // One stable folder whatever the dev/packaged app name: the single-instance lock and the data live here.
  app.setPath('userData', path.join(app.getPath('appData'), 'Outpost'));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && app.isReady()) win = createWindow();
  });
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped || !core) return;
    // Let the core close SQLite cleanly before the process goes.
    event.preventDefault();
    void core.stop().then(() => {
      coreStopped = true;
      app.quit();
    });
  });
  // A start-up failure of our own gets the same dialog as a core failure, never a silent hang.
  app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => quitWithError(e instanceof Error ? e.message : String(e), false));
}

main();
