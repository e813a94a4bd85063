import { Command, InvalidArgumentError } from 'commander';
import { loadConfig, publicUrlOf, type Config } from '@dondoc/config';
import { chooseQueueStore, freePort, openDatabase } from '@dondoc/embedded';
import { createQueueStore, redact } from '@dondoc/queue';
import {
  apply,
  caughtMailLimits,
  createDb,
  loadCaughtMail,
  saveCaughtMail,
  createRegime,
  createToken,
  loadCalendar,
  loadConsolidation,
  openPeriod,
  parseRegimeInput,
  pendingTimers,
  periodToOpen,
  removeCalendarOverride,
  revokeToken,
  setCalendarOverride,
  ensureDatabase,
  findRegime,
  findUserIdByEmail,
  hasUnits,
  history,
  periodsOfDirective,
  subjectOfId,
  listAssignments,
  listDirectives,
  listFailedNotifications,
  retryFailedNotifications,
  migrateToLatest,
  seedDemo,
  type Db,
} from '@dondoc/db';
import {
  DomainError,
  NotFoundError,
  calendarOverrideSchema,
  gioToHungVuong,
  localDateOf,
  reportInputSchema,
  tetNguyenDan,
  toValidationError,
  workingDaysBetween,
  ymd,
} from '@dondoc/domain';
import { startApiServer } from '@dondoc/api';
import type { EngineEvent } from '@dondoc/db';
import { createLogger, exitOnSignal } from '@dondoc/observability';
import { startWorker } from '@dondoc/worker';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { consolidationCsv, consolidationHtml, consolidationXlsx } from '@dondoc/reports';
import { writeFile } from 'node:fs/promises';
import { printTable } from './output.ts';
import { startBanner } from './start-banner.ts';
import { step } from './start-steps.ts';

/** `dondoc`: the operator's command line. Each command opens the database, does one thing and exits. */
const config = loadConfig();

/** Runs `fn` on dondoc's database: DATABASE_URL, the running `start`'s embedded one, or the embedded one opened for this command. */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(config, { shared: true });
  try {
    return await onDatabase(database.url, fn);
  } finally {
    await database.close();
  }
}

async function onDatabase<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url, { max: 2 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('phải là số nguyên / must be a whole number');
  return n;
};

const program = new Command('dondoc').description('dondoc: theo dõi, đôn đốc thực hiện văn bản chỉ đạo / directive follow-up engine');

program
  .command('migrate')
  .description('tạo cơ sở dữ liệu nếu chưa có và chạy migration / create the database if missing and migrate it')
  .action(async () => {
    if (config.given.databaseUrl) await ensureDatabase(config.databaseUrl);
    const done = await withDb(migrateToLatest);
    console.log(done.length ? `Đã chạy / applied: ${done.join(', ')}` : 'Cơ sở dữ liệu đã mới nhất / already up to date');
  });

program
  .command('seed')
  .description('nạp dữ liệu mẫu: tỉnh Hòa An và Chỉ thị 25/CT-UBND / load the demo province and directive')
  .action(async () => {
    const r = await withDb((db) => seedDemo(db));
    console.log(`${r.units} đơn vị, ${r.users} người dùng; chỉ thị ${r.directiveId} ${r.directiveCreated ? 'đã ban hành / issued' : 'đã có / already there'}`);
  });

program
  .command('directives')
  .description('liệt kê văn bản chỉ đạo / list directives')
  .option('--state <state>', 'lọc theo trạng thái / filter by state')
  .action(async (opts: { state?: string }) => {
    printTable((await withDb((db) => listDirectives(db, opts))) as never);
  });

program
  .command('assignments')
  .description('liệt kê phân công / list assignments')
  .option('--directive <id>', 'của văn bản / of a directive')
  .option('--unit <code>', 'của đơn vị / of a unit')
  .option('--state <state>', 'theo trạng thái / in a state')
  .action(async (opts: { directive?: string; unit?: string; state?: string }) => {
    const rows = await withDb((db) => listAssignments(db, { directiveId: opts.directive, unitCode: opts.unit, state: opts.state }));
    printTable(
      rows.map((r) => ({ id: r.id, task: r.taskOrdinal, unit: r.unitCode, role: r.role, state: r.state, v: r.version, due: r.dueAt, overdue: r.overdue })),
    );
  });

