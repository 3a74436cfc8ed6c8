import { utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { CoreToMain, MainToCore } from '../core/utility-entry';
import type { CoreStatus } from './channels';
import { createRestartBudget } from './restart-budget';

const MAX_RESTARTS_PER_MINUTE = 3;
const SHUTDOWN_GRACE_MS = 3000;

export interface CoreProcessOptions {
  modulePath: string;
  dataDir: string;
  /** The core (re)started and accepts connections: every open page needs a new port. */
  onReady(): void;
  onStatus(status: CoreStatus): void;
  /** Restarting cannot help (bad data folder, crash loop): tell the user and quit. */
  onFatal(message: string, dataFolder: boolean): void;
}

/** Runs the core in a utility process, restarting it after a crash within a budget. */
export class CoreProcess {
  private child: UtilityProcess | null = null;
  private ready = false;
  private stopping = false;
  private gaveUp = false;
  private restarting = false;
  private readonly restarts = createRestartBudget(MAX_RESTARTS_PER_MINUTE, 60_000);

  constructor(private readonly opts: CoreProcessOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    const child = utilityProcess.fork(this.opts.modulePath, ['--data', this.opts.dataDir], {
      serviceName: 'Outpost core',
      stdio: 'inherit',
    });
    this.child = child;
    this.ready = false;
    child.on('message', (message: CoreToMain) => {
      if (message.type === 'ready') {
        this.ready = true;
        this.opts.onReady();
        if (this.restarting) this.opts.onStatus({ state: 'ready', message: "Outpost's core is running again." });
        this.restarting = false;
      } else if (message.type === 'fatal') {
        this.giveUp(message.message, message.dataFolder);
      }
    });
    child.on('exit', (code) => this.onExit(child, code));
  }

  /** Hands one end of a renderer's channel to the core; closed at once if the core is down. */
  connect(port: MessagePortMain): void {
    if (!this.child || !this.ready) {
      port.close();
      return;
    }
    const message: MainToCore = { type: 'connect' };
    this.child.postMessage(message, [port]);
  }

  /** Lets the core close the database cleanly; kills it if it does not exit in time. */
  stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill(), SHUTDOWN_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const message: MainToCore = { type: 'shutdown' };
      child.postMessage(message);
    });
  }

  private giveUp(message: string, dataFolder: boolean): void {
    this.gaveUp = true;
    this.child?.kill();
    this.opts.onFatal(message, dataFolder);
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.ready = false;
    if (this.stopping || this.gaveUp) return;
    if (!this.restarts.tryConsume(Date.now())) {
      this.giveUp(
        `Outpost's core stopped ${MAX_RESTARTS_PER_MINUTE + 1} times within a minute (last exit code ${code}). Your data is kept in ${this.opts.dataDir}; restart Outpost, and if this repeats, contact support.`,
        false,
      );
      return;
    }
    this.restarting = true;
    this.opts.onStatus({ state: 'restarting', message: `Outpost's core stopped unexpectedly (exit code ${code}) and is restarting; please retry.` });
    this.start();
  }
}
