# ghi-thang.ps1: a month's reports, then a check and the summary. Task Scheduler runs it on the 26th
# (README, "Windows"). Kept as UTF-8 with a BOM: Windows PowerShell 5.1 reads a script without one in the
# ANSI code page, and the Vietnamese names below would change.
#   ghi-thang.ps1           the month whose reports were due by the 25th last passed: from the 26th on, this
#                           month; before it, the month before (a run missed on the 26th that Task Scheduler
#                           starts later, on the 1st, still records the month that was due)
#   ghi-thang.ps1 2026-09   that month (one missed altogether, run by hand)
[Console]::OutputEncoding = [Text.UTF8Encoding]::new()  # kc writes UTF-8: read it, and log it, as UTF-8
$kc = 'C:\KhuyenCong\.venv\Scripts\kc.exe'               # a task does not read your PATH: the full path
Set-Location 'C:\KhuyenCong'                            # a task starts in C:\Windows\System32
# $env:KC_DATA_DIR = 'D:\KhuyenCong\du-lieu'            # where the ledgers are, if not in the default folder
# 25 days ago is in the month due: the 26th gives the 1st of this month, the 25th a day of the month before.
$month = if ($args.Count -gt 0) { "$($args[0])" } else {
    (Get-Date).AddDays(-25).ToString('yyyy-MM', [Globalization.CultureInfo]::InvariantCulture) }
if ($month -notmatch '^\d{4}-(0[1-9]|1[0-2])$') { Write-Output "Tháng phải viết dạng 2026-09, không phải '$month'."; exit 2 }
$file = "bao-cao-don-vi\$month.csv"

# Each kc call is checked: a refused import stops the script (exit 1) before anything else is recorded.
# Only a unit file with no row under its header is not: kc refuses it ("không có hàng dữ liệu nào"), and it
# means nothing to record this month. So the import is tried first (--dry-run writes nothing) and skipped for
# that refusal alone; any other one (no file, a wrong row) is the real import's, and stops the script.
$tried = & $kc import $file --dry-run 2>&1
if ($LASTEXITCODE -eq 1 -and "$tried" -match 'không có hàng dữ liệu nào|has no data rows') {
    Write-Output "${file}: không có hàng dữ liệu nào; tháng $month không có gì để nhập."
} else {
    & $kc import $file                                  # all rows or none; running it again adds nothing
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
& $kc record nhan-hieu --amount 35 --count 1 --date "$month-21" --beneficiary 'HTX Mận Bắc Hà' --ref "$month/nh-01"
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $kc check
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $kc export --output "tong-hop-$month.xlsx"
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
