import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that keeps what it is given: the far end of the hub's sends.
 * `refuse` answers 550 to a recipient; `onMessage` runs after the whole message arrived and before
 * the server answers (to simulate a mail server filing a copy, or a connection dying right then).
 */
export interface SmtpSink {
  port: number;
  received: { from: string; to: string[]; raw: Buffer }[];
  refuse: Set<string>;
  /** Every sign-in the sink saw; an XOAUTH2 one whose token is in `refuseTokens` is refused, like an expired token. */
  auths: { method: string; username: string; accessToken?: string }[];
  refuseTokens: Set<string>;
  onMessage: ((raw: Buffer) => Promise<void>) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, received: [], refuse: new Set(), auths: [], refuseTokens: new Set(), onMessage: null, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    onAuth: (auth, _session, cb) => {
      sink.auths.push({ method: auth.method, username: auth.username ?? '', ...(auth.accessToken ? { accessToken: auth.accessToken } : {}) });
      if (auth.method === 'XOAUTH2' && sink.refuseTokens.has(auth.accessToken ?? '')) return cb(null, { data: { status: '401', schemes: 'bearer' } });
      cb(null, { user: auth.username });
    },
    onRcptTo(address, _session, cb) {
      if (sink.refuse.has(address.address)) return cb(Object.assign(new Error('5.1.1 <' + address.address + '>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        sink.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        void (sink.onMessage ? sink.onMessage(raw) : Promise.resolve()).then(() => cb(), (e: Error) => cb(e));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}
