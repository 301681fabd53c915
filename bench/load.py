"""Protocol-level load client: many viewers on Streamlit's own websocket protocol, no browsers.

    .venv/bin/python bench/load.py --url http://127.0.0.1:8501 --viewers 260 --arrive 60 --think 20 --duration 180
    .venv/bin/python bench/load.py --viewers 1 --think 1 --requests 40        # one viewer's new page + new filters
    .venv/bin/python bench/load.py --url http://127.0.0.1:8080 --port 8601 --port 8602 ...   # replicas' CPU/RSS

Each viewer does what a delegate's browser does after scanning the forum's QR code, minus the drawing:
- GET the page (keeps the cookies the server or a balancer sets: one cookie jar per viewer, so cookie affinity
  keeps its websocket, downloads and uploads on one replica), then open `/_stcore/stream` (subprotocol
  `streamlit`, the XSRF cookie's token as the browser passes it) and send `BackMsg.rerun_script` with a
  `ClientState` carrying the page (`page_name` = url path, and the page script hash once the server named it in
  its navigation message) and the filters in `query_string`, as a shared link would. The request ends at
  `ForwardMsg.script_finished`.
- then, every ~`--think` seconds (uniform 0.5x..1.5x), another page with another filter state, drawn from the
  sidebar's own vocabulary (`components.filters.choices`), never a state this viewer has seen before.
- It tells the server which large messages it already holds (`cached_message_hashes`, as the browser does) so
  bytes per rerun are what a browser would receive.
- A request counts as rendered only if it finished successfully, drew elements (deltas) and drew no exception
  element; otherwise it is failed. If the connection is lost (a replica killed), the viewer reconnects like the
  Streamlit page does (health check, then a new websocket with the same cookies; the balancer picks a live
  replica) and asks again for the page in its URL; the time from the loss to that page drawn is its recovery.
  A viewer that cannot get a page within `--timeout` or cannot reconnect within `--reconnect-timeout` is dropped.

Bounded: at most `--viewers` (<= 1000) viewers, `--duration` (<= 1800 s) and `--requests` per viewer; loopback
targets only (anything that does not resolve to 127.0.0.0/8 or ::1 is refused). Server CPU and RSS are read from
/proc for the processes listening on the target port or on each `--port` (all replicas), or for each `--pid`.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import os
import random
import socket
import statistics
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ClientState_pb2 import ClientState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

MAX_VIEWERS = 1000
MAX_DURATION = 1800.0
PAGES = ["", "map", "country", "compare", "priority-areas", "trends", "data", "briefing"]
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
XSRF_COOKIE = "_streamlit_xsrf"


# --------------------------------------------------------------------------------------------- target and states

def loopback_only(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"--url must be http://127.0.0.1:PORT (got {url!r})")
    port = parts.port or 80
    try:
        addrs = {ai[4][0] for ai in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    except OSError as exc:
        raise SystemExit(f"Cannot resolve {parts.hostname!r}: {exc}")
    bad = [a for a in addrs if not ipaddress.ip_address(a.split("%")[0]).is_loopback]
    if bad or not addrs:
        raise SystemExit(f"Refusing a non-loopback target {parts.hostname} ({', '.join(sorted(addrs))}): "
                         "this load client only drives servers on this machine.")
    return parts.hostname, port


class States:
    """Page + filter states a reader could pick in the sidebar (components.filters.choices), as link query strings."""

    def __init__(self, seed: int, langs: bool = True, pages: list[str] | None = None):
        self.pages = pages or PAGES
        self.rng = random.Random(seed)
        self.ds = _dataset()
        from components import filters, i18n
        self.filters, self.langs = filters, (list(i18n.LANGUAGES) if langs else [i18n.DEFAULT])
        self.default_lang = i18n.DEFAULT

    def draw(self, rng: random.Random) -> tuple[str, str]:
        ch = self.filters.choices
        ds = self.ds
        page = rng.choice(self.pages)
        area = rng.choice(ch(ds).areas)
        age = rng.choice(ch(ds, area).ages) if rng.random() < 0.5 else ""
        q: dict[str, str] = {}
        if area:
            q["area"] = area
        if age:
            q["age"] = age
        indicators = ch(ds, area, age).indicators
        ind = rng.choice(indicators) if indicators and rng.random() < 0.5 else ""
        if ind:
            q["indicator"] = ind
        c = ch(ds, area, age, ind)
        if page in ("country", "compare") or rng.random() < 0.3:
            q["country"] = ",".join(rng.sample(c.countries, k=rng.choice([1, 1, 2, 3])))
        if len(c.sexes) > 1 and rng.random() < 0.2:
            q["sex"] = rng.choice(c.sexes)
        if len(c.years) > 1 and rng.random() < 0.2:
            q["year"] = rng.choice(c.years)
        if rng.random() < 0.3:
            lang = rng.choice(self.langs)
            if lang != self.default_lang:
                q["lang"] = lang
        return page, urlencode(q)


def _dataset():
    from aseancop import load_dataset_cached  # the app's own validated dataset, as components.data loads it
    return load_dataset_cached(os.environ.get("ASEANCOP_DATA_DIR") or None)


# --------------------------------------------------------------------------------------------- one viewer

@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)  # seconds, every successful request (first views included)
    first_views: list[float] = field(default_factory=list)  # arrival (HTTP GET) -> first page drawn
    bytes_per_request: list[int] = field(default_factory=list)
    requests: int = 0
    failed: int = 0
    dropped: int = 0
    reconnects: int = 0
    recoveries: list[float] = field(default_factory=list)  # connection lost -> the URL's page drawn again
    errors: dict = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


class Lost(Exception):
    """The websocket closed under a request (replica gone): reconnect and ask again."""


class Viewer:
    def __init__(self, n: int, host: str, port: int, args, res: Result, states: States):
        self.n, self.host, self.port, self.args, self.res, self.states = n, host, port, args, res, states
        self.cookies: dict[str, str] = {}
        self.hashes: dict[str, str] = {}  # url path -> page script hash (from the server's navigation message)
        self.cached: set[str] = set()  # hashes of the large messages this viewer holds (sent back as a browser does)
        self.ws = None
        self.rng = random.Random(args.seed * 100003 + n)
        self.seen: set[tuple[str, str]] = set()

    # --- HTTP with a cookie jar (a browser's page load / health probe)
    async def http_get(self, path: str, timeout: float) -> int:
        r, w = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), timeout)
        try:
            head = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: close",
                    "User-Agent: cop-load/1", "Accept: */*"]
            if self.cookies:
                head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            w.write(("\r\n".join(head) + "\r\n\r\n").encode())
            await w.drain()
            data = await asyncio.wait_for(r.read(), timeout)
        finally:
            w.close()
        header = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        status = int(header[0].split()[1]) if header and len(header[0].split()) > 1 else 0
        for line in header[1:]:
            k, _, v = line.partition(":")
            if k.strip().lower() == "set-cookie":
                self._keep(v.strip())
        return status

    def _keep(self, set_cookie: str) -> None:
        c = SimpleCookie()
        try:
            c.load(set_cookie)
        except Exception:
            return
        for k, m in c.items():
            self.cookies[k] = m.value

    async def connect(self) -> None:
        proto = ["streamlit"]
        if XSRF_COOKIE in self.cookies:
            proto.append(self.cookies[XSRF_COOKIE])
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        self.ws = await asyncio.wait_for(websockets.connect(
            f"ws://{self.host}:{self.port}/_stcore/stream", subprotocols=proto, additional_headers=headers,
            origin=f"http://{self.host}:{self.port}", max_size=None, open_timeout=self.args.timeout,
            user_agent_header="cop-load/1"), self.args.timeout)
        for v in self.ws.response.headers.get_all("Set-Cookie"):
            self._keep(v)
        self.cached.clear()  # a new session holds nothing (the browser's cache is per connection too)

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await self.ws.close()
            except Exception:
                pass

    async def request(self, page: str, qs: str) -> tuple[float, int]:
        """One rerun for (page, query string): seconds until script_finished and bytes received. Raises Lost."""
        cs = ClientState(query_string=qs, page_name=page, page_script_hash=self.hashes.get(page, ""))
        cs.cached_message_hashes.extend(sorted(self.cached))
        t0 = time.perf_counter()
        try:
            await self.ws.send(BackMsg(rerun_script=cs).SerializeToString())
        except websockets.ConnectionClosed as exc:
            raise Lost() from exc
        nbytes = deltas = 0
        problem = ""
        deadline = t0 + self.args.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except websockets.ConnectionClosed as exc:
                raise Lost() from exc
            nbytes += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "delta" or kind == "ref_hash":
                deltas += 1
                if kind == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                        and msg.delta.new_element.WhichOneof("type") == "exception":
                    problem = "exception element: " + msg.delta.new_element.exception.message[:80]
            elif kind == "navigation":
                for p in msg.navigation.app_pages:
                    self.hashes[p.url_pathname] = p.page_script_hash
                ran = [p.url_pathname for p in msg.navigation.app_pages
                       if p.page_script_hash == msg.navigation.page_script_hash]
                if ran and ran[0] != page:
                    problem = f"ran page {ran[0]!r}, asked for {page!r}"
            elif kind == "page_not_found":
                problem = "page not found"
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app asked for a rerun (st.rerun): the page is drawn by the next run
                dt = time.perf_counter() - t0
                if status not in FINISHED_OK:
                    problem = problem or f"script status {status}"
                if not deltas:
                    problem = problem or "no elements drawn"
                if self.args.log:
                    self.args.log.write(json.dumps({"viewer": self.n, "page": page, "query": qs, "ms": round(1000 * dt),
                                                    "deltas": deltas, "kb": round(nbytes / 1024, 1),
                                                    "problem": problem}) + "\n")
                if problem:
                    raise RuntimeError(problem)
                return dt, nbytes

    async def reconnect(self, since: float) -> None:
        """As the Streamlit page does after a lost connection: probe health with backoff, then a new websocket."""
        self.res.reconnects += 1
        await self.close()
        delay = 0.2
        while True:
            if time.perf_counter() - since > self.args.reconnect_timeout:
                raise ConnectionError("could not reconnect")
            try:
                if await self.http_get("/_stcore/health", 5) == 200:
                    await self.connect()
                    return
            except (OSError, asyncio.TimeoutError, websockets.InvalidHandshake, websockets.InvalidURI):
                pass
            await asyncio.sleep(delay + self.rng.random() * delay)
            delay = min(delay * 2, 2.0)

    async def ask(self, page: str, qs: str) -> float:
        """A request that survives the loss of its replica (the retry is timed from the first send)."""
        t0 = time.perf_counter()
        lost_at = None
        while True:
            try:
                dt, nbytes = await self.request(page, qs)
                self.res.bytes_per_request.append(nbytes)
                if lost_at is not None:
                    self.res.recoveries.append(time.perf_counter() - lost_at)
                    return time.perf_counter() - t0
                return dt
            except Lost:
                lost_at = lost_at or time.perf_counter()
                await self.reconnect(lost_at)

    async def run(self, stop_at: float) -> None:
        res, args = self.res, self.args
        t_arrive = time.perf_counter()
        page, qs = self.next_state()
        res.requests += 1
        try:
            if await self.http_get("/" + page + ("?" + qs if qs else ""), args.timeout) != 200:
                raise ConnectionError("page load refused")
            await self.connect()
            await self.ask(page, qs)
            res.first_views.append(time.perf_counter() - t_arrive)
            res.latencies.append(res.first_views[-1])
        except Exception as exc:
            res.failed += 1
            res.dropped += 1
            res.error(type(exc).__name__ + (f": {exc}" if isinstance(exc, RuntimeError) else ""))
            await self.close()
            return
        done = 1
        fails_in_row = 0
        while done < args.requests:
            think = args.think * (0.5 + self.rng.random())
            if time.perf_counter() + think >= stop_at:
                break
            await asyncio.sleep(think)
            page, qs = self.next_state()
            res.requests += 1
            done += 1
            try:
                res.latencies.append(await self.ask(page, qs))
                fails_in_row = 0
            except Exception as exc:
                res.failed += 1
                res.error(type(exc).__name__ + (f": {exc}" if isinstance(exc, RuntimeError) else ""))
                fails_in_row += 1
                if isinstance(exc, (ConnectionError, TimeoutError)) or fails_in_row >= 3:
                    res.dropped += 1  # the delegate gave up (a spinner for --timeout seconds, or no server at all)
                    break
        await self.close()

    def next_state(self) -> tuple[str, str]:
        for _ in range(50):
            s = self.states.draw(self.rng)
            if s not in self.seen:
                break
        self.seen.add(s)
        return s


# --------------------------------------------------------------------------------------------- server CPU and memory

def pids_listening(port: int) -> list[int]:
    """Processes with a listening TCP socket on `port` (from /proc; no psutil needed)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(cols[9])
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            for fd in (d / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    pids.append(int(d.name))
                    break
        except OSError:
            continue
    return pids


def cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return float("nan")


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class ServerWatch:
    """Samples the servers' CPU (share of one core, summed over replicas) and RSS once a second."""

    def __init__(self, pids: list[int]):
        self.pids = pids
        self.peak_rss = 0.0
        self.peak_cpu = 0.0
        self.samples: list[float] = []
        self.t0 = time.perf_counter()
        self.c0 = {p: cpu_seconds(p) for p in pids}

    async def run(self) -> None:
        last_t, last = time.perf_counter(), dict(self.c0)
        while True:
            await asyncio.sleep(1.0)
            now, cur = time.perf_counter(), {p: cpu_seconds(p) for p in self.pids}
            used = sum(cur[p] - last[p] for p in self.pids if cur[p] == cur[p] and last[p] == last[p])
            self.samples.append(used / (now - last_t))
            self.peak_cpu = max(self.peak_cpu, self.samples[-1])
            self.peak_rss = max(self.peak_rss, sum(rss_mb(p) for p in self.pids))
            last_t, last = now, cur

    def summary(self) -> dict:
        wall = time.perf_counter() - self.t0
        cur = {p: cpu_seconds(p) for p in self.pids}
        used = sum(cur[p] - self.c0[p] for p in self.pids if cur[p] == cur[p] and self.c0[p] == self.c0[p])
        return {"server_pids": self.pids, "cpu_s": round(used, 2),
                "cpu_mean_pct": round(100 * used / wall, 1) if wall else None,
                "cpu_peak_pct": round(100 * self.peak_cpu, 1),
                "rss_peak_mb": round(max(self.peak_rss, sum(rss_mb(p) for p in self.pids)), 1)}


# --------------------------------------------------------------------------------------------- the run

def pct(xs, q: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))]


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


