"""The portal's one CSV writer. Every CSV download goes through `csv_response`.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab or carriage
return) as a formula: a pupil named `=HYPERLINK("http://...")` from an import would become a
link or a command in the office's Excel. OWASP's advice (CSV injection) is followed: such a text
cell gets a leading apostrophe, so the spreadsheet shows it as text. Numbers stay numbers.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet must read it: text that could start a formula is made text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(*, filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download (semicolons, UTF-8 with a byte order mark, as Dutch Excel opens it), every
    cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def csv_file_response(*, path: Path, filename: str) -> HttpResponse:
    """A CSV file the portal ships (the import's sample), served as it is: it holds no one's data."""
    response = HttpResponse(path.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
