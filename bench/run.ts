/**
 * Benchmarks: `npm run bench -- <name> [options]`. Each bench lives in its own folder and
 * exports `run(args)`; add new ones (sync, email, ui) to the table below.
 */
const BENCHES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  local: () => import('./local/local-bench'),
  ui: () => import('./ui/ui-bench'),
  sync: () => import('./sync/sync-bench'),
  email: () => import('./email/email-bench'),
};

async function main(): Promise<void> {
  const [benchName, ...args] = process.argv.slice(2);
  const load = benchName === undefined ? undefined : BENCHES[benchName];
  if (!load) {
    const known = Object.keys(BENCHES).join(', ');
    const what = benchName === undefined ? 'name a benchmark' : `unknown benchmark "${benchName}"`;
    process.stderr.write(`bench: ${what}; known: ${known}. Usage: npm run bench -- <name> [options]\n`);
    process.exit(2);
  }
  await (await load()).run(args);
}

void main();