async def main_async(args) -> dict:
    host, port = loopback_only(args.url)
    states = States(args.seed, langs=not args.english_only, pages=args.pages)
    pids = list(args.pid or [])
    for p in (args.port or [port]):
        pids += [x for x in pids_listening(p) if x not in pids]
    watch = ServerWatch(pids)
    watcher = asyncio.create_task(watch.run())
    res = Result()
    load_before = load_average()
    t0 = time.perf_counter()
    stop_at = t0 + args.duration
    tasks = []
    for i in range(args.viewers):
        at = t0 + (args.arrive * i / args.viewers if args.viewers > 1 else 0.0)
        tasks.append(asyncio.create_task(_arrive(Viewer(i, host, port, args, res, states), at, stop_at)))
    # hard bound: every viewer is finished at duration + one request timeout + one reconnect window
    if args.kill_at is not None:
        asyncio.create_task(_kill_later(args.kill_port, t0 + args.kill_at))
    done, pending = await asyncio.wait(tasks, timeout=args.duration + args.timeout + args.reconnect_timeout + 10)
    for t in pending:
        t.cancel()
    watcher.cancel()
    wall = time.perf_counter() - t0
    lat = res.latencies
    out = {
        "target": args.url, "viewers": args.viewers, "arrive_s": args.arrive, "think_s": args.think,
        "duration_s": args.duration, "wall_s": round(wall, 1), "requests": res.requests, "ok": len(lat),
        "failed": res.failed + len(pending), "dropped": res.dropped + len(pending),
        "p50_ms": round(1000 * pct(lat, 0.5)), "p95_ms": round(1000 * pct(lat, 0.95)),
        "max_ms": round(1000 * max(lat)) if lat else None,
        "first_view_p95_ms": round(1000 * pct(res.first_views, 0.95)),
        "later_p50_ms": None, "kb_per_request_p50": round(pct(res.bytes_per_request, 0.5) / 1024, 1),
        "reconnects": res.reconnects,
        "recovery_max_s": round(max(res.recoveries), 2) if res.recoveries else None,
        "recoveries": len(res.recoveries), "errors": res.errors,
        "load_avg_before": load_before, "load_avg_after": load_average(), "cores": os.cpu_count(),
    }
    later = lat[:]  # requests after the first view (a viewer's new page with new filters)
    for fv in res.first_views:
        later.remove(fv)
    out["later_p50_ms"] = round(1000 * statistics.median(later)) if later else None
    out.update(watch.summary())
    # the servers' CPU per request (thinking viewers cost ~nothing): steadier between runs than wall-clock latency
    out["cpu_ms_per_request"] = round(1000 * out["cpu_s"] / res.requests) if res.requests else None
    return out


