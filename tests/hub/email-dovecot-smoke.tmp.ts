import { startDovecot, testMessage } from '../support/dovecot';
const d = await startDovecot();
d.addUser('alice', 'pw');
await d.deliver('alice', testMessage(1));
console.log(await d.append('alice', 'pw', 'Archive', [testMessage(2)]));
const c = await d.client('alice', 'pw');
console.log(await c.status('INBOX', { messages: true, uidNext: true, uidValidity: true, highestModseq: true }), c.enabled, [...c.capabilities.keys()].join(' '));
await c.logout();
await d.stop();
