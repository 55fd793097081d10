# ghi-thang.ps1: the month's reports, then a check and the summary. Task Scheduler runs it on the 26th
# (README, "Windows"). Kept as UTF-8 with a BOM: Windows PowerShell 5.1 reads a script without one in the
# ANSI code page, and the Vietnamese names below would change.
[Console]::OutputEncoding = [Text.UTF8Encoding]::new()  # kc writes UTF-8: read it, and log it, as UTF-8
$kc = 'C:\KhuyenCong\.venv\Scripts\kc.exe'               # a task does not read your PATH: the full path
Set-Location 'C:\KhuyenCong'                            # a task starts in C:\Windows\System32
# $env:KC_DATA_DIR = 'D:\KhuyenCong\du-lieu'            # where the ledgers are, if not in the default folder
$month = Get-Date -Format 'yyyy-MM'

# Each kc call is checked: a refused import stops the script (exit 1) before anything else is recorded.
& $kc import "bao-cao-don-vi\$month.csv"                # all rows or none; running it again adds nothing
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $kc record nhan-hieu --amount 35 --count 1 --date "$month-21" --beneficiary 'HTX Mận Bắc Hà' --ref "$month/nh-01"
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $kc check
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $kc export --output "tong-hop-$month.xlsx"
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
