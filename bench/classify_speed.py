"""Print the classifier's speed and memory: passages per second, peak RSS, time to first JSONL line.

Usage: python bench/classify_speed.py [--data ../shared/data] [--passages 200]
[--source test|reports]

Passages of 400-800 characters (~600 on average) cut by split_passages from either the held-out
test texts (abstracts and SDG-labelled snippets; the default) or the tub-jakob sustainability
report pages (evaluation-only data, read here and never shipped), which are closer to municipal
and strategy documents. Each model runs in its own process so that its peak RSS is its own.
The encoder row also prints the share of passages the cascade sent to the encoder.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def sample_passages(data: Path, count: int, source: str = "test") -> list[str]:
    """Cut the source texts into passages and keep those of 400-800 characters."""
    from obieg.classify import labelled_sets, split_passages

    if source == "reports":
        items = labelled_sets.load_evaluation_only(data, "tub-jakob")
    else:
        items = labelled_sets.split_shippable(labelled_sets.load_shippable(data)).test
    page = "\n\n".join(i.text for i in items)
    passages = [p.text for p in split_passages([page]) if 400 <= len(p.text) <= 800]
    return passages[:count]


def measure(data: Path, lexical: bool, count: int, source: str) -> dict[str, float | str]:
    """Classify the passages in batches of 16 and return throughput and peak RSS."""
    from obieg.classify import Classifier

    passages = sample_passages(data, count, source)
    started = time.perf_counter()
    classifier = Classifier.load(lexical_only=lexical)
    loaded = time.perf_counter() - started
    classifier.classify(passages[:4])  # warm-up: first-call allocations
    classifier.passages_scored = classifier.passages_encoded = 0
    started = time.perf_counter()
    for start in range(0, len(passages), 16):
        classifier.classify(passages[start : start + 16])
    elapsed = time.perf_counter() - started
    return {
        "model": classifier.model_name,
        "passages": len(passages),
        "mean_chars": sum(map(len, passages)) / len(passages),
        "load_s": loaded,
        "passages_per_s": len(passages) / elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "encoded_share": classifier.passages_encoded / max(classifier.passages_scored, 1),
    }


def first_line_latency(lexical: bool) -> float:
    """Seconds from starting `python -m obieg.classify --jsonl` to its first output line."""
    line = json.dumps({"id": 1, "text": "District heating and heat pumps for the old town."})
    command = [sys.executable, "-m", "obieg.classify", "--jsonl"] + (
        ["--lexical"] if lexical else []
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()
    process.stdout.readline()
    latency = time.perf_counter() - started
    process.stdin.close()
    process.wait()
    return latency


def main(argv: list[str] | None = None) -> int:
    """Run each model in a child process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--passages", type=int, default=200, help="passages for the encoder")
    parser.add_argument("--source", choices=("test", "reports"), default="test")
    parser.add_argument("--child", choices=("encoder", "lexical"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        count = args.passages if args.child == "encoder" else args.passages * 10
        print(json.dumps(measure(args.data, args.child == "lexical", count, args.source)))
        return 0
    print(
        "model                                              passages  chars  load s  passages/s"
        "  peak RSS MB  encoded"
    )
    for mode in ("encoder", "lexical"):
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                mode,
                "--data",
                str(args.data),
                "--passages",
                str(args.passages),
                "--source",
                args.source,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"{r['model']:<50} {r['passages']:>8}  {r['mean_chars']:>5.0f}  {r['load_s']:>6.2f}"
            f"  {r['passages_per_s']:>10.1f}  {r['peak_rss_mb']:>11.0f}  {r['encoded_share']:>6.1%}"
        )
    for lexical in (False, True):
        label = "lexical" if lexical else "default (encoder)"
        print(f"first JSONL line, {label}: {first_line_latency(lexical):.2f} s after start")
    return 0


if __name__ == "__main__":
    sys.exit(main())
