import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * An SMTP server that keeps what it receives, parsed: the embedded mail sink for
 * trying dondoc without a mail server, and the real SMTP peer of the tests.
 * It can be told to refuse mail for a while, as a down server would.
 */
export interface CaughtMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
  at: Date;
}

export interface MailCatcher {
  port: number;
  messages: CaughtMail[];
  /** While true, every message is refused with a temporary error (451). */
  refusing: boolean;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  port?: number;
  host?: string;
  /** Wait this long before accepting each message, as a slow server would. */
  acceptDelayMs?: number;
}

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refusing) return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const delay = new Promise((r) => setTimeout(r, opts.acceptDelayMs ?? 0));
        delay
          .then(() => simpleParser(raw))
          .then(
            (parsed) => {
              messages.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address), at: new Date() });
              callback();
            },
            (err: Error) => callback(err),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  // A sender that dies mid-conversation (a worker killed with SIGKILL) resets its connection;
  // smtp-server reports that as an 'error' event, which must not bring the sink's process down.
  server.on('error', () => {});
  const address = server.server.address();
  const catcher: MailCatcher = {
    port: typeof address === 'object' && address ? address.port : 0,
    messages,
    get refusing() {
      return state.refusing;
    },
    set refusing(v: boolean) {
      state.refusing = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return catcher;
}
