import { describe, expect, it } from 'vitest';
import { formatInstant, formatNumber, messages, type Language, type NotificationParams } from '@dondoc/domain';
import { renderChairmanDigest, renderMessage, renderOfficeReminder, renderUnitDigest, type RenderedMessage } from '@dondoc/mail';

/**
 * Every mail dondoc sends, rendered in both languages from realistic facts and
 * proof-read for the defects people found in them: a lowercase sentence after
 * "Kính gửi …:", colon chains ("Báo cáo Thủ trưởng: nhiệm vụ quá hạn: …"), a
 * notice sent after the deadline called a reminder, a new-task mail without the
 * unit's role, deadline or targets, raw codes and ISO dates, and links that do
 * not start with PUBLIC_URL.
 */
const publicUrl = 'https://dondoc.hoa-an.example/theo-doi';
const dueAt = '2024-02-02T10:00:00.000Z'; // 17:00 in Hà Nội
const directive = {
  id: '0b6f1d2e-8a51-4c34-9a0e-4f1f0f3b2a11',
  numberSymbol: '25/CT-UBND',
  type: 'chi_thi',
  classified: false,
  subject: 'Thực hiện đợt cao điểm tấn công, trấn áp tội phạm dịp Tết Nguyên đán Giáp Thìn 2024',
};
const task = { ordinal: 3, title: 'Rà soát, lập danh sách người nghiện ma túy trên địa bàn' };
const unit = { code: 'so-gtvt', name: 'Sở Giao thông vận tải' };
const assignment = { id: '5c1e7a90-2f3b-4d7e-8c21-7b9a1e0d4c33', dueAt, escalationLevel: 0, requested: false, role: 'lead' as const };
const targets = [
  { code: 'ho-so-cai-nghien', name: 'Hồ sơ cai nghiện được lập', unitOfMeasure: 'hồ sơ', targetValue: 12000 },
  { code: 'ty-le-xa-truyen-thong', name: 'Xã có hoạt động truyền thông', unitOfMeasure: '%', targetValue: 97.5 },
];
const period = { id: '9d2c4b1a-6e7f-4a8b-9c0d-1e2f3a4b5c6d', key: '2026-03', startsOn: '2026-03-01', endsOn: '2026-03-31', dueAt: '2026-04-07T10:00:00.000Z' };
const path = `/assignments/${assignment.id}`;

const onAssignment = (template: string, more: Partial<NotificationParams> = {}): NotificationParams => ({
  template,
  directive,
  task,
  unit,
  assignment,
  event: {},
  path,
  ...more,
});
const onReport = (template: string, more: Partial<NotificationParams> = {}): NotificationParams => ({
  template,
  directive: { ...directive, numberSymbol: '146/KH-UBND', type: 'ke_hoach', subject: 'Thực hiện công tác cai nghiện ma túy trên địa bàn tỉnh' },
  unit,
  period,
  targets,
  event: {},
  path: `/reports/${period.id}`,
  ...more,
});

