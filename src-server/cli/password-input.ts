import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from './args';

/** The whole of stdin, less one trailing newline: `echo "$PW" | npm run hub -- user add ... --password-stdin`. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function ask(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

export async function readNewPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password on: pipe it in with --password-stdin');
  const first = await ask('New password: ');
  if ((await ask('Repeat it: ')) !== first) throw new UsageError('the two passwords differ; nothing was changed');
  return first;
}

/** A secret to store as given (a mailbox password or OAuth2 token): from stdin, or asked once on the terminal. */
export async function readSecret(fromStdin: boolean, what: string): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError(`no terminal to ask for the ${what} on: pipe it in with --password-stdin or --oauth2-token-stdin`);
  return ask(`${what[0]!.toUpperCase()}${what.slice(1)}: `);
}
