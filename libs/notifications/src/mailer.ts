import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

/** An e-mail as the templates make it: always both a plain-text and an HTML body. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable across retries of the same notification, so a receiving system can spot a repeat. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** Where the .eml file went, when there is no SMTP server. */
  outboxFile?: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailerConfig {
  smtpUrl: string | null;
  mailFrom: string;
  mailOutboxDir: string;
}

/**
 * E-mail through nodemailer: over SMTP when SMTP_URL is set; otherwise each message is written,
 * complete with headers, as an .eml file in the outbox folder, so a development machine sends
 * nothing and every e-mail can still be opened and read.
 */
export function createMailer(config: MailerConfig): Mailer {
  if (config.smtpUrl) {
    // Bounded waits, so one stuck server cannot hold a job past its queue lock (QUEUE_LOCK_MS).
    const transport: Transporter = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      async send(mail) {
        const info = await transport.sendMail({ from: config.mailFrom, ...mail });
        return { messageId: String(info.messageId) };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: config.mailFrom, ...mail });
      await mkdir(config.mailOutboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(config.mailOutboxDir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      // Written whole and then renamed, so a reader of the folder never sees half a message.
      await writeFile(`${file}.part`, info.message as Buffer);
      await rename(`${file}.part`, file);
      return { messageId: String(info.messageId), outboxFile: file };
    },
    close: () => transport.close(),
  };
}
