"""The web dashboard in a real browser: Debian's chromium and chromium-driver,
driven by selenium, against a real paced (TLS with a certificate made here by
openssl) and its real SQLite file, set up with the real `pace`.

Run by `make test` (tests/web/run.sh). Screenshots of every page at 1280 and 375
px go to $PACE_SCREENSHOTS (default: a temporary directory).
"""
import http.cookiejar
import json
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("PACE_BIN_DIR", os.path.join(ROOT, ".build", "debug"))
SHOTS = os.environ.get("PACE_SCREENSHOTS") or tempfile.mkdtemp(prefix="pace-shots-")
# Wednesday 25 November 2026, 10:00 in Berlin: paced's test clock starts here.
START = "2026-11-25T10:00:00+01:00"
XSS = "<script>alert(1)</script>"


class Paced:
    """paced on a temporary directory: the Unix socket for `pace`, HTTPS for the browser."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pace-web-")
        self.sock = os.path.join(self.dir, "pace.sock")
        cert, key = os.path.join(self.dir, "cert.pem"), os.path.join(self.dir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
        os.chmod(key, 0o600)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.url = f"https://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.dir, "paced.log"), "w")
        env = dict(os.environ, PACED_ALLOW_TEST_CLOCK="1")
        self.proc = subprocess.Popen([os.path.join(BIN, "paced"), "--db", os.path.join(self.dir, "pace.db"), "--socket", self.sock,
                                      "--listen", f"127.0.0.1:{self.port}", "--tls-cert", cert, "--tls-key", key,
                                      "--test-clock", START, "--no-plan-reminders"], stdout=self.log, stderr=self.log, env=env)
        for _ in range(200):
            if self.pace("status").returncode == 0:
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("paced did not start: " + open(self.log.name).read())

    def pace(self, *args, check=False):
        env = dict(os.environ, PACE_SOCKET=self.sock, TZ="Europe/Berlin", NO_COLOR="1")
        r = subprocess.run([os.path.join(BIN, "pace"), *args], capture_output=True, text=True, env=env)
        if check and r.returncode != 0:
            raise AssertionError(f"pace {' '.join(args)}: exit {r.returncode}\n{r.stdout}{r.stderr}")
        return r

    def json(self, *args):
        return json.loads(self.pace(*args, "--json", check=True).stdout)

    def clock(self, now):
        self.pace_http("POST", "/v1/test/clock", {"now": now})

    def pace_http(self, method, path, body):
        # The test clock is an admin call over the Unix socket: root's, through curl.
        r = subprocess.run(["curl", "-sf", "--unix-socket", self.sock, "-X", method, "-H", "Content-Type: application/json",
                            "-d", json.dumps(body), "http://localhost" + path], capture_output=True, text=True)
        assert r.returncode == 0, r

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def paced():
    p = Paced()
    setup = [
        ["user", "add", "carol", "--name", "Carol"], ["user", "add", "alice", "--name", "Alice"], ["user", "add", "bob", "--name", "Bob"],
        ["team", "create", "east", "--manager", "carol"], ["calendar", "set", "east", "--tz", "Europe/Berlin"],
        ["team", "add", "east", "alice", "bob", "--from", "2026-01-01"],
        ["target", "set", "calls", "2610", "--year", "2026", "--team", "east"],
        ["target", "set", "revenue", "1044000", "--year", "2026", "--team", "east"],
        ["log", "call", "ACME", "--for", "alice", "--at", "2026-11-23 10:00"],
        ["log", "call", "ACME", "--for", "alice", "--at", "2026-11-24 10:00"],
        ["log", "order", "ACME", "1500", "--line", "widget:1:1500", "--for", "bob", "--at", "2026-11-24 11:00"],
        ["log", "order", XSS, "100", "--for", "alice", "--at", "2026-11-24 12:00"],
        ["plan", "add", "Call ACME about the renewal", "--customer", "ACME", "--kind", "call", "--user", "alice", "--for", "2026-11-26"],
        ["plan", "add", XSS, "--user", "alice", "--for", "2026-11-26"],
    ]
    for args in setup:
        p.pace(*args, check=True)
    yield p
    p.stop()


def token(paced, user):
    return paced.pace("token", "create", "--user", user, "--name", "browser", check=True).stdout.strip()


@pytest.fixture
def browser():
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--ignore-certificate-errors", "--lang=en-GB"]:
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=o)
    d.set_window_size(1280, 900)
    yield d
    d.quit()


def click(browser, by, what):
    """Clicks what submits a form or follows a link, and waits for the next page."""
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(by, what).click()

    def gone(_):
        # The old page's root is gone once the next page has loaded. Chrome reports
        # that as a stale element, or (mid-navigation) as a node not in the document.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(browser, 15).until(gone)
    WebDriverWait(browser, 15).until(lambda b: b.execute_script("return document.readyState") == "complete")


def sign_in(browser, paced, user):
    browser.get(paced.url + "/login")
    browser.find_element(By.ID, "token").send_keys(token(paced, user))
    click(browser, By.ID, "sign-in")
    assert "/login" not in browser.current_url, browser.find_element(By.TAG_NAME, "main").text


def shot(browser, name):
    width = browser.get_window_size()["width"]
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, max(600, min(height + 40, 4000)))
    browser.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))


def test_sign_in_with_a_token_then_every_page(paced, browser):
    sign_in(browser, paced, "alice")
    assert browser.current_url.endswith("/day")
    assert browser.find_element(By.TAG_NAME, "h1").text == "alice · 2026-11-25"
    # Today: 5 calls a working day for each of the two members; she made none today.
    calls = browser.find_element(By.CSS_SELECTOR, "#today [data-metric=calls] .figures").text
    assert calls.startswith("0 of 5 · expected by now"), calls
    week = browser.find_element(By.CSS_SELECTOR, "#week [data-metric=calls] .figures").text
    assert week.startswith("2 of 25 · expected by now"), week
    # Tomorrow's plan, with the customer named <script> shown as text.
    plan = browser.find_element(By.ID, "plan").text
    assert "☐ Call ACME about the renewal · ACME" in plan and XSS in plan, plan
    for width in (1280, 375):
        browser.set_window_size(width, 900)
        for path, name in [("/day", "day"), ("/chart?metric=calls&period=month", "chart"), ("/slips", "slips"), ("/customers", "customers"),
                           ("/review", "review"), ("/goals?metric=calls&year=2026", "goals")]:
            browser.get(paced.url + path)
            assert browser.find_element(By.TAG_NAME, "h1").text, path
            assert "Not shown" not in browser.title, (path, browser.find_element(By.TAG_NAME, "main").text)
            shot(browser, name)


def test_a_manager_sees_the_board_ranked_by_attainment_and_opens_a_members_day(paced, browser):
    sign_in(browser, paced, "carol")
    assert "/team?team=east" in browser.current_url, browser.find_element(By.TAG_NAME, "main").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#board tbody tr")
    users = [r.get_attribute("data-user") for r in rows]
    assert sorted(users) == ["alice", "bob"]
    # bob's order of 1,500.00 puts his revenue ahead; alice is behind on calls: both marked by words, not colour only.
    board = browser.find_element(By.ID, "board").text
    assert "behind" in board or "at risk" in board, board
    for width in (1280, 375):
        browser.set_window_size(width, 900)
        browser.get(paced.url + "/team?team=east")
        shot(browser, "team")
    click(browser, By.LINK_TEXT, "alice")
    assert browser.find_element(By.TAG_NAME, "h1").text == "alice · 2026-11-25"
    browser.get(paced.url + "/review?team=east")
    review = json.loads(paced.pace("review", "week", "--team", "east", "--week", "2026-W48", "--json", check=True).stdout)
    text = browser.find_element(By.ID, "review").text
    for f in review["figures"]:
        assert f["figure"] in text


def test_log_a_call_from_a_phone_and_see_it_in_pace_history(paced, browser):
    browser.set_window_size(375, 812)
    sign_in(browser, paced, "alice")
    Select(browser.find_element(By.ID, "what")).select_by_value("call")
    browser.find_element(By.ID, "customer").send_keys("Phone Co")
    browser.find_element(By.ID, "minutes").send_keys("7")
    click(browser, By.ID, "log-submit")
    flash = browser.find_element(By.CSS_SELECTOR, ".flash").text
    assert flash.startswith("Recorded call #"), flash
    seq = int(flash.split("#")[1].rstrip("."))
    history = paced.json("history", "--user", "alice")
    logged = [e for e in history if e["seq"] == seq]
    assert logged and logged[0]["type"] == "call" and logged[0]["data"]["customer"] == "Phone Co" and logged[0]["data"]["minutes"] == 7
    assert logged[0]["recorded_by"] == "alice"
    # A bad amount is refused with what to fix, and nothing is recorded.
    before = len(paced.json("history", "--user", "alice"))
    Select(browser.find_element(By.ID, "what")).select_by_value("payment")
    browser.find_element(By.ID, "customer").send_keys("Phone Co")
    browser.find_element(By.ID, "amount").send_keys("12,5x")
    click(browser, By.ID, "log-submit")
    assert browser.find_element(By.CSS_SELECTOR, ".error").text.startswith("Not recorded:")
    assert len(paced.json("history", "--user", "alice")) == before
    shot(browser, "log")


def test_the_charts_last_actual_point_and_target_end_are_the_progress_apis(paced, browser):
    sign_in(browser, paced, "carol")
    for scope, name, period in [("team", "east", "month"), ("user", "alice", "week"), ("user", "bob", "month")]:
        for metric in ("calls", "revenue"):
            browser.get(f"{paced.url}/chart?scope={scope}&name={name}&metric={metric}&period={period}")
            svg = browser.find_element(By.ID, "burn-up")
            api = paced.json("progress", f"--{scope}", name, "--period", period, "--metric", metric)["rows"][0]
            assert svg.get_attribute("data-actual-last") == api["actual"], (scope, name, metric)
            assert svg.get_attribute("data-target-end") == api["target"], (scope, name, metric)
            assert svg.get_attribute("data-expected") == api["expected"]
            assert browser.find_element(By.ID, "f-actual").text.replace(",", "") == api["actual"].rstrip("0").rstrip(".") or \
                browser.find_element(By.ID, "f-actual").text.replace(",", "") == api["actual"]


def test_a_salesperson_gets_403_for_another_persons_page(paced, browser):
    sign_in(browser, paced, "alice")
    for path in ["/day?user=bob", "/chart?scope=user&name=bob&metric=calls", "/team?team=east", "/review?user=bob"]:
        browser.get(paced.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text in ("Not yours to see",), (path, browser.find_element(By.TAG_NAME, "main").text)
    # The status itself, with alice's session cookie.
    cookie = browser.get_cookie("pace_session")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict", cookie
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    req = urllib.request.Request(paced.url + "/day?user=bob", headers={"Cookie": "pace_session=" + cookie["value"]})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, context=ctx)
    assert refused.value.code == 403


def test_script_in_a_customer_name_shows_as_text(paced, browser):
    sign_in(browser, paced, "alice")
    for path in ["/customers", "/day"]:
        browser.get(paced.url + path)
        assert XSS in browser.find_element(By.TAG_NAME, "main").text
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
        assert "<script>alert" not in browser.page_source.replace(XSS.replace("<", "&lt;").replace(">", "&gt;"), "")


def test_a_form_without_its_csrf_token_is_refused(paced, browser):
    sign_in(browser, paced, "alice")
    before = len(paced.json("history", "--user", "alice"))
    browser.execute_script("document.querySelector('form.log input[name=csrf]').remove()")
    browser.find_element(By.ID, "customer").send_keys("No Token Ltd")
    click(browser, By.ID, "log-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Form refused"
    assert len(paced.json("history", "--user", "alice")) == before
    # A forged token is refused the same way.
    browser.get(paced.url + "/day")
    # One hex digit changed (to another digit, whatever the token's first one is).
    browser.execute_script("const f = document.querySelector('form.log input[name=csrf]');"
                           " f.value = (f.value[0] === 'f' ? '0' : 'f') + f.value.slice(1)")
    browser.find_element(By.ID, "customer").send_keys("Forged Ltd")
    click(browser, By.ID, "log-submit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Form refused"
    assert len(paced.json("history", "--user", "alice")) == before


def test_a_one_time_link_opens_one_session_and_logout_ends_it(paced, browser):
    link = paced.pace("dashboard", "link", "--user", "bob", check=True).stdout.splitlines()[0]
    assert link.startswith(paced.url + "/login/link?code=")
    browser.get(link)
    assert browser.find_element(By.TAG_NAME, "h1").text == "bob · 2026-11-25"
    click(browser, By.ID, "logout")
    assert "/login" in browser.current_url
    browser.get(paced.url + "/day")
    assert "/login" in browser.current_url
    browser.get(link)  # spent
    assert "used already or has expired" in browser.find_element(By.CSS_SELECTOR, ".error").text


def test_metrics_for_prometheus(paced):
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    body = urllib.request.urlopen(paced.url + "/metrics", context=ctx).read().decode()
    for name in ["pace_appends_total", "pace_commit_group_events", "pace_commit_duration_seconds", "http_server_request_duration"]:
        assert name in body, name


def test_an_expired_session_goes_back_to_login(paced, browser):
    sign_in(browser, paced, "alice")
    assert browser.current_url.endswith("/day")
    paced.clock("2026-11-26T09:00:00+01:00")  # 23 hours later: past the 12-hour session
    browser.get(paced.url + "/day")
    assert "/login?expired=1" in browser.current_url
    assert "Your session has ended" in browser.find_element(By.CSS_SELECTOR, ".error").text
    shot(browser, "login")