program
  .command('apply')
  .description('áp dụng một sự kiện vào phân công hoặc văn bản / apply an event to an assignment or a directive')
  .argument('<id>', 'mã phân công hoặc văn bản / assignment or directive id')
  .argument('<event>', 'ví dụ / e.g. ACKNOWLEDGE, START, SUBMIT_REPORT, APPROVE, RETURN, WITHDRAW')
  .option('--data <json>', 'dữ liệu kèm sự kiện / event fields as JSON, e.g. \'{"reason":"..."}\'', '{}')
  .option('--expected-version <n>', 'phiên bản đã đọc / the version you read', int)
  .action(async (id: string, type: string, opts: { data: string; expectedVersion?: number }) => {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(opts.data) as Record<string, unknown>;
    } catch {
      throw new InvalidArgumentError('--data không phải JSON hợp lệ / --data is not valid JSON');
    }
    const r = await withDb(async (db) => {
      const subject = await subjectOfId(db, id);
      return apply(db, { subject, event: { ...data, type } as EngineEvent, actor: { kind: 'system', label: 'cli' }, expectedVersion: opts.expectedVersion });
    });
    console.log(`${r.subject.type} ${r.subject.id}: ${r.fromState} → ${r.toState} (v${r.version})`);
  });

program
  .command('history')
  .description('nhật ký sự kiện / audit trail')
  .argument('<id>', 'mã phân công hoặc văn bản / assignment or directive id')
  .action(async (id: string) => {
    const rows = await withDb(async (db) => history(db, await subjectOfId(db, id)));
    printTable(
      rows.map((e) => ({
        seq: e.seq,
        at: e.created_at,
        event: e.type,
        from: e.from_state,
        to: e.to_state,
        actor: e.actor,
        payload: JSON.stringify(e.payload),
      })),
    );
  });

const calendar = program.command('calendar').description('lịch làm việc / the working calendar');
calendar
  .command('show', { isDefault: true })
  .description('ngày nghỉ lễ, nghỉ bù, hoán đổi và làm bù của một năm / the holidays and decisions of a year')
  .argument('[year]', 'năm / year', (v) => {
    const n = int(v);
    if (n < 1900 || n > 2100) throw new InvalidArgumentError('năm từ 1900 đến 2100 / a year from 1900 to 2100');
    return n;
  })
  .action(async (year: number | undefined) => {
    const y = year ?? new Date().getFullYear();
    const cal = await withDb(loadCalendar);
    const workingDays = workingDaysBetween(cal, ymd(y - 1, 12, 31), ymd(y, 12, 31));
    console.log(`Năm ${y}: Tết Nguyên đán ${tetNguyenDan(y)}, Giỗ Tổ Hùng Vương ${gioToHungVuong(y)}, ${workingDays} ngày làm việc / working days`);
    printTable(cal.specialDays(y).map((d) => ({ date: d.date, working: d.working ? 'làm việc' : 'nghỉ', kind: d.kind, reason: d.reasonVi })));
  });
calendar
  .command('set')
  .description(
    'ghi quyết định cho một ngày: nghỉ (day_off) hoặc làm việc (working_day); dời các hạn tính theo ngày làm việc / ' +
      'record a decision for a day and move working-day deadlines',
  )
  .argument('<date>', 'yyyy-mm-dd')
  .argument('<kind>', 'day_off | working_day')
  .requiredOption('--reason <text>', 'căn cứ, ví dụ số công văn / the decision, e.g. its number')
  .action(async (date: string, kind: string, opts: { reason: string }) => {
    const input = calendarOverrideSchema.safeParse({ date, kind, reason: opts.reason });
    if (!input.success) throw toValidationError(input.error.issues[0]!);
    const moved = await withDb((db) => setCalendarOverride(db, input.data, { kind: 'system', label: 'cli' }));
    console.log(`Đã ghi ${date} (${kind}); ${moved.length} hạn được dời / deadlines moved`);
    printTable(moved.map((m) => ({ assignment: m.assignmentId, from: new Date(m.from), to: new Date(m.to) })));
  });
calendar
  .command('unset')
  .description("bỏ quyết định của một ngày / remove a day's decision")
  .argument('<date>', 'yyyy-mm-dd')
  .action(async (date: string) => {
    const moved = await withDb((db) => removeCalendarOverride(db, date, { kind: 'system', label: 'cli' }));
    if (!moved) throw new NotFoundError('quyết định lịch cho ngày', 'calendar override for', date);
    console.log(`Đã bỏ ${date}; ${moved.length} hạn được dời / deadlines moved`);
  });