/** One case per template (and per variant a template words differently), with what is sent after the deadline marked. */
const cases: { name: string; template: string; afterDeadline?: boolean; render: (lang: Language) => RenderedMessage }[] = [
  { name: 'assigned', template: 'assigned', render: (l) => renderMessage(onAssignment('assigned', { targets }), l, publicUrl) },
  {
    name: 'assigned (coordinating, requested)',
    template: 'assigned',
    render: (l) => renderMessage(onAssignment('assigned', { assignment: { ...assignment, role: 'coordinate', requested: true } }), l, publicUrl),
  },
  { name: 'reminder', template: 'reminder', render: (l) => renderMessage(onAssignment('reminder'), l, publicUrl) },
  { name: 'overdue', template: 'overdue', afterDeadline: true, render: (l) => renderMessage(onAssignment('overdue'), l, publicUrl) },
  { name: 'escalation_1', template: 'escalation_1', afterDeadline: true, render: (l) => renderMessage(onAssignment('escalation_1'), l, publicUrl) },
  { name: 'escalation_2', template: 'escalation_2', afterDeadline: true, render: (l) => renderMessage(onAssignment('escalation_2'), l, publicUrl) },
  { name: 'escalation_3', template: 'escalation_3', afterDeadline: true, render: (l) => renderMessage(onAssignment('escalation_3'), l, publicUrl) },
  {
    name: 'escalation_3 (requested body)',
    template: 'escalation_3',
    afterDeadline: true,
    render: (l) =>
      renderMessage(
        onAssignment('escalation_3', {
          unit: { code: 'vks-tinh', name: 'Viện kiểm sát nhân dân tỉnh' },
          assignment: { ...assignment, requested: true, role: 'coordinate' },
        }),
        l,
        publicUrl,
      ),
  },
  {
    name: 'extension_requested',
    template: 'extension_requested',
    render: (l) =>
      renderMessage(onAssignment('extension_requested', { event: { dueAt: '2024-02-23T10:00:00.000Z', reason: 'Chờ số liệu của cấp huyện' } }), l, publicUrl),
  },
  { name: 'extension_granted', template: 'extension_granted', render: (l) => renderMessage(onAssignment('extension_granted'), l, publicUrl) },
  {
    name: 'extension_denied',
    template: 'extension_denied',
    render: (l) => renderMessage(onAssignment('extension_denied', { event: { reason: 'Không đủ căn cứ' } }), l, publicUrl),
  },
  { name: 'report_submitted', template: 'report_submitted', render: (l) => renderMessage(onAssignment('report_submitted'), l, publicUrl) },
  {
    name: 'report_returned',
    template: 'report_returned',
    render: (l) => renderMessage(onAssignment('report_returned', { event: { reason: 'Bổ sung số liệu tháng 01' } }), l, publicUrl),
  },
  { name: 'report_approved', template: 'report_approved', render: (l) => renderMessage(onAssignment('report_approved'), l, publicUrl) },
  {
    name: 'assignment_cancelled',
    template: 'assignment_cancelled',
    render: (l) => renderMessage(onAssignment('assignment_cancelled', { event: { reason: 'Không còn phù hợp' } }), l, publicUrl),
  },
  {
    name: 'deadline_moved',
    template: 'deadline_moved',
    render: (l) => renderMessage(onAssignment('deadline_moved', { event: { previousDueAt: '2024-02-01T10:00:00.000Z' } }), l, publicUrl),
  },
  {
    name: 'directive_withdrawn',
    template: 'directive_withdrawn',
    render: (l) =>
      renderMessage(onAssignment('directive_withdrawn', { path: `/directives/${directive.id}`, event: { reason: 'Ban hành nhầm' } }), l, publicUrl),
  },
  { name: 'report_requested', template: 'report_requested', render: (l) => renderMessage(onReport('report_requested'), l, publicUrl) },
  { name: 'report_reminder', template: 'report_reminder', render: (l) => renderMessage(onReport('report_reminder'), l, publicUrl) },
  { name: 'report_late', template: 'report_late', afterDeadline: true, render: (l) => renderMessage(onReport('report_late'), l, publicUrl) },
  ...[1, 2, 3].map((n) => ({
    name: `report_escalation_${n}`,
    template: `report_escalation_${n}`,
    afterDeadline: true,
    render: (l: Language) => renderMessage(onReport(`report_escalation_${n}`), l, publicUrl),
  })),
  { name: 'report_period_submitted', template: 'report_period_submitted', render: (l) => renderMessage(onReport('report_period_submitted'), l, publicUrl) },
  {
    name: 'report_period_returned',
    template: 'report_period_returned',
    render: (l) => renderMessage(onReport('report_period_returned', { event: { reason: 'Thiếu số liệu xã Bến Mây' } }), l, publicUrl),
  },
  { name: 'report_period_accepted', template: 'report_period_accepted', render: (l) => renderMessage(onReport('report_period_accepted'), l, publicUrl) },
  { name: 'report_missing', template: 'report_missing', afterDeadline: true, render: (l) => renderMessage(onReport('report_missing'), l, publicUrl) },
  { name: 'consolidation', template: 'consolidation', render: (l) => renderMessage(onReport('consolidation'), l, publicUrl) },
  {
    name: 'consolidation (classified)',
    template: 'consolidation',
    render: (l) => renderMessage(onReport('consolidation', { directive: { ...directive, classified: true, subject: undefined as never } }), l, publicUrl),
  },
  {
    name: 'office_reminder',
    template: 'office_reminder',
    afterDeadline: true,
    render: (l) =>
      renderOfficeReminder(
        {
          template: 'office_reminder',
          date: '2026-12-04',
          unitName: unit.name,
          items: [item, { ...item, taskOrdinal: 4, taskTitle: undefined, workingDaysLate: 1 }],
          path: '/inbox',
          remindedBy: { userId: '7f3e2d1c-0b9a-4c8d-8e7f-6a5b4c3d2e1f', name: 'Lê Thu Hà' },
        },
        l,
        publicUrl,
      ),
  },
  {
    name: 'office_reminder (no sender in the row)',
    template: 'office_reminder',
    afterDeadline: true,
    render: (l) => renderOfficeReminder({ template: 'office_reminder', date: '2026-12-04', unitName: unit.name, items: [item], path: '/inbox' }, l, publicUrl),
  },
  {
    name: 'consolidation_summary',
    template: 'consolidation_summary',
    render: (l) => renderMessage(onReport('consolidation_summary', { event: { counts: { units: 1250, onTime: 1100, late: 100, missing: 50 } } }), l, publicUrl),
  },
];

