"""Import benchmark: a 10,000-message mbox imported, then imported again, through the real
`lighthouse import`, against the stdlib's `mailbox.mbox` parsing the same file (every message,
with `policy.default`) in the same run.

    .venv/bin/python benchmarks/import_bench.py [--messages N] [--quick]

Budgets (issue 7): the first import ≤ 2× the stdlib parse; a re-import ≤ 0.5× the first
import. Exits 1 when a budget is exceeded; not part of pytest (timings are never test
assertions).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
STRATEGY = Path(__file__).parent.parent / "tests" / "data" / "strategies" / "good.toml"
BASELINE = """
import mailbox, sys
from email import policy
from email.parser import BytesParser
parser = BytesParser(policy=policy.default)
box = mailbox.mbox(sys.argv[1], create=False)
count = sum(1 for key in box.iterkeys() if parser.parsebytes(box.get_bytes(key)))
assert count == int(sys.argv[2]), count
"""
WORDS = ("offer", "workshop", "partner", "budget", "talk", "week", "coaching", "retainer")


def write_mbox(path: Path, count: int) -> None:
    """Mail as it comes: mostly plain text, every fifth message with an HTML alternative,
    one in fifty with an attachment, one in twenty without a Message-ID."""
    with path.open("wb") as out:
        for i in range(count):
            body = "\n".join(
                " ".join(WORDS[(i * 7 + j * 3 + k) % len(WORDS)] for k in range(12))
                for j in range(20)
            )
            headers = [
                "From MAILER-DAEMON Thu Jan  1 00:00:00 2026",
                f"From: Person {i} <p{i}@example.com>",
                "To: me@example.com",
                f"Subject: =?utf-8?q?Opportunity_{i}_=E2=80=94_caf=C3=A9?=",
                f"Date: Thu, 01 Jan 2026 {i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d} GMT",
                "MIME-Version: 1.0",
            ]
            if i % 20:
                headers.append(f"Message-ID: <{i}.bench@example.com>")
            if i % 5 == 0 or i % 50 == 1:
                parts = [f"Content-Type: text/plain; charset=utf-8\n\n{body}\n"]
                if i % 5 == 0:
                    html = "<p>" + body.replace("\n", "</p><p>") + "</p>"
                    parts.append(f"Content-Type: text/html; charset=utf-8\n\n{html}\n")
                if i % 50 == 1:
                    parts.append(
                        "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                        f'Content-Disposition: attachment; filename="deck-{i}.pdf"\n\n'
                        + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\n"
                        * 40
                    )
                subtype = "alternative" if i % 5 == 0 else "mixed"
                headers.append(f'Content-Type: multipart/{subtype}; boundary="b{i}"')
                text = "".join(f"--b{i}\n{part}" for part in parts) + f"--b{i}--\n"
            else:
                headers.append("Content-Type: text/plain; charset=utf-8")
                text = body + "\n"
            out.write(("\n".join(headers) + "\n\n" + text + "\n").encode())


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])}… failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="one run of each (noisier)")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        mbox = Path(tmp) / "exported.mbox"
        write_mbox(mbox, args.messages)
        env = {**os.environ, "LIGHTHOUSE_STRATEGY": str(STRATEGY)}
        command = [PY, "-m", "lighthouse_tui", "import", str(mbox)]
        parse, first, again = [], [], []
        for run in range(runs):
            parse.append(timed([PY, "-c", BASELINE, str(mbox), str(args.messages)], env))
            env["LIGHTHOUSE_DB"] = str(Path(tmp) / f"run{run}" / "lighthouse.db")
            first.append(timed(command, env))
            again.append(timed(command, env))
        size = mbox.stat().st_size
    baseline, imported, reimported = (statistics.median(t) for t in (parse, first, again))
    checks = [
        ("first import", imported / baseline, 2.0, f"{imported:.2f} s vs parse {baseline:.2f} s"),
        ("re-import", reimported / imported, 0.5, f"{reimported:.2f} s vs first {imported:.2f} s"),
    ]
    print(f"{args.messages:,} messages, {size / 1e6:.1f} MB; median of {runs}")
    print(f"     mailbox.mbox parse (baseline)  {baseline:.2f} s")
    for name, ratio, budget, figure in checks:
        mark = "ok  " if ratio <= budget else "OVER"
        print(f"{mark} {name:<30} {ratio:5.2f}×  budget ≤ {budget:g}×  {figure}")
    return 0 if all(ratio <= budget for _, ratio, budget, _ in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
