"""The bench's load run: the public reading a mix of pages under `wrk` while
outreach officers log sessions through the officer's form, against gunicorn
on this machine. It counts errors on both sides, and sessions the server said
it saved but the database does not hold (lost). Halfway through, an editor
unpublishes a page that visitors were reading: each later 200 for it is a
withdrawn page served (an error).
"""

import re
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import requests

from campaigns.models import Area, Campaign, OutreachSession
from content.models import PolicyExplainerPage
from people.roles import OFFICER, setup_roles

OFFICER_USERNAME = "load-run-officer"
OFFICER_PASSWORD = "load-run-" + uuid.uuid4().hex  # this run's only
SAVED = re.compile(r"/officer/sessions/\d+/$")
# wrk's Lua: each connection takes the next path of the mix in turn.
MIX_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


@dataclass
class LoadResult:
    requests_per_second: float
    p99_ms: float
    http_errors: int  # non-2xx/3xx answers
    socket_errors: int  # connect, read, write, timeout
    sessions_sent: int
    sessions_refused: int  # an answer other than "saved", or none
    sessions_lost: int  # answered "saved", not in the database
    withdrawn_served: int  # 200 for a page after it was unpublished
    withdrawn_read: int  # requests for it after it was unpublished

    @property
    def errors(self) -> int:
        return (
            self.http_errors
            + self.socket_errors
            + self.sessions_refused
            + self.withdrawn_served
        )


def run_load(
    base_url: str, paths: list[str], seconds: int, connections: int, officers: int
) -> LoadResult:
    """Load `paths` with wrk for `seconds` while `officers` log sessions."""
    marker = f"load run {uuid.uuid4().hex[:8]}"
    form = _session_form(marker)
    _ensure_officer()
    stop = threading.Event()
    tallies = [{"sent": 0, "refused": 0, "saved": 0} for _ in range(officers)]
    threads = [
        threading.Thread(target=_log_sessions, args=(base_url, form, stop, tally))
        for tally in tallies
    ]
    withdrawn = _page_to_withdraw(paths)
    watch = {"served": 0, "after": 0, "unpublished": False}
    threads.append(
        threading.Thread(
            target=_watch_withdrawal,
            args=(base_url, withdrawn, seconds / 2, stop, watch),
        )
    )
    for thread in threads:
        thread.start()
    try:
        out = _wrk_mix(base_url, paths, seconds, connections)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        if watch["unpublished"]:
            withdrawn.get_latest_revision().publish()  # as it was, for the next run
    saved = sum(tally["saved"] for tally in tallies)
    stored = OutreachSession.objects.filter(notes=marker).count()
    return LoadResult(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        p99_ms=wrk_latency(out, "99%"),
        http_errors=int(m[1]) if (m := re.search(r"Non-2xx.*?(\d+)", out)) else 0,
        socket_errors=sum(
            int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)
        ),
        sessions_sent=sum(tally["sent"] for tally in tallies),
        sessions_refused=sum(tally["refused"] for tally in tallies),
        sessions_lost=max(saved - stored, 0),
        withdrawn_served=watch["served"],
        withdrawn_read=watch["after"],
    )


def _wrk_mix(base_url, paths, seconds, connections) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MIX_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "10s", "-s", script.name, base_url + "/"]
    try:
        # Debian's wrk, from the PATH, on our own server.
        return subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=True
        ).stdout
    finally:
        Path(script.name).unlink()


def wrk_latency(out: str, percentile: str) -> float:
    """A latency percentile from wrk's --latency output, in ms."""
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def _ensure_officer() -> None:
    setup_roles()
    user, _created = get_user_model().objects.get_or_create(username=OFFICER_USERNAME)
    user.set_password(OFFICER_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=OFFICER.group))


def _session_form(marker: str) -> dict:
    """What an officer types in: a village meeting with a leaflet handed out."""
    return {
        "campaign": Campaign.objects.order_by("pk").values_list("pk", flat=True)[0],
        "kind": "village_meeting",
        "day": "2025-10-28",
        "time": "08:30",
        "area": Area.objects.order_by("path").values_list("pk", flat=True)[0],
        "attendance": "84",
        "languages": ["vi", "rad"],
        "notes": marker,
        "material-TOTAL_FORMS": "1",
        "material-INITIAL_FORMS": "0",
        "material-0-piece": PolicyExplainerPage.objects.live()
        .order_by("pk")
        .values_list("material_code", flat=True)[0],
        "material-0-language": "rad",
        "material-0-format": "print",
        "material-0-quantity": "40",
        "outcome-TOTAL_FORMS": "0",
        "outcome-INITIAL_FORMS": "0",
    }


def _log_sessions(base_url, form, stop, tally) -> None:
    """One officer: log in, then log sessions one after another until told
    to stop, each from a freshly opened form."""
    browser = requests.Session()
    login = f"{base_url}/admin/login/"
    browser.get(login, timeout=30)
    browser.post(
        login,
        data={
            "username": OFFICER_USERNAME,
            "password": OFFICER_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=30,
    )
    new = f"{base_url}/vi/officer/sessions/new/"
    while not stop.is_set():
        tally["sent"] += 1
        try:
            page = browser.get(new, timeout=30).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            submission = re.search(r'name="submission_id" value="([^"]+)"', page)[1]
            answer = browser.post(
                new,
                data={
                    **form,
                    "csrfmiddlewaretoken": token,
                    "submission_id": submission,
                },
                headers={"Referer": new},
                timeout=30,
            )
        except (requests.RequestException, TypeError):
            tally["refused"] += 1
            continue
        if answer.ok and SAVED.search(answer.url):
            tally["saved"] += 1
        else:
            tally["refused"] += 1
        time.sleep(0.2)  # an officer types; a phone sends one form at a time


def _page_to_withdraw(paths) -> PolicyExplainerPage:
    """A live explainer that is not in wrk's mix (whose answers must all be
    200), so it is read only by the watcher."""
    candidates = PolicyExplainerPage.objects.live().public().order_by("-pk")
    return next(page for page in candidates if page.get_url() not in paths)


def _watch_withdrawal(base_url, page, after_seconds, stop, watch) -> None:
    """Read `page` as anonymous visitors do, each on a new connection (so
    every worker serves and caches it), unpublish it after `after_seconds`,
    and count each 200 that follows."""
    url = base_url + page.get_url()
    started = time.monotonic()
    while not stop.is_set():
        if not watch["unpublished"] and time.monotonic() - started >= after_seconds:
            page.unpublish()
            watch["unpublished"] = True
        try:
            status = requests.get(url, timeout=30, allow_redirects=False).status_code
        except requests.RequestException:
            status = None  # neither served nor refused: not counted
        if watch["unpublished"] and status is not None:
            watch["after"] += 1
            watch["served"] += status == 200
        time.sleep(0.05)