program
  .command('regime')
  .description('đặt chế độ báo cáo cho văn bản / put a reporting regime on a directive')
  .argument('<directiveId>')
  .argument('<kind>', 'weekly | monthly | quarterly | half_yearly | yearly | end_of_campaign | ad_hoc')
  .requiredOption('--due <json>', 'hạn báo cáo / due rule, e.g. \'{"kind":"working_days_after_end","days":5}\'')
  .option('--close-after <n>', 'đóng kỳ sau N ngày làm việc / close N working days after the due day', int, 5)
  .action(async (directiveId: string, kind: string, opts: { due: string; closeAfter: number }) => {
    let dueRule: unknown;
    try {
      dueRule = JSON.parse(opts.due);
    } catch {
      throw new InvalidArgumentError('--due không phải JSON hợp lệ / --due is not valid JSON');
    }
    const regime = await withDb((db) => createRegime(db, directiveId, parseRegimeInput({ kind, dueRule, closeAfterWorkingDays: opts.closeAfter })));
    console.log(`Chế độ báo cáo / regime ${regime.id} (${regime.kind})`);
  });

program
  .command('periods')
  .description('các kỳ báo cáo của văn bản / the report periods of a directive')
  .argument('<directiveId>')
  .action(async (directiveId: string) => {
    const rows = await withDb((db) => periodsOfDirective(db, directiveId));
    printTable(rows.map((p) => ({ id: p.id, period: p.period_key, due: p.due_at, closes: p.closes_at, state: p.state })));
  });

program
  .command('open-period')
  .description('mở kỳ báo cáo chứa một ngày (mặc định hôm nay) / open the period holding a date (default today)')
  .argument('<regimeId>')
  .option('--date <yyyy-mm-dd>')
  .action(async (regimeId: string, opts: { date?: string }) => {
    const r = await withDb(async (db) => {
      const regime = await findRegime(db, regimeId);
      if (!regime) throw new NotFoundError('chế độ báo cáo', 'reporting regime', regimeId);
      const p = await periodToOpen(db, regime, { date: opts.date ?? localDateOf(new Date()) });
      return { ...(await openPeriod(db, { regimeId, ...p }, { kind: 'system', label: 'cli' })), p };
    });
    console.log(`${r.opened ? 'Đã mở / opened' : 'Đã có / already open'} ${r.p.key}: ${r.periodId}`);
  });

program
  .command('report')
  .description("gửi, trả lại hoặc chấp nhận báo cáo của đơn vị / submit, return or accept a unit's report")
  .argument('<action>', 'submit | return | accept')
  .argument('<unitReportId>')
  .option('--text <text>', 'nội dung báo cáo / the report')
  .option('--values <json>', 'số liệu theo chỉ tiêu / values by target code', '{}')
  .option('--reason <text>', 'lý do trả lại / why it is returned')
  .action(async (action: string, id: string, opts: { text?: string; values: string; reason?: string }) => {
    const event =
      action === 'submit'
        ? { type: 'SUBMIT' as const, at: new Date().toISOString(), ...reportInputSchema.parse({ text: opts.text, values: JSON.parse(opts.values) }) }
        : action === 'return'
          ? { type: 'RETURN' as const, reason: opts.reason ?? '' }
          : action === 'accept'
            ? { type: 'ACCEPT' as const }
            : null;
    if (!event) throw new InvalidArgumentError('submit | return | accept');
    const r = await withDb((db) => apply(db, { subject: { type: 'unit_report', id }, event, actor: { kind: 'system', label: 'cli' } }));
    console.log(`${id}: ${r.toState} (v${r.version})`);
  });

program
  .command('consolidation')
  .description('báo cáo tổng hợp của một kỳ / the consolidated report of a period')
  .argument('<periodId>')
  .option('--format <format>', 'json | csv | xlsx | html', 'json')
  .option('--out <file>', 'ghi ra tệp / write to a file')
  .action(async (periodId: string, opts: { format: string; out?: string }) => {
    const c = await withDb((db) => loadConsolidation(db, periodId));
    const out =
      opts.format === 'csv'
        ? consolidationCsv(c)
        : opts.format === 'xlsx'
          ? await consolidationXlsx(c)
          : opts.format === 'html'
            ? consolidationHtml(c)
            : JSON.stringify(c, null, 2);
    if (opts.out) await writeFile(opts.out, out);
    else process.stdout.write(out);
  });

