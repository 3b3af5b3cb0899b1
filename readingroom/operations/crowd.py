"""`readingroom crowd`: many readers at once against a served archive, over HTTP, as readers get
it. Each reader loops for the given seconds over a realistic mix of this archive's own
addresses (searches with words and with facets, document, person and place pages, the API,
OAI-PMH and citation files), one request after another; the run prints requests per second
and latency percentiles by kind, and every status that was not 200.

Without `--url` it starts `readingroom serve` for this archive on a free local port with the
given workers (the API's rate limit raised, since every reader comes from one address) and
stops it afterwards.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import quote_plus

from readingroom.catalogue.models import Document, Person, Place
from readingroom.cli import console_command

SAMPLE = 200  # records of each kind drawn for the mix
TIMEOUT = 60  # seconds a reader waits for one answer
SORTS = ("date", "-date", "title", "relevance")


@dataclass
class Tally:
    """What the readers saw: latencies by kind, and statuses other than 200."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, status: int | str) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if status != 200:
                self.statuses[f"{kind} {status}"] += 1


def addresses(chooser: random.Random) -> dict[str, list[str]]:
    """This archive's own addresses of each kind the mix draws from."""
    documents = list(
        Document.objects.public().order_by("?").values_list("public_id", "title")[:SAMPLE]
    )
    people = Person.objects.filter(document_links__isnull=False).distinct().order_by("?")
    places = Place.objects.filter(documents__isnull=False).distinct().order_by("?")
    words = [word for _, title in documents for word in title.split() if len(word) > 5]
    person_ids = list(people.values_list("public_id", flat=True)[:SAMPLE])
    return {
        "search, words": [f"/search?q={quote_plus(w)}" for w in words[:SAMPLE]],
        "search, facets": [f"/search?person={p}&sort={chooser.choice(SORTS)}" for p in person_ids],
        "document": [f"/documents/{i}" for i, _ in documents],
        "person": [f"/people/{p}" for p in person_ids],
        "place": [f"/places/{p}" for p in places.values_list("public_id", flat=True)[:SAMPLE]],
        "API": [f"/api/v1/documents?q={quote_plus(w)}" for w in words[:SAMPLE]],
        "OAI-PMH": ["/oai?verb=ListRecords&metadataPrefix=oai_dc"],
        "citation": [f"/documents/{i}/cite.ris" for i, _ in documents],
    }


def read(base: str, path: str) -> int | str:
    try:
        with urllib.request.urlopen(base + path, timeout=TIMEOUT) as answer:  # noqa: S310
            answer.read()
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return type(error).__name__


def reader(base: str, mix: dict[str, list[str]], until: float, seed: int, tally: Tally) -> None:
    chooser = random.Random(seed)
    kinds = [kind for kind, paths in mix.items() if paths]
    while time.monotonic() < until:
        kind = chooser.choice(kinds)
        started = time.monotonic()
        status = read(base, chooser.choice(mix[kind]))
        tally.add(kind, time.monotonic() - started, status)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def crowd(base: str, readers: int, seconds: float, out: IO[str]) -> Tally:
    """`readers` readers for `seconds` against the server at `base`; prints the figures."""
    mix = addresses(random.Random(1))
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=reader, args=(base, mix, until, n, tally)) for n in range(readers)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    every = [s for samples in tally.latencies.values() for s in samples]
    out.write(f"{readers} readers for {elapsed:.0f} s: {len(every):,} requests, "
              f"{len(every) / elapsed:,.1f} requests/s\n")  # fmt: skip
    for kind, samples in [("all", every), *sorted(tally.latencies.items())]:
        out.write(f"  {kind:16} {len(samples):6,}   p50 {percentile(samples, 0.5):7.0f} ms   "
                  f"p95 {percentile(samples, 0.95):7.0f} ms   "
                  f"p99 {percentile(samples, 0.99):7.0f} ms\n")  # fmt: skip
    out.write(
        "Not 200: " + (", ".join(f"{k} × {n}" for k, n in tally.statuses.items()) or "none") + "\n"
    )
    return tally


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(workers: int) -> Iterator[str]:
    """`readingroom serve` for this archive on a free port, until the block ends."""
    port = free_port()
    environment = {**os.environ, "READINGROOM_API_RATE_REQUESTS": "1000000000"}
    command = [*console_command(), "serve", "--no-init", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--no-access-log"]
    quiet = subprocess.DEVNULL
    server = subprocess.Popen(command, env=environment, stdout=quiet, stderr=quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while read(base, "/healthz") != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("readingroom serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
