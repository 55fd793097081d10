"""Every text kc shows a person, in Vietnamese and English: (vi, en) by key.

Vietnamese follows ../shared/GLOSSARY.md: one term per concept (nội dung hỗ trợ, sổ theo dõi, bút toán,
giải ngân, kế hoạch/thực hiện, ĐVT, mã xác thực, khóa sổ kỳ báo cáo), the impersonal register of a báo cáo,
dates as 25/06/2024 (`t` formats any date it is given) and every amount with its unit. "dòng" is a line of
the ledger file, "hàng" a row of a spreadsheet. A test reads every message for words to avoid.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- labels ---------------------------------------------------------------------------------
    "label.error": ("Lỗi", "Error"),
    "label.plan": ("Lỗi kế hoạch", "Plan error"),
    "label.ledger": ("Lỗi sổ theo dõi", "Ledger error"),
    "label.input": ("Không thực hiện được", "Refused"),
    "label.usage": ("Lệnh chưa đúng", "Usage error"),
    "label.warning": ("Cảnh báo", "Warning"),
    "label.note": ("Lưu ý", "Note"),
    "bug": (
        "lỗi bên trong kc ({kind}). Sổ theo dõi không bị thay đổi. Vui lòng chạy lại với KC_DEBUG=1 và gửi "
        "kết quả cho người bảo trì.",
        "internal error in kc ({kind}). The ledger was not changed. Run again with KC_DEBUG=1 and send the "
        "output to the maintainers.",
    ),
    "env.lang": (
        "KC_LANG={value} không được hỗ trợ; dùng vi hoặc en. Đang dùng tiếng Việt.",
        "KC_LANG={value} is not supported; use vi or en. Using Vietnamese.",
    ),
    "word.or": ("hoặc", "or"),
    "data.store_python": (
        "kc đang chạy bằng Python cài từ Microsoft Store: Windows chuyển các tệp mới mà kc ghi vào {folder} sang "
        "{real}. Thư mục {folder} trong Explorer vì thế có thể trống, bản sao lưu thư mục đó không có sổ theo dõi, "
        "và gỡ Python sẽ xóa mất sổ. Vui lòng đặt biến môi trường KC_DATA_DIR chỉ tới một thư mục được sao lưu "
        "(ví dụ `D:\\KhuyenCong\\du-lieu`), hoặc cài kc bằng Python từ python.org hay bằng pipx.",
        "kc is running on Python from the Microsoft Store: Windows moves the new files kc writes under {folder} "
        "into {real}. So {folder} may look empty in Explorer, a backup of it holds no ledger, and uninstalling "
        "Python deletes the ledgers. Set the KC_DATA_DIR environment variable to a folder that is backed up "
        "(e.g. `D:\\KhuyenCong\\du-lieu`), or install kc with Python from python.org or with pipx.",
    ),
    # --- operating-system causes ---------------------------------------------------------------
    "os.missing": ("tệp hoặc thư mục không tồn tại", "the file or folder does not exist"),
    "os.denied": ("không có quyền truy cập", "permission denied"),
    "os.is_folder": ("đây là một thư mục, không phải tệp", "this is a folder, not a file"),
    "os.not_folder": ("một phần của đường dẫn không phải là thư mục", "part of the path is not a folder"),
    "os.full": ("ổ đĩa đã đầy", "the disk is full"),
    "os.too_big": ("tệp vượt quá giới hạn kích thước", "the file is over its size limit"),
    "os.read_only": ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
    "os.name_too_long": ("tên tệp quá dài", "the file name is too long"),
    "os.exists": ("tệp đã có", "the file already exists"),
    "os.other": ("lỗi hệ điều hành số {code}", "operating-system error {code}"),
    "os.in_use": (
        "tệp đang được mở trong một chương trình khác (Excel, Word, phần mềm diệt virus hoặc OneDrive); vui lòng "
        "đóng tệp trong chương trình đó rồi chạy lại lệnh",
        "the file is open in another program (Excel, Word, antivirus or OneDrive); close it there and run the "
        "command again",
    ),
    "os.in_use_or_denied": (
        "tệp đang được mở trong một chương trình khác (Excel, Word…) hoặc không được phép ghi đè; vui lòng đóng "
        "tệp trong chương trình đó rồi chạy lại lệnh",
        "the file is open in another program (Excel, Word…) or may not be replaced; close it there and run the "
        "command again",
    ),
    "os.path_too_long": (
        "đường dẫn dài {length} ký tự, quá giới hạn 260 ký tự của Windows; vui lòng chuyển thư mục lên gần gốc "
        "ổ đĩa (ví dụ `D:\\KhuyenCong`) hoặc bật đường dẫn dài trong Windows (LongPathsEnabled)",
        "the path is {length} characters long, past Windows' limit of 260; move the folder nearer the top of "
        "the drive (e.g. `D:\\KhuyenCong`) or enable long paths in Windows (LongPathsEnabled)",
    ),
    # --- numbers, amounts, dates, periods -------------------------------------------------------
    "number.invalid": (
        "“{text}” không phải là số viết đúng cách: dấu “{group}” ngăn cách hàng nghìn, dấu “{decimal}” là dấu "
        "thập phân (ví dụ {example}).",
        "“{text}” is not a number as written here: '{group}' groups thousands, '{decimal}' is the decimal mark "
        "(for example {example}).",
    ),
    "number.did_you_mean": (" Có phải là {text}?", " Did you mean {text}?"),
    "number.ambiguous": (
        "“{text}” có hai cách hiểu: {decimal} hoặc {grouped}. Vui lòng viết rõ một trong hai cách.",
        "“{text}” can be read two ways: {decimal} or {grouped}. Write one of them.",
    ),
    "amount.invalid": (
        "số tiền “{text}” không đọc được. Viết một số, có thể kèm đơn vị ({units}); nếu không ghi đơn vị thì "
        "hiểu là triệu đồng. Ví dụ: 14.750, 0,5 tỷ, 1tr250, 125.000.000đ.",
        "amount “{text}” cannot be read. Write a number, optionally with a unit ({units}); without a unit it "
        "is million dong. For example: 14,750, 0.5 ty, 1tr250, 125,000,000 d.",
    ),
    "amount.negative": (
        "số tiền “{text}” là số âm. Số tiền phải từ 0 trở lên; để sửa một bút toán đã ghi sổ, dùng `kc void`.",
        "amount “{text}” is negative. Amounts are 0 or more; to correct an entry, use `kc void`.",
    ),
    "amount.unit": (
        "số tiền “{text}”: không biết đơn vị “{unit}”. Dùng một trong: {units} (nếu không ghi đơn vị thì hiểu là "
        "triệu đồng).",
        "amount “{text}”: unknown unit “{unit}”. Use one of: {units} (without a unit it is million dong).",
    ),
    "amount.fraction": (
        "số tiền “{text}” có phần lẻ nhỏ hơn 1 đồng. Vui lòng làm tròn đến đồng.",
        "amount “{text}” has a fraction of a dong. Round it to whole dong.",
    ),
    "amount.too_large": (
        "số tiền “{text}” quá lớn (tối đa {max}). Vui lòng kiểm tra đơn vị: nếu không ghi đơn vị thì hiểu là "
        "triệu đồng.",
        "amount “{text}” is too large (at most {max}). Check the unit: without a unit it is million dong.",
    ),
    "value.negative": ("giá trị “{text}” là số âm.", "value “{text}” is negative."),
    "value.too_precise": (
        "giá trị “{text}” quá lớn hoặc có quá nhiều chữ số thập phân (tối đa {decimals}).",
        "value “{text}” is too large or has too many decimals (at most {decimals}).",
    ),
    "date.invalid": (
        "{what} “{text}” không phải là ngày hợp lệ. Viết ngày/tháng/năm (25/06/2024) hoặc năm-tháng-ngày (2024-06-25).",
        "{what} “{text}” is not a valid date. Write day/month/year (25/06/2024) or year-month-day (2024-06-25).",
    ),
    "period.invalid": (
        "{what} “{text}” không phải là kỳ báo cáo hợp lệ. Viết `2025` (năm), `2025-H1` (6 tháng), `2025-Q3` "
        "(quý) hoặc `2025-06` (tháng).",
        "{what} “{text}” is not a valid period. Write 2025 (a year), 2025-H1 (a half), 2025-Q3 (a quarter) "
        "or 2025-06 (a month).",
    ),
    "period.year": ("năm {year}", "{year}"),
    "period.first_half": ("6 tháng đầu năm {year}", "the first half of {year}"),
    "period.second_half": ("6 tháng cuối năm {year}", "the second half of {year}"),
    "period.quarter": ("quý {roman}/{year}", "quarter {roman} of {year}"),
    "period.month": ("tháng {month}/{year}", "{month}/{year}"),
    "period.range": ("từ {start} đến {end}", "from {start} to {end}"),
    "report.range": ("từ ngày {start} đến ngày {end}", "from {start} to {end}"),
    # --- plan lines -----------------------------------------------------------------------------
    "line.label": ("nội dung số {number} ({name})", "line {number} ({name})"),
    "line.unplanned": (
        "nội dung có mã “{id}” (không có trong kế hoạch)",
        "line with id “{id}” (not in the plan)",
    ),
    "line.option": ("{name}, mã {id}", "{name}, id {id}"),
    "line.number": (
        "kế hoạch không có nội dung số {key}. Các nội dung được đánh số từ 1 đến {last}; xem `kc plan show`.",
        "the plan has no line number {key}. Lines are numbered 1 to {last}; see `kc plan show`.",
    ),
    "line.unknown": (
        "kế hoạch không có nội dung hỗ trợ “{key}”.",
        "the plan has no line “{key}”.",
    ),
    "line.did_you_mean": (
        " Có phải là: {options}? Xem `kc plan show`.",
        " Did you mean: {options}? See `kc plan show`.",
    ),
    # --- the plan file --------------------------------------------------------------------------
    "plan.missing": (
        "không tìm thấy tệp kế hoạch {path}. Vui lòng kiểm tra tên tệp (hoặc --plan, biến KC_PLAN); "
        "`kc plan list` cho biết các kế hoạch đã biết.",
        "plan file {path} not found. Check the name (or --plan, the KC_PLAN variable); `kc plan list` shows the "
        "plans known.",
    ),
    "plan.is_folder": ("{path} là một thư mục, không phải tệp kế hoạch.", "{path} is a folder, not a plan file."),
    "plan.unreadable": ("không đọc được tệp kế hoạch {path}: {reason}.", "cannot read plan file {path}: {reason}."),
    "plan.encoding": (
        "tệp kế hoạch {path} không phải UTF-8. Vui lòng lưu lại tệp với mã UTF-8.",
        "plan file {path} is not UTF-8. Save it again as UTF-8.",
    ),
    "plan.syntax": (
        "tệp kế hoạch {path} viết sai cú pháp TOML: {reason}.",
        "plan file {path} is not valid TOML: {reason}.",
    ),
    "plan.syntax_at": ("lỗi ở dòng {lineno}, cột {column}", "at line {lineno}, column {column}"),
    "plan.syntax_somewhere": ("không rõ vị trí", "position unknown"),
    "plan.period": (
        "ngày kết thúc {end} trước ngày bắt đầu {start} của thời gian thực hiện kế hoạch.",
        "the plan ends on {end}, before it starts on {start}.",
    ),
    "plan.duplicate": ("{where}: mã “{id}” bị trùng.", "{where}: id “{id}” is used twice."),
    "plan.unit_target": (
        "{where}: trường `unit` và trường `target` phải đi cùng nhau (nội dung không theo dõi số lượng thì bỏ cả hai).",
        "{where}: unit and target go together (a line without a count leaves out both).",
    ),
    "plan.budget_small": (
        "{where}: kinh phí {vnd} đồng là quá nhỏ (dưới 1 triệu đồng). Trường `budget_vnd` tính bằng đồng; nếu "
        'muốn ghi theo triệu đồng, viết `budget = "5.000"`.',
        "{where}: a budget of {vnd} dong is implausibly small (under 1 million). budget_vnd is in dong; to write "
        'million dong, use budget = "5,000" (written with Vietnamese marks: "5.000").',
    ),
    "plan.both_budgets": (
        "chỉ dùng một trong hai trường `{name}` (triệu đồng) và `{name}_vnd` (đồng).",
        "use only one of {name} (million dong) and {name}_vnd (dong).",
    ),
    "plan.budget_text": (
        'trường `{name}` phải là chuỗi, ví dụ `{name} = "14.750"` (triệu đồng).',
        '{name} must be text, e.g. {name} = "14.750" (million dong, Vietnamese marks).',
    ),
    "plan.year_outside": (
        "{where}: năm này nằm ngoài thời gian thực hiện kế hoạch ({first}–{last}).",
        "{where}: this year is outside the plan's period ({first}–{last}).",
    ),
    "plan.year_target": (
        "{where}: nội dung này không theo dõi số lượng nên không có `target` theo năm.",
        "{where}: this line has no count, so no yearly target.",
    ),
    "plan.years_over": (
        "{where}: tổng kinh phí các năm {total} triệu đồng vượt kinh phí cả kế hoạch {budget} triệu đồng. "
        "Vui lòng sửa lại, hoặc ghi `allow_years_over_total = true` trong bảng `[plan]` nếu đúng là như vậy.",
        "{where}: the yearly budgets add up to {total} million dong, above the line's {budget} million. Fix them, "
        "or set allow_years_over_total = true in [plan] if that is intended.",
    ),
    "plan.extra": ("trường không được biết; các trường hợp lệ: {known}", "unknown field; known fields: {known}"),
    "did_you_mean": (". Có phải là “{name}”?", ". Did you mean “{name}”?"),
    "plan.field_missing": ("thiếu giá trị bắt buộc", "a required value is missing"),
    "plan.greater_than_equal": ("phải từ {limit} trở lên", "must be ≥ {limit}"),
    "plan.less_than_equal": ("phải không quá {limit}", "must be ≤ {limit}"),
    "plan.empty": ("không được để trống", "must not be empty"),
    "plan.too_long": ("dài quá {max} ký tự", "is longer than {max} characters"),
    "plan.type": ("phải là {expected}", "must be {expected}"),
    "plan.invalid_value": ("giá trị không hợp lệ", "invalid value"),
    "plan.id_pattern": (
        "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ `may-moc-thiet-bi`",
        "ids use lowercase ASCII letters, digits and hyphens, e.g. may-moc-thiet-bi",
    ),
    "type.int": ("số nguyên (ví dụ 14_750_000_000)", "an integer (e.g. 14_750_000_000)"),
    "type.string": ("chuỗi văn bản trong dấu ngoặc kép", "text in double quotes"),
    "type.date": ("ngày dạng 2021-01-01", "a date like 2021-01-01"),
    "type.list": ("một danh sách", "a list"),
    "type.table": ("một bảng", "a table"),
    "type.bool": ("true hoặc false", "true or false"),
    # --- the ledger -----------------------------------------------------------------------------
    "ledger.unreadable": ("không đọc được sổ theo dõi {path}: {reason}.", "cannot read ledger {path}: {reason}."),
    "ledger.unwritable": (
        "không ghi được vào {path}: {reason}. Vui lòng kiểm tra quyền ghi và ổ đĩa, hoặc chọn --ledger khác.",
        "cannot write to {path}: {reason}. Check permissions and the disk, or choose another --ledger.",
    ),
    "ledger.only_one": (
        "lệnh này ghi sổ (hoặc kiểm tra) đúng một sổ theo dõi; chỉ dùng --ledger một lần.",
        "this command writes (or checks) exactly one ledger; give --ledger once.",
    ),
    "ledger.given_twice": (
        "sổ theo dõi {path} và {other} là cùng một tệp; mỗi sổ chỉ được cộng một lần.",
        "ledgers {path} and {other} are the same file; a ledger adds up only once.",
    ),
    "ledger.shared_entries": (
        "sổ theo dõi {path} và {other} có chung bút toán (mã {id}): có thể một sổ là bản sao của sổ kia. "
        "Chỉ cộng các sổ khác nhau.",
        "ledgers {path} and {other} share entries (id {id}): one may be a copy of the other. Only distinct "
        "ledgers add up.",
    ),
    "ledger.header_twice": ("dòng tiêu đề của sổ chỉ được ở dòng 1", "the ledger's header belongs on line 1 only"),
    "ledger.no_header": ("dòng 1 phải là dòng tiêu đề của sổ", "line 1 must be the ledger's header"),
    "ledger.batch_in_batch": (
        "một lô nhập mới bắt đầu khi lô trước chưa kết thúc",
        "an import batch starts before the previous one has ended",
    ),
    "ledger.batch_end": (
        "dòng kết thúc lô nhập không khớp với lô đang mở",
        "the end of an import batch does not match the batch that is open",
    ),
    "ledger.not_json": ("nội dung không phải JSON hợp lệ", "not valid JSON"),
    "ledger.unknown_kind": ("loại bút toán không được biết", "unknown kind of entry"),
    "ledger.field_missing": ("thiếu trường {field}", "field {field} is missing"),
    "ledger.field_unknown": ("có trường lạ {field}", "unknown field {field}"),
    "ledger.field_invalid": ("trường {field} có giá trị không hợp lệ", "field {field} has an invalid value"),
    "ledger.format": (
        "sổ theo dõi {path} dùng định dạng phiên bản {found}; phiên bản kc này đọc phiên bản {known}. Vui lòng "
        "cập nhật kc.",
        "ledger {path} uses format version {found}; this kc reads version {known}. Upgrade kc.",
    ),
    "ledger.other_plan": (
        "sổ theo dõi {path} thuộc kế hoạch “{found}”, không phải “{plan}”. Vui lòng chọn đúng --plan, hoặc "
        "--ledger khác cho kế hoạch này.",
        "ledger {path} belongs to plan “{found}”, not “{plan}”. Choose the right --plan, or another --ledger.",
    ),
    "ledger.malformed": (
        "{path}, dòng {lineno}: dòng bị hỏng ({reason}). Tệp không bị thay đổi; vui lòng chạy `kc check` và "
        "khôi phục từ bản sao lưu.",
        "{path}, line {lineno}: damaged line ({reason}). The file was left untouched; run `kc check` and "
        "restore from a backup.",
    ),
    "ledger.locked": (
        "sổ theo dõi {path} đang được một lệnh khác ghi (đã chờ {seconds} giây). Vui lòng thử lại sau, hoặc "
        "tăng --lock-timeout. Tệp khóa: {lock}.",
        "ledger {path} is being written by another command (waited {seconds} s). Try again later, or raise "
        "--lock-timeout. Lock file: {lock}.",
    ),
    "ledger.full": (
        "không ghi được vào {path}: {reason}. Chưa ghi sổ gì; vui lòng giải phóng chỗ trống rồi chạy lại.",
        "cannot write to {path}: {reason}. Nothing was recorded; free some space and run again.",
    ),
    "ledger.write_failed": (
        "ghi vào {path} không thành công: {reason}. Chưa ghi sổ gì; vui lòng chạy lại lệnh.",
        "writing to {path} failed: {reason}. Nothing was recorded; run the command again.",
    ),
    "ledger.torn": (
        "{path}: phần cuối sổ ({size} byte) bị ghi dở do mất điện hoặc lệnh bị dừng đột ngột, nên không được "
        "tính. Lần ghi sổ tiếp theo sẽ chuyển phần này sang {torn}.",
        "{path}: the end of the ledger ({size} bytes) was cut short by a power loss or a killed command, and "
        "does not count. The next write moves it to {torn}.",
    ),
    "ledger.torn_moved": (
        "{path}: đã chuyển phần ghi dở ở cuối sổ ({size} byte) sang {torn} trước khi ghi sổ.",
        "{path}: moved the cut-short end of the ledger ({size} bytes) to {torn} before writing.",
    ),
    "ledger.chain": (
        "{path}: sổ không liền mạch từ dòng {lines}; có thể sổ đã bị sửa trực tiếp trong tệp. Vui lòng chạy "
        "`kc check` để biết chi tiết.",
        "{path}: the ledger's chain breaks at line {lines}; it may have been edited by hand. Run `kc check` "
        "for details.",
    ),
    "ledger.conflict_copies": (
        "bên cạnh sổ theo dõi {path} có bản sao do OneDrive (hoặc phần mềm đồng bộ khác) tạo ra khi sổ được ghi "
        "trên hai máy: {copies}. kc chỉ đọc {path}: bút toán chỉ có trong bản sao không được tính. Mỗi sổ theo dõi "
        "chỉ nên được ghi trên một máy; vui lòng xem bản sao bằng `kc log --ledger` kèm tên bản sao, ghi sổ lại "
        "vào {path} những bút toán còn thiếu, rồi chuyển bản sao ra khỏi thư mục này.",
        "beside ledger {path} are copies that OneDrive (or another sync service) made when the ledger was written "
        "on two PCs: {copies}. kc reads only {path}: entries that are only in a copy do not count. Write each "
        "ledger on one PC only; look at a copy with `kc log --ledger` and its name, record in {path} the entries "
        "it lacks, then move the copy out of this folder.",
    ),
    "index.failed": (
        "không ghi được chỉ mục của sổ theo dõi {path} ({index}): {reason}. Chưa ghi sổ gì; vui lòng kiểm tra ổ đĩa "
        "rồi chạy lại.",
        "cannot write the index of ledger {path} ({index}): {reason}. Nothing was recorded; check the disk and "
        "run again.",
    ),
    "index.busy": ("một lệnh khác đang dùng chỉ mục", "another command is using the index"),
    "index.other": ("tệp chỉ mục bị lỗi", "the index file has an error"),
    # --- text typed -----------------------------------------------------------------------------
    "text.control": (
        "{option} có ký tự điều khiển (xuống dòng, tab…). Vui lòng viết trên một dòng.",
        "{option} contains control characters (newline, tab…). Write it on one line.",
    ),
    "text.encoding": (
        "{option} có ký tự không đọc được (không phải UTF-8), thường do tệp lệnh được lưu bằng mã khác. Vui lòng "
        "lưu lại tệp lệnh với mã UTF-8.",
        "{option} holds bytes that are not UTF-8, usually from a script saved in another encoding. Save the script "
        "as UTF-8.",
    ),
    "text.invisible": (
        "{option} có ký tự vô hình ({code}), thường do sao chép từ trang web hoặc văn bản khác. Vui lòng gõ lại "
        "nội dung này.",
        "{option} contains an invisible character ({code}), usually pasted from a web page or document. Type it again.",
    ),
    "text.too_long": (
        "{option} dài {length} ký tự; tối đa {max}. Vui lòng rút gọn.",
        "{option} is {length} characters long; at most {max}. Shorten it.",
    ),
    # --- records --------------------------------------------------------------------------------
    "record.no_count": (
        "{line} không theo dõi số lượng; vui lòng bỏ {option}.",
        "{line} has no count to track; leave out {option}.",
    ),
    "record.negative_count": (
        "{option} {count} là số âm. Số lượng phải từ 0 trở lên; để sửa, dùng `kc void`.",
        "{option} {count} is negative. Counts are 0 or more; to correct an entry, use `kc void`.",
    ),
    "record.nothing": (
        "bút toán không có nội dung: số tiền bằng 0 và không có số lượng. Vui lòng ghi số tiền, số lượng, hoặc cả hai.",
        "nothing to record: the amount is 0 and there is no count. Give an amount, a count, or both.",
    ),
    "record.locality_unknown": (
        "địa bàn “{locality}” ({option}) không có trong danh sách địa bàn của kế hoạch. Xem các địa bàn bằng "
        "`kc plan show`.",
        "locality “{locality}” ({option}) is not in the plan's list. See the list with `kc plan show`.",
    ),
    "record.locality": (
        "địa bàn “{locality}” ({option}) không có trong danh sách địa bàn của kế hoạch. Có phải là: {suggestions}? "
        "Xem `kc plan show`.",
        "locality “{locality}” ({option}) is not in the plan's list. Did you mean: {suggestions}? See `kc plan show`.",
    ),
    "record.count_too_large": (
        "{option} {count} quá lớn (tối đa {max}). Vui lòng kiểm tra lại số lượng.",
        "{option} {count} is too large (at most {max}). Check the count.",
    ),
    "record.invalid": (
        "bút toán không hợp lệ ({reason}); chưa ghi sổ gì.",
        "the entry is not valid ({reason}); nothing was recorded.",
    ),
    "record.outside_period": (
        "ngày {date} nằm ngoài thời gian thực hiện kế hoạch ({start} – {end}). Vui lòng kiểm tra {what}, hoặc "
        "thêm --allow-outside-period nếu đúng là ngoài thời gian kế hoạch.",
        "{date} is outside the plan's period ({start} – {end}). Check {what}, or add --allow-outside-period "
        "if it really is outside.",
    ),
    "record.future": (
        "ngày {date} ({what}) là ngày sau hôm nay ({today}); `kc status` sẽ chưa tính bút toán này cho đến ngày đó. "
        "Vui lòng kiểm tra {what}, hoặc thêm --allow-future nếu đúng là ghi trước cho ngày đó.",
        "{date} ({what}) is after today ({today}); `kc status` would not count the entry until then. Check {what}, "
        "or add --allow-future if it really is recorded ahead of that day.",
    ),
    "record.id_conflict": (
        "mã bút toán {id} đã có trong sổ theo dõi với nội dung khác. Nếu đây là số liệu mới, vui lòng để trống ô "
        "mã bút toán; để sửa bút toán đó, dùng `kc void {id}` rồi ghi sổ lại.",
        "entry {id} is already in the ledger with other content. For new figures, leave the entry id cell "
        "empty; to correct that entry, `kc void {id}` and record it again.",
    ),
    "record.ref_conflict": (
        "mã tham chiếu “{ref}” đã dùng cho bút toán {id} (ngày {date}) với nội dung khác. Vui lòng dùng mã khác, "
        "hoặc hủy bút toán cũ bằng `kc void {id}`.",
        "ref “{ref}” was already used by entry {id} (dated {date}) with different content. Use another ref, or "
        "void the old entry with `kc void {id}`.",
    ),
    "record.ref_voided": (
        "mã tham chiếu “{ref}” đã dùng cho bút toán {id}, bút toán này đã bị hủy ngày {date}. Vui lòng dùng "
        "mã tham chiếu mới cho bút toán thay thế.",
        "ref “{ref}” belongs to entry {id}, which was voided on {date}. Give the replacing entry a new ref.",
    ),
    "record.over_budget": (
        "{line} chỉ còn {remaining} triệu đồng, không đủ cho {amount} triệu đồng. Vui lòng kiểm tra số tiền, "
        "hoặc thêm --allow-over-budget nếu đúng là vượt kinh phí được giao.",
        "{line} has only {remaining} million dong left, not enough for {amount} million dong. Check the "
        "amount, or add --allow-over-budget if it really goes over the budget.",
    ),
    "record.plan_unfilled": (
        "{line} chưa có kinh phí và chỉ tiêu trong kế hoạch (đang bằng 0). Vui lòng điền kế hoạch trước "
        "(`budget` và `target` trong tệp kế hoạch, rồi `kc plan use`).",
        "{line} has no budget or target in the plan yet (both 0). Fill in the plan first (budget and target in "
        "the plan file, then `kc plan use`).",
    ),
    "record.over_ceiling": (
        "{line} hỗ trợ tối đa {ceiling} triệu đồng cho mỗi bút toán, không phải {amount} triệu đồng. Vui lòng "
        "kiểm tra số tiền, hoặc thêm --allow-over-ceiling nếu đúng là vượt mức.",
        "{line} pays at most {ceiling} million dong per entry, not {amount}. Check the amount, or add "
        "--allow-over-ceiling if it really is above the ceiling.",
    ),
    "record.source": (
        "nguồn kinh phí “{source}” ({option}) không hợp lệ; dùng một trong: {known} (khuyến công quốc gia, "
        "khuyến công địa phương).",
        "funding source “{source}” ({option}) is not known; use one of: {known} (national, local).",
    ),
    "record.counted_again": (
        "“{beneficiary}” đã được tính số lượng ở {line}; một cơ sở nhận hỗ trợ nhiều đợt chỉ tính là một cơ sở "
        "(bỏ số lượng ở các đợt sau).",
        "“{beneficiary}” is already counted on {line}; a facility paid in tranches counts once (leave out the "
        "count for later tranches).",
    ),
    "record.year_over": (
        "{line}: lũy kế giải ngân năm {year} ({spent} triệu đồng) vượt kinh phí kế hoạch năm ({allocation} triệu "
        "đồng).",
        "{line}: disbursed in {year} ({spent} million dong) is above the year's allocation ({allocation} million).",
    ),
    "record.done": (
        "Đã ghi sổ: {line}, {what}, ngày {date} (mã {id}).",
        "Recorded: {line}, {what}, dated {date} (id {id}).",
    ),
    "record.dry_run": (
        "Thử (chưa ghi sổ): {line}, {what}, ngày {date}.",
        "Dry run (nothing written): {line}, {what}, dated {date}.",
    ),
    "record.amount": ("giải ngân {amount} triệu đồng", "{amount} million dong disbursed"),
    "record.count": ("thực hiện {count} {unit}", "{count} {unit} achieved"),
    "record.noop": (
        "Bút toán {id} với cùng mã tham chiếu và nội dung đã có trong sổ; không ghi thêm.",
        "Entry {id} with the same ref and content is already in the ledger; nothing added.",
    ),
    "balance.money": (
        "{line}: lũy kế giải ngân {spent}/{budget} triệu đồng ({pct}), còn lại {remaining} triệu đồng",
        "{line}: disbursed {spent} of {budget} million dong ({pct}), {remaining} million left",
    ),
    "balance.future": (
        "Bút toán ngày {date} sau hôm nay ({today}): số liệu trên (tính đến hôm nay) chưa gồm bút toán này; "
        "`kc status` tính bút toán từ ngày {date}.",
        "The entry is dated {date}, after today ({today}): the figures above (up to today) leave it out; "
        "`kc status` counts it from {date}.",
    ),
    "balance.count": ("; thực hiện {done}/{target} {unit}", "; achieved {done} of {target} {unit}"),
    "closed.refused": (
        "ngày {date} thuộc kỳ báo cáo {period} đã khóa sổ (từ {start} đến {end}). Thêm --allow-closed nếu thật sự "
        "cần sửa kỳ đó.",
        "{date} is inside {period}, a closed reporting period ({start} – {end}). Add --allow-closed if it really "
        "must change.",
    ),
    # --- voids ----------------------------------------------------------------------------------
    "void.no_reason": ("--reason không được để trống: vui lòng ghi lý do hủy.", "--reason is empty: say why."),
    "void.unknown": (
        "sổ theo dõi không có bút toán “{id}”. Mã bút toán ở cột cuối của `kc log`.",
        "the ledger has no entry “{id}”. Entry ids are in the last column of `kc log`.",
    ),
    "void.is_void": (
        "“{id}” là một bút toán hủy (của {target}); không thể hủy nó.",
        "“{id}” is a void (of {target}); it cannot be voided.",
    ),
    "void.already": (
        "bút toán {id} đã bị hủy ngày {date} với lý do “{reason}”.",
        "entry {id} was already voided on {date}, because “{reason}”.",
    ),
    "void.done": ("Đã hủy bút toán {id} (ngày {date}): {reason}.", "Voided entry {id} (on {date}): {reason}."),
    "void.noop": (
        "Bút toán {id} đã được hủy với cùng lý do; không ghi thêm.",
        "Entry {id} was already voided for the same reason; nothing added.",
    ),
    # --- reallocations, indicators, closes ------------------------------------------------------
    "adjust.same_line": ("--from và --to cùng là {line}.", "--from and --to are the same {line}."),
    "adjust.zero": ("số tiền điều chỉnh phải lớn hơn 0.", "the amount moved must be more than 0."),
    "adjust.no_decision": (
        "--decision không được để trống: vui lòng ghi số quyết định.",
        "--decision is empty: give the decision's number.",
    ),
    "adjust.too_much": (
        "sau điều chỉnh, kinh phí của {line} còn {after} triệu đồng, thấp hơn lũy kế giải ngân {spent} triệu đồng. "
        "Vui lòng giảm số tiền điều chỉnh.",
        "after this, {line} would have a budget of {after} million dong, below the {spent} million already "
        "disbursed. Move less.",
    ),
    "adjust.done": (
        "Đã điều chỉnh kinh phí {amount} triệu đồng từ {source} sang {target} ({decision}; mã {id}).",
        "Reallocated {amount} million dong from {source} to {target} ({decision}; id {id}).",
    ),
    "measure.unknown": (
        "kế hoạch không có chỉ tiêu “{id}”. Các chỉ tiêu: {known}.",
        "the plan has no indicator “{id}”. Known indicators: {known}.",
    ),
    "measure.year": ("năm {year} không hợp lệ.", "year {year} is not valid."),
    "measure.outside_period": (
        "năm {year} nằm ngoài thời gian thực hiện kế hoạch ({first}–{last}). Vui lòng kiểm tra --year, hoặc thêm "
        "--allow-outside-period nếu đúng là số liệu của năm đó.",
        "{year} is outside the plan's years ({first}–{last}). Check --year, or add --allow-outside-period if the "
        "value really is for that year.",
    ),
    "measure.future": (
        "năm {year} chưa đến (hôm nay là ngày {today}). Vui lòng kiểm tra --year, hoặc thêm --allow-future nếu "
        "đúng là số liệu ước tính cho năm đó.",
        "{year} has not come yet (today is {today}). Check --year, or add --allow-future if the value really is "
        "an estimate for that year.",
    ),
    "measure.future_note": (
        "Năm {year} chưa đến (hôm nay là ngày {today}): báo cáo chỉ nêu giá trị này từ năm {year}.",
        "{year} has not come yet (today is {today}): a report quotes the value from {year} on.",
    ),
    "measure.done": (
        "Đã ghi sổ chỉ tiêu {indicator} năm {year}: {value} {unit} (mã {id}).",
        "Recorded indicator {indicator} for {year}: {value} {unit} (id {id}).",
    ),
    "close.outside_plan": (
        "{period} nằm ngoài thời gian thực hiện kế hoạch ({start} – {end}); không có gì để khóa sổ.",
        "{period} is outside the plan's period ({start} – {end}); there is nothing to close.",
    ),
    "close.done": (
        "Đã khóa sổ kỳ báo cáo {period} (từ {start} đến {end}; mã {id}).",
        "Closed the reporting period {period} ({start} – {end}; id {id}).",
    ),
    "close.not_ended": (
        "kỳ báo cáo {period} chưa kết thúc (đến ngày {end}; hôm nay là ngày {today}); chỉ khóa sổ kỳ đã qua. "
        "Thêm --allow-future nếu đúng là cần khóa sổ trước.",
        "{period} has not ended (it runs to {end}; today is {today}); only a past period is closed. Add "
        "--allow-future if it really must be closed ahead.",
    ),
    "close.noop": (
        "Kỳ báo cáo {period} đã được khóa sổ trước đó; không ghi thêm.",
        "{period} was already closed; nothing added.",
    ),
    # --- đề án ---------------------------------------------------------------------------------
    "project.state.approved": ("đã phê duyệt", "approved"),
    "project.state.advanced": ("đã tạm ứng", "advanced"),
    "project.state.accepted": ("đã nghiệm thu", "accepted"),
    "project.state.settled": ("đã quyết toán", "settled"),
    "project.state.stopped": ("ngừng thực hiện", "stopped"),
    "project.overdue.not_accepted": ("quá hạn, chưa nghiệm thu", "overdue, not accepted"),
    "project.overdue.not_settled": ("quá hạn, chưa quyết toán", "overdue, not settled"),
    "project.written": ("Đã ghi sổ: {what}", "Recorded: {what}"),
    "project.dry_run": ("Thử (chưa ghi sổ): {what}", "Dry run (nothing written): {what}"),
    "project.noop": (
        "Bút toán {id} của đề án {code} với cùng nội dung đã có trong sổ theo dõi; không ghi thêm.",
        "Entry {id} of đề án {code} with the same content is already in the ledger; nothing added.",
    ),
    "project.added": (
        "phê duyệt đề án {code} ({name}): {line}, đơn vị thụ hưởng {beneficiary}, kinh phí hỗ trợ được duyệt "
        "{support} triệu đồng; quyết định {decision}, ngày {date} (mã bút toán {id}).",
        "approved đề án {code} ({name}): {line}, beneficiary {beneficiary}, support {support} million dong; "
        "decision {decision}, dated {date} (entry {id}).",
    ),
    "project.changed": (
        "điều chỉnh đề án {code} theo quyết định {decision}, ngày {date}: {what} (mã bút toán {id}).",
        "changed đề án {code} by decision {decision}, dated {date}: {what} (entry {id}).",
    ),
    "project.change_support": (
        "kinh phí hỗ trợ {before} → {after} triệu đồng",
        "support {before} → {after} million dong",
    ),
    "project.change_counterpart": ("vốn đối ứng {after} triệu đồng", "counterpart funds {after} million dong"),
    "project.change_count": ("số lượng {before} → {after} {unit}", "count {before} → {after} {unit}"),
    "project.change_end": ("thời hạn {before} → {after}", "end {before} → {after}"),
    "project.change_beneficiary": ("đơn vị thụ hưởng “{value}”", "beneficiary “{value}”"),
    "project.change_locality": ("địa bàn “{value}”", "locality “{value}”"),
    "project.accepted": (
        "nghiệm thu đề án {code} ngày {date}{counted} (mã bút toán {id}).",
        "accepted đề án {code} on {date}{counted} (entry {id}).",
    ),
    "project.accepted_count": (": thực hiện {count} {unit}", ": {count} {unit} achieved"),
    "project.settled": (
        "quyết toán đề án {code} ngày {date}: giải ngân {paid} triệu đồng; {released} triệu đồng kinh phí hỗ trợ "
        "chưa giải ngân trả về nội dung hỗ trợ (mã bút toán {id}).",
        "settled đề án {code} on {date}: {paid} million dong disbursed; {released} million dong of support not "
        "disbursed goes back to the line (entry {id}).",
    ),
    "project.stopped": (
        "ngừng thực hiện đề án {code} ngày {date} ({reason}): {paid} triệu đồng đã giải ngân vẫn được tính; "
        "{released} triệu đồng chưa giải ngân trả về nội dung hỗ trợ (mã bút toán {id}).",
        "stopped đề án {code} on {date} ({reason}): the {paid} million dong disbursed still count; {released} "
        "million dong not disbursed go back to the line (entry {id}).",
    ),
    "project.unknown": (
        "sổ theo dõi không có đề án “{code}”. Xem các đề án bằng `kc project list`.",
        "the ledger has no đề án “{code}”. See them with `kc project list`.",
    ),
    "project.bad_code": (
        "mã đề án “{code}” ({option}) không hợp lệ: chỉ gồm chữ, số và các dấu . _ / - (không có dấu cách), tối đa "
        "40 ký tự, ví dụ 2026-MMTB-03.",
        "đề án code “{code}” ({option}) is not valid: letters, digits and . _ / - only (no spaces), at most 40, "
        "e.g. 2026-MMTB-03.",
    ),
    "project.missing": ("{option} không được để trống.", "{option} may not be empty."),
    "project.no_support": (
        "{option}: kinh phí hỗ trợ của đề án phải lớn hơn 0.",
        "{option}: a đề án's support must be more than 0.",
    ),
    "project.change_before_change": (
        "đề án {code} đã có quyết định điều chỉnh {decision} ngày {latest}, sau ngày {date}; quyết định sớm hơn "
        "không ghi sau được. Vui lòng ghi các quyết định điều chỉnh theo thứ tự ngày: hủy lần lượt các bút toán "
        '{ids} (`kc void MÃ --reason "ghi lại theo thứ tự ngày"`), ghi quyết định ngày {date}, rồi ghi lại các '
        "quyết định đã hủy.",
        "đề án {code} has a change {decision} dated {latest}, after {date}; an earlier decision cannot be recorded "
        "after it. Record changes in the order of their dates: void entries {ids} in this order (`kc void ID "
        '--reason "re-recorded in date order"`), record the decision of {date}, then record the voided ones again.',
    ),
    "project.close_before_change": (
        "đề án {code} có quyết định điều chỉnh {decision} ngày {latest}, sau ngày {date}: đến ngày đó đề án vẫn "
        "đang thực hiện. Vui lòng kiểm tra lại ngày; nếu quyết định điều chỉnh ghi nhầm, hủy lần lượt các bút toán "
        '{ids} trước (`kc void MÃ --reason "ghi nhầm"`).',
        "đề án {code} has a change {decision} dated {latest}, after {date}: it was still open then. Check the date; "
        "if the change was recorded by mistake, void entries {ids} first, in this order (`kc void ID --reason "
        '"recorded by mistake"`).',
    ),
    "project.accept_before_change": (
        "đề án {code} có quyết định điều chỉnh {decision} ngày {latest}, sau ngày nghiệm thu {date}: nghiệm thu "
        "theo đề án như trước quyết định đó. Vui lòng ghi theo thứ tự ngày: hủy lần lượt các bút toán {ids} "
        '(`kc void MÃ --reason "ghi lại theo thứ tự ngày"`), ghi nghiệm thu, rồi ghi lại các quyết định đã hủy.',
        "đề án {code} has a change {decision} dated {latest}, after the acceptance on {date}, which takes the đề án "
        "as it stood before that decision. Record in date order: void entries {ids} in this order (`kc void ID "
        '--reason "re-recorded in date order"`), record the acceptance, then record the voided ones again.',
    ),
    "project.end_before": (
        "{option} {end} trước ngày {date} của đề án; vui lòng kiểm tra lại thời hạn.",
        "{option} {end} is before the đề án's date {date}; check the end.",
    ),
    "project.exists": (
        "đã có đề án {code} ({line}, phê duyệt ngày {date}) với nội dung khác. Vui lòng dùng mã khác; để sửa "
        "đề án đó, dùng `kc project change {code}`.",
        "đề án {code} ({line}, approved {date}) already exists with other content. Use another code; to change "
        "that one, use `kc project change {code}`.",
    ),
    "project.over_budget": (
        "{line} chỉ còn có thể phê duyệt {free} triệu đồng (kinh phí chưa phân bổ cho đề án), không đủ cho {support} "
        "triệu đồng. Vui lòng kiểm tra kinh phí hỗ trợ, hoặc thêm --allow-over-budget nếu đúng là vượt kinh phí "
        "được giao.",
        "{line} can still approve only {free} million dong (not yet committed to đề án), not enough for {support} "
        "million. Check the support, or add --allow-over-budget if it really goes over the budget.",
    ),
    "project.over_max_support": (
        "{line}: mỗi đề án được hỗ trợ tối đa {ceiling} triệu đồng, không phải {support} triệu đồng. Vui lòng kiểm "
        "tra, hoặc thêm --allow-over-ceiling nếu đúng là vượt mức.",
        "{line}: a đề án gets at most {ceiling} million dong of support, not {support}. Check it, or add "
        "--allow-over-ceiling if it really is above the ceiling.",
    ),
    "project.over_max_pct": (
        "{line}: kinh phí hỗ trợ tối đa {pct}% tổng kinh phí đề án; {support}/{total} triệu đồng là {share}. Vui "
        "lòng kiểm tra kinh phí hỗ trợ và vốn đối ứng, hoặc thêm --allow-over-ceiling nếu đúng là vượt mức.",
        "{line}: support is at most {pct}% of a đề án's total; {support}/{total} million dong is {share}. Check "
        "the support and counterpart funds, or add --allow-over-ceiling if it really is above the ceiling.",
    ),
    "project.same_beneficiary": (
        "“{beneficiary}” đã có đề án khác ở {line} ({codes}); nhà nước không hỗ trợ hai lần cho cùng một nội dung "
        "(TTLT 26/2014, điều 7). Vui lòng kiểm tra.",
        "“{beneficiary}” already has a đề án on {line} ({codes}); the state does not fund the same content twice "
        "(TTLT 26/2014, art. 7). Check it.",
    ),
    "project.closed": (
        "đề án {code} {state}; không thể giải ngân, nghiệm thu hay điều chỉnh nữa.",
        "đề án {code} is {state}; it takes no more payments, acceptance or changes.",
    ),
    "project.before_approval": (
        "ngày {date} trước ngày phê duyệt đề án {code} ({approved}).",
        "{date} is before đề án {code} was approved ({approved}).",
    ),
    "project.over_support": (
        "đề án {code} đã giải ngân {paid}/{support} triệu đồng kinh phí hỗ trợ được duyệt; thêm {amount} triệu đồng "
        "sẽ vượt. Vui lòng kiểm tra số tiền, hoặc thêm --allow-over-budget nếu đúng là vượt.",
        "đề án {code} has been paid {paid} of its {support} million dong support; {amount} more would pass it. "
        "Check the amount, or add --allow-over-budget if it really goes over.",
    ),
    "project.advance_after_acceptance": (
        "đề án {code} đã nghiệm thu ngày {date}; khoản chi sau nghiệm thu là thanh toán, không phải tạm ứng: "
        "vui lòng bỏ --advance.",
        "đề án {code} was accepted on {date}; a payment after acceptance is not an advance: leave out --advance.",
    ),
    "project.over_advance": (
        "{line} cho tạm ứng tối đa {pct}% kinh phí hỗ trợ của đề án trước nghiệm thu ({limit} triệu đồng cho đề án "
        "{code}); tạm ứng lũy kế sẽ là {advanced} triệu đồng. Vui lòng kiểm tra, hoặc thêm --allow-over-advance nếu "
        "đúng là vượt mức.",
        "{line} allows advances of at most {pct}% of a đề án's support before acceptance ({limit} million dong for "
        "{code}); advances would come to {advanced}. Check it, or add --allow-over-advance if it really goes over.",
    ),
    "project.payment_count": (
        "khoản giải ngân cho đề án {code} không ghi số lượng ({option}): số lượng được tính khi nghiệm thu "
        "(`kc project accept {code}`).",
        "a payment on đề án {code} takes no count ({option}): the count comes with acceptance (`kc project accept "
        "{code}`).",
    ),
    "project.other_line": (
        "đề án {code} thuộc {line}, không phải {given}. Vui lòng bỏ nội dung hỗ trợ, hoặc kiểm tra mã đề án.",
        "đề án {code} is on {line}, not {given}. Leave out the line, or check the đề án's code.",
    ),
    "project.below_paid": (
        "không thể giảm kinh phí hỗ trợ của đề án {code} xuống {support} triệu đồng: đã giải ngân {paid} triệu đồng.",
        "đề án {code}'s support cannot go down to {support} million dong: {paid} million has been paid.",
    ),
    "project.nothing_changed": (
        "quyết định điều chỉnh không thay đổi gì: vui lòng ghi ít nhất một trong --support, --counterpart, --count, "
        "--end, --beneficiary, --locality.",
        "the decision changes nothing: give at least one of --support, --counterpart, --count, --end, "
        "--beneficiary, --locality.",
    ),
    "project.already_accepted": (
        "đề án {code} đã nghiệm thu ngày {date} với nội dung khác. Để sửa, hủy bút toán nghiệm thu đó (`kc project "
        "show {code}`, rồi `kc void`).",
        "đề án {code} was accepted on {date} with other content. To correct it, void that acceptance (`kc project "
        "show {code}`, then `kc void`).",
    ),
    "project.settle_before_acceptance": (
        "đề án {code} chưa nghiệm thu nên chưa thể quyết toán. Nếu đề án không tiếp tục, dùng `kc project stop "
        "{code}`.",
        "đề án {code} is not accepted, so it cannot be settled. If it does not go on, use `kc project stop {code}`.",
    ),
    "project.settle_before_accepted": (
        "ngày quyết toán {date} trước ngày nghiệm thu đề án {code} ({accepted}).",
        "the settlement date {date} is before đề án {code} was accepted ({accepted}).",
    ),
    "project.stop_accepted": (
        "đề án {code} đã nghiệm thu ngày {date}: vui lòng quyết toán (`kc project settle {code}`) thay vì ngừng "
        "thực hiện.",
        "đề án {code} was accepted on {date}: settle it (`kc project settle {code}`) rather than stop it.",
    ),
    "project.void_later": (
        "không thể hủy bút toán {id}: đề án {code} còn bút toán {later} ghi sau và dựa vào nó. Vui lòng hủy bút "
        "toán {later} trước (`kc void {later}`).",
        "entry {id} cannot be voided: đề án {code} has entry {later}, which depends on it. Void {later} first "
        "(`kc void {later}`).",
    ),
    "project.list_title": ("Danh sách đề án (tính đến ngày {date})", "Đề án (as of {date})"),
    "project.list_none": ("Chưa có đề án nào.", "No đề án yet."),
    "project.list_footer": (
        "{count} đề án; kinh phí hỗ trợ được duyệt {support} triệu đồng, đã giải ngân {paid} triệu đồng, kinh phí đã "
        "phê duyệt chưa giải ngân {committed} triệu đồng.",
        "{count} đề án; support approved {support} million dong, disbursed {paid}, approved and not yet disbursed "
        "{committed}.",
    ),
    "project.show_title": ("Đề án {code}: {name}", "Đề án {code}: {name}"),
    "project.show_line": ("Nội dung hỗ trợ: {line}", "Line: {line}"),
    "project.show_beneficiary": (
        "Đơn vị thụ hưởng: {beneficiary}; địa bàn: {locality}; đơn vị thực hiện: {implementer}",
        "Beneficiary: {beneficiary}; locality: {locality}; carried out by: {implementer}",
    ),
    "project.show_support": (
        "Kinh phí hỗ trợ được duyệt: {support} triệu đồng; vốn đối ứng: {counterpart}; số lượng: {count} {unit}",
        "Support approved: {support} million dong; counterpart funds: {counterpart}; count: {count} {unit}",
    ),
    "project.show_paid": (
        "Giải ngân: {paid} triệu đồng (trong đó tạm ứng {advanced}); đã phê duyệt chưa giải ngân: {committed} triệu "
        "đồng",
        "Disbursed: {paid} million dong (advances {advanced}); approved, not yet disbursed: {committed} million",
    ),
    "project.show_state": ("Tình trạng: {state}; thời hạn: {end}", "State: {state}; end: {end}"),
    "project.history": ("Quá trình thực hiện", "History"),
    "project.event.approve": ("phê duyệt", "approval"),
    "project.event.change": ("điều chỉnh", "change"),
    "project.event.advance": ("tạm ứng", "advance"),
    "project.event.payment": ("thanh toán", "payment"),
    "project.event.accept": ("nghiệm thu", "acceptance"),
    "project.event.settle": ("quyết toán", "settlement"),
    "project.event.stop": ("ngừng thực hiện", "stop"),
    "project.event.voided": ("(đã hủy: {id})", "(voided: {id})"),
    "col.project": ("Mã đề án", "Đề án"),
    "log.payment": ("thanh toán đề án {code}", "payment on đề án {code}"),
    "log.advance": ("tạm ứng đề án {code}", "advance on đề án {code}"),
    "col.project_name": ("Tên đề án", "Name"),
    "col.support_short": ("Kinh phí duyệt", "Support"),
    "col.support": ("Kinh phí hỗ trợ (triệu đồng)", "Support (million dong)"),
    "col.support_vnd": ("Kinh phí hỗ trợ (đồng)", "Support (dong)"),
    "col.name": ("Tên đề án", "Đề án name"),
    "col.advance": ("Tạm ứng", "Advance"),
    "col.end": ("Thời hạn", "End"),
    "col.implementer": ("Đơn vị thực hiện", "Carried out by"),
    "col.paid": ("Giải ngân", "Paid"),
    "col.project_state": ("Tình trạng", "State"),
    "col.event": ("Bút toán", "Event"),
    "col.amount_or_count": ("Số tiền / SL", "Amount / count"),
    "col.project_detail": ("Quyết định, ghi chú", "Decision, note"),
    "record.payment_of": ("thanh toán đề án {code}", "payment on đề án {code}"),
    "record.advance_of": ("tạm ứng đề án {code}", "advance on đề án {code}"),
    "record.advance_without_project": (
        "{option} (tạm ứng) chỉ dùng cho khoản chi của một đề án: vui lòng thêm --project.",
        "{option} (an advance) is for a payment on a đề án: add --project.",
    ),
    "record.over_uncommitted": (
        "{line} còn {remaining} triệu đồng, trong đó {committed} triệu đồng đã phê duyệt cho các đề án chưa giải "
        "ngân; chỉ còn {free} triệu đồng chưa phân bổ, không đủ cho {amount} triệu đồng. Nếu đây là khoản chi của một "
        "đề án, thêm --project; nếu đúng là vượt, thêm --allow-over-budget.",
        "{line} has {remaining} million dong left, of which {committed} are approved for đề án not yet paid; only "
        "{free} are uncommitted, not enough for {amount}. If this pays a đề án, add --project; if it really goes "
        "over, add --allow-over-budget.",
    ),
    "adjust.too_much_committed": (
        "sau điều chỉnh, kinh phí của {line} còn {after} triệu đồng, thấp hơn lũy kế giải ngân {spent} triệu đồng "
        "cộng {committed} triệu đồng đã phê duyệt cho các đề án chưa giải ngân. Vui lòng giảm số tiền điều chỉnh.",
        "after this, {line} would have a budget of {after} million dong, below the {spent} million disbursed and "
        "the {committed} million approved for đề án not yet paid. Move less.",
    ),
    "balance.uncommitted": ("; còn có thể phê duyệt {free} triệu đồng", "; {free} million dong can still be approved"),
    "usage.replace_twice": (
        "chỉ dùng một trong --replace (tệp cùng tên) và --replaces TÊN_TỆP (bản sửa mang tên khác).",
        "use one of --replace (a file of this name) and --replaces NAME (a corrected copy under another name).",
    ),
    "usage.line_or_project": (
        "cần nội dung hỗ trợ (LINE) hoặc --project (khoản chi của một đề án).",
        "give the line (LINE) or --project (a payment on a đề án).",
    ),
    "var.project": ("MÃ_ĐỀ_ÁN", "PROJECT"),
    "arg.project": ("Mã đề án, ví dụ 2026-MMTB-03.", "The đề án's code, e.g. 2026-MMTB-03."),
    "arg.project_new": (
        "Mã đề án của cơ quan (ví dụ 2026-MMTB-03); không ghi thì kc đặt mã ngắn (DA-001, …) và in ra.",
        "The office's code for the đề án (e.g. 2026-MMTB-03); without one, kc makes a short one (DA-001 …).",
    ),
    "arg.record_line": (
        "Nội dung hỗ trợ: số thứ tự (1–10) hoặc mã (ví dụ may-moc-thiet-bi); có thể bỏ khi có --project.",
        "The plan line: its number (1–10) or id (e.g. may-moc-thiet-bi); may be left out with --project.",
    ),
    "opt.project": (
        "Khoản chi cho đề án này (mã đề án): nội dung hỗ trợ, đơn vị thụ hưởng, địa bàn lấy theo đề án.",
        "A payment on this đề án (its code): the line, beneficiary and locality come from it.",
    ),
    "opt.advance": ("Khoản chi là tạm ứng (trước nghiệm thu).", "The payment is an advance (before acceptance)."),
    "opt.allow_over_advance": (
        "Cho phép tạm ứng vượt tỷ lệ tối đa của nội dung hỗ trợ.",
        "Allow advances above the line's share.",
    ),
    "opt.project_line": ("Nội dung hỗ trợ của đề án.", "The đề án's plan line."),
    "opt.project_name": ("Tên đề án.", "The đề án's name."),
    "opt.project_beneficiary": ("Đơn vị thụ hưởng.", "The beneficiary."),
    "opt.support": (
        "Kinh phí hỗ trợ được duyệt (triệu đồng nếu không ghi đơn vị).",
        "The support approved (million dong unless a unit follows).",
    ),
    "opt.project_counterpart": ("Vốn đối ứng của đơn vị thụ hưởng.", "The beneficiary's own share."),
    "opt.project_count": (
        "Số cơ sở (lượt, nội dung) đề án sẽ thực hiện, theo ĐVT của nội dung [mặc định: 1].",
        "Facilities (rounds, contents) the đề án will achieve, in the line's unit [default: 1].",
    ),
    "opt.implementer": ("Đơn vị thực hiện.", "Who carries it out."),
    "opt.project_decision": ("Số quyết định.", "The decision's number."),
    "opt.project_date": ("Ngày của quyết định hoặc sự việc.", "The day of the decision or event."),
    "opt.project_end": ("Thời hạn thực hiện (ngày phải nghiệm thu).", "The end (the day by which it is accepted)."),
    "opt.accept_count": (
        "Số lượng thực hiện được, nếu ít hơn số lượng đã phê duyệt [mặc định: số lượng đã phê duyệt].",
        "The count achieved, if less than approved [default: as approved].",
    ),
    "opt.settle_decision": ("Quyết định quyết toán hoặc biên bản thanh lý.", "The settlement decision."),
    "opt.stop_reason": ("Lý do ngừng thực hiện (quyết định).", "Why it stops (the decision)."),
    "opt.project_list_line": ("Chỉ các đề án của nội dung hỗ trợ này.", "Only the đề án of this line."),
    "opt.project_state": ("Chỉ các đề án ở tình trạng này.", "Only the đề án in this state."),
    "opt.project_overdue": ("Chỉ các đề án quá hạn.", "Only overdue đề án."),
    "opt.project_list_format": (
        "Dạng in [mặc định: theo đuôi tệp của --output, nếu không thì table].",
        "Output format [default: from --output's extension, else table].",
    ),
    "help.project": (
        "Đề án: phê duyệt, điều chỉnh, nghiệm thu, quyết toán, ngừng thực hiện; danh sách và quá trình.",
        "Đề án: approve, change, accept, settle, stop; list and history.",
    ),
    "help.project_add": ("Phê duyệt một đề án (cam kết kinh phí của nội dung).", "Approve a đề án (commits money)."),
    "help.project_change": ("Quyết định điều chỉnh đề án.", "A decision changing a đề án."),
    "help.project_accept": ("Nghiệm thu đề án: số lượng được tính.", "Accept a đề án: its count is achieved."),
    "help.project_settle": (
        "Quyết toán đề án: kinh phí chưa giải ngân trả về nội dung.",
        "Settle a đề án: unpaid support goes back to the line.",
    ),
    "help.project_stop": (
        "Ngừng thực hiện đề án: kinh phí chưa giải ngân trả về nội dung.",
        "Stop a đề án: unpaid support goes back to the line.",
    ),
    "help.project_list": ("Danh sách đề án, mỗi đề án một hàng.", "The đề án, one row each."),
    "help.project_show": ("Một đề án và toàn bộ quá trình thực hiện.", "One đề án and its whole history."),
    "check.unknown_project": (
        "bút toán {id} ghi cho đề án “{project}”, nhưng sổ theo dõi không có quyết định phê duyệt đề án đó",
        "entry {id} names đề án “{project}”, which no approval in the ledger creates",
    ),
    "check.same_beneficiary": (
        "{line}: một đơn vị thụ hưởng có nhiều đề án ({codes}); nhà nước không hỗ trợ hai lần cho cùng một nội dung "
        "(TTLT 26/2014, điều 7). Vui lòng kiểm tra.",
        "{line}: one beneficiary has several đề án ({codes}); the state does not fund the same content twice "
        "(TTLT 26/2014, art. 7). Check them.",
    ),
    # --- kc check -------------------------------------------------------------------------------
    "check.ok": (
        "{path}: sổ theo dõi hợp lệ — {entries} bút toán (trong đó {voids} bút toán hủy), lũy kế giải ngân "
        "{spent} triệu đồng. Mã xác thực sổ: {tip}",
        "{path}: ledger OK — {entries} entries ({voids} of them voids), {spent} million dong disbursed. Ledger "
        "fingerprint: {tip}",
    ),
    "check.missing": (
        "không có sổ theo dõi ở {path}. Vui lòng kiểm tra --ledger hoặc KC_LEDGER (`kc plan list` cho biết sổ "
        "của từng kế hoạch).",
        "there is no ledger at {path}. Check --ledger or KC_LEDGER (`kc plan list` shows each plan's ledger).",
    ),
    "check.unreadable": ("{message}", "{message}"),
    "check.greater_than": ("phải lớn hơn {limit}", "must be more than {limit}"),
    "check.pattern": ("không đúng dạng", "is not in the expected form"),
    "check.malformed": ("dòng {lineno} bị hỏng: {reason}", "line {lineno} is damaged: {reason}"),
    "check.chain_edited": (
        "dòng {lineno} đã bị sửa trực tiếp trong tệp: nội dung không khớp mã xác thực của dòng",
        "line {lineno} was edited in the file: its content does not match its fingerprint",
    ),
    "check.chain_broken": (
        "sổ không liền mạch từ dòng {lineno}: có dòng bị xóa, chèn thêm hoặc đổi thứ tự",
        "the ledger's chain breaks at line {lineno}: a line was deleted, inserted or moved",
    ),
    "check.duplicate_id": ("mã bút toán {id} trùng với dòng {first}", "entry id {id} repeats line {first}"),
    "check.duplicate_ref": ("mã tham chiếu “{ref}” trùng với dòng {first}", "ref “{ref}” repeats line {first}"),
    "check.unknown_line": (
        "bút toán {id} ghi cho nội dung hỗ trợ có mã “{line_id}”, không có trong kế hoạch",
        "entry {id} names line “{line_id}”, which the plan does not have",
    ),
    "check.unknown_indicator": (
        "bút toán {id} ghi cho chỉ tiêu “{indicator}”, không có trong kế hoạch",
        "entry {id} names indicator “{indicator}”, which the plan does not have",
    ),
    "check.counted_again": (
        "{line}: “{beneficiary}” được tính số lượng nhiều lần (các dòng {lines}); vui lòng kiểm tra có phải một cơ "
        "sở nhận hỗ trợ nhiều đợt không",
        "{line}: “{beneficiary}” is counted more than once (lines {lines}); check whether it is one facility "
        "paid in tranches",
    ),
    "check.bom": (
        "{path}: dòng 1 bắt đầu bằng ký tự BOM do trình soạn thảo (Notepad…) thêm vào khi lưu tệp; kc bỏ qua ký "
        "tự này. Vui lòng không mở và lưu sổ theo dõi bằng trình soạn thảo.",
        "{path}: line 1 starts with a byte-order mark that an editor (Notepad…) added when it saved the file; "
        "kc ignores it. Do not open and save the ledger in an editor.",
    ),
    "check.more_counted_again": (
        "… và {count} đơn vị thụ hưởng khác được tính nhiều lần.",
        "… and {count} more beneficiaries counted more than once.",
    ),
    "check.void_unknown": (
        "bút toán hủy {id} hủy bút toán {target}, không có ở các dòng trước",
        "void {id} cancels {target}, which no earlier line holds",
    ),
    "check.void_of_void": (
        "bút toán hủy {id} hủy một bút toán hủy khác ({target})",
        "void {id} cancels another void ({target})",
    ),
    "check.void_copy": (
        "bút toán hủy {id} không khớp với bút toán gốc {target} ở dòng {target_line}",
        "void {id} does not match the entry it cancels, {target} on line {target_line}",
    ),
    "check.void_twice": (
        "bút toán {target} bị hủy lần nữa (lần đầu ở dòng {first})",
        "entry {target} is voided again (first on line {first})",
    ),
    # --- help -----------------------------------------------------------------------------------
    "help.kc": (
        "Theo dõi kế hoạch khuyến công: kinh phí, chỉ tiêu và tiến độ thực hiện.",
        "Track a khuyến công (industrial extension) plan: budgets, targets and progress.",
    ),
    "help.usage": ("Cách dùng", "Usage"),
    "help.options": ("Tùy chọn", "Options"),
    "help.arguments": ("Tham số", "Arguments"),
    "help.commands": ("Lệnh", "Commands"),
    "help.required": ("bắt buộc", "required"),
    "help.options_metavar": ("TÙY_CHỌN", "OPTIONS"),
    "help.status": (
        "Tình hình thực hiện kế hoạch: kinh phí, giải ngân, số lượng và phần còn lại của từng nội dung hỗ trợ.",
        "What is disbursed, achieved and left on each plan line.",
    ),
    "help.log": (
        "Các bút toán đã ghi sổ, cũ trước mới sau; bút toán đã hủy vẫn hiện, có đánh dấu.",
        "The entries in the ledger, oldest first; voided ones stay, marked.",
    ),
    "help.export": (
        "Xuất bảng tổng hợp (hoặc các bút toán) ra tệp để gửi cấp trên: csv, json, md hoặc xlsx.",
        "Export the summary (or the entries) to send upward: csv, json, md or xlsx.",
    ),
    "help.report": (
        "Lập báo cáo định kỳ (tệp Word theo thể thức Nghị định 30/2020/NĐ-CP) cho một quý, 6 tháng, năm hoặc cả "
        "kế hoạch.",
        "Write the periodic report (a Word document in the state format) for a quarter, half, year or the plan.",
    ),
    "help.check": (
        "Kiểm tra toàn bộ sổ theo dõi: từng dòng, mã xác thực, bút toán hủy; tính lại các tổng.",
        "Verify the whole ledger: every line, its fingerprints, voids; recount the totals.",
    ),
    "help.record": (
        "Ghi sổ giải ngân và/hoặc số lượng thực hiện của một nội dung hỗ trợ.",
        "Record money disbursed and/or a count achieved on a plan line.",
    ),
    "help.void": (
        "Hủy một bút toán; bút toán gốc và bút toán hủy đều ở lại trong sổ.",
        "Void an entry; the entry and its void both stay in the ledger.",
    ),
    "help.adjust": (
        "Điều chỉnh kinh phí giữa hai nội dung hỗ trợ theo một quyết định.",
        "Move budget between two plan lines by a decision.",
    ),
    "help.measure": (
        "Ghi số liệu chỉ tiêu của một năm (ví dụ giá trị sản xuất, tỷ đồng); số liệu sau thay số liệu trước.",
        "Record an indicator's value for a year (e.g. production value); a later value corrects an earlier one.",
    ),
    "help.close": (
        "Khóa sổ một kỳ báo cáo đã gửi (năm, 6 tháng, quý hoặc tháng): bút toán trong kỳ không sửa được nữa.",
        "Close a reported period (year, half, quarter or month): its entries no longer change.",
    ),
    "help.import": (
        "Nhập các hàng của tệp CSV hoặc XLSX: nhập cả tệp hoặc không nhập hàng nào; nhập lại cùng tệp không ghi thêm.",
        "Import the rows of a CSV or XLSX file, all or none; importing the same file again adds nothing.",
    ),
    "help.plan": (
        "Kế hoạch: xem, lập kế hoạch mới, chọn kế hoạch đang dùng, liệt kê các kế hoạch.",
        "Plans: show one, start the next, put one in use, list them.",
    ),
    "help.plan_show": (
        "Các nội dung hỗ trợ, kế hoạch và kinh phí; các lần điều chỉnh kinh phí trong sổ.",
        "The plan's lines, targets and budgets, and the reallocations in the ledger.",
    ),
    "help.plan_new": (
        "Lập tệp kế hoạch mới từ một kế hoạch: cùng các nội dung, kinh phí và kế hoạch bằng 0 để điền.",
        "Write the next plan's file from a plan: the same lines, budgets and targets 0 to fill in.",
    ),
    "help.plan_use": (
        "Chọn kế hoạch đang dùng: kiểm tra tệp, lưu một bản vào thư mục dữ liệu, dùng làm mặc định cho mọi lệnh.",
        "Put a plan in use: check it, keep a copy in the data folder, make it every command's default.",
    ),
    "help.plan_list": (
        "Các kế hoạch đã biết: thời gian thực hiện, sổ theo dõi, số bút toán, giải ngân, kế hoạch đang dùng.",
        "The plans known: period, ledger, entries, disbursed, which is in use.",
    ),
    "arg.line": (
        "Nội dung hỗ trợ: số thứ tự (1–10) hoặc mã (ví dụ may-moc-thiet-bi).",
        "The plan line: its number (1–10) or id (e.g. may-moc-thiet-bi).",
    ),
    "arg.entry_id": ("Mã bút toán cần hủy (xem `kc log`).", "The id of the entry to void (see `kc log`)."),
    "arg.indicator": ("Mã chỉ tiêu (xem `kc plan show`).", "The indicator's id (see `kc plan show`)."),
    "arg.period": (
        "Kỳ báo cáo: `2024` (năm), `2024-H1` (6 tháng), `2024-Q2` (quý) hoặc `2024-06` (tháng).",
        "The period: 2024 (year), 2024-H1 (half), 2024-Q2 (quarter) or 2024-06 (month).",
    ),
    "arg.import_file": ("Tệp CSV (UTF-8) hoặc XLSX cần nhập.", "The CSV (UTF-8) or XLSX file to import."),
    "arg.plan_output": ("Tệp kế hoạch mới (không ghi đè tệp đã có).", "The new plan file (never overwritten)."),
    "arg.plan_file": ("Tệp kế hoạch (TOML).", "The plan file (TOML)."),
    "opt.version": ("In phiên bản kc.", "Print kc's version."),
    "opt.help": ("Xem hướng dẫn này.", "Show this help."),
    "opt.install_completion": (
        "Cài tự động hoàn thành lệnh cho shell đang dùng.",
        "Install completion for this shell.",
    ),
    "opt.show_completion": ("In mã tự động hoàn thành lệnh.", "Show the completion script."),
    "opt.plan": (
        "Tệp kế hoạch, hoặc mã của kế hoạch đã chọn bằng `kc plan use` [biến KC_PLAN; mặc định: kế hoạch đang dùng].",
        "Plan file, or the id of a plan put in use [env KC_PLAN; default: the plan in use].",
    ),
    "opt.ledger_one": (
        "Sổ theo dõi, chỉ một [biến KC_LEDGER; mặc định: sổ của kế hoạch trong thư mục dữ liệu].",
        "Ledger file, only one [env KC_LEDGER; default: the plan's ledger in the data folder].",
    ),
    "opt.ledgers": (
        "Sổ theo dõi; lặp lại để cộng nhiều sổ [biến KC_LEDGER; mặc định: sổ của kế hoạch].",
        "Ledger file; repeat to add several up [env KC_LEDGER; default: the plan's ledger].",
    ),
    "opt.lock_timeout": (
        "Số giây chờ khi một lệnh khác đang ghi sổ [mặc định: 5].",
        "Seconds to wait while another command writes [default: 5].",
    ),
    "opt.as_of": (
        "Tính các bút toán đến hết ngày này [mặc định: hôm nay].",
        "Count entries up to this day [default: today].",
    ),
    "opt.from": ("Tính từ ngày này (báo cáo một kỳ).", "Count from this day (a report for one period)."),
    "opt.to": ("Tính đến hết ngày này; như --as-of.", "Count up to this day; as --as-of."),
    "opt.year": (
        "Một năm của kế hoạch: kinh phí kế hoạch năm, giải ngân và thực hiện trong năm.",
        "One year of the plan: its allocation, what was disbursed and achieved in it.",
    ),
    "opt.by": (
        "Chi tiết theo năm, quý, địa bàn hoặc nguồn kinh phí.",
        "Break down by year, quarter, locality or funding source.",
    ),
    "opt.text_format": (
        "`text`: câu cho người đọc; `json`: cho chương trình.",
        "text for a person, json for a script.",
    ),
    "opt.status_format": (
        "Dạng kết quả [mặc định: theo đuôi của --output, không có thì table].",
        "Output format [default: from --output's extension, else table].",
    ),
    "opt.log_format": (
        "Dạng kết quả [mặc định: theo đuôi của --output, không có thì table].",
        "Output format [default: from --output's extension, else table].",
    ),
    "opt.output_text": (
        "Ghi kết quả vào tệp này (mã UTF-8, dù cửa sổ lệnh dùng bảng mã nào) thay vì in ra màn hình; - là màn "
        "hình [mặc định: màn hình].",
        "Write the output to this file (as UTF-8, whatever the console's code page) instead of the screen; - is "
        "the screen [default: the screen].",
    ),
    "opt.export_format": (
        "Dạng tệp [mặc định: theo đuôi của --output, không có thì json].",
        "File format [default: from --output's extension, else json].",
    ),
    "opt.plan_format": (
        "table: bảng; toml: tệp kế hoạch đọc lại được.",
        "table, or toml (a plan file that loads back).",
    ),
    "opt.list_format": ("Dạng kết quả [mặc định: table].", "Output format [default: table]."),
    "opt.output": (
        "Tệp cần xuất; - để in ra màn hình [mặc định: màn hình].",
        "File to write; - for standard output [default: standard output].",
    ),
    "opt.entries": ("Xuất các bút toán thay vì bảng tổng hợp.", "Export the entries instead of the summary."),
    "opt.log_line": ("Chỉ nội dung hỗ trợ này (số hoặc mã).", "Only this plan line (number or id)."),
    "opt.log_to": ("Đến hết ngày này.", "Up to this day."),
    "opt.amount": (
        "Số tiền giải ngân; nếu không ghi đơn vị thì hiểu là triệu đồng: 1.250, 0,5 tỷ, 1tr250, 125.000.000đ.",
        "Amount disbursed; million dong unless a unit follows: 1,250, 0.5 ty, 1tr250, 125,000,000 d.",
    ),
    "opt.count": ("Số lượng thực hiện (cơ sở, lượt, nội dung).", "Count achieved (facilities, rounds, contents)."),
    "opt.date": ("Ngày của bút toán [mặc định: hôm nay].", "The entry's date [default: today]."),
    "opt.locality": ("Địa bàn (xã, phường).", "Locality (commune, ward)."),
    "opt.beneficiary": ("Đơn vị thụ hưởng (cơ sở, doanh nghiệp).", "Beneficiary (facility, enterprise)."),
    "opt.note": ("Ghi chú.", "A note."),
    "opt.ref": (
        "Mã tham chiếu của bút toán: chạy lại lệnh với cùng mã không ghi thêm.",
        "Your key for this entry: running again with it adds nothing.",
    ),
    "opt.source": (
        "Nguồn kinh phí: trung-uong (khuyến công quốc gia) hoặc dia-phuong (khuyến công địa phương).",
        "Funding source: trung-uong (national) or dia-phuong (local).",
    ),
    "opt.counterpart": ("Vốn đối ứng của cơ sở, viết như --amount.", "The facility's own contribution, as --amount."),
    "opt.allow_over_budget": ("Cho phép vượt kinh phí được giao.", "Allow going over the line's budget."),
    "opt.allow_outside_period": (
        "Cho phép ngày ngoài thời gian thực hiện kế hoạch.",
        "Allow a date outside the plan's period.",
    ),
    "opt.allow_over_ceiling": ("Cho phép vượt mức hỗ trợ tối đa mỗi bút toán.", "Allow more than the line's ceiling."),
    "opt.allow_closed": ("Cho phép ngày thuộc kỳ báo cáo đã khóa sổ.", "Allow a date inside a closed period."),
    "opt.allow_future": (
        "Cho phép ngày (hoặc năm) sau hôm nay; số liệu tính đến hôm nay chưa gồm bút toán đó.",
        "Allow a date (or year) after today; figures up to today leave the entry out.",
    ),
    "opt.allow_small": (
        "Cho phép số tiền dưới 1.000 đồng ở cột amount_vnd.",
        "Allow amounts under 1,000 dong in the amount_vnd column.",
    ),
    "opt.dry_run": ("Kiểm tra và cho biết kết quả, không ghi sổ.", "Check and show, write nothing."),
    "opt.reason": ("Lý do hủy.", "Why it no longer counts."),
    "opt.adjust_from": ("Nội dung chuyển kinh phí đi (số hoặc mã).", "The line the budget moves from (number or id)."),
    "opt.adjust_to": ("Nội dung nhận kinh phí (số hoặc mã).", "The line the budget moves to (number or id)."),
    "opt.adjust_amount": ("Số tiền điều chỉnh, viết như --amount.", "The amount moved, as --amount."),
    "opt.decision": ("Quyết định điều chỉnh (số, ngày).", "The decision (number, date)."),
    "opt.decision_date": ("Ngày của quyết định.", "The decision's date."),
    "opt.measure_year": ("Năm của số liệu.", "The year the value is for."),
    "opt.value": ("Giá trị, theo đơn vị của chỉ tiêu: 4.900.", "The value, in the indicator's unit: 4,900."),
    "opt.replace": (
        "Hủy lần nhập trước của tệp cùng tên (cùng trang tính) và nhập bản này, trong một bước.",
        "Void the earlier import of a file of this name (the same sheet) and import this one, in one step.",
    ),
    "opt.replaces": (
        "Bản sửa mang tên khác: hủy lần nhập trước của tệp TÊN (cùng trang tính) và nhập bản này, trong một bước.",
        "A corrected copy under another name: void the earlier import of the file NAME (the same sheet) and "
        "import this one, in one step.",
    ),
    "opt.sheet": ("Trang tính cần nhập (khi tệp có nhiều trang).", "The sheet to import (when there are several)."),
    "opt.decimal": (
        "Số viết dạng chữ trong tệp: comma (1.250,5 như Excel tiếng Việt) hoặc point (1,250.5) [mặc định: comma].",
        "Numbers written as text in the file: comma (1.250,5, as Vietnamese Excel) or point (1,250.5) "
        "[default: comma].",
    ),
    "opt.plan_start": ("Ngày bắt đầu kế hoạch mới.", "The new plan's first day."),
    "opt.plan_end": ("Ngày kết thúc kế hoạch mới.", "The new plan's last day."),
    "opt.plan_from": (
        "Kế hoạch lấy làm gốc (tệp hoặc mã) [mặc định: kế hoạch đang dùng].",
        "The plan to start from (file or id) [default: the plan in use].",
    ),
    "opt.plan_id": (
        "Mã kế hoạch mới [mặc định: mã cũ, năm mới].",
        "The new plan's id [default: the old id, new years].",
    ),
    "opt.plan_force": (
        "Dùng bản kế hoạch này dù khác thời gian thực hiện hoặc thứ tự nội dung của kế hoạch cùng mã, hoặc sổ có "
        "bút toán ghi cho nội dung mà bản này không còn.",
        "Use this version even if it changes the period or the lines' order of the plan of that id, or the "
        "ledger has entries on lines it no longer has.",
    ),
    "var.plan": ("KẾ_HOẠCH", "PLAN"),
    "var.file": ("TỆP", "FILE"),
    "var.date": ("NGÀY", "DATE"),
    "var.seconds": ("GIÂY", "SECONDS"),
    "var.year": ("NĂM", "YEAR"),
    "var.line": ("NỘI_DUNG", "LINE"),
    "var.amount": ("SỐ_TIỀN", "AMOUNT"),
    "var.count": ("SỐ_LƯỢNG", "N"),
    "var.text": ("VĂN_BẢN", "TEXT"),
    "var.locality": ("ĐỊA_BÀN", "PLACE"),
    "var.beneficiary": ("TÊN", "NAME"),
    "var.key": ("MÃ", "KEY"),
    "var.source": ("NGUỒN", "SOURCE"),
    "var.entry": ("MÃ_BÚT_TOÁN", "ENTRY_ID"),
    "var.indicator": ("CHỈ_TIÊU", "INDICATOR"),
    "var.value": ("GIÁ_TRỊ", "VALUE"),
    "var.period": ("KỲ", "PERIOD"),
    "var.sheet": ("TRANG_TÍNH", "SHEET"),
    "var.name": ("TÊN_TỆP", "NAME"),
    "var.id": ("MÃ", "ID"),
    "var.number": ("SỐ", "NUMBER"),
    # --- usage errors ---------------------------------------------------------------------------
    "usage.nul": ("một tham số có ký tự NUL (mã 0).", "an argument holds a NUL character (code 0)."),
    "usage.see_help": ("Xem `{command} --help`.", "Try `{command} --help`."),
    "usage.missing": ("thiếu {name}.", "{name} is missing."),
    "usage.bad_value": ("giá trị của {name} không hợp lệ: {message}", "invalid value for {name}: {message}"),
    "usage.choice": ("{name} chỉ nhận một trong: {choices}.", "{name} takes one of: {choices}."),
    "usage.no_option": ("không có tùy chọn {name}.", "there is no option {name}."),
    "usage.no_command": ("không có lệnh “{name}”.", "there is no command “{name}”."),
    "usage.did_you_mean": (" Có phải là: {names}?", " Did you mean: {names}?"),
    "usage.extra": ("thừa tham số: {args}.", "unexpected extra arguments: {args}."),
    "usage.needs_value": ("{name} cần một giá trị.", "{name} needs a value."),
    "usage.no_value": ("{name} không nhận giá trị.", "{name} takes no value."),
    "usage.integer": ("“{text}” không phải là số nguyên.", "“{text}” is not a whole number."),
    "usage.at_least": ("“{text}” phải từ {minimum} trở lên.", "“{text}” must be at least {minimum}."),
    "usage.seconds": ("“{text}” không phải là số giây hợp lệ.", "“{text}” is not a valid number of seconds."),
    "usage.amount_or_count": ("cần --amount, --count hoặc cả hai.", "give --amount, --count or both."),
    # --- status, log and the tables -------------------------------------------------------------
    "status.as_of": ("Tính đến ngày {date}", "As of {date}"),
    "status.final_as_of": ("Báo cáo tổng kết — tính đến ngày {date}", "Final report — as of {date}"),
    "status.period": ("Từ ngày {start} đến ngày {end}", "From {start} to {end}"),
    "status.year": ("Năm {year} (tính đến ngày {date})", "Year {year} (as of {date})"),
    "status.money_unit": ("ĐVT: triệu đồng", "Unit: million dong"),
    "status.money_unit_long": ("Đơn vị tính: triệu đồng", "Unit: million dong"),
    "status.total": ("Tổng cộng", "Total"),
    "status.counts": ("Số lượng theo ĐVT", "Counts by unit"),
    "status.indicators": ("Chỉ tiêu", "Indicator"),
    "status.target": ("mục tiêu", "target"),
    "status.latest": (", năm {year}: {value} {unit}", ", {year}: {value} {unit}"),
    "status.unplanned": ("nội dung có mã “{id}” (không có trong kế hoạch)", "line “{id}” (not in the plan)"),
    "status.bundled": ("kế hoạch mặc định (cài sẵn)", "the bundled plan"),
    "status.footer": (
        "Kế hoạch: {plan} · Sổ theo dõi: {ledger} ({entries} bút toán)",
        "Plan: {plan} · Ledger: {ledger} ({entries} entries)",
    ),
    "status.elapsed": ("Thời gian thực hiện kế hoạch đã qua: {pct}", "Share of the plan's period elapsed: {pct}"),
    # the legend under a status table: one piece per column shown, joined by "; "
    "legend.target": ("KH: kế hoạch", "Target: the count planned"),
    "legend.done": ("TH: thực hiện", "Done: the count achieved"),
    "legend.budget": ("Kinh phí: kinh phí sau điều chỉnh", "Budget: after reallocations"),
    "legend.spent_pct": ("Tỷ lệ: tỷ lệ giải ngân", "Rate: disbursed/budget"),
    "legend.uncommitted": (
        "Có thể PD: kinh phí còn có thể phê duyệt (chưa phân bổ cho đề án)",
        "Free: what can still be approved (not committed to đề án)",
    ),
    "status.projects": (
        "Đề án: {states}; kinh phí đã phê duyệt chưa giải ngân {committed} triệu đồng, còn có thể phê duyệt "
        "{uncommitted} triệu đồng.",
        "Đề án: {states}; approved and not yet disbursed {committed} million dong, can still be approved "
        "{uncommitted} million.",
    ),
    "status.overdue": ("Đề án quá hạn: {projects}", "Overdue đề án: {projects}"),
    "status.overdue_more": ("; … và {count} đề án khác (`kc project list --overdue`).", "; … and {count} more."),
    "status.overdue_not_accepted": (
        "{code} (chưa nghiệm thu, hết hạn {since})",
        "{code} (not accepted, due {since})",
    ),
    "status.overdue_not_settled": (
        "{code} (chưa quyết toán, hạn {since})",
        "{code} (not settled, due {since})",
    ),
    "legend.year_target": ("KH năm: số lượng kế hoạch năm", "Year target: the year's allocated count"),
    "legend.year_budget": ("Kinh phí năm: kinh phí kế hoạch năm", "Year budget: the year's allocation"),
    "legend.year_done": ("TH: thực hiện trong năm", "Done: in the year"),
    "legend.year_spent": ("Giải ngân: trong năm", "Disbursed: in the year"),
    "legend.year_spent_pct": ("Tỷ lệ: giải ngân/kinh phí năm", "Rate: disbursed/year budget"),
    "legend.year_remaining": ("Còn lại năm: kinh phí năm chưa giải ngân", "Year left: not yet disbursed"),
    "legend.year_none": ("—: kế hoạch không phân bổ cho năm này", "—: the plan allocates nothing to this year"),
    "status.behind": ("Chậm tiến độ: nội dung số {numbers}.", "Behind schedule: lines {numbers}."),
    "status.adjusted": (
        "Kinh phí đã tính {count} lần điều chỉnh (xem `kc plan show`).",
        "Budgets include {count} reallocations (see `kc plan show`).",
    ),
    "status.adjustments": ("Điều chỉnh kinh phí", "Reallocations"),
    "status.adjustment": (
        "{date}: điều chỉnh {amount} triệu đồng từ nội dung số {source} sang nội dung số {target} ({decision})",
        "{date}: {amount} million dong moved from line {source} to line {target} ({decision})",
    ),
    "status.closed": ("Kỳ báo cáo đã khóa sổ gần nhất: {period}", "Latest closed period: {period}"),
    "status.extras": ("Vốn đối ứng và đơn vị thụ hưởng", "Counterpart funds and beneficiaries"),
    "status.by": ("Chi tiết theo {by}", "Breakdown by {by}"),
    "status.as_of_to": (
        "--as-of {as_of} và --to {to} khác nhau; vui lòng chỉ dùng một.",
        "--as-of {as_of} and --to {to} differ; give one of them.",
    ),
    "status.from_after_to": (
        "ngày bắt đầu {start} (--from) sau ngày kết thúc {end}.",
        "the start {start} (--from) is after the end {end}.",
    ),
    "status.year_and_from": (
        "--year đã xác định kỳ; không dùng kèm --from.",
        "--year sets the period; leave out --from.",
    ),
    "status.outside_year": ("ngày {day} không thuộc năm {year}.", "{day} is not in {year}."),
    "status.year_outside": (
        "năm {year} nằm ngoài thời gian thực hiện kế hoạch ({first}–{last}).",
        "{year} is outside the plan's years ({first}–{last}).",
    ),
    "report.to_with_period": (
        "--to chỉ dùng với --from; {option} đã là một kỳ báo cáo trọn vẹn (dùng --as-of để báo cáo đến một ngày "
        "trong kỳ).",
        "--to goes with --from; {option} is a whole period already (use --as-of to report up to a day in it).",
    ),
    "by.year": ("năm", "year"),
    "by.quarter": ("quý", "quarter"),
    "by.locality": ("địa bàn", "locality"),
    "by.source": ("nguồn kinh phí", "funding source"),
    "group.none": ("(không ghi)", "(none given)"),
    "group.unlisted": ("(ngoài danh sách)", "(not listed)"),
    "pace.ahead": ("vượt tiến độ", "ahead"),
    "pace.on-track": ("đúng tiến độ", "on track"),
    "pace.behind": ("chậm tiến độ", "behind"),
    "pace.done": ("hoàn thành", "done"),
    "source.trung-uong": ("khuyến công quốc gia", "national khuyến công"),
    "source.dia-phuong": ("khuyến công địa phương", "local khuyến công"),
    "word.yes": ("Có", "Yes"),
    "word.no": ("Không", "No"),
    "log.legend": (
        "ĐVT: triệu đồng · ND: nội dung hỗ trợ số · SL: số lượng",
        "Amounts in million dong · Line: plan line number",
    ),
    "log.voided": ("ĐÃ HỦY ngày {date}: {reason}", "VOIDED on {date}: {reason}"),
    "col.number": ("STT", "No."),
    "col.line": ("Nội dung hỗ trợ", "Plan line"),
    "col.line_id": ("Mã nội dung", "Line id"),
    "col.line_short": ("ND", "Line"),
    "col.unit_short": ("ĐVT", "Unit"),
    "col.target_short": ("KH", "Target"),
    "col.done_short": ("TH", "Done"),
    "col.done_pct_short": ("TH/KH", "Done %"),
    "col.budget_short": ("Kinh phí", "Budget"),
    "col.year_budget_short": ("Kinh phí năm", "Year budget"),
    "col.year_target_short": ("KH năm", "Year target"),
    "col.spent_short": ("Giải ngân", "Disbursed"),
    "col.spent_pct_short": ("Tỷ lệ", "Rate"),
    "col.remaining_short": ("Còn lại", "Left"),
    "col.uncommitted_short": ("Có thể PD", "Free"),
    "col.year_remaining_short": ("Còn lại năm", "Year left"),
    "col.pace": ("Tiến độ", "Pace"),
    "col.amount_short": ("Số tiền", "Amount"),
    "col.count_short": ("SL", "Count"),
    "col.spent_vnd": ("Giải ngân", "Disbursed"),
    "col.done_count": ("Thực hiện", "Achieved"),
    "col.counterpart_short": ("Vốn đối ứng", "Counterpart"),
    "col.leverage": ("Đối ứng/hỗ trợ", "Leverage"),
    "col.beneficiaries": ("Số đơn vị thụ hưởng", "Beneficiaries"),
    "col.target_count": ("Kế hoạch (số lượng)", "Target"),
    "col.budget_vnd": ("Kinh phí được giao", "Budget"),
    "col.original_budget_vnd": ("Kinh phí giao ban đầu", "Original budget"),
    "col.budget_adjusted": ("Kinh phí sau điều chỉnh", "Budget after reallocations"),
    "col.from_line": ("Từ nội dung", "From line"),
    "col.to_line": ("Sang nội dung", "To line"),
    "col.decision": ("Quyết định", "Decision"),
    # what an entry holds: table headers, and the headers `kc import` knows
    "col.row_number": ("STT", "No."),
    "col.date": ("Ngày", "Date"),
    "col.line_number": ("Nội dung số", "Line no."),
    "col.amount": ("Số tiền (triệu đồng)", "Amount (million dong)"),
    "col.amount_vnd": ("Số tiền (đồng)", "Amount (dong)"),
    "col.count": ("Số lượng", "Count"),
    "col.locality": ("Địa bàn", "Locality"),
    "col.beneficiary": ("Đơn vị thụ hưởng", "Beneficiary"),
    "col.note": ("Ghi chú", "Note"),
    "col.ref": ("Mã tham chiếu", "Ref"),
    "col.source": ("Nguồn kinh phí", "Funding source"),
    "col.counterpart": ("Vốn đối ứng (triệu đồng)", "Counterpart (million dong)"),
    "col.counterpart_vnd": ("Vốn đối ứng (đồng)", "Counterpart (dong)"),
    "col.id": ("Mã bút toán", "Entry id"),
    "col.recorded_at": ("Thời điểm ghi sổ", "Recorded at"),
    "col.voided": ("Đã hủy", "Voided"),
    "col.void_id": ("Mã bút toán hủy", "Void id"),
    "col.void_reason": ("Lý do hủy", "Void reason"),
    "col.void_date": ("Ngày hủy", "Void date"),
    "col.hash": ("Mã xác thực", "Fingerprint"),
    "col.ledger_tip": ("Mã xác thực sổ", "Ledger fingerprint"),
    # plan list
    "plan.list_title": ("Các kế hoạch (* đang dùng)", "Plans (* in use)"),
    "plan.in_use": ("đang dùng", "in use"),
    "plan.list_ledger": ("Sổ theo dõi: {path} ({entries} bút toán)", "Ledger: {path} ({entries} entries)"),
    "plan.list_spent": ("Giải ngân: {spent}/{budget} triệu đồng", "Disbursed: {spent} of {budget} million dong"),
    "plan.localities": ("Địa bàn", "Localities"),
    "plan.unknown_id": (
        "không có kế hoạch mã “{id}”, cũng không có tệp nào mang tên này. Các kế hoạch đã biết (`kc plan list`): "
        "{known}",
        "there is no plan “{id}”, and no file of that name. Known plans (`kc plan list`): {known}",
    ),
    "plan.use_done": (
        "Đang dùng kế hoạch {id} ({title}). Bản lưu: {path}. Sổ theo dõi: {ledger}.",
        "Plan {id} is in use ({title}). Copy kept at {path}. Ledger: {ledger}.",
    ),
    "plan.use_other_period": (
        "mã {id} là của kế hoạch đang dùng “{title}” ({start} – {end}); tệp này có thời gian thực hiện khác "
        "({new_start} – {new_end}), nên là một kế hoạch khác. Vui lòng đặt mã khác cho kế hoạch mới (trường `id` "
        "trong `[plan]`), hoặc thêm --force nếu đúng là thời gian của kế hoạch {id} đã được điều chỉnh.",
        "the id {id} is the plan in use “{title}” ({start} – {end}); this file has another period ({new_start} – "
        "{new_end}), so it is another plan. Give the new plan its own id (`id` in [plan]), or add --force if plan "
        "{id}'s period really was changed.",
    ),
    "plan.use_other_lines": (
        "mã {id} là của kế hoạch đang dùng “{title}”; tệp này đổi thứ tự hoặc bỏ nội dung hỗ trợ của kế hoạch đó, "
        "nên số thứ tự các nội dung (như “4”) sẽ chỉ nội dung khác. Vui lòng giữ các nội dung cũ đúng thứ tự (nội "
        "dung mới thêm ở cuối), đặt mã khác nếu là kế hoạch mới, hoặc thêm --force nếu đúng là muốn như vậy.",
        "the id {id} is the plan in use “{title}”; this file reorders or drops its lines, so line numbers (such as "
        "“4”) would name other lines. Keep the old lines in order (new ones go last), give a new plan its own id, "
        "or add --force if that is intended.",
    ),
    "plan.new_known_id": (
        "đã có kế hoạch mã {id} (`kc plan list`); kế hoạch mới dùng mã đó sẽ chiếm sổ theo dõi của kế hoạch cũ. "
        "Vui lòng chọn mã khác với --id.",
        "a plan {id} is already known (`kc plan list`); a new plan under that id would take over its ledger. "
        "Choose another --id.",
    ),
    "plan.current_missing": (
        "kế hoạch đang dùng là {id} ({marker}), nhưng bản lưu {path} không còn (có thể do chép lại thư mục dữ "
        "liệu). Vui lòng đặt lại bằng `kc plan use TỆP` với tệp kế hoạch {id}, hoặc chọn kế hoạch khác bằng --plan.",
        "the plan in use is {id} ({marker}), but its kept copy {path} is gone (a restored data folder?). Put it "
        "back with `kc plan use FILE` and the plan {id} file, or choose another plan with --plan.",
    ),
    "plan.use_below_spent": (
        "bản này của kế hoạch {id} giao cho {lines} kinh phí thấp hơn lũy kế giải ngân đã ghi trong sổ {ledger}. "
        "Vui lòng kiểm tra kinh phí (`budget`), hoặc thêm --force nếu đúng là như vậy.",
        "this version of plan {id} gives {lines} a budget below what {ledger} records as disbursed. Check the "
        "budgets, or add --force if that is right.",
    ),
    "plan.use_orphans": (
        "bản mới của kế hoạch {id} không còn nội dung hoặc chỉ tiêu {ids}, mà sổ {ledger} đã có bút toán ghi cho. "
        "Vui lòng giữ lại các mã này, hoặc thêm --force nếu đúng là muốn như vậy.",
        "this version of plan {id} drops {ids}, which entries in {ledger} name. Keep these ids, or add --force "
        "if that is intended.",
    ),
    "plan.new_exists": (
        "tệp {path} đã có; kc không ghi đè. Vui lòng chọn tên khác hoặc xóa tệp cũ.",
        "{path} already exists; kc does not overwrite it. Choose another name or remove the old file.",
    ),
    "plan.new_header": (
        "Kế hoạch mới, lập từ {source}: điền kinh phí (`budget`, triệu đồng) và kế hoạch số lượng (`target`) cho từng "
        "nội dung, rồi chạy `kc plan use` với tệp này.\n"
        "Phân bổ cho từng năm (không bắt buộc): thêm ngay sau nội dung đó, ví dụ\n{example}",
        "A new plan, started from {source}: fill in each line's budget (million dong, written the Vietnamese way: "
        '"14.750") and target, then run `kc plan use` with this file.\n'
        "Yearly allocations (optional): add them right after the line, e.g.\n{example}",
    ),
    "plan.new_done": (
        "Đã ghi {path}: kế hoạch {id}, {lines} nội dung hỗ trợ, kinh phí và kế hoạch bằng 0 để điền.",
        "Wrote {path}: plan {id}, {lines} lines, budgets and targets 0 to fill in.",
    ),
    # --- export ---------------------------------------------------------------------------------
    "report.docx_needs_file": (
        "báo cáo Word cần một tệp: ghi --output TỆP.docx, hoặc thêm --format md để in ra màn hình.",
        "a Word report needs a file: give --output FILE.docx, or add --format md to print it.",
    ),
    "export.format_mismatch": (
        "--format {format} không khớp với đuôi tên tệp {path}. Đổi đuôi tên tệp cho đúng, hoặc bỏ --format.",
        "--format {format} does not match the name {path}. Give the file the matching extension, or drop --format.",
    ),
    "export.which_format": (
        "không biết xuất {path} dạng gì. Thêm --format csv, json, md hoặc xlsx.",
        "cannot tell the format of {path}. Add --format csv, json, md or xlsx.",
    ),
    "export.xlsx_needs_output": (
        "xlsx là tệp nhị phân: thêm --output TÊN_TỆP.xlsx.",
        "xlsx is a binary file: add --output NAME.xlsx.",
    ),
    "export.unwritable": ("không ghi được {path}: {reason}.", "cannot write {path}: {reason}."),
    "export.kind_unwritten": (
        "lệnh này không ghi được tệp dạng {path}; lệnh ghi được các đuôi: {kinds}. Để có bảng tính hay văn bản, "
        "dùng `kc export` hoặc `kc report`.",
        "this command cannot write a file like {path}; it writes: {kinds}. For a workbook or a document, use "
        "`kc export` or `kc report`.",
    ),
    "export.protected": (
        "không xuất ra {path}: đây là tệp kc lưu giữ (kế hoạch, sổ theo dõi hoặc tệp đi kèm sổ) hoặc tệp mà lệnh "
        "đang đọc. Vui lòng chọn tên tệp khác, ở thư mục khác.",
        "will not write onto {path}: it is a file kc keeps (a plan, a ledger or a file beside it) or one this "
        "command reads. Choose another name, in another folder.",
    ),
    "export.not_a_file": (
        "{path} không phải là một tệp thông thường (thư mục, thiết bị…). Vui lòng chọn tên tệp khác, hoặc "
        "--output - để in ra màn hình.",
        "{path} is not a regular file (a folder, a device…). Choose another name, or --output - for standard output.",
    ),
    "export.exists": ("tệp {path} đã có; thêm --force để ghi đè.", "{path} already exists; add --force to replace it."),
    "export.written": ("Đã xuất {path}", "Wrote {path}"),
    "xlsx.summary": ("Tổng hợp", "Summary"),
    "xlsx.entries": ("Bút toán", "Entries"),
    "xlsx.entries_title": ("Các bút toán — {title}", "Entries — {title}"),
    "xlsx.about": ("Thông tin", "About"),
    "xlsx.chart": ("Kinh phí và giải ngân theo nội dung hỗ trợ", "Budget and disbursement per plan line"),
    "xlsx.chart_sheet": ("Biểu đồ", "Chart"),
    "xlsx.by": ("Theo {by}", "By {by}"),
    "xlsx.source": (
        "Số liệu lấy từ sổ theo dõi {ledger}; mã xác thực sổ: {tip}.",
        "Figures from ledger {ledger}; ledger fingerprint: {tip}.",
    ),
    "xlsx.h.number": ("STT", "No."),
    "xlsx.h.line": ("Nội dung hỗ trợ", "Plan line"),
    "xlsx.h.unit": ("ĐVT", "Unit"),
    "xlsx.h.target": ("Số lượng kế hoạch", "Target"),
    "xlsx.h.done": ("Số lượng thực hiện lũy kế", "Achieved"),
    "xlsx.h.done_pct": ("TH/KH (%)", "Achieved (%)"),
    "xlsx.h.budget": ("Kinh phí sau điều chỉnh", "Budget after reallocations"),
    "xlsx.h.spent": ("Lũy kế giải ngân", "Disbursed"),
    "xlsx.h.spent_pct": ("Tỷ lệ giải ngân (%)", "Disbursed (%)"),
    "xlsx.h.remaining": ("Còn lại", "Left"),
    "xlsx.projects": ("Đề án", "Đề án"),
    "xlsx.projects_title": ("Danh sách đề án — {title}", "Đề án — {title}"),
    "xlsx.h.support": ("Kinh phí hỗ trợ được duyệt", "Support approved"),
    "xlsx.h.paid": ("Đã giải ngân", "Disbursed"),
    "xlsx.h.advanced": ("Trong đó tạm ứng", "Of which advances"),
    "xlsx.h.committed": ("Đã phê duyệt chưa giải ngân", "Approved, not yet disbursed"),
    "xlsx.h.approved": ("Ngày phê duyệt", "Approved on"),
    "xlsx.h.accepted": ("Ngày nghiệm thu", "Accepted on"),
    "xlsx.h.closed": ("Ngày quyết toán / ngừng", "Settled / stopped on"),
    "xlsx.h.uncommitted": ("Còn có thể phê duyệt (chưa phân bổ cho đề án)", "Can still be approved (not committed)"),
    "xlsx.h.pace": ("Tiến độ", "Pace"),
    "xlsx.h.year_target": ("Số lượng kế hoạch năm", "Year target"),
    "xlsx.h.year_done": ("Số lượng thực hiện trong năm", "Achieved in the year"),
    "xlsx.h.year_done_pct": ("TH/KH năm (%)", "Achieved of the year's target (%)"),
    "xlsx.h.year_budget": ("Kinh phí kế hoạch năm", "Year budget"),
    "xlsx.h.year_spent": ("Giải ngân trong năm", "Disbursed in the year"),
    "xlsx.h.year_spent_pct": ("Tỷ lệ giải ngân năm (%)", "Disbursed of the year budget (%)"),
    "xlsx.h.year_remaining": ("Kinh phí năm còn lại", "Year budget left"),
    "meta.kc_version": ("Phiên bản kc", "kc version"),
    "meta.generated_at": ("Thời điểm xuất", "Generated at"),
    "meta.lang": ("Ngôn ngữ", "Language"),
    "meta.as_of": ("Tính đến ngày", "As of"),
    "meta.from": ("Từ ngày", "From"),
    "meta.plan_id": ("Mã kế hoạch", "Plan id"),
    "meta.plan_file": ("Tệp kế hoạch", "Plan file"),
    "meta.plan_sha256": ("Mã xác thực tệp kế hoạch (SHA-256)", "Plan file fingerprint (SHA-256)"),
    "meta.ledger_file": ("Sổ theo dõi", "Ledger"),
    "meta.ledger_tip": ("Mã xác thực sổ", "Ledger fingerprint"),
    # --- import ---------------------------------------------------------------------------------
    "import.reading": ("Đang đọc {path}", "Reading {path}"),
    "import.missing": ("không tìm thấy tệp {path}.", "file {path} not found."),
    "import.folder": ("{path} là một thư mục, không phải tệp.", "{path} is a folder, not a file."),
    "import.not_a_file": (
        "{path} không phải là tệp lưu trên ổ đĩa (có thể là một đường ống như `<(iconv …)`). kc cần một tệp để "
        "đọc và để nhận ra lần nhập sau: vui lòng lưu ra tệp trước (ví dụ `iconv … > bao-cao.csv`), rồi nhập tệp đó.",
        "{path} is not a file on disk (perhaps a pipe such as `<(iconv …)`). kc needs a file, to read it and to "
        "know it again next time: save it to a file first (e.g. `iconv … > report.csv`), then import that file.",
    ),
    "import.kind_xlsx": (
        "tệp {path} là bảng tính Excel (.xlsx) nhưng mang đuôi “{suffix}”. Vui lòng đổi đuôi tên tệp thành .xlsx "
        "rồi nhập lại.",
        "{path} is an Excel workbook (.xlsx) named “{suffix}”. Rename it to end in .xlsx and import again.",
    ),
    "import.kind_ods": (
        "tệp {path} là bảng tính OpenDocument (.ods). Vui lòng mở bằng LibreOffice hoặc Excel và lưu lại dạng "
        "Excel (.xlsx) hoặc CSV UTF-8, rồi nhập lại.",
        "{path} is an OpenDocument spreadsheet (.ods). Open it in LibreOffice or Excel, save it as Excel (.xlsx) "
        "or CSV UTF-8, and import that.",
    ),
    "import.kind_xls": (
        "tệp {path} là bảng tính Excel 97–2003 (.xls), dạng cũ kc không đọc. Vui lòng mở bằng Excel và lưu lại "
        "dạng “Excel Workbook (.xlsx)”, rồi nhập lại.",
        "{path} is an Excel 97–2003 workbook (.xls), an old format kc does not read. Open it in Excel and save "
        "it as “Excel Workbook (.xlsx)”, then import that.",
    ),
    "import.kind_utf16": (
        "tệp {path} là văn bản Unicode UTF-16 (Excel gọi là “Unicode Text”), không phải CSV UTF-8. Vui lòng mở "
        "bằng Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)”, rồi nhập lại.",
        "{path} is UTF-16 text (Excel's “Unicode Text”), not CSV UTF-8. Open it in Excel and save it as “CSV "
        "UTF-8 (Comma delimited)”, then import that.",
    ),
    "import.kind_html": (
        "tệp {path} là một trang web (HTML hoặc XML), dù mang tên bảng tính. Vui lòng mở bằng Excel và lưu lại "
        "dạng “Excel Workbook (.xlsx)”, rồi nhập lại.",
        "{path} is a web page (HTML or XML), though named as a spreadsheet. Open it in Excel and save it as "
        "“Excel Workbook (.xlsx)”, then import that.",
    ),
    "import.unreadable": ("không đọc được tệp {path}: {reason}.", "cannot read {path}: {reason}."),
    "import.encoding": (
        "tệp {path} không phải UTF-8 (có thể là mã Windows-1258). Trong Excel, vui lòng lưu lại dạng “CSV UTF-8 "
        "(Comma delimited)”.",
        "{path} is not UTF-8 (perhaps Windows-1258). In Excel, save it again as “CSV UTF-8 (Comma delimited)”.",
    ),
    "import.not_xlsx": (
        "tệp Excel {path} bị hỏng hoặc không phải tệp .xlsx, không mở được. Vui lòng mở và lưu lại bằng Excel.",
        "{path} is damaged or not an .xlsx file and cannot be opened. Open it in Excel and save it again.",
    ),
    "import.name_encoding": (
        "tên tệp có ký tự không đọc được. Vui lòng đổi tên tệp (chỉ chữ, số, dấu gạch) rồi nhập lại.",
        "the file's name has characters that cannot be read. Rename the file and import again.",
    ),
    "import.name_control": (
        "tên tệp “{name}” có ký tự điều khiển hoặc vô hình. Vui lòng đổi tên tệp rồi nhập lại.",
        "the file's name “{name}” holds control or invisible characters. Rename it and import again.",
    ),
    "import.no_sheet": (
        "tệp không có trang tính “{sheet}”; các trang: {sheets}.",
        "there is no sheet “{sheet}”; sheets: {sheets}.",
    ),
    "import.which_sheet": (
        "tệp {path} có nhiều trang tính có dữ liệu ({sheets}). Vui lòng chọn một bằng --sheet.",
        "{path} has several sheets with data ({sheets}). Choose one with --sheet.",
    ),
    "import.formula": (
        "{path}: ô {cell} có công thức ({formula}) nhưng chưa có giá trị tính sẵn. Vui lòng mở tệp bằng Excel, "
        "lưu lại để Excel tính các công thức, rồi nhập lại.",
        "{path}: cell {cell} holds a formula ({formula}) with no computed value. Open the file in Excel and save "
        "it, so that the formulas are computed, then import again.",
    ),
    "import.open_quote": (
        "{path}: hàng {row} mở dấu ngoặc kép mà không đóng; phần còn lại của tệp bị gộp vào một ô. Vui lòng sửa "
        "hàng đó.",
        "{path}: row {row} opens a quote that is never closed; the rest of the file would fall into one cell. "
        "Fix that row.",
    ),
    "import.csv_cell": (
        "{path}: hàng {row} có một ô dài quá {limit} ký tự; có thể thiếu dấu ngoặc kép. Vui lòng kiểm tra hàng đó.",
        "{path}: row {row} has a cell longer than {limit} characters; a quote may be missing. Check that row.",
    ),
    "import.no_header": (
        "{path}: không tìm thấy hàng tiêu đề (cần có cột ngày và cột nội dung hỗ trợ, ví dụ `Ngày`, `Nội dung`, "
        "`Số tiền` hoặc `date`, `line`, `amount`). Hàng đầu tiên là “{first}”.",
        "{path}: no header row found (it needs a date and a line column, e.g. date, line, amount). The first row "
        "is “{first}”.",
    ),
    "import.semicolon_header": (
        "tiêu đề “{name}” có dấu chấm phẩy; tệp có thể dùng dấu ; để ngăn cột.",
        "the header “{name}” holds semicolons; the file may separate columns with ;.",
    ),
    "import.unknown_column": (
        "không biết cột “{name}”. Các cột dùng được: {known}",
        "unknown column “{name}”. Known columns: {known}",
    ),
    "import.same_field": (
        "hai cột “{first}” và “{second}” cùng ghi một trường ({field}); vui lòng chỉ giữ một cột.",
        "the columns “{first}” and “{second}” both give {field}; keep only one.",
    ),
    "import.required": ("thiếu cột: {missing}.", "missing columns: {missing}."),
    "import.too_many_cells": (
        "hàng có {cells} ô nhưng tiêu đề có {header} cột. Thường do số thập phân có dấu phẩy mà không đặt trong "
        'ngoặc kép: vui lòng đặt số như "12,5" trong ngoặc kép, hoặc lưu tệp với dấu ; ngăn cột.',
        "the row has {cells} cells but the header has {header} columns. A decimal comma without quotes usually "
        'does this: quote numbers like "12,5", or save the file with ; between columns.',
    ),
    "import.too_few_cells": (
        "hàng có {cells} ô nhưng tiêu đề có {header} cột; các ô sẽ bị lệch cột. Vui lòng kiểm tra hàng đó.",
        "the row has {cells} cells but the header has {header} columns; its cells would shift. Check that row.",
    ),
    "import.no_column": (
        "hàng có giá trị “{text}” ở một cột không có tiêu đề.",
        "the row has the value “{text}” in a column without a header.",
    ),
    "import.empty": ("{column} trống.", "{column} is empty."),
    "import.empty_merged": (
        "{column} trống ở ô {cell}: ô này nằm trong vùng ô đã gộp {range}, chỉ ô đầu tiên của vùng có giá trị. "
        "Vui lòng bỏ gộp ô và ghi giá trị cho từng hàng, rồi nhập lại.",
        "{column} is empty in cell {cell}: it is inside the merged range {range}, where only the first cell holds "
        "the value. Unmerge the cells, give each row its value, and import again.",
    ),
    "import.date_time": (
        "{column}: “{text}” có cả giờ; cột ngày chỉ ghi ngày (ví dụ 25/06/2024). Vui lòng bỏ phần giờ.",
        "{column}: “{text}” holds a time; a date column holds days only (e.g. 25/06/2024). Remove the time.",
    ),
    "import.bad_id": (
        "{column}: “{text}” không phải là mã bút toán (12 ký tự 0–9, a–f, như ở cột cuối của `kc log`). Vui lòng "
        "để trống ô này nếu đây là số liệu mới.",
        "{column}: “{text}” is not an entry id (12 characters 0–9, a–f, as in the last column of `kc log`). "
        "Leave the cell empty for new figures.",
    ),
    "import.column_named": ("cột “{name}”", "column “{name}”"),
    "import.integer": (
        "{column}: “{text}” phải là số nguyên viết liền, không có dấu chấm, dấu phẩy (ví dụ 3).",
        "{column}: “{text}” must be a plain whole number (e.g. 3).",
    ),
    "import.number": ("{column}: “{text}” không phải là số.", "{column}: “{text}” is not a number."),
    "import.whole_vnd": (
        "{column}: “{text}” có phần lẻ nhỏ hơn 1 đồng.",
        "{column}: “{text}” has a fraction of a dong.",
    ),
    "import.small": (
        "{column}: {text} đồng là quá nhỏ; có thể đây là số triệu đồng ghi nhầm vào cột tính bằng đồng. "
        "Vui lòng kiểm tra, hoặc thêm --allow-small nếu đúng.",
        "{column}: {text} dong is implausibly small; perhaps a figure in million dong was typed in the "
        "dong column. Check it, or add --allow-small if it is right.",
    ),
    "import.row": ("hàng {row}: {reason}", "row {row}: {reason}"),
    "import.refused": (
        "{path}: {count} hàng không nhập được; chưa nhập hàng nào. Vui lòng sửa các hàng sau rồi nhập lại:",
        "{path}: {count} rows refused; nothing was imported. Fix these rows and import again:",
    ),
    "import.more": ("… và {count} hàng khác.", "… and {count} more."),
    "import.more_warnings": ("… và {count} cảnh báo khác.", "… and {count} more warnings."),
    "import.no_rows": ("tệp {path} không có hàng dữ liệu nào.", "{path} has no data rows."),
    "import.other_version": (
        "đã nhập một tệp cùng tên {file}{sheet} ngày {date} ({rows} hàng) với nội dung khác. Nếu đây là bản sửa, "
        "thêm --replace để hủy lần nhập trước và nhập bản này; nếu là tệp khác, vui lòng đổi tên tệp.",
        "a file named {file}{sheet} was imported on {date} ({rows} rows) with other content. If this is a "
        "corrected version, add --replace to void the earlier import and import this one; if it is another file, "
        "rename it.",
    ),
    "import.nothing_to_replace": (
        "chưa có lần nhập nào của tệp {file} để thay thế; --replace không nhập thêm bên cạnh. Nếu {file} là bản sửa "
        "của một tệp đã nhập dưới tên khác, dùng --replaces <tên tệp đó>; nếu là tệp mới, bỏ --replace.",
        "no earlier import of {file} to replace; --replace never imports alongside. If {file} corrects a file "
        "imported under another name, use --replaces <that file's name>; if it is a new file, leave out --replace.",
    ),
    "import.replace_other_sheet": (
        "chưa nhập trang tính {sheet} của tệp {file}, nên không có gì để thay thế (đã nhập: {sheets}). Vui lòng "
        "kiểm tra --sheet, hoặc bỏ --replace nếu đây là lần nhập đầu của trang này.",
        "the sheet {sheet} of {file} was never imported, so there is nothing to replace (imported: {sheets}). "
        "Check --sheet, or leave out --replace for this sheet's first import.",
    ),
    "import.sheet_csv": (
        "tệp {path} là CSV, chỉ có một bảng: --sheet dùng cho bảng tính Excel (.xlsx). Vui lòng bỏ --sheet.",
        "{path} is CSV, a single table: --sheet is for Excel workbooks (.xlsx). Leave out --sheet.",
    ),
    "import.replaces_unknown": (
        "sổ theo dõi chưa nhập tệp nào tên “{name}” (--replaces). Các tệp đã nhập: {known}.",
        "no file named “{name}” was imported into this ledger (--replaces). Files imported: {known}.",
    ),
    "import.replaces_voided": (
        "mọi bút toán của lần nhập tệp “{name}” đã bị hủy; không còn gì để thay thế. Vui lòng bỏ --replaces.",
        "every entry of the import of “{name}” was voided; there is nothing left to replace. Leave out --replaces.",
    ),
    "import.replaces_which_sheet": (
        "tệp “{name}” đã được nhập từ nhiều trang tính ({sheets}); vui lòng chọn trang cần thay bằng --sheet cùng tên.",
        "“{name}” was imported from several sheets ({sheets}); name the one to replace with --sheet.",
    ),
    "import.sheet_named": (" (trang tính “{sheet}”)", " (sheet “{sheet}”)"),
    "import.replaced_reason": (
        "thay bằng tệp {file} (bản sửa của tệp {old} đã nhập ngày {date})",
        "replaced by {file} (a corrected copy of {old}, imported {date})",
    ),
    "import.replaced": (
        "Đã hủy {count} bút toán của lần nhập trước tệp {file}.",
        "Voided {count} entries of the earlier import of {file}.",
    ),
    "import.replaced_dry_run": (
        "Thử (chưa ghi sổ): sẽ hủy {count} bút toán của lần nhập trước tệp {file}.",
        "Dry run (nothing written): would void {count} entries of the earlier import of {file}.",
    ),
    "import.same_file": (
        "Tệp {file} đã được nhập ngày {date}{named} ({rows} hàng còn được tính); không nhập thêm. Nếu muốn nhập "
        "lại, thêm --replace.",
        "{file} was already imported on {date}{named} ({rows} rows still count); nothing added. To import it again, "
        "add --replace.",
    ),
    "import.named_then": (", khi đó mang tên {name}", ", named {name} then"),
    "import.done": ("Đã nhập {added} hàng{skips}.", "Imported {added} rows{skips}."),
    "import.dry_run": (
        "Thử (chưa ghi sổ): sẽ nhập {added} hàng{skips}.",
        "Dry run (nothing written): would import {added} rows{skips}.",
    ),
    "import.skips": ("; bỏ qua {what}", "; skipped {what}"),
    "import.skip_already": ("{count} hàng đã có", "{count} already there"),
    "import.skip_voided": ("{count} hàng đã hủy", "{count} voided"),
    "import.skip_known": (
        "{count} hàng là bút toán đã có trong sổ theo dõi (cùng mã bút toán)",
        "{count} that are entries the ledger already holds (the same entry id)",
    ),
    "import.and": (" và ", " and "),
    "import.sheet": ("Trang tính đã nhập: {sheet}.", "Sheet imported: {sheet}."),
    "import.hidden": (
        "Trong đó có {count} hàng đang bị ẩn trong Excel (vẫn được nhập).",
        "{count} of them are hidden rows in Excel (imported too).",
    ),
    "import.line": (
        "  {line}: {rows} hàng, giải ngân {amount} triệu đồng{counted}",
        "  {line}: {rows} rows, {amount} million dong{counted}",
    ),
    "import.line_projects": (
        "  {line}: phê duyệt đề án, kinh phí hỗ trợ được duyệt {support} triệu đồng",
        "  {line}: đề án approved, support {support} million dong",
    ),
    "import.future": (
        "{count} bút toán ghi ngày sau hôm nay ({today}): số liệu tính đến hôm nay chưa gồm các bút toán này; "
        "`kc status` tính mỗi bút toán từ ngày của nó.",
        "{count} entries are dated after today ({today}): figures up to today leave them out; `kc status` counts "
        "each from its day.",
    ),
    "import.required_projects": (
        "danh mục đề án thiếu cột: {missing}.",
        "the list of đề án lacks columns: {missing}.",
    ),
    "import.line_number": (
        "{option} ghi {number} nhưng mã nội dung là {line}; vui lòng sửa cho khớp.",
        "{option} says {number} but the line id is {line}; make them agree.",
    ),
    "import.voided_live": (
        "hàng đánh dấu đã hủy trong tệp, nhưng bút toán {id} vẫn còn được tính trong sổ theo dõi này. Nếu đúng là "
        "đã hủy, dùng `kc void {id}`.",
        "the row is marked voided in the file, but entry {id} still counts in this ledger. If it was voided, "
        "run `kc void {id}`.",
    ),
    "import.id_mangled": (
        "{column}: “{text}” là mã bút toán đã bị Excel đổi thành số, không còn đọc lại được. Vui lòng nhập bản "
        "xuất XLSX, hoặc mở tệp CSV bằng `Data > From Text/CSV` với cột mã bút toán là `Text`.",
        "{column}: “{text}” is an entry id Excel turned into a number, which cannot be read back. Import the XLSX "
        "export, or open the CSV with Data > From Text/CSV with the entry id column as Text.",
    ),
    "import.line_count": (", thực hiện {count} {unit}", ", {count} {unit} achieved"),
    # --- kc report ------------------------------------------------------------------------------
    "opt.quarter": ("Báo cáo một quý, ví dụ `2025-Q3`.", "Report one quarter, e.g. 2025-Q3."),
    "opt.half": ("Báo cáo 6 tháng, ví dụ `2025-H1`.", "Report one half year, e.g. 2025-H1."),
    "opt.report_output": (
        "Tệp cần ghi: `.docx` (Word) hoặc `.md`; `-` là màn hình [mặc định: theo kỳ báo cáo, ví dụ "
        "`bao-cao-khuyen-cong-2025-Q3.docx`].",
        "The file to write: .docx (Word) or .md; - is the screen [default: from the period, e.g. "
        "bao-cao-khuyen-cong-2025-Q3.docx].",
    ),
    "opt.report_number": ("Số văn bản (điền vào “Số: …/BC-…”).", "The document's number (for “No. …/BC-…”)."),
    "opt.report_date": ("Ngày ký báo cáo [mặc định: hôm nay].", "The signing date [default: today]."),
    "opt.notes": (
        "Tệp văn bản (UTF-8) có các mục “## Khó khăn, vướng mắc”, “## Đề xuất, kiến nghị”…",
        "A text file (UTF-8) with sections “## Difficulties”, “## Proposals”…",
    ),
    "opt.force": ("Ghi đè tệp đã có.", "Replace a file that exists."),
    "opt.report_format": (
        "docx: tệp Word; md: văn bản Markdown, in ra màn hình nếu không có --output [mặc định: theo đuôi tên tệp, "
        "không có thì docx].",
        "docx: a Word file; md: Markdown text, printed unless --output is given [default: from the file's "
        "extension, else docx].",
    ),
    "var.quarter": ("QUÝ", "QUARTER"),
    "var.half": ("6_THÁNG", "HALF"),
    "report.not_begun": (
        "kỳ {period} chưa bắt đầu (tính đến ngày {day}). Chọn một kỳ đã bắt đầu, hoặc ghi --as-of trong kỳ.",
        "{period} has not begun (as of {day}). Choose a period that has begun, or give --as-of inside it.",
    ),
    "report.one_period": ("chỉ chọn một kỳ báo cáo; đã cho: {options}.", "choose one period; given: {options}."),
    "report.outside_plan": (
        "{period} nằm ngoài thời gian thực hiện kế hoạch ({start} – {end}); không có gì để báo cáo.",
        "{period} is outside the plan's period ({start} – {end}); there is nothing to report.",
    ),
    "report.notes_encoding": (
        "tệp ghi chú {path} không phải UTF-8. Vui lòng lưu lại với mã UTF-8.",
        "the notes file {path} is not UTF-8. Save it again as UTF-8.",
    ),
    "report.notes_unreadable": (
        "không đọc được tệp ghi chú {path}: {reason}.",
        "cannot read notes file {path}: {reason}.",
    ),
    "report.parent_missing": ("(CƠ QUAN CHỦ QUẢN)", "(PARENT BODY)"),
    "report.agency_missing": ("(CƠ QUAN BÁO CÁO)", "(REPORTING BODY)"),
    "report.number": ("Số: {number}/BC-{abbreviation}", "No.: {number}/BC-{abbreviation}"),
    "report.number_as_given": ("Số: {number}", "No.: {number}"),
    "report.number_control": (
        "--number “{number}” có ký tự xuống dòng hoặc ký tự điều khiển; số văn bản là một dòng, ví dụ 45 hoặc "
        "45/BC-TTKC.",
        "--number “{number}” holds a line break or a control character; a document number is one line, e.g. 45 "
        "or 45/BC-TTKC.",
    ),
    "report.number_too_long": (
        "--number “{number}” quá dài cho dòng số văn bản (tối đa {max} ký tự cả “Số: …”). Vui lòng ghi số và ký "
        "hiệu, ví dụ 45 hoặc 45/BC-TTKC.",
        "--number “{number}” is too long for the number's line ({max} characters at most, “No.: …” included). "
        "Give the number and its sign, e.g. 45 or 45/BC-TTKC.",
    ),
    "report.notes_control": (
        "{path}, dòng {lineno}: có ký tự điều khiển ({code}) mà văn bản báo cáo không chứa được. Vui lòng xóa ký "
        "tự đó (thường do dán từ chương trình khác), rồi chạy lại.",
        "{path}, line {lineno}: a control character ({code}) a report cannot hold. Delete it (it usually comes "
        "with text pasted from another program), then run again.",
    ),
    "report.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.date_line": ("{place}, ngày {day} {month} năm {year}", "{place}, {day} {month} {year}"),
    "month.1": ("tháng 01", "January"),
    "month.2": ("tháng 02", "February"),
    "month.3": ("tháng 3", "March"),
    "month.4": ("tháng 4", "April"),
    "month.5": ("tháng 5", "May"),
    "month.6": ("tháng 6", "June"),
    "month.7": ("tháng 7", "July"),
    "month.8": ("tháng 8", "August"),
    "month.9": ("tháng 9", "September"),
    "month.10": ("tháng 10", "October"),
    "month.11": ("tháng 11", "November"),
    "month.12": ("tháng 12", "December"),
    "report.title": ("BÁO CÁO", "REPORT"),
    "report.subject": (
        "Kết quả thực hiện kế hoạch khuyến công {period}",
        "Results of the industrial extension plan, {period}",
    ),
    "report.subject_plan": (
        "Kết quả thực hiện kế hoạch khuyến công giai đoạn {years}",
        "Results of the industrial extension plan {years}",
    ),
    "report.subject_final": (
        "Tổng kết thực hiện kế hoạch khuyến công giai đoạn {years}",
        "Final report on the industrial extension plan {years}",
    ),
    "report.quarter": ("quý {roman} năm {year}", "quarter {roman} of {year}"),
    "report.month": ("tháng {month} năm {year}", "{month}/{year}"),
    "report.since_start": ("từ đầu kế hoạch", "since the plan began"),
    "report.results": ("Kết quả thực hiện", "Results"),
    "report.difficulties": ("Khó khăn, vướng mắc", "Difficulties"),
    "report.difficulties_placeholder": (
        "[Nêu các khó khăn, vướng mắc trong kỳ báo cáo.]",
        "[State the difficulties met in the period.]",
    ),
    "report.proposals": ("Đề xuất, kiến nghị", "Proposals"),
    "report.proposals_placeholder": ("[Nêu các đề xuất, kiến nghị.]", "[State the proposals.]"),
    "report.spent": (
        "Kinh phí giải ngân {period}: {spent} triệu đồng. Lũy kế giải ngân từ đầu kế hoạch đến ngày {as_of}: "
        "{cumulative}/{budget} triệu đồng ({pct} kinh phí sau điều chỉnh), còn lại {remaining} triệu đồng.",
        "Disbursed {period}: {spent} million dong. Disbursed since the plan began, to {as_of}: {cumulative} of "
        "{budget} million dong ({pct} of the budget after reallocations), {remaining} million dong left.",
    ),
    "report.counts": (
        "Số lượng thực hiện trong kỳ: {done}; lũy kế so với kế hoạch: {cumulative}.",
        "Achieved in the period: {done}; since the plan began, against the target: {cumulative}.",
    ),
    "report.completed": ("Các nội dung đã hoàn thành: {lines}.", "Lines completed: {lines}."),
    "report.none_completed": ("Chưa có nội dung hỗ trợ nào hoàn thành.", "No line is completed yet."),
    "report.behind": (
        "Các nội dung chậm so với tiến độ thời gian ({elapsed} thời gian thực hiện kế hoạch đã qua): {lines}.",
        "Lines behind the time elapsed ({elapsed} of the plan's period): {lines}.",
    ),
    "report.none_behind": (
        "Không có nội dung hỗ trợ nào chậm so với tiến độ thời gian ({elapsed} thời gian thực hiện kế hoạch đã qua).",
        "No line is behind the time elapsed ({elapsed} of the plan's period).",
    ),
    "report.indicator": (
        "Chỉ tiêu {name}: năm {year} đạt {value} {unit}, so với mục tiêu {target} {unit} ({pct}).",
        "Indicator {name}: {value} {unit} in {year}, against a target of {target} {unit} ({pct}).",
    ),
    "report.indicator_none": (
        "Chỉ tiêu {name}: chưa có số liệu; mục tiêu {target} {unit}.",
        "Indicator {name} (target {target} {unit}): no value recorded yet.",
    ),
    "report.counterpart": (
        "Vốn đối ứng của các cơ sở trong kỳ: {amount} triệu đồng.",
        "Counterpart funds of the facilities in the period: {amount} million dong.",
    ),
    "report.year_budget": (
        "Kinh phí kế hoạch năm {year} của các nội dung được phân bổ: {budget} triệu đồng; đã giải ngân {spent} "
        "triệu đồng ({pct}), còn lại {left} triệu đồng.",
        "The {year} allocations of the lines given one: {budget} million dong; {spent} million disbursed ({pct}), "
        "{left} million left.",
    ),
    "report.year_over": (
        "Giải ngân vượt kinh phí kế hoạch năm {year}: {lines}.",
        "Disbursed above the {year} allocation: {lines}.",
    ),
    "report.projects": (
        "Đề án: trong kỳ phê duyệt {approved} đề án (kinh phí hỗ trợ được duyệt {support} triệu đồng), nghiệm thu "
        "{accepted} đề án, quyết toán {settled} đề án, ngừng thực hiện {stopped} đề án; đến cuối kỳ có {overdue} "
        "đề án quá hạn; kinh phí đã phê duyệt chưa giải ngân {committed} triệu đồng.",
        "Đề án: in the period {approved} approved (support {support} million dong), {accepted} accepted, "
        "{settled} settled, {stopped} stopped; {overdue} overdue at its end; approved and not yet disbursed "
        "{committed} million.",
    ),
    "report.projects_title": ("Danh sách đề án (Mẫu 02)", "Đề án of the period"),
    "report.col_support": ("Kinh phí hỗ trợ được duyệt", "Support approved"),
    "report.col_paid_period": ("Giải ngân trong kỳ", "Paid in the period"),
    "report.col_paid_cumulative": ("Giải ngân lũy kế", "Paid so far"),
    "report.table_title": ("Kết quả thực hiện các nội dung hỗ trợ", "Results per plan line"),
    "report.col_plan": ("Kế hoạch", "Plan"),
    "report.col_period": ("Thực hiện trong kỳ", "Achieved in the period"),
    "report.col_cumulative": ("Lũy kế từ đầu kế hoạch", "Since the plan began"),
    "report.col_rate": ("Tỷ lệ lũy kế/kế hoạch (%)", "Since the plan began / plan (%)"),
    "report.col_count": ("Số lượng", "Count"),
    "report.col_money": ("Kinh phí", "Money"),
    "report.trace": (
        "Số liệu lấy từ sổ theo dõi {ledger}, tính đến ngày {as_of}; mã xác thực sổ: {tip}; mã xác thực kế hoạch: "
        "{plan}; kc {version}.",
        "Figures from ledger {ledger}, as of {as_of}; ledger fingerprint: {tip}; plan fingerprint: {plan}; "
        "kc {version}.",
    ),
    "project.show_counterpart": ("{amount} triệu đồng", "{amount} million"),
    "report.recipients": ("Nơi nhận:", "To:"),
    "report.archive": ("Lưu: VT", "File copy"),
    # --- biểu mẫu (kc template) and reading a filled one ------------------------------------------
    "help.template": (
        "Lập biểu mẫu Excel để các đơn vị điền và gửi lại (`kc import` đọc được nguyên trạng).",
        "Make an Excel form for the units to fill in and send back (kc import reads it as it is).",
    ),
    "help.template_progress": (
        "Biểu mẫu báo cáo tiến độ hằng tháng: mỗi đề án đang thực hiện một hàng, thêm hàng trống.",
        "The monthly progress report form: one row per open đề án, then free rows.",
    ),
    "help.template_projects": (
        "Biểu mẫu danh mục đề án đề xuất phê duyệt (các cột `kc import` đọc).",
        "The form listing đề án for approval (the columns kc import reads).",
    ),
    "opt.template_output": ("Tệp .xlsx sẽ ghi (bắt buộc).", "The .xlsx file to write (required)."),
    "opt.template_unit": (
        "Chỉ các đề án của đơn vị này (đơn vị thực hiện hoặc đơn vị thụ hưởng).",
        "Only the đề án of this unit (who carries it out or who benefits).",
    ),
    "opt.template_as_of": (
        "Ngày của biểu mẫu: số liệu điền sẵn tính đến ngày này, không nhận ngày sau ngày này (mặc định: ngày 25 "
        "sắp tới, hạn gửi báo cáo).",
        "The form's date: prefilled figures as of it, no date after it accepted (default: the coming 25th, the "
        "report's deadline).",
    ),
    "template.written": (
        "Đã ghi biểu mẫu {path}: {projects} đề án điền sẵn, {free} hàng trống; hạn gửi {deadline}.",
        "Wrote the form {path}: {projects} đề án prefilled, {free} free rows; due {deadline}.",
    ),
    "template.written_projects": (
        "Đã ghi biểu mẫu {path}: {rows} hàng để điền danh mục đề án.",
        "Wrote the form {path}: {rows} rows for the list of đề án.",
    ),
    "template.no_projects": (
        "Không có đề án đang thực hiện nào{unit} đến ngày {date}: biểu mẫu chỉ có hàng trống.",
        "No open đề án{unit} as of {date}: the form has free rows only.",
    ),
    "template.unit_ambiguous": (
        "--unit “{unit}” (không dấu) có thể là {names}. Vui lòng ghi tên đơn vị có dấu, như trong danh sách đề án "
        "(`kc project list`).",
        "--unit “{unit}” (without diacritics) could be {names}. Write the unit's name with its diacritics, as the "
        "đề án list has it (`kc project list`).",
    ),
    "template.of_unit": (" của “{unit}”", " of “{unit}”"),
    "template.not_xlsx": (
        "biểu mẫu là tệp Excel: tên tệp {path} cần có đuôi .xlsx.",
        "a form is an Excel file: {path} needs the .xlsx extension.",
    ),
    "template.sheet_guide": ("Hướng dẫn", "Instructions"),
    "template.sheet_progress": ("Báo cáo tiến độ", "Progress report"),
    "template.sheet_projects": ("Danh mục đề án", "List of đề án"),
    "template.title_progress": (
        "BÁO CÁO TIẾN ĐỘ THỰC HIỆN CÁC ĐỀ ÁN KHUYẾN CÔNG",
        "PROGRESS REPORT ON THE ĐỀ ÁN",
    ),
    "template.title_projects": ("DANH MỤC ĐỀ ÁN KHUYẾN CÔNG", "LIST OF ĐỀ ÁN"),
    "template.subtitle": ("{plan} — biểu mẫu ngày {date}", "{plan} — form of {date}"),
    "form.h.unit_label": ("Đơn vị báo cáo:", "Reporting unit:"),
    "template.unit_line": ("ĐVT: triệu đồng", "Amounts in million dong"),
    "template.guide_title": ("HƯỚNG DẪN ĐIỀN BIỂU MẪU", "HOW TO FILL IN THIS FORM"),
    "template.guide_progress": (
        "Biểu mẫu báo cáo tiến độ thực hiện các đề án khuyến công ({plan}), lập ngày {made}.\n"
        "Các đơn vị gửi báo cáo tiến độ hằng tháng trước ngày 25 (Thông tư 36/2013/TT-BCT, Điều 23); hạn gửi "
        "biểu mẫu này: {deadline}. Nơi nhận: {agency}.\n"
        "Trang “{sheet}”: mỗi đề án đang thực hiện một hàng. Các cột từ “{first}” đến “{last}” do kc điền sẵn, "
        "không sửa được; chỉ điền các ô trắng.\n"
        "• {amount}: số tiền đã giải ngân trong kỳ, tính bằng triệu đồng (ví dụ 150 hoặc 12,5), không nhập "
        "bằng đồng. Mỗi lần giải ngân một hàng: muốn báo hai lần giải ngân của cùng một đề án, sao chép hàng "
        "đó xuống một hàng trống và giữ nguyên mã đề án.\n"
        "• {payment}: chọn “{advance}” hoặc “{pay}” trong danh sách; để trống là thanh toán.\n"
        "• {date}, {accepted}: nhập ngày dạng 25/12/2026, trong thời gian thực hiện kế hoạch và không sau "
        "ngày {deadline}.\n"
        "• {accepted} và {count}: chỉ điền khi đề án đã nghiệm thu (theo biên bản nghiệm thu); để trống số "
        "lượng là số lượng được phê duyệt.\n"
        "• Hàng trống phía dưới: khoản giải ngân không thuộc đề án nào; chọn nội dung hỗ trợ, địa bàn và "
        "nguồn kinh phí trong danh sách.\n"
        "Không thêm, xóa hay đổi chỗ các cột; không cần công thức hay hàng tổng cộng. Có thể lưu bằng Excel "
        "hoặc LibreOffice, giữ định dạng .xlsx, và gửi lại nguyên tệp.",
        "Progress report form for the đề án of {plan}, made on {made}.\n"
        "Units report progress monthly by the 25th (Circular 36/2013/TT-BCT, art. 23); this form is due on "
        "{deadline}. Send it to: {agency}.\n"
        "Sheet “{sheet}”: one row per open đề án. Columns “{first}” to “{last}” are filled in by kc and locked; "
        "fill in the white cells only.\n"
        "• {amount}: the amount paid in the period, in million dong (e.g. 150 or 12.5), never in dong. One "
        "payment a row: for a second payment of a đề án, copy its row to a free row and keep its code.\n"
        "• {payment}: choose “{advance}” or “{pay}” from the list; empty is a payment.\n"
        "• {date}, {accepted}: dates such as 25/12/2026, within the plan's period and not after {deadline}.\n"
        "• {accepted} and {count}: only once the đề án is accepted; an empty count is the approved count.\n"
        "• Free rows below: payments outside any đề án; choose the plan line, locality and funding source from "
        "the lists.\n"
        "Do not add, delete or move columns; no formulas or totals rows are needed. Save with Excel or "
        "LibreOffice as .xlsx and send the file back as it is.",
    ),
    "template.guide_projects": (
        "Biểu mẫu danh mục đề án khuyến công đề xuất phê duyệt ({plan}), lập ngày {made}. Nơi nhận: {agency}.\n"
        "Trang “{sheet}”: mỗi đề án một hàng, điền vào các ô trắng.\n"
        "• Bắt buộc: {date}, {line}, {name}, {beneficiary}, {decision}, {support}.\n"
        "• {support} và {counterpart}: tính bằng triệu đồng (ví dụ 150 hoặc 12,5), không nhập bằng đồng.\n"
        "• {date} và {end}: nhập ngày dạng 25/12/2026, trong thời gian thực hiện kế hoạch.\n"
        "• {line}, {locality}, {source}: chọn trong danh sách.\n"
        "• {project}: để trống thì kc tự đặt mã (DA-001, DA-002 …).\n"
        "Không thêm, xóa hay đổi chỗ các cột; không cần công thức hay hàng tổng cộng. Có thể lưu bằng Excel "
        "hoặc LibreOffice, giữ định dạng .xlsx, và gửi lại nguyên tệp.",
        "Form listing the đề án proposed for approval under {plan}, made on {made}. Send it to: {agency}.\n"
        "Sheet “{sheet}”: one đề án a row; fill in the white cells.\n"
        "• Required: {date}, {line}, {name}, {beneficiary}, {decision}, {support}.\n"
        "• {support} and {counterpart}: in million dong (e.g. 150 or 12.5), never in dong.\n"
        "• {date} and {end}: dates such as 25/12/2026, within the plan's period.\n"
        "• {line}, {locality}, {source}: choose from the lists.\n"
        "• {project}: leave it empty and kc gives a code (DA-001, DA-002 …).\n"
        "Do not add, delete or move columns; no formulas or totals rows are needed. Save with Excel or "
        "LibreOffice as .xlsx and send the file back as it is.",
    ),
    "template.agency_unknown": ("đơn vị theo dõi kế hoạch", "the office tracking the plan"),
    "template.in.date": ("Ngày", "Date"),
    "template.in.date_text": (
        "Nhập ngày dạng 25/12/2026, từ {start} đến {end}.",
        "A date such as 25/12/2026, from {start} to {end}.",
    ),
    "template.err.date": (
        "Ngày không hợp lệ: cần một ngày từ {start} đến {end} (nhập dạng 25/12/2026).",
        "Not a valid date: a date from {start} to {end} is needed (typed as 25/12/2026).",
    ),
    "template.in.end": ("Thời hạn", "End"),
    "template.in.end_text": (
        "Nhập ngày dạng 25/12/2026, từ {start} trở đi.",
        "A date such as 25/12/2026, from {start}.",
    ),
    "template.err.end": (
        "Ngày không hợp lệ: cần một ngày từ {start} trở đi (nhập dạng 25/12/2026).",
        "Not a valid date: a date from {start} on is needed (typed as 25/12/2026).",
    ),
    "template.in.text": ("Độ dài", "Length"),
    "template.in.money": ("Triệu đồng", "Million dong"),
    "template.in.money_text": (
        "Số tiền tính bằng triệu đồng, ví dụ 150 hoặc 12,5; không nhập bằng đồng.",
        "An amount in million dong, e.g. 150 or 12.5; not in dong.",
    ),
    "template.err.money": (
        "Số tiền không hợp lệ: cần một số từ 0 đến {max} triệu đồng. Có phải đã nhập bằng đồng?",
        "Not a valid amount: a number from 0 to {max} million dong is needed. Was it typed in dong?",
    ),
    "template.in.count": ("Số lượng", "Count"),
    "template.in.count_text": ("Một số nguyên, ví dụ 1.", "A whole number, e.g. 1."),
    "template.err.count": ("Số lượng phải là số nguyên từ 0 trở lên.", "A count is a whole number, 0 or more."),
    "template.in.list": ("Chọn trong danh sách", "Choose from the list"),
    "template.in.list_text": ("Bấm mũi tên bên phải ô để chọn.", "Click the arrow beside the cell to choose."),
    "template.err.list": (
        "Giá trị không có trong danh sách: vui lòng chọn bằng mũi tên bên phải ô.",
        "Not in the list: choose with the arrow beside the cell.",
    ),
    "template.err.text": ("Tối đa {max} ký tự.", "At most {max} characters."),
    "form.h.row_number": ("STT", "No."),
    "form.h.project": ("Mã đề án", "Đề án code"),
    "form.h.name": ("Tên đề án", "Đề án name"),
    "form.h.line": ("Nội dung hỗ trợ", "Plan line"),
    "form.h.beneficiary": ("Đơn vị thụ hưởng", "Beneficiary"),
    "form.h.locality": ("Địa bàn", "Locality"),
    "form.h.support": ("Kinh phí hỗ trợ được duyệt", "Support approved"),
    "form.h.paid": ("Lũy kế giải ngân trước kỳ", "Paid before the period"),
    "form.h.amount": ("Giải ngân trong kỳ (triệu đồng)", "Paid in the period (million dong)"),
    "form.h.payment": ("Tạm ứng / thanh toán", "Advance / payment"),
    "form.h.date": ("Ngày giải ngân", "Date paid"),
    "form.h.accepted": ("Ngày nghiệm thu", "Date accepted"),
    "form.h.count": ("Số lượng nghiệm thu", "Count accepted"),
    "form.h.source": ("Nguồn kinh phí", "Funding source"),
    "form.h.note": ("Ghi chú", "Note"),
    "form.payment.advance": ("Tạm ứng", "Advance"),
    "form.payment.payment": ("Thanh toán", "Payment"),
    "form.bad_marker": (
        "trang “{sheet}” có dấu nhận biết biểu mẫu của kc (ô A1) nhưng đã bị sửa: vui lòng dùng lại biểu mẫu "
        "gốc hoặc lập biểu mẫu mới bằng kc template.",
        "sheet “{sheet}” carries kc's form marker (cell A1) but it was changed: use the original form or make a "
        "new one with kc template.",
    ),
    "form.other_plan": (
        "biểu mẫu (trang “{sheet}”, ô A1) được lập cho kế hoạch “{plan}”, không phải kế hoạch đang dùng "
        "“{current}”: nhập với --plan {plan}, hoặc gửi đơn vị biểu mẫu của kế hoạch này.",
        "the form (sheet “{sheet}”, cell A1) was made for plan “{plan}”, not “{current}” in use: import it with "
        "--plan {plan}, or send the unit this plan's form.",
    ),
    "form.no_header": (
        "không tìm thấy hàng tiêu đề của biểu mẫu trong 10 hàng đầu: có thể đã xóa hoặc chèn hàng phía trên; "
        "vui lòng dùng biểu mẫu gốc.",
        "the form's header row is not in its first 10 rows: rows above it may have been deleted or inserted; "
        "use the original form.",
    ),
    "form.header_moved": (
        "ô {cell} của hàng tiêu đề là “{found}”, biểu mẫu có “{expected}”: các cột đã bị thêm, xóa hoặc đổi "
        "chỗ. Vui lòng đưa cột về đúng chỗ hoặc dùng biểu mẫu gốc.",
        "cell {cell} of the header row is “{found}”, the form has “{expected}”: columns were added, deleted or "
        "moved. Put them back, or use the original form.",
    ),
    "form.locked_changed": (
        "ô {cell} ({heading}) của đề án {code} là “{found}”, kc đã điền “{kept}”: số liệu kc điền sẵn đã bị "
        "sửa. Nếu số liệu của kc chưa đúng, vui lòng báo cơ quan theo dõi (kc project change) thay vì sửa trong "
        "biểu mẫu; đưa ô về như cũ rồi nhập lại.",
        "cell {cell} ({heading}) of đề án {code} reads “{found}”, the form wrote “{kept}”: a prefilled cell was "
        "edited. If kc's figure is wrong, tell the office (kc project change) instead of editing the form; put "
        "the cell back and import again.",
    ),
    "form.payment_kind": (
        "ô {cell}: “{text}” không có trong danh sách; chọn {choices}.",
        "cell {cell}: “{text}” is not in the list; choose {choices}.",
    ),
    "form.accepted_without_project": (
        "ô {cell}: ngày nghiệm thu chỉ dùng cho hàng có mã đề án.",
        "cell {cell}: an acceptance date belongs to a row with a đề án code.",
    ),
    "form.count_without_acceptance": (
        "ô {cell}: số lượng của đề án được tính khi nghiệm thu; vui lòng điền ngày nghiệm thu ở ô {accepted} "
        "hoặc để trống số lượng.",
        "cell {cell}: a đề án's count comes with its acceptance; fill in the acceptance date in {accepted} or "
        "leave the count empty.",
    ),
    "form.amount_in_dong": (
        "ô {cell}: {text} triệu đồng lớn hơn kinh phí của cả kế hoạch ({total} triệu đồng): có lẽ đã nhập "
        "bằng đồng. Cột này tính bằng triệu đồng (150.000.000 đồng là 150).",
        "cell {cell}: {text} million dong is more than the whole plan's budget ({total} million dong): it was "
        "probably typed in dong. The column is in million dong (150,000,000 dong is 150).",
    ),
    "form.amount_small": (
        "ô {cell}: {text} triệu đồng là dưới 1.000 đồng: có lẽ đã nhập sai đơn vị (cột này tính bằng triệu "
        "đồng). Nếu đúng là số tiền này, nhập lại với --allow-small.",
        "cell {cell}: {text} million dong is under 1,000 dong: probably another unit (the column is in million "
        "dong). If it is right, import again with --allow-small.",
    ),
    "form.after_form": (
        "ô {cell}: ngày {date} sau ngày của biểu mẫu ({form}). Vui lòng kiểm tra lại ngày; khoản phát sinh sau "
        "kỳ này báo cáo ở biểu mẫu kỳ sau.",
        "cell {cell}: {date} is after the form's date ({form}). Check the date; what happens after this period "
        "goes in the next period's form.",
    ),
    "import.accepted": ("Nghiệm thu {count} đề án.", "{count} đề án accepted."),
    "usage.amount": ("cần --amount: số tiền giải ngân cho đề án.", "give --amount: the amount paid on the đề án."),
    "void.adjust.too_much": (
        "không thể hủy bút toán điều chỉnh này: sau khi hủy, kinh phí của {line} còn {after} triệu đồng, thấp hơn "
        "lũy kế giải ngân {spent} triệu đồng. Vui lòng hủy trước các khoản giải ngân dựa vào kinh phí điều chỉnh.",
        "this reallocation cannot be voided: {line} would be left with {after} million dong, below the {spent} "
        "million disbursed. Void the payments that rely on it first.",
    ),
    "void.adjust.too_much_committed": (
        "không thể hủy bút toán điều chỉnh này: sau khi hủy, kinh phí của {line} còn {after} triệu đồng, thấp hơn "
        "lũy kế giải ngân {spent} triệu đồng cộng {committed} triệu đồng đã phê duyệt cho các đề án chưa giải "
        "ngân. Vui lòng điều chỉnh giảm hoặc ngừng các đề án dựa vào kinh phí điều chỉnh trước.",
        "this reallocation cannot be voided: {line} would be left with {after} million dong, below the {spent} "
        "million disbursed and the {committed} million approved for đề án not yet paid. Change or stop the đề án "
        "that rely on it first.",
    ),
    "project.void_over_paid": (
        "không thể hủy bút toán {id}: sau khi hủy, kinh phí hỗ trợ được duyệt của đề án {code} là {support} triệu "
        "đồng, thấp hơn số đã giải ngân {paid} triệu đồng. Vui lòng hủy trước các khoản giải ngân vượt, hoặc ghi "
        "một quyết định điều chỉnh mới (`kc project change {code}`).",
        "entry {id} cannot be voided: đề án {code} would have {support} million dong of support, below the {paid} "
        "million paid. Void the payments over it first, or record a new decision (`kc project change {code}`).",
    ),
    "project.void_over_budget": (
        "không thể hủy bút toán {id}: đề án {code} sẽ lại chờ giải ngân {more} triệu đồng, nhưng {line} chỉ còn có "
        "thể phê duyệt {free} triệu đồng. Vui lòng điều chỉnh kinh phí hoặc đề án khác trước.",
        "entry {id} cannot be voided: đề án {code} would wait again for {more} million dong, but {line} can only "
        "approve {free} million more. Reallocate money or change another đề án first.",
    ),
    "project.close_before_payment": (
        "đề án {code} có khoản giải ngân ngày {paid} (bút toán {id}), sau ngày {date}: quyết toán hoặc ngừng "
        "thực hiện ghi từ ngày {paid} trở đi.",
        "đề án {code} has a payment dated {paid} (entry {id}), after {date}: a settlement or a stop is dated on "
        "or after {paid}.",
    ),
    "project.accept_before_advance": (
        "đề án {code} có khoản tạm ứng ngày {advanced} (bút toán {id}), sau ngày nghiệm thu {date}: tạm ứng là "
        "trước nghiệm thu. Vui lòng kiểm tra ngày nghiệm thu; nếu khoản đó là thanh toán, hủy bút toán {id} và "
        "ghi lại không có --advance.",
        "đề án {code} has an advance dated {advanced} (entry {id}), after the acceptance date {date}: advances come "
        "before acceptance. Check the date; if it was a payment, void {id} and record it again without --advance.",
    ),
    "import.advance_value": (
        "{column}: “{text}” không rõ là tạm ứng hay không; ghi “Có” hoặc x cho tạm ứng, để trống hoặc “Không” "
        "cho thanh toán.",
        "{column}: “{text}” does not say whether it is an advance; write “Yes” or x for an advance, leave it empty "
        "or “No” for a payment.",
    ),
    "import.totals_row": (
        "hàng này là hàng tổng cộng (“{text}”): kc tự cộng, vui lòng xóa hàng này khỏi tệp.",
        "this is a totals row (“{text}”): kc adds up on its own; delete the row from the file.",
    ),
    "import.code_twice": (
        "mã đề án {code} đã có ở hàng {row} của chính tệp này: mỗi đề án một hàng, mỗi mã một đề án.",
        "đề án code {code} is already on row {row} of this file: one đề án a row, one code a đề án.",
    ),
    "import.replace_projects": (
        "lần nhập tệp {file} ngày {date} đã phê duyệt {count} đề án; --replace không thay được đề án đã phê duyệt. "
        "Để sửa, dùng `kc project change` hoặc `kc void` từng đề án; để thêm đề án mới, nhập một tệp chỉ gồm các "
        "hàng mới.",
        "the import of {file} on {date} approved {count} đề án; --replace cannot replace approved đề án. To "
        "correct them use `kc project change` or `kc void` on each; to add new ones, import a file of the new "
        "rows only.",
    ),
    "project.code_like": (
        "đã có đề án mã {like}, chỉ khác “{code}” ở chữ hoa, chữ thường hoặc dấu: có phải cùng một đề án? Vui lòng "
        "dùng đúng mã đã có, hoặc một mã khác hẳn.",
        "đề án {like} exists and differs from “{code}” only in case or diacritics: is it the same one? Use the "
        "code as it is, or a clearly different one.",
    ),
    "project.in_ledgers": (
        "mỗi sổ theo dõi sau có một đề án mã {code}: {ledgers}. Vui lòng chọn một sổ bằng --ledger.",
        "each of these ledgers has a đề án {code}: {ledgers}. Choose one with --ledger.",
    ),
    "form.code_cleared": (
        "ô {cell}: mã đề án của hàng “{name}” đã bị xóa; vui lòng đưa mã đề án về như cũ (khoản giải ngân của đề án "
        "phải ghi vào đề án đó).",
        "cell {cell}: the đề án code of the row “{name}” was cleared; put it back (a đề án's payment is recorded "
        "against it).",
    ),
    "form.again": (
        "tệp {file} là bản khác của một biểu mẫu đã nhập ({known} hàng đã có trong sổ theo dõi, {new} hàng mới). "
        "Nếu đây là bản sửa, nhập lại với --replaces <tên tệp đã nhập trước>; nếu chỉ thêm hàng, cũng dùng "
        "--replaces để các hàng cũ không bị tính hai lần.",
        "{file} is another version of a form already imported ({known} rows already in the ledger, {new} new). If "
        "it is a corrected copy, import it with --replaces <the earlier file's name>.",
    ),
    "template.as_of_before": (
        "--as-of {date} là trước ngày bắt đầu kế hoạch ({start}): biểu mẫu sẽ không nhận ngày nào.",
        "--as-of {date} is before the plan starts ({start}): the form would take no date.",
    ),
}
