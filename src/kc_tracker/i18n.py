"""The vi/en message catalogue and number conventions. KC_LANG=vi (default) or en.

Every message, label and number format exists in both languages; JSON keys and ids stay
English/ASCII. A test checks that every key the code uses is here, in both languages.
"""

import os

LANGS = ("vi", "en")


def lang() -> str:
    value = os.environ.get("KC_LANG", "vi").strip().lower()
    return value if value in LANGS else "vi"


def number_marks() -> tuple[str, str]:
    """(thousands group, decimal mark): vi writes 14.750 and 0,5; en writes 14,750 and 0.5."""
    return (".", ",") if lang() == "vi" else (",", ".")


def t(key: str, /, **params: object) -> str:
    vi, en = MESSAGES[key]
    return (vi if lang() == "vi" else en).format(**params)


MESSAGES: dict[str, tuple[str, str]] = {
    # labels of refusals
    "label.error": ("Lỗi", "Error"),
    "label.plan": ("Lỗi kế hoạch", "Plan error"),
    "label.ledger": ("Lỗi sổ theo dõi", "Ledger error"),
    "label.input": ("Không nhận", "Refused"),
    "label.warning": ("Cảnh báo", "Warning"),
    "bug": (
        "lỗi bên trong kc ({kind}: {text}). Sổ không bị thay đổi. Chạy lại với KC_DEBUG=1 và gửi kết quả "
        "cho người bảo trì.",
        "internal error in kc ({kind}: {text}). The ledger was not changed. Run again with KC_DEBUG=1 and send "
        "the output to the maintainers.",
    ),
    "env.lang": (
        "KC_LANG={value} không được hỗ trợ; dùng vi hoặc en. Đang dùng vi.",
        "KC_LANG={value} is not supported; use vi or en. Using vi.",
    ),
    # numbers and amounts
    "number.example": ("14.750 hoặc 0,5", "14,750 or 0.5"),
    "number.invalid": (
        "“{text}” không phải là số theo cách viết tiếng Việt: dấu chấm ngăn cách hàng nghìn, "
        "dấu phẩy là dấu thập phân. Ví dụ: {example}.",
        "“{text}” is not a number in English notation: ',' groups thousands, '.' is the decimal mark. "
        "For example: {example}.",
    ),
    "number.did_you_mean": (" Có phải ý bạn là {text}?", " Did you mean {text}?"),
    "amount.example": (
        "14.750 (triệu đồng), 0,5 tỷ, 125.000.000đ",
        "14,750 (million dong), 0.5 ty, 125,000,000 d",
    ),
    "amount.invalid": (
        "số tiền “{text}” không đọc được. Viết số, có thể kèm đơn vị đ, tr hoặc tỷ; ví dụ: {example}.",
        "amount “{text}” cannot be read. Write a number, optionally followed by a unit d, tr or ty; "
        "for example: {example}.",
    ),
    "amount.negative": (
        "số tiền “{text}” là số âm. Số tiền phải ≥ 0; để sửa một khoản đã ghi, dùng `kc void`.",
        "amount “{text}” is negative. Amounts are ≥ 0; to correct a record, use `kc void`.",
    ),
    "amount.unit": (
        "số tiền “{text}”: không biết đơn vị “{unit}”. Dùng một trong: {units} (không ghi đơn vị là triệu đồng).",
        "amount “{text}”: unknown unit “{unit}”. Use one of: {units} (no unit means million dong).",
    ),
    "amount.fraction": (
        "số tiền “{text}” có phần lẻ nhỏ hơn 1 đồng. Làm tròn đến đồng, ví dụ 0,000001 tr = 1đ.",
        "amount “{text}” has a fraction of a dong. Round it to whole dong, e.g. 0.000001 tr = 1 d.",
    ),
    "amount.too_large": (
        "số tiền “{text}” quá lớn (tối đa {max}). Kiểm tra lại đơn vị: không ghi đơn vị là triệu đồng.",
        "amount “{text}” is too large (at most {max}). Check the unit: no unit means million dong.",
    ),
    "date.invalid": (
        "{what} “{text}” không phải là ngày hợp lệ. Viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-06-25.",
        "{what} “{text}” is not a valid date. Write it as YEAR-MONTH-DAY, e.g. 2024-06-25.",
    ),
    # plan
    "line.number": (
        "không có dòng số {key}. Số dòng từ 1 đến {last}; xem `kc plan show`.",
        "there is no line number {key}. Line numbers run from 1 to {last}; see `kc plan show`.",
    ),
    "line.unknown": (
        "không có dòng “{key}” trong kế hoạch. Có phải ý bạn là: {ids}? Xem `kc plan show`.",
        "there is no line “{key}” in the plan. Did you mean: {ids}? See `kc plan show`.",
    ),
    "plan.missing": (
        "không tìm thấy tệp kế hoạch {path}. Kiểm tra --plan hoặc biến KC_PLAN.",
        "plan file {path} not found. Check --plan or the KC_PLAN variable.",
    ),
    "plan.unreadable": ("không đọc được tệp kế hoạch {path}: {reason}.", "cannot read plan file {path}: {reason}."),
    "plan.encoding": (
        "tệp kế hoạch {path} không phải UTF-8. Lưu lại tệp với mã UTF-8.",
        "plan file {path} is not UTF-8. Save it again as UTF-8.",
    ),
    "plan.syntax": ("tệp kế hoạch {path} sai cú pháp TOML: {reason}", "plan file {path} is not valid TOML: {reason}"),
    "plan.period": (
        "plan: ngày kết thúc {end} trước ngày bắt đầu {start}.",
        "plan: the end {end} comes before the start {start}.",
    ),
    "plan.duplicate": ("{where}: mã “{id}” bị trùng.", "{where}: id “{id}” is used twice."),
    "plan.unit_target": (
        "{where}: unit và target phải đi cùng nhau (dòng không đếm số lượng thì bỏ cả hai).",
        "{where}: unit and target go together (a line without a count omits both).",
    ),
    "plan.extra": ("khóa không được biết; các khóa hợp lệ: {known}", "unknown key; known keys: {known}"),
    "plan.did_you_mean": (". Có phải ý bạn là “{name}”?", ". Did you mean “{name}”?"),
    "plan.field_missing": ("thiếu giá trị bắt buộc", "required value is missing"),
    "plan.greater_than_equal": ("phải ≥ {limit}", "must be ≥ {limit}"),
    "plan.less_than_equal": ("phải ≤ {limit}", "must be ≤ {limit}"),
    "plan.type": ("phải là {expected}", "must be {expected}"),
    "plan.id_pattern": (
        "mã chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ may-moc-thiet-bi",
        "ids use lowercase ASCII letters, digits and hyphens, e.g. may-moc-thiet-bi",
    ),
    "type.int_type": ("số nguyên (ví dụ 14_750_000_000)", "an integer (e.g. 14_750_000_000)"),
    "type.string_type": ("chuỗi văn bản", "a text string"),
    "type.date_type": ("ngày dạng 2021-01-01", "a date like 2021-01-01"),
    "type.list_type": ("danh sách bảng ([[...]])", "an array of tables ([[...]])"),
    "type.model_type": ("một bảng ([...])", "a table ([...])"),
    # ledger
    "ledger.unreadable": ("không đọc được sổ theo dõi {path}: {reason}.", "cannot read ledger {path}: {reason}."),
    "ledger.unwritable": (
        "không ghi được vào {path}: {reason}. Kiểm tra quyền ghi và ổ đĩa, hoặc chọn --ledger khác.",
        "cannot write to {path}: {reason}. Check permissions and the disk, or choose another --ledger.",
    ),
    "ledger.only_one": (
        "lệnh này ghi (hoặc kiểm tra) đúng một sổ; chỉ dùng --ledger một lần.",
        "this command writes (or checks) exactly one ledger; give --ledger once.",
    ),
    "ledger.header_twice": ("dòng tiêu đề chỉ được ở dòng 1", "a header belongs on line 1 only"),
    "ledger.no_header": ("dòng 1 phải là dòng tiêu đề của sổ", "line 1 must be the ledger's header"),
    "ledger.format": (
        "sổ {path} dùng định dạng phiên bản {found}; phiên bản kc này đọc phiên bản {known}. Hãy cập nhật kc.",
        "ledger {path} uses format version {found}; this kc reads version {known}. Upgrade kc.",
    ),
    "ledger.other_plan": (
        "sổ {path} thuộc kế hoạch “{found}”, không phải “{plan}”. Chọn đúng --plan, "
        "hoặc --ledger khác cho kế hoạch này.",
        "ledger {path} belongs to plan “{found}”, not “{plan}”. Choose the right --plan, or another --ledger.",
    ),
    "ledger.malformed": (
        "{path}, dòng {lineno}: dòng hỏng ({reason}). Tệp không bị thay đổi; chạy `kc check` và sửa từ bản sao lưu.",
        "{path}, line {lineno}: malformed line ({reason}). The file was left untouched; run `kc check` and "
        "restore from a backup.",
    ),
    "ledger.locked": (
        "sổ đang được một tiến trình khác ghi (khóa {lock}); đã chờ {seconds} giây. Thử lại sau, "
        "hoặc tăng --lock-timeout.",
        "the ledger is being written by another process (lock {lock}); waited {seconds} s. Try again later, "
        "or raise --lock-timeout.",
    ),
    "ledger.full": (
        "không ghi được vào {path}: {reason}. Ổ đĩa đầy hoặc tệp vượt giới hạn kích thước; chưa ghi gì. "
        "Giải phóng chỗ trống rồi chạy lại.",
        "cannot write to {path}: {reason}. The disk is full or the file is over its size limit; nothing was "
        "recorded. Free some space and run again.",
    ),
    "ledger.write_failed": (
        "ghi vào {path} thất bại: {reason}. Chưa ghi gì; chạy lại lệnh.",
        "writing to {path} failed: {reason}. Nothing was recorded; run the command again.",
    ),
    "ledger.torn": (
        "{path}: dòng cuối bị ghi dở ({size} byte, do mất điện hoặc dừng đột ngột) nên được bỏ qua. "
        "Lần ghi tiếp theo sẽ chuyển nó sang {torn}.",
        "{path}: the last line was cut short ({size} bytes, a write interrupted) and is ignored. "
        "The next write moves it to {torn}.",
    ),
    "ledger.chain": (
        "{path}: chuỗi băm bị đứt ở dòng {lines}; sổ có thể đã bị sửa tay. Chạy `kc check` để biết chi tiết.",
        "{path}: the hash chain breaks at line {lines}; the ledger may have been edited by hand. "
        "Run `kc check` for details.",
    ),
    # writing
    "text.control": (
        "{option} có ký tự điều khiển (xuống dòng, tab…). Viết trên một dòng, không có ký tự đặc biệt.",
        "{option} contains control characters (newline, tab…). Write it on one line without them.",
    ),
    "text.too_long": (
        "{option} dài {length} ký tự; tối đa {max}. Hãy rút gọn.",
        "{option} is {length} characters long; at most {max}. Shorten it.",
    ),
    "record.no_count": (
        "dòng {line} không theo dõi số lượng; bỏ --count.",
        "line {line} has no count to track; leave out --count.",
    ),
    "record.negative_count": (
        "--count {count} là số âm. Số lượng phải ≥ 0; để sửa, dùng `kc void`.",
        "--count {count} is negative. Counts are ≥ 0; to correct a record, use `kc void`.",
    ),
    "record.nothing": (
        "bản ghi không có gì: số tiền bằng 0 và không có --count. Ghi số tiền, số lượng, hoặc cả hai.",
        "nothing to record: the amount is 0 and there is no --count. Give an amount, a count, or both.",
    ),
    "record.outside_period": (
        "ngày {date} nằm ngoài kỳ kế hoạch {start} – {end}. Ghi --date trong kỳ, hoặc thêm "
        "--allow-outside-period nếu đúng là ngoài kỳ.",
        "date {date} is outside the plan period {start} – {end}. Give a --date inside it, or add "
        "--allow-outside-period if it really is outside.",
    ),
    "record.ref_conflict": (
        "mã tham chiếu --ref “{ref}” đã dùng cho bản ghi {id} (ngày {date}) với nội dung khác. "
        "Dùng mã khác, hoặc hủy bản ghi cũ bằng `kc void {id}`.",
        "--ref “{ref}” was already used by record {id} (dated {date}) with different content. "
        "Use another ref, or void the old record with `kc void {id}`.",
    ),
    "record.over_budget": (
        "dòng {line} chỉ còn {remaining} triệu đồng, không đủ cho {amount} triệu đồng. Kiểm tra số tiền, "
        "hoặc thêm --allow-over-budget nếu đúng là vượt dự toán.",
        "line {line} has only {remaining} million dong left, not enough for {amount} million dong. Check the "
        "amount, or add --allow-over-budget if it really goes over budget.",
    ),
    "record.done": (
        "Đã ghi {id}: dòng {line}, {amount} triệu đồng{count}, ngày {date}.",
        "Recorded {id}: line {line}, {amount} million dong{count}, dated {date}.",
    ),
    "record.dry_run": (
        "Thử (chưa ghi): dòng {line}, {amount} triệu đồng{count}, ngày {date}.",
        "Dry run (nothing written): line {line}, {amount} million dong{count}, dated {date}.",
    ),
    "record.noop": (
        "Đã có sẵn bản ghi {id} với cùng mã tham chiếu và nội dung; không ghi thêm.",
        "Record {id} with the same ref and content is already there; nothing added.",
    ),
    "balance.money": (
        "Dòng {line}: đã chi {spent} / {budget} triệu đồng, còn lại {remaining}",
        "Line {line}: spent {spent} of {budget} million dong, {remaining} left",
    ),
    "balance.count": ("; đã đạt {done} / {target} {unit}", "; done {done} of {target} {unit}"),
    "void.no_reason": ("--reason không được để trống: ghi lý do hủy.", "--reason is empty: say why."),
    "void.unknown": (
        "không có bản ghi “{id}” trong sổ. Xem mã ở cột cuối của `kc log`.",
        "there is no record “{id}” in the ledger. See the ids in the last column of `kc log`.",
    ),
    "void.is_void": (
        "“{id}” là một lệnh hủy (của {target}), không phải bản ghi; không thể hủy nó.",
        "“{id}” is a void (of {target}), not a record; it cannot be voided.",
    ),
    "void.already": (
        "bản ghi {id} đã bị hủy ngày {date} với lý do “{reason}”.",
        "record {id} was already voided on {date}, because “{reason}”.",
    ),
    "void.done": ("Đã hủy {id} (ngày {date}): {reason}.", "Voided {id} (on {date}): {reason}."),
    "void.noop": (
        "Bản ghi {id} đã được hủy với cùng lý do; không ghi thêm.",
        "Record {id} was already voided for the same reason; nothing added.",
    ),
    # status, log, export
    "status.as_of": ("Tính đến ngày {date}", "As of {date}"),
    "status.money_unit": ("Số tiền: triệu đồng", "Amounts in million dong (triệu đồng)"),
    "status.total": ("Tổng cộng", "Total"),
    "status.counts": ("Số lượng theo đơn vị", "Counts by unit"),
    "status.indicators": ("Chỉ tiêu", "Indicator"),
    "status.target": ("mục tiêu", "target"),
    "status.unplanned": ("⚠ dòng “{id}” không có trong kế hoạch", "⚠ line “{id}” is not in the plan"),
    "status.bundled": ("kế hoạch đi kèm", "bundled plan"),
    "status.footer": (
        "Kế hoạch: {plan} · Sổ: {ledger} ({entries} dòng)",
        "Plan: {plan} · Ledger: {ledger} ({entries} entries)",
    ),
    "log.voided": ("ĐÃ HỦY {date}: {reason}", "VOIDED {date}: {reason}"),
    "log.voided_short": ("đã hủy", "voided"),
    "export.which_format": (
        "không biết định dạng cho {path}. Thêm --format csv, json, md hoặc xlsx.",
        "cannot tell the format of {path}. Add --format csv, json, md or xlsx.",
    ),
    "export.xlsx_needs_output": (
        "xlsx là tệp nhị phân: thêm --output TEN_TEP.xlsx.",
        "xlsx is a binary file: add --output NAME.xlsx.",
    ),
    "export.unwritable": ("không ghi được {path}: {reason}.", "cannot write {path}: {reason}."),
    "export.written": ("Đã ghi {path}", "Wrote {path}"),
    "xlsx.summary": ("Tổng hợp", "Summary"),
    "xlsx.entries": ("Các khoản", "Entries"),
    "xlsx.about": ("Thông tin", "About"),
    # column labels (tables, Markdown, XLSX headers)
    "col.id": ("Mã", "Id"),
    "col.number": ("STT", "No."),
    "col.name": ("Nội dung", "Name"),
    "col.line": ("Nội dung hỗ trợ", "Support line"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.target_count": ("Mục tiêu", "Target"),
    "col.done_count": ("Đã đạt", "Done"),
    "col.done_target": ("Đạt/Mục tiêu", "Done/Target"),
    "col.remaining_count": ("Còn", "Left"),
    "col.budget_vnd": ("Kinh phí", "Budget"),
    "col.spent_vnd": ("Đã chi", "Spent"),
    "col.remaining_vnd": ("Còn lại", "Remaining"),
    "col.spent_pct": ("% đã chi", "% spent"),
    "col.done_pct": ("% đã đạt", "% done"),
    "col.line_number": ("Dòng", "Line"),
    "col.date": ("Ngày", "Date"),
    "col.amount_vnd": ("Số tiền", "Amount"),
    "col.count": ("Số lượng", "Count"),
    "col.locality": ("Địa bàn", "Locality"),
    "col.beneficiary": ("Đơn vị thụ hưởng", "Beneficiary"),
    "col.note": ("Ghi chú", "Note"),
    "col.ref": ("Mã tham chiếu", "Ref"),
    "col.recorded_at": ("Thời điểm ghi", "Recorded at"),
    "col.voided": ("Đã hủy", "Voided"),
    "col.void_id": ("Mã lệnh hủy", "Void id"),
    "col.void_reason": ("Lý do hủy", "Void reason"),
    "col.void_date": ("Ngày hủy", "Void date"),
    "col.hash": ("Mã băm", "Hash"),
    "meta.kc_version": ("Phiên bản kc", "kc version"),
    "meta.generated_at": ("Thời điểm xuất", "Generated at"),
    "meta.lang": ("Ngôn ngữ", "Language"),
    "meta.as_of": ("Tính đến ngày", "As of"),
    "meta.plan_id": ("Mã kế hoạch", "Plan id"),
    "meta.plan_file": ("Tệp kế hoạch", "Plan file"),
    "meta.plan_sha256": ("SHA-256 tệp kế hoạch", "Plan file SHA-256"),
    "meta.ledger_file": ("Tệp sổ", "Ledger file"),
    "meta.ledger_tip": ("Mã băm cuối chuỗi của sổ", "Ledger tip hash"),
    # check
    "check.ok": (
        "{path}: sổ tốt — {records} bản ghi, {voids} lệnh hủy, đã chi {spent} triệu đồng; mã băm cuối {tip}",
        "{path}: ledger OK — {records} records, {voids} voids, {spent} million dong spent; tip {tip}",
    ),
    "check.malformed": ("dòng hỏng: {reason}", "malformed line: {reason}"),
    "check.chain_edited": (
        "dòng {line} đã bị sửa: mã băm không khớp nội dung",
        "line {line} was edited: its hash does not match its content",
    ),
    "check.chain_broken": (
        "chuỗi băm đứt trước dòng {line}: có dòng bị xóa, chèn hoặc đổi thứ tự",
        "the hash chain breaks before line {line}: a line was deleted, inserted or moved",
    ),
    "check.duplicate_id": ("mã {id} trùng với dòng {first}", "id {id} repeats line {first}"),
    "check.duplicate_ref": ("mã tham chiếu “{ref}” trùng với dòng {first}", "ref “{ref}” repeats line {first}"),
    "check.unknown_line": (
        "bản ghi {id} thuộc dòng “{line_id}” không có trong kế hoạch",
        "record {id} names line “{line_id}”, which the plan does not have",
    ),
    "check.unknown_indicator": (
        "số liệu {id} thuộc chỉ tiêu “{indicator}” không có trong kế hoạch",
        "measure {id} names indicator “{indicator}”, which the plan does not have",
    ),
    "check.counted_again": (
        "dòng {line}: “{beneficiary}” được đếm số lượng nhiều lần (các dòng sổ {lines}); kiểm tra có phải "
        "một cơ sở nhận nhiều đợt không",
        "line {line}: “{beneficiary}” is counted more than once (ledger lines {lines}); check whether it is "
        "one facility paid in tranches",
    ),
    "check.void_unknown": (
        "lệnh hủy {id} trỏ tới {target}, không có trong sổ",
        "void {id} points at {target}, which is not in the ledger",
    ),
    "check.void_of_void": (
        "lệnh hủy {id} trỏ tới một lệnh hủy khác ({target})",
        "void {id} points at another void ({target})",
    ),
    "check.void_copy": (
        "lệnh hủy {id} mang bản sao khác với bản ghi {target} ở dòng {target_line}",
        "void {id} carries a copy that differs from record {target} on line {target_line}",
    ),
    "check.void_twice": (
        "bản ghi {target} bị hủy lần nữa (lần đầu ở dòng {first})",
        "record {target} is voided again (first on line {first})",
    ),
    "check.more_counted_again": (
        "… và {count} cơ sở khác được đếm nhiều lần.",
        "… and {count} more beneficiaries counted more than once.",
    ),
    # funding, ceilings, closed periods, distinct beneficiaries
    "record.source": (
        "--source “{source}” không hợp lệ; dùng một trong: {known}.",
        "--source “{source}” is not known; use one of: {known}.",
    ),
    "record.over_ceiling": (
        "dòng {line} hỗ trợ tối đa {ceiling} triệu đồng mỗi lần, không phải {amount}. Kiểm tra số tiền, hoặc "
        "thêm --allow-over-ceiling nếu đúng là vượt mức.",
        "line {line} pays at most {ceiling} million dong per record, not {amount}. Check the amount, or add "
        "--allow-over-ceiling if it really is above the ceiling.",
    ),
    "record.counted_again": (
        "“{beneficiary}” đã được đếm ở dòng {line}; một cơ sở nhận nhiều đợt chỉ tính là một cơ sở "
        "(bỏ --count cho các đợt sau).",
        "“{beneficiary}” is already counted on line {line}; a facility paid in tranches counts once "
        "(leave out --count for later tranches).",
    ),
    "closed.refused": (
        "ngày {date} thuộc kỳ {period} đã khóa (đã báo cáo). Thêm --allow-closed nếu thật sự cần sửa kỳ đó.",
        "{date} is inside {period}, a closed (reported) period. Add --allow-closed if it really must change.",
    ),
    "close.period": (
        "kỳ “{text}” không hợp lệ. Viết 2024 (năm), 2024-Q2 (quý) hoặc 2024-06 (tháng).",
        "period “{text}” is not valid. Write 2024 (a year), 2024-Q2 (a quarter) or 2024-06 (a month).",
    ),
    "close.done": ("Đã khóa kỳ {period} ({start} – {end}).", "Closed {period} ({start} – {end})."),
    "close.noop": ("Kỳ {period} đã được khóa trước đó; không ghi thêm.", "{period} was already closed; nothing added."),
    # reallocations
    "adjust.same_line": ("--from và --to cùng là dòng {line}.", "--from and --to are the same line {line}."),
    "adjust.zero": ("số tiền điều chỉnh phải lớn hơn 0.", "the amount moved must be more than 0."),
    "adjust.no_decision": (
        "--decision không được để trống: ghi số quyết định.",
        "--decision is empty: give the decision's number.",
    ),
    "adjust.too_much": (
        "sau điều chỉnh, kinh phí dòng {line} còn {after} triệu đồng, thấp hơn số đã chi {spent}. Giảm số tiền "
        "điều chỉnh.",
        "after this, line {line} would have a budget of {after} million dong, below the {spent} already spent. "
        "Move less.",
    ),
    "adjust.done": (
        "Đã điều chỉnh {id}: {amount} triệu đồng từ {source} sang {target} ({decision}).",
        "Reallocated {id}: {amount} million dong from {source} to {target} ({decision}).",
    ),
    # indicators
    "measure.unknown": (
        "không có chỉ tiêu “{id}” trong kế hoạch. Các chỉ tiêu: {known}.",
        "there is no indicator “{id}” in the plan. Known indicators: {known}.",
    ),
    "measure.year": ("năm {year} không hợp lệ.", "year {year} is not valid."),
    "measure.negative": ("giá trị “{text}” là số âm.", "value “{text}” is negative."),
    "measure.too_precise": (
        "giá trị “{text}” quá lớn hoặc quá nhiều chữ số thập phân (tối đa 9).",
        "value “{text}” is too large or has too many decimals (at most 9).",
    ),
    "measure.done": (
        "Đã ghi {id}: {indicator} năm {year} = {value}.",
        "Recorded {id}: {indicator} for {year} = {value}.",
    ),
    # import
    "import.missing": ("không tìm thấy tệp {path}.", "file {path} not found."),
    "import.unreadable": ("không đọc được tệp {path}: {reason}.", "cannot read {path}: {reason}."),
    "import.encoding": (
        "tệp {path} không phải UTF-8. Trong Excel, lưu lại dạng “CSV UTF-8”.",
        "{path} is not UTF-8. In Excel, save it again as “CSV UTF-8”.",
    ),
    "import.not_xlsx": (
        "tệp {path} không phải là tệp Excel (.xlsx) đọc được ({reason}).",
        "{path} is not a readable Excel (.xlsx) file ({reason}).",
    ),
    "import.unknown_column": (
        "không biết cột “{name}”. Các cột dùng được: {known}",
        "unknown column “{name}”. Known columns: {known}",
    ),
    "import.required": ("thiếu cột: {missing}.", "missing columns: {missing}."),
    "import.both_amounts": (
        "chỉ dùng một trong hai cột amount (triệu đồng, có thể kèm đơn vị) và amount_vnd (đồng).",
        "use only one of the columns amount (million dong, unit allowed) and amount_vnd (dong).",
    ),
    "import.empty": ("cột {column} trống.", "column {column} is empty."),
    "import.integer": (
        "cột {column}: “{text}” phải là số nguyên không dấu chấm phẩy (ví dụ 35000000).",
        "column {column}: “{text}” must be a plain whole number (e.g. 35000000).",
    ),
    "import.row": ("hàng {row}: {reason}", "row {row}: {reason}"),
    "import.refused": (
        "{path}: {count} hàng không nhận được; không nhập hàng nào. Sửa các hàng sau rồi nhập lại:",
        "{path}: {count} rows refused; nothing was imported. Fix these rows and import again:",
    ),
    "import.more": ("… và {count} hàng khác.", "… and {count} more."),
    "import.no_rows": ("tệp {path} không có hàng dữ liệu nào.", "{path} has no data rows."),
    "import.reading": ("Đang đọc {path}", "Reading {path}"),
    "import.done": (
        "Đã nhập {added} hàng ({already} hàng đã có từ trước, {skipped} hàng đã hủy bỏ qua).",
        "Imported {added} rows ({already} already there, {skipped} voided rows skipped).",
    ),
    "import.dry_run": (
        "Thử (chưa ghi): sẽ nhập {added} hàng ({already} hàng đã có, {skipped} hàng đã hủy bỏ qua).",
        "Dry run (nothing written): would import {added} rows ({already} already there, {skipped} voided skipped).",
    ),
    "import.line": (
        "  {number}. {line}: {rows} hàng, {amount} triệu đồng, số lượng {count}",
        "  {number}. {line}: {rows} rows, {amount} million dong, count {count}",
    ),
    # plan new
    "plan.new_exists": (
        "tệp {path} đã có; kc không ghi đè. Chọn tên khác hoặc xóa tệp cũ.",
        "{path} already exists; kc does not overwrite it. Choose another name or remove the old file.",
    ),
    "plan.new_header": (
        "Kế hoạch mới, lập từ {source}: điền kinh phí (budget_vnd, đồng) và mục tiêu (target) cho từng dòng.",
        "A new plan, started from {source}: fill in each line's budget (budget_vnd, in dong) and target.",
    ),
    "plan.new_done": (
        "Đã ghi {path}: kế hoạch {id}, {lines} dòng, kinh phí và mục tiêu bằng 0 để điền.",
        "Wrote {path}: plan {id}, {lines} lines, budgets and targets 0 to fill in.",
    ),
    "plan.localities": ("Địa bàn", "Localities"),
    # status extras
    "status.as_of_to": (
        "--as-of {as_of} và --to {to} khác nhau; chỉ dùng một.",
        "--as-of {as_of} and --to {to} differ; give one of them.",
    ),
    "status.from_after_to": ("--from {start} sau ngày kết thúc {end}.", "--from {start} is after the end {end}."),
    "status.final_as_of": ("Báo cáo tổng kết — tính đến ngày {date}", "Final report — as of {date}"),
    "status.period": ("Từ {start} đến {end}", "From {start} to {end}"),
    "status.elapsed": ("Thời gian kế hoạch đã qua: {pct}", "Share of the plan period elapsed: {pct}"),
    "status.behind_legend": ("! = chậm so với tiến độ thời gian", "! = behind schedule"),
    "status.latest": (", năm {year}: {value} {unit}", ", {year}: {value} {unit}"),
    "status.adjusted": (
        "Kinh phí đã tính {count} lần điều chỉnh (xem `kc plan show`).",
        "Budgets include {count} reallocations (see `kc plan show`).",
    ),
    "status.adjustments": ("Điều chỉnh kinh phí", "Reallocations"),
    "status.closed": ("Kỳ đã khóa gần nhất: {period}", "Latest closed period: {period}"),
    "status.extras": ("Vốn đối ứng và đơn vị thụ hưởng", "Counterpart funds and beneficiaries"),
    "status.by": ("Chi tiết theo {by}", "Breakdown by {by}"),
    "status.final": ("Báo cáo tổng kết", "Final report"),
    "by.year": ("năm", "year"),
    "by.quarter": ("quý", "quarter"),
    "by.locality": ("địa bàn", "locality"),
    "by.source": ("nguồn vốn", "source"),
    "group.none": ("(không ghi)", "(none given)"),
    "group.unlisted": ("⚠ ngoài danh sách", "⚠ not listed"),
    "pace.ahead": ("vượt tiến độ", "ahead"),
    "pace.on-track": ("đúng tiến độ", "on track"),
    "pace.behind": ("chậm", "behind"),
    "pace.done": ("hoàn thành", "done"),
    "xlsx.chart": ("Kinh phí và đã chi theo dòng (đồng)", "Budget and spent per line (dong)"),
    "col.key": ("Nhóm", "Group"),
    "col.original_budget_vnd": ("Kinh phí được duyệt", "Approved budget"),
    "col.counterpart_vnd": ("Vốn đối ứng", "Counterpart"),
    "col.leverage": ("Đối ứng/hỗ trợ", "Leverage"),
    "col.beneficiaries": ("Số đơn vị thụ hưởng", "Beneficiaries"),
    "col.pace": ("Tiến độ", "Pace"),
    "col.source": ("Nguồn vốn", "Source"),
    "col.from_line": ("Từ dòng", "From"),
    "col.to_line": ("Sang dòng", "To"),
    "col.decision": ("Quyết định", "Decision"),
    "col.by": ("Theo", "By"),
    "meta.from": ("Từ ngày", "From"),
}