const token = program.command('token').description('mã truy cập API / API bearer tokens');
token
  .command('create')
  .description('tạo mã truy cập cho người dùng; in mã ra stdout / create a token for a user and print it')
  .argument('<email>', "thư điện tử của người dùng / the user's email")
  .option('--label <text>', 'ghi chú / a note on what it is for', 'cli')
  .action(async (email: string, opts: { label: string }) => {
    const made = await withDb(async (db) => {
      const userId = await findUserIdByEmail(db, email);
      if (!userId) throw new NotFoundError('người dùng', 'user', email);
      return createToken(db, userId, opts.label);
    });
    console.error(`Mã ${made.id} cho ${email}; chỉ hiện một lần / shown once:`);
    console.log(made.token);
  });
token
  .command('revoke')
  .description('thu hồi mã truy cập / revoke a token')
  .argument('<id>', 'mã của token / the token id')
  .action(async (id: string) => {
    await withDb((db) => revokeToken(db, id));
    console.log(`Đã thu hồi / revoked ${id}`);
  });

program
  .command('timers')
  .description('hẹn giờ đang chờ của phân công hoặc văn bản: khi nào, để làm gì / pending timers of an assignment or directive: when and why')
  .argument('<id>')
  .action(async (id: string) => {
    const rows = await withDb(async (db) => pendingTimers(db, await subjectOfId(db, id)));
    printTable(rows.map((t) => ({ at: t.fireAt, unit: t.unitCode, kind: t.kind, step: t.step, gen: t.generation, why: t.why.vi })));
  });

const mail = program.command('mail').description('thư không gửi được / mail that could not be sent');
mail
  .command('failed')
  .description('liệt kê thư lỗi chờ gửi lại: người nhận, mẫu, lỗi cuối / list failed mail waiting for a retry: recipient, template, last error')
  .action(async () => {
    const rows = await withDb((db) => listFailedNotifications(db));
    printTable(
      rows.map((n) => ({
        id: n.id,
        failed: n.failedAt,
        to: n.to,
        template: n.template,
        subject: n.subjectId ? `${n.subjectType} ${n.subjectId}` : null,
        attempts: n.attempts,
        error: n.lastError,
      })),
    );
  });
mail
  .command('retry')
  .description('gửi lại một thư lỗi, hoặc tất cả với --all / send a failed mail again, or all of them with --all')
  .argument('[id]', 'mã thư / the notification id')
  .option('--all', 'mọi thư lỗi / every failed mail')
  .action(async (id: string | undefined, opts: { all?: boolean }) => {
    if (!id === !opts.all) throw new InvalidArgumentError('cho một mã thư hoặc --all / give one notification id or --all');
    const retried = await withDb((db) => retryFailedNotifications(db, opts.all ? 'all' : { ids: [id!] }));
    if (id && retried.length === 0) throw new NotFoundError('thư lỗi', 'failed notification', id);
    console.log(`Đã đưa lại vào hàng gửi ${retried.length} thư / queued ${retried.length} for sending again${retried.length ? `: ${retried.join(', ')}` : ''}`);
  });

