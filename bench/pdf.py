"""How long the signed protocol PDF takes: render, sign, and serve the stored file again.

Run from the project root: `python bench/pdf.py [--runs N]`. Uses a throw-away SQLite database,
certificate and media folder in a temporary directory (the 2022-2024 version comes from the data
migration). Prints medians over N runs beside a one-page "hello" WeasyPrint document measured in
the same run, so figures from different machines can be compared by their ratio.
Goals (issue 4): render + sign < 1.5 s on a 2-core machine; a stored download < 20 ms.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(func, runs: int) -> tuple[float, float]:
    """(median, first) wall-clock time of func() in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    os.environ.update(
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="julianaschool.settings",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        SIGNING_PKCS12_PATH=str(work / "board.p12"),
        SIGNING_PKCS12_PASSPHRASE="bench-passphrase",
        SIGNING_TIMESTAMP_URL="",
        PRIVATE_MEDIA_ROOT=str(work / "private"),
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("create_signing_certificate", verbosity=0, stdout=io.StringIO())

    import pypdf
    import weasyprint
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from julianaschool import services
    from julianaschool.models import Role
    from policy.models import ProtocolVersion
    from policy.signed_pdf import render as pdf
    from policy.signed_pdf import sign as signing

    version = ProtocolVersion.objects.get(major=1, minor=0)
    runs = args.runs

    def hello():
        weasyprint.HTML(string="<html lang='nl'><body><p>hello</p></body></html>").write_pdf()

    hello_ms, hello_first = median_ms(hello, runs)

    rendered = {}

    def render():
        rendered["r"] = pdf.render_version(version)

    render_ms, render_first = median_ms(render, runs)
    r = rendered["r"]
    key = signing.board_key()

    def sign():
        signing.sign_pdf(r.data, signer_name=version.chair_name, box=r.signature_box, page=r.signature_page, key=key)

    sign_ms, sign_first = median_ms(sign, runs)

    def render_and_sign():
        out = pdf.render_version(version)
        signing.sign_pdf(out.data, signer_name=version.chair_name, box=out.signature_box, page=out.signature_page,
                         key=key)

    both_ms, _ = median_ms(render_and_sign, runs)

    board = get_user_model().objects.create_user("bench-bestuur", password="x" * 12)
    services.grant_role(user=board, role=Role.BOARD)
    client = Client(SERVER_NAME="localhost")
    client.force_login(board)
    url = reverse("signing:signed_pdf", args=[version.pk])
    start = time.perf_counter()
    first = client.get(url)
    first_body = b"".join(first.streaming_content)
    first_ms = (time.perf_counter() - start) * 1000
    assert first.status_code == 200, first.status_code

    def download():
        response = client.get(url)
        assert b"".join(response.streaming_content) == first_body

    download_ms, _ = median_ms(download, max(runs, 25))

    pages = len(pypdf.PdfReader(io.BytesIO(first_body)).pages)
    print(f"signed protocol PDF, version {version.number} ({pages} pages, {len(first_body) / 1024:.0f} KiB); "
          f"median of {runs} runs (downloads: {max(runs, 25)}), {os.cpu_count()} cores")
    print(f"  hello (1 page, WeasyPrint)  {hello_ms:8.1f} ms   (first {hello_first:.0f} ms)")
    print(f"  render 2022-2024            {render_ms:8.1f} ms   (first {render_first:.0f} ms)  "
          f"= {render_ms / hello_ms:.1f} x hello")
    print(f"  sign (PAdES)                {sign_ms:8.1f} ms   (first {sign_first:.0f} ms)")
    print(f"  render + sign               {both_ms:8.1f} ms   goal < 1500 ms  {'OK' if both_ms < 1500 else 'MISSED'}")
    print(f"  first download (make+store) {first_ms:8.1f} ms")
    print(f"  stored download             {download_ms:8.1f} ms   goal < 20 ms    "
          f"{'OK' if download_ms < 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
