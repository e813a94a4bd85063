import type { DirectiveInput } from '@dondoc/domain';

/**
 * The Chỉ thị on the peak campaign against crime before, during and after Tết
 * Nguyên đán Giáp Thìn 2024, as structured demo data: one task per numbered
 * section, summarised in our own words, addressed to the units it names.
 *
 * The source text carries no number, date or deadlines. The demo gives it the
 * number 25/CT-UBND of 20 December 2023, a reporting deadline of Friday
 * 2 February 2024 (the last full week before Tết) for the provincial bodies,
 * the end of the campaign for the requested bodies, and five working days for
 * the district and commune committees' implementing documents (section 9). The
 * monitoring unit is Công an tỉnh, as the closing paragraph assigns.
 */
export const DEMO_DIRECTIVE_NUMBER = '25/CT-UBND';
export const DEMO_DIRECTIVE_ISSUED_ON = '2023-12-20';

const beforeTet = { kind: 'date', date: '2024-02-02' } as const;
const endOfCampaign = { kind: 'date', date: '2024-02-29' } as const;

export const chiThiTetGiapThin2024: DirectiveInput = {
  type: 'chi_thi',
  numberSymbol: DEMO_DIRECTIVE_NUMBER,
  issuerUnit: 'ubnd-tinh',
  signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
  issuedOn: DEMO_DIRECTIVE_ISSUED_ON,
  subject: 'Thực hiện đợt cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh, trật tự trước, trong và sau Tết Nguyên đán Giáp Thìn 2024',
  body:
    'Chủ tịch UBND tỉnh yêu cầu các cấp, các ngành chủ động kiểm soát tình hình, bảo đảm an ninh, trật tự, ' +
    'tạo môi trường an toàn cho Nhân dân vui Xuân, đón Tết. Thủ trưởng đơn vị, địa phương thiếu quan tâm chỉ đạo ' +
    'để tình hình phức tạp phải chịu trách nhiệm trước UBND tỉnh, Chủ tịch UBND tỉnh.',
  classification: 'thuong',
  campaign: { label: 'Trước, trong và sau Tết Nguyên đán Giáp Thìn 2024', startsOn: '2023-12-20', endsOn: '2024-02-29' },
  monitoringUnit: 'cong-an-tinh',
  tasks: [
    {
      ordinal: 1,
      title: 'Lãnh đạo, phối hợp với Công an thực hiện đợt cao điểm trong phạm vi quản lý',
      body:
        'Quán triệt các văn bản về an ninh, trật tự; tuyên truyền và tổ chức ký cam kết không vi phạm pháp luật về pháo, ' +
        'vật liệu nổ, an toàn giao thông; giải quyết vụ việc tại cơ sở theo phương châm "bốn tại chỗ"; bảo đảm an toàn ' +
        'thông tin trên mạng xã hội; tuần tra kiểm soát giao thông; phòng cháy, chữa cháy; phát động phong trào toàn dân ' +
        'bảo vệ an ninh Tổ quốc; tiếp tục thực hiện Đề án 06.',
      request: false,
      deadline: beforeTet,
      addressees: [
        { group: 'so-ban-nganh', role: 'lead' },
        { group: 'ubnd-cap-huyen', role: 'lead' },
      ],
      targets: [],
    },
    {
      ordinal: 2,
      title: 'Tấn công, trấn áp tội phạm và bảo vệ tuyệt đối an toàn các mục tiêu, sự kiện dịp Tết',
      body:
        'Nắm chắc tình hình tại các tuyến, địa bàn trọng điểm; huy động tối đa lực lượng đấu tranh với tội phạm có tổ chức, ' +
        '"tín dụng đen", ma túy, công nghệ cao, buôn lậu; quản lý cư trú, người nước ngoài, ngành nghề kinh doanh có điều kiện; ' +
        'bảo vệ các hoạt động chúc Tết, lễ hội và nơi vui chơi của Nhân dân.',
      request: false,
      deadline: beforeTet,
      addressees: [{ unit: 'cong-an-tinh', role: 'lead' }],
      targets: [],
    },
    {
      ordinal: 3,
      title: 'Phối hợp bảo đảm an ninh, an toàn các mục tiêu, công trình trọng điểm của tỉnh',
      body: 'Chỉ đạo lực lượng chức năng phối hợp chặt chẽ với Công an bảo vệ mục tiêu, công trình và sự kiện quan trọng.',
      request: false,
      deadline: beforeTet,
      addressees: [
        { unit: 'bo-chqs-tinh', role: 'lead' },
        { unit: 'cong-an-tinh', role: 'coordinate' },
      ],
      targets: [],
    },
    {
      ordinal: 4,
      title: 'Tuần tra, kiểm soát biên giới; phòng chống buôn lậu, xuất nhập cảnh trái phép',
      body:
        'Phối hợp với Công an tuần tra khu vực biên giới, ngăn chặn xuất nhập cảnh trái phép, buôn lậu, vận chuyển trái phép ' +
        'hàng hóa, nhất là ma túy và hàng phục vụ Tết; vận động Nhân dân khu vực biên giới tố giác tội phạm.',
      request: false,
      deadline: beforeTet,
      addressees: [
        { unit: 'bdbp-tinh', role: 'lead' },
        { unit: 'cuc-hai-quan', role: 'lead' },
        { unit: 'cong-an-tinh', role: 'coordinate' },
      ],
      targets: [],
    },
    {
      ordinal: 5,
      title: 'Quản lý thị trường; xử lý hàng giả, hàng cấm, kinh doanh xăng dầu và hóa chất nguy hiểm',
      body:
        'Kiểm tra, xử lý nghiêm vi phạm về xăng dầu, hàng giả, hàng cấm, hàng không rõ nguồn gốc, an toàn thực phẩm, sở hữu trí tuệ, ' +
        'quyền lợi người tiêu dùng; kiểm tra doanh nghiệp kinh doanh hóa chất, tiền chất thuốc nổ, vật liệu nổ công nghiệp.',
      request: false,
      deadline: beforeTet,
      addressees: [
        { unit: 'so-cong-thuong', role: 'lead' },
        { unit: 'cuc-qltt', role: 'lead' },
      ],
      targets: [],
    },
    {
      ordinal: 6,
      title: 'Tuyên truyền về đợt cao điểm; quản lý an toàn thông tin trên không gian mạng',
      body:
        'Chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy hướng dẫn báo chí mở chuyên trang, chuyên mục, biểu dương người tốt việc tốt, ' +
        'cảnh báo thủ đoạn phạm tội mới; phối hợp Công an gỡ bỏ tài khoản, trang, nhóm đăng thông tin xấu độc, xử lý lừa đảo, cờ bạc trên mạng.',
      request: false,
      deadline: beforeTet,
      addressees: [
        { unit: 'so-tttt', role: 'lead' },
        { unit: 'ban-tuyen-giao-tu', role: 'coordinate' },
      ],
      targets: [],
    },
    {
      ordinal: 7,
      title: 'Đề nghị: phối hợp điều tra, truy tố, xét xử nghiêm, kịp thời; xét xử điểm, lưu động',
      body:
        'Đề nghị chỉ đạo các đơn vị trực thuộc phối hợp với Cơ quan điều tra bảo đảm đúng tố tụng, không oan sai, không bỏ lọt tội phạm; ' +
        'giải quyết dứt điểm vụ án tồn đọng; đưa các vụ án về vũ khí, vật liệu nổ, pháo ra xét xử theo thủ tục rút gọn, lưu động.',
      request: true,
      deadline: endOfCampaign,
      addressees: [
        { unit: 'vks-tinh', role: 'lead' },
        { unit: 'toa-an-tinh', role: 'lead' },
      ],
      targets: [],
    },
    {
      ordinal: 8,
      title: 'Đề nghị: vận động Nhân dân tham gia phòng, chống tội phạm và phong trào toàn dân bảo vệ an ninh Tổ quốc',
      body:
        'Đề nghị phối hợp với cấp ủy, chính quyền xây dựng phong trào tại cơ sở; vận động hội viên, đoàn viên, người có uy tín, ' +
        'chức sắc tôn giáo tham gia đấu tranh phòng chống tội phạm, chấp hành quy định về giao thông, pháo và phòng cháy.',
      request: true,
      deadline: endOfCampaign,
      addressees: [
        { unit: 'ubmttq-tinh', role: 'lead' },
        { group: 'doan-the-tinh', role: 'lead' },
      ],
      targets: [],
    },
    {
      ordinal: 9,
      title: 'Ban hành văn bản chỉ đạo triển khai đợt cao điểm tại địa phương',
      body:
        'Có văn bản chỉ đạo triển khai, tập trung: phương án bảo vệ sự kiện và hoạt động trên địa bàn; tuyên truyền, nhân rộng mô hình ' +
        'phòng chống tội phạm; phòng cháy, cứu nạn cứu hộ và an toàn giao thông; quản lý đối tượng, người nghiện, người mãn hạn tù; ' +
        'hỗ trợ phương tiện, kinh phí cho lực lượng Công an và khen thưởng kịp thời.',
      request: false,
      deadline: { kind: 'working_days', days: 5 },
      addressees: [
        { group: 'ubnd-cap-huyen', role: 'lead' },
        { group: 'ubnd-cap-xa', role: 'lead' },
      ],
      targets: [],
    },
  ],
};