async def _kill_later(port: int, at: float) -> None:
    """The fault drill: SIGKILL the replica listening on `port` at `at` (its viewers must reconnect elsewhere)."""
    import signal
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    for pid in pids_listening(port):
        os.kill(pid, signal.SIGKILL)
        print(f"killed replica pid {pid} (port {port})", file=sys.stderr)


async def _arrive(viewer: Viewer, at: float, stop_at: float) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    await viewer.run(stop_at)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8501", help="the server or balancer (loopback only)")
    ap.add_argument("--viewers", type=int, default=10)
    ap.add_argument("--arrive", type=float, default=10.0, help="viewers arrive evenly within this many seconds")
    ap.add_argument("--think", type=float, default=20.0, help="mean seconds between a viewer's requests")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds from the first arrival to the last request")
    ap.add_argument("--requests", type=int, default=10_000, help="at most this many requests per viewer")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds a request may take before it failed")
    ap.add_argument("--reconnect-timeout", type=float, default=30.0)
    ap.add_argument("--port", type=int, action="append", help="server port(s) whose processes are measured "
                    "(default: the target's; give each replica's port behind a balancer)")
    ap.add_argument("--pid", type=int, action="append", help="server process(es) to measure")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--pages", nargs="+", choices=PAGES, metavar="PAGE",
                    help="url paths to visit ('' = overview); default: every page")
    ap.add_argument("--kill-at", type=float, help="fault drill: seconds after the start to SIGKILL the server on --kill-port")
    ap.add_argument("--kill-port", type=int, help="the replica port to kill (one of the balancer's replicas)")
    ap.add_argument("--english-only", action="store_true", help="no lang= in the links")
    ap.add_argument("--json", help="also write the result here")
    ap.add_argument("--log", type=argparse.FileType("w"), help="one JSON line per request (page, query, ms, deltas, kB)")
    args = ap.parse_args(argv)
    if not 1 <= args.viewers <= MAX_VIEWERS:
        ap.error(f"--viewers must be 1..{MAX_VIEWERS}")
    if not 0 < args.duration <= MAX_DURATION:
        ap.error(f"--duration must be in (0, {MAX_DURATION:.0f}] seconds")
    if args.think <= 0 or args.arrive < 0 or args.timeout <= 0 or args.requests < 1:
        ap.error("--think, --timeout must be > 0, --arrive >= 0, --requests >= 1")
    if (args.kill_at is None) != (args.kill_port is None):
        ap.error("--kill-at and --kill-port go together")
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    out = asyncio.run(main_async(args))
    print(json.dumps(out, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")
    return out


if __name__ == "__main__":
    main()