const item = {
  assignmentId: assignment.id,
  numberSymbol: directive.numberSymbol,
  taskOrdinal: task.ordinal,
  taskTitle: task.title,
  unitName: unit.name,
  dueAt,
  state: 'in_progress',
  overdue: true,
  workingDaysLate: 1250, // a directive nobody followed for years: the number is grouped like any other
  escalationLevel: 2,
};
const digests: typeof cases = [
  {
    name: 'digest_unit',
    template: 'digest_unit',
    render: (l) =>
      renderUnitDigest(
        {
          template: 'digest_unit',
          date: '2026-12-04',
          unitName: unit.name,
          items: [item, { ...item, overdue: false, workingDaysLate: 0, dueAt: '2026-12-08T10:00:00.000Z' }],
        },
        l,
        publicUrl,
      ),
  },
  {
    name: 'digest_chairman',
    template: 'digest_chairman',
    render: (l) =>
      renderChairmanDigest({ template: 'digest_chairman', date: '2026-12-04', units: [{ unitName: unit.name, items: [item], lateThisYear: 3 }] }, l, publicUrl),
  },
];
const all = [...cases, ...digests];

const urls = /https?:\/\/[^\s"'<>)]+/g;
/** The words of a message a person reads, without its links (whose ids are not text). */
const prose = (m: RenderedMessage) => [m.subject, ...m.text.replace(urls, '').split('\n'), ...textOf(m.html).split('\n')];
const textOf = (html: string) =>
  html
    .replace(/<head>.*<\/head>/s, '')
    .replace(/<\/(p|li|h3)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(urls, '');

describe('the mail, proof-read', () => {
  it('covers every template of the catalog', () => {
    const templates = new Set(
      Object.keys(messages)
        .filter((k) => k.startsWith('mail.') && typeof (messages as Record<string, { vi: (p: never) => unknown }>)[k]!.vi === 'function')
        .map((k) => k.slice('mail.'.length).replace(/\.(requested|classified)$/, ''))
        .filter((k) => /^[a-z_0-9]+$/.test(k) && !['directive', 'document', 'period', 'target', 'footer', 'open'].includes(k)),
    );
    expect(templates.size).toBeGreaterThan(25);
    expect(new Set(cases.map((c) => c.template))).toEqual(templates);
  });

  describe.each(['vi', 'en'] as const)('in %s', (lang) => {
    it.each(all)('$name: a capital letter after the salutation, no colon chains', ({ render }) => {
      const m = render(lang);
      for (const [, salutation, next] of m.text.matchAll(/^((?:Kính gửi|To) [^:\n]+:)\s*(\S)/gm)) {
        expect(next, `after "${salutation}"`).toMatch(/\p{Lu}/u);
      }
      for (const line of prose(m)) {
        // Times (17:00) are not colons of the sentence.
        const colons = line.replace(/\d:\d/g, '').match(/:/g)?.length ?? 0;
        expect(line, 'a line with two colons').not.toMatch(/::/);
        expect(colons, `"${line}"`).toBeLessThanOrEqual(1);
      }
    });

    it.each(all)('$name: no raw code, ISO date or period key; numbers grouped', ({ render }) => {
      const m = render(lang);
      for (const line of prose(m)) {
        expect(line, 'a snake_case code').not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        expect(line, 'an ISO date').not.toMatch(/\b\d{4}-\d{2}-\d{2}/);
        expect(line, 'a period key').not.toMatch(/\b\d{4}-(\d{2}|Q[1-4]|H[12]|W\d{2})\b/);
        expect(line, 'a target code').not.toMatch(/ho-so-cai-nghien|ty-le-xa-truyen-thong|so-gtvt|vks-tinh/);
        // A number of four digits or more that is not a year reads grouped: 12.000, 1.250.
        const ungrouped = [...line.matchAll(/(?<![\d/.,:])\d{4,}(?![\d/.,:])/g)].map((x) => x[0]).filter((n) => !/^(19|20)\d\d$/.test(n));
        expect(ungrouped, `"${line}"`).toEqual([]);
      }
    });

    it.each(all)('$name: every link starts with PUBLIC_URL', ({ render }) => {
      const m = render(lang);
      const links = [...m.text.matchAll(urls)].map((x) => x[0]);
      const hrefs = [...m.html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
      expect(links.length).toBeGreaterThan(0);
      for (const link of [...links, ...hrefs]) expect(link.startsWith(`${publicUrl}/`), link).toBe(true);
    });

    it.each(all.filter((c) => c.afterDeadline))('$name: sent after the deadline, it is not called a reminder', ({ render }) => {
      const m = render(lang);
      for (const line of prose(m)) expect(line).not.toMatch(/thư nhắc|nhắc hạn|reminder/i);
    });
  });

  it('the new-task mail states the role, the deadline and the targets, grouped the recipient’s way', () => {
    const lead = { vi: cases[0]!.render('vi'), en: cases[0]!.render('en') };
    const coordinating = { vi: cases[1]!.render('vi'), en: cases[1]!.render('en') };
    expect(lead.vi.text).toContain('Sở Giao thông vận tải được giao chủ trì thực hiện nhiệm vụ này.');
    expect(coordinating.vi.text).toContain('Đề nghị Sở Giao thông vận tải phối hợp thực hiện nhiệm vụ này.');
    expect(lead.en.text).toContain('as the lead unit');
    expect(coordinating.en.text).toContain('as a coordinating unit');
    for (const lang of ['vi', 'en'] as const) {
      const m = lead[lang];
      expect(m.text).toContain(formatInstant(new Date(dueAt)));
      expect(formatInstant(new Date(dueAt))).toBe('02/02/2024 17:00');
      expect(m.text).toContain(`Hồ sơ cai nghiện được lập: ${formatNumber(12000, lang)} hồ sơ`);
      expect(m.text).toContain(`Xã có hoạt động truyền thông: ${formatNumber(97.5, lang)} %`);
      expect(m.subject).toBe(
        lang === 'vi'
          ? '[dondoc] Giao nhiệm vụ – 25/CT-UBND – Nhiệm vụ 3: Rà soát, lập danh sách người nghiện ma túy trên địa bàn'
          : '[dondoc] New task – 25/CT-UBND – Task 3: Rà soát, lập danh sách người nghiện ma túy trên địa bàn',
      );
    }
    expect(lead.vi.text).toContain('12.000 hồ sơ');
    expect(lead.en.text).toContain('12,000 hồ sơ');
    expect(lead.vi.text.split('\n')[0]).toBe(`Chỉ thị số 25/CT-UBND – ${directive.subject}`);
  });

  it('names periods and dates as people write them', () => {
    const vi = renderMessage(onReport('report_requested'), 'vi', publicUrl);
    expect(vi.subject).toBe('[dondoc] Yêu cầu báo cáo – 146/KH-UBND – Kỳ báo cáo tháng 03/2026');
    expect(vi.text).toContain('kỳ tháng 03/2026 (từ 01/03/2026 đến 31/03/2026), hạn gửi báo cáo 07/04/2026 17:00.');
    expect(vi.text).toContain('- Hồ sơ cai nghiện được lập: 12.000 hồ sơ');
    expect(digests[1]!.render('vi').text).toContain('quá hạn 1.250 ngày làm việc (hạn 02/02/2024 17:00)');
    expect(digests[1]!.render('en').text).toContain('1,250 working days late (due 02/02/2024 17:00)');
    const summary = digests[1]!.render('vi');
    expect(summary.text.split('\n').slice(0, 2)).toEqual(['Kính gửi Chủ tịch UBND tỉnh:', 'Các đơn vị sau đây chậm thực hiện nhiệm vụ được giao.']);
  });

  it('the Office’s "Nhắc ngay" says the Office urges the unit now: salutation, the items, who sent it, the unit’s inbox', () => {
    const urging = cases.find((c) => c.name === 'office_reminder')!;
    const vi = urging.render('vi');
    const en = urging.render('en');
    expect(vi.subject).toBe('[dondoc] Văn phòng UBND tỉnh đôn đốc – 2 nhiệm vụ quá hạn');
    expect(en.subject).toBe("[dondoc] The Office of the Provincial People's Committee urges action – 2 overdue tasks");
    expect(vi.subject).not.toContain('Tổng hợp');
    expect(vi.text.split('\n').slice(0, 2)).toEqual([
      'Kính gửi Sở Giao thông vận tải:',
      'Văn phòng UBND tỉnh đề nghị đơn vị khẩn trương hoàn thành các nhiệm vụ đã quá hạn sau đây:',
    ]);
    expect(vi.text).toContain('25/CT-UBND, nhiệm vụ 3: Rà soát, lập danh sách người nghiện ma túy trên địa bàn — hạn 02/02/2024, quá hạn 1.250 ngày làm việc');
    expect(vi.text).toContain('25/CT-UBND, nhiệm vụ 4 — hạn 02/02/2024, quá hạn 1 ngày làm việc');
    expect(en.text).toContain('25/CT-UBND, task 3: Rà soát, lập danh sách người nghiện ma túy trên địa bàn — due 02/02/2024, 1,250 working days late');
    expect(vi.text).toContain('Người gửi: Lê Thu Hà, Văn phòng UBND tỉnh.');
    expect(en.text).toContain("Sent by Lê Thu Hà, the Office of the Provincial People's Committee.");
    expect(vi.text).toContain(`Mở danh sách việc cần làm của đơn vị: ${publicUrl}/inbox`);
    expect(vi.html).toContain(`href="${publicUrl}/inbox"`);
    const unsigned = cases.find((c) => c.name === 'office_reminder (no sender in the row)')!;
    expect(unsigned.render('vi').subject).toBe('[dondoc] Văn phòng UBND tỉnh đôn đốc – 1 nhiệm vụ quá hạn');
    expect(unsigned.render('en').subject).toBe("[dondoc] The Office of the Provincial People's Committee urges action – 1 overdue task");
    expect(unsigned.render('vi').text).toContain('Người gửi: Văn phòng UBND tỉnh.');
  });
});
