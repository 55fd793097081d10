#!/usr/bin/env bash
# README's pictures, from the files README's examples write: the XLSX summary sheet as printed, the report's
# first page, and a unit's filled progress form as printed (its second page: the first is the instructions). Needs cog (pip install '.[test]'), LibreOffice (soffice) and poppler-utils (pdftoppm).
#   docs/pictures.sh [python]    python: the one whose environment has kc and cog [default: .venv/bin/python]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
"$python" -m cogapp -r -I docs README.md            # runs the examples: /tmp/kc-doc-work/khuyen-cong holds the files
work=/tmp/kc-doc-work/khuyen-cong
out=$(mktemp -d)
# A LibreOffice profile set to Vietnamese, as an officer's Excel is: numbers print as 3.640 and 74,1%.
mkdir -p "$out/profile/user"
cat > "$out/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
XCU
for file in tong-hop-2025-09.xlsx bao-cao-khuyen-cong-2025-Q3.docx bao-cao-10-2026-mmtb.xlsx; do
    soffice "-env:UserInstallation=file://$out/profile" --headless --convert-to pdf --outdir "$out" "$work/$file" >/dev/null
done
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/tong-hop-2025-09.pdf" docs/xlsx-summary
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/bao-cao-khuyen-cong-2025-Q3.pdf" docs/report-first-page
pdftoppm -png -r 110 -f 2 -l 2 -singlefile "$out/bao-cao-10-2026-mmtb.pdf" docs/form-progress
rm -rf "$out"
