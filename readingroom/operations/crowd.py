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
from pathlib import Path
from typing import IO
from urllib.parse import quote_plus

from readingroom.catalogue.models import Document, Person, Place
from readingroom.cli import console_command

SAMPLE = 200  # records of each kind drawn for the mix
TIMEOUT = 60  # seconds a reader waits for one answer
# A search without words lists by date; the other sorts it offers, as its links write them.
SORTS = ("", "&sort=-date", "&sort=title")


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
    """This archive's own addresses of each kind the mix draws from, as its pages link them
    (a record's address with its slug: no redirect)."""
    documents = list(Document.objects.public().order_by("?")[:SAMPLE])
    people = list(
        Person.objects.filter(document_links__isnull=False).distinct().order_by("?")[:SAMPLE]
    )
    places = Place.objects.filter(documents__isnull=False).distinct().order_by("?")[:SAMPLE]
    words = [word for d in documents for word in d.title.split() if len(word) > 5][:SAMPLE]
    return {
        "search, words": [f"/search?q={quote_plus(w)}" for w in words],
        "search, facets": [f"/search?person={p.public_id}{chooser.choice(SORTS)}" for p in people],
        "document": [d.get_absolute_url() for d in documents],
        "person": [p.get_absolute_url() for p in people],
        "place": [p.get_absolute_url() for p in places],
        "API": [f"/api/v1/documents?q={quote_plus(w)}" for w in words],
        "OAI-PMH": ["/oai?verb=ListRecords&metadataPrefix=oai_dc"],
        "citation": [f"/documents/{d.public_id}/cite.ris" for d in documents],
    }


class _Unredirected(urllib.request.HTTPRedirectHandler):
    """Redirects are answers, not followed: the mix's addresses are the ones pages link, so a
    redirect among them is counted, not hidden."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(_Unredirected)


def read(base: str, path: str) -> int | str:
    return answer(base, path)[0]


def answer(base: str, path: str) -> tuple[int | str, float]:
    """The status of the answer to this address, and the seconds it asks to wait (Retry-After
    of a 503, else 0)."""
    try:
        with OPENER.open(base + path, timeout=TIMEOUT) as response:
            response.read()
            return int(response.status), 0
    except urllib.error.HTTPError as error:
        wait = error.headers.get("Retry-After", "0") if error.code == 503 else "0"
        return error.code, float(wait) if wait.isascii() and wait.isdigit() else 0
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return type(error).__name__, 0


def reader(base: str, mix: dict[str, list[str]], until: float, seed: int, tally: Tally) -> None:
    """One reader: a request, its answer, the next; told to wait (503), it waits as asked."""
    chooser = random.Random(seed)
    kinds = [kind for kind, paths in mix.items() if paths]
    while time.monotonic() < until:
        kind = chooser.choice(kinds)
        started = time.monotonic()
        status, wait = answer(base, chooser.choice(mix[kind]))
        tally.add(kind, time.monotonic() - started, status)
        time.sleep(min(wait, max(0.0, until - time.monotonic())))


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


def server_processes(master: int) -> list[int]:
    """A server's master process and its workers (Linux /proc)."""
    processes = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == master:  # the parent's id
            processes.append(int(stat.parent.name))
    return processes


def server_memory(master: int) -> str:
    """The resident memory of a server's master process and its workers."""
    processes = server_processes(master)
    kilobytes = 0
    for process in processes:
        for line in (Path("/proc") / str(process) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                kilobytes += int(line.split()[1])
    return f"Server memory: {len(processes)} processes, resident {kilobytes / 1024:,.0f} MiB in all"


def server_cpu(master: int) -> float:
    """Seconds of CPU a server's processes have used so far (user and system)."""
    ticks = 0
    for process in server_processes(master):
        fields = (Path("/proc") / str(process) / "stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(workers: int, kept: bool = True, threads: int = 0) -> Iterator[tuple[str, int]]:
    """`readingroom serve` for this archive on a free port, until the block ends: its address
    and its master process's id. `kept`: the server keeps public answers (its default);
    `threads`: a worker's threads (0: serve's default)."""
    port = free_port()
    environment = {**os.environ, "READINGROOM_API_RATE_REQUESTS": "1000000000"}
    if not kept:
        environment["READINGROOM_PAGE_CACHE_SECONDS"] = "0"
    command = [
        *console_command(),
        "serve",
        "--no-init",
        "--no-dumps",
        "--no-jobs",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    command += ["--workers", str(workers), "--no-access-log"]
    command += ["--threads", str(threads)] if threads else []
    quiet = subprocess.DEVNULL
    server = subprocess.Popen(command, env=environment, stdout=quiet, stderr=quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while read(base, "/healthz") != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("readingroom serve did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)
