import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createMailer } from './mailer';

const MAIL = {
  to: 'sunita.rao@riverside.example',
  subject: 'Report due in 3 working days',
  text: 'The Education highlight report is due on Thursday 3 December.',
  html: '<p>The Education highlight report is due on <strong>Thursday 3 December</strong>.</p>',
};

describe('the mailer', () => {
  it('with no SMTP server, writes each e-mail as a whole .eml file in the outbox, text and HTML', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pbw-outbox-'));
    try {
      const mailer = createMailer({ smtpUrl: null, mailFrom: 'Board <board@riverside.example>', mailOutboxDir: join(dir, 'outbox') });
      const sent = await mailer.send({ ...MAIL, messageId: '<reminder-1@pbw>' });
      mailer.close();
      expect(await readdir(join(dir, 'outbox'))).toEqual([sent.outboxFile?.split('/').pop()]);
      const eml = await readFile(sent.outboxFile as string, 'utf8');
      expect(eml).toContain('From: Board <board@riverside.example>');
      expect(eml).toContain('To: sunita.rao@riverside.example');
      expect(eml).toContain('Subject: Report due in 3 working days');
      expect(eml).toContain('Message-ID: <reminder-1@pbw>');
      expect(eml).toContain('Content-Type: text/plain');
      expect(eml).toContain('Content-Type: text/html');
      expect(eml).toContain('The Education highlight report is due on Thursday 3 December.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with SMTP_URL, delivers to the SMTP server (a real one on loopback), which receives the message', async () => {
    const received: Array<{ from: string; to: string[]; data: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    try {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        mailFrom: 'board@riverside.example',
        mailOutboxDir: '/nonexistent',
      });
      const sent = await mailer.send(MAIL);
      mailer.close();
      expect(sent.outboxFile).toBeUndefined();
      expect(received).toHaveLength(1);
      expect(received[0].from).toBe('board@riverside.example');
      expect(received[0].to).toEqual(['sunita.rao@riverside.example']);
      expect(received[0].data).toContain('Subject: Report due in 3 working days');
      expect(received[0].data).toContain(`Message-ID: ${sent.messageId}`);
      expect(received[0].data).toContain('Content-Type: text/html');
      expect(received[0].data).toContain('<p>The Education highlight report is due on <strong>Thursday');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
