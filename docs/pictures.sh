#!/usr/bin/env bash
# README's two pictures, from the files README's examples write: the XLSX summary sheet as printed and the
# report's first page. Needs cog (pip install '.[test]'), LibreOffice (soffice) and poppler-utils (pdftoppm).
#   docs/pictures.sh [python]    python: the one whose environment has kc and cog [default: .venv/bin/python]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
"$python" -m cogapp -r -I docs README.md            # runs the examples: /tmp/kc-doc-work/khuyen-cong holds the files
work=/tmp/kc-doc-work/khuyen-cong
out=$(mktemp -d)
soffice --headless --convert-to pdf --outdir "$out" "$work/tong-hop-2025-09.xlsx" >/dev/null
soffice --headless --convert-to pdf --outdir "$out" "$work/bao-cao-khuyen-cong-2025-Q3.docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/tong-hop-2025-09.pdf" docs/xlsx-summary
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/bao-cao-khuyen-cong-2025-Q3.pdf" docs/report-first-page
rm -rf "$out"
