import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * An SMTP server that keeps what it receives, parsed: the embedded mail sink for
 * trying dondoc without a mail server, and the real SMTP peer of the tests.
 * It can be told to refuse mail for a while, as a down server would. Given a
 * store, it keeps every message there before accepting it and starts with what
 * the store already holds, so the mailbox survives a restart.
 */
export interface CaughtMail {
  /** Its number, in order of arrival: the store's, or the position in this process. */
  id: number;
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
  at: Date;
}

/** What a store keeps of a message: the raw message and the fields the mailbox shows. */
export interface KeptMail {
  at: Date;
  envelopeTo: string[];
  from: string;
  subject: string | null;
  text: string | null;
  raw: string;
}

export interface CaughtMailStore {
  /** The kept messages, oldest first, each with its number. */
  load(): Promise<(KeptMail & { id: number })[]>;
  /** Keeps one; resolves with its number. */
  save(m: KeptMail): Promise<number>;
  /** How many the store keeps; the catcher holds no more in memory. */
  max: number;
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
  store?: CaughtMailStore;
}

/** A kept message as the catcher holds it; the parsed fields are those the store kept. */
function fromStore(m: KeptMail & { id: number }): CaughtMail {
  const parsed = {
    subject: m.subject ?? undefined,
    text: m.text ?? undefined,
    from: { text: m.from, value: [], html: '' },
    html: false,
    attachments: [],
    headers: new Map(),
    headerLines: [],
  } as ParsedMail;
  return { id: m.id, raw: m.raw, parsed, envelopeTo: m.envelopeTo, at: m.at };
}

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const store = opts.store;
  const messages: CaughtMail[] = store ? (await store.load()).map(fromStore) : [];
  let last = messages.at(-1)?.id ?? 0;
  const state = { refusing: false };
  const keep = async (raw: string, parsed: ParsedMail, envelopeTo: string[]) => {
    const at = new Date();
    const kept = { at, envelopeTo, from: parsed.from?.text ?? '', subject: parsed.subject ?? null, text: parsed.text ?? null, raw };
    const id = store ? await store.save(kept) : ++last;
    messages.push({ id, raw, parsed, envelopeTo, at });
    if (store && messages.length > store.max) messages.splice(0, messages.length - store.max);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A sender's pooled connection is told 421 (try later) after a second instead of holding a stop for 30 s.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refusing) return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const delay = new Promise((r) => setTimeout(r, opts.acceptDelayMs ?? 0));
        delay
          .then(() => simpleParser(raw))
          .then((parsed) =>
            // Not kept (the store is down): a temporary refusal, so the sender tries again.
            keep(
              raw,
              parsed,
              session.envelope.rcptTo.map((r) => r.address),
            ).catch((err: Error) => {
              throw Object.assign(err, { responseCode: 451 });
            }),
          )
          .then(
            () => callback(),
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