program
  .command('start')
  .description('chạy dondoc: migrate, nạp dữ liệu mẫu nếu trống, chạy API, worker và web / run dondoc: API, worker and web app')
  .action(async () => {
    // On a terminal, unless LOG_LEVEL says otherwise, only warnings and errors follow the banner:
    // a first run sends hundreds of mails, and a line for each would scroll the sign-ins away.
    const quiet = !config.given.logLevel && process.stdout.isTTY === true;
    const logger = createLogger(quiet ? 'warn' : config.logLevel, 'dondoc', { format: config.logFormat });
    // Whatever is started is stopped again, in reverse order, on Ctrl+C (even while starting) or when starting fails.
    const stops: (() => Promise<void>)[] = [];
    const stopAll = async () => {
      for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
    };
    exitOnSignal(logger, stopAll);
    try {
      const database = await step(
        config.given.databaseUrl
          ? 'Kết nối cơ sở dữ liệu / connecting to the database'
          : `Mở cơ sở dữ liệu nhúng / opening the embedded database in ${config.dataDir}`,
        () => openDatabase(config, { shared: false }),
      );
      stops.push(() => database.close());
      if (config.given.databaseUrl) await ensureDatabase(database.url);
      await step(
        'Cập nhật cấu trúc cơ sở dữ liệu / migrating the database',
        () => onDatabase(database.url, migrateToLatest),
        (done) => (done.length ? `đã áp dụng / applied ${done.length} migration${done.length === 1 ? '' : 's'}` : 'đã mới nhất / up to date'),
      );
      if (!(await onDatabase(database.url, hasUnits))) {
        const seeded = await step(
          'Nạp dữ liệu mẫu / loading the demo data: tỉnh Hòa An, Chỉ thị 25/CT-UBND, Kế hoạch 146/KH-UBND',
          () => onDatabase(database.url, (db) => seedDemo(db)),
          (r) => `${r.units} đơn vị / units, ${r.users} người dùng / users`,
        );
        logger.debug({ directiveId: seeded.directiveId }, 'demo data loaded');
      }
      // The port is fixed before anything starts, so that the links in mail (PUBLIC_URL's default) name the one in use.
      const port = config.api.port || (await freePort());
      const served = publicUrlOf(config.api.host, port);
      const running: Config = Object.freeze({
        ...config,
        databaseUrl: database.url,
        api: Object.freeze({ ...config.api, port }),
        publicUrl: config.given.publicUrl ? config.publicUrl : served,
      });
      const { queue, catcher } = await step('Khởi động hàng đợi, thư, worker và API / starting the queues, mail, worker and API', async () => {
        const queue = await chooseQueueStore(config, database.url);
        stops.push(() => queue.close());
        if (queue.warning) console.warn(queue.warning);
        const store = createQueueStore(queue.spec);
        stops.push(() => store.close());
        // Without SMTP settings, mail goes to an in-process catcher that keeps it in the database, so trying dondoc sends nothing out.
        const catcher = config.smtp ? null : await startCatcher(database.url, stops);
        const smtp = config.smtp ?? { host: '127.0.0.1', port: catcher!.port, secure: false };
        const worker = await startWorker(running, logger, { smtp, store });
        stops.push(() => worker.close());
        const api = await startApiServer(running, logger, { store, ...(catcher && { mailbox: catcher }) });
        stops.push(() => api.close());
        return { queue, catcher };
      });
      console.log(
        startBanner({
          base: served,
          ...(config.given.publicUrl && config.publicUrl.replace(/\/$/, '') !== served && { publicUrl: config.publicUrl }),
          database: database.embedded
            ? `PGlite nhúng / embedded PGlite in ${config.dataDir} (${database.url}); set DATABASE_URL to use a PostgreSQL server`
            : redact(database.url),
          queues: queue.note,
          mail: catcher ? true : { host: config.smtp!.host, port: config.smtp!.port },
          quietLogs: quiet,
        }),
      );
    } catch (err) {
      await stopAll().catch(() => {});
      printError(portInUse(err) ?? err);
      process.exit(1); // what half started (a worker's connections) must not keep the process alive
    }
  });

/** The mail catcher of `start`, keeping what it catches in the database so the mailbox survives a restart. */
async function startCatcher(databaseUrl: string, stops: (() => Promise<void>)[]): Promise<MailCatcher> {
  const db = createDb(databaseUrl, { max: 2 });
  stops.push(() => db.destroy());
  const catcher = await startMailCatcher({
    port: 0,
    store: { load: () => loadCaughtMail(db), save: (m) => saveCaughtMail(db, m), max: caughtMailLimits.max },
  });
  stops.push(() => catcher.close());
  return catcher;
}

/** A port another program holds, said in words that name the setting to change. */
function portInUse(err: unknown): Error | null {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code !== 'EADDRINUSE') return null;
  const setting = e.port === config.worker.opsPort ? 'WORKER_OPS_PORT' : 'API_PORT';
  return new Error(
    `Cổng ${e.port} đang được chương trình khác dùng: đặt ${setting} sang cổng khác. / ` +
      `Port ${e.port} is in use by another program: set ${setting} to another port.`,
  );
}

function printError(err: unknown): void {
  if (err instanceof DomainError) {
    console.error(`Lỗi ${err.code}: ${err.messageVi}\n${err.message}`);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
}

try {
  await program.parseAsync();
} catch (err) {
  printError(err);
  process.exitCode = 1;
}
