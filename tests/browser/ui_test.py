#!/usr/bin/env python3
"""The page of `yanbao serve` in a real browser (Debian's chromium, headless).

Starts `yanbao --index DIR serve --addr 127.0.0.1:0` on an index of corpus/,
then drives the page the way a reader does: types a query key by key, clicks
a facet, opens a report, visits a ticker page and a term's mentions, and uses
the keyboard. A screenshot is saved after each step. Fails on any failed
check and on any browser console entry of level SEVERE.

    python3 tests/browser/ui_test.py --yanbao BIN --index DIR --shots DIR

Run by `cargo test --release --test it serve_browser` (tests/it/serve_browser.rs).
"""

import argparse
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_S = 15


class Failed(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failed(message)


def start_server(yanbao, index):
    """The server process and the URL it printed on its first stdout line."""
    proc = subprocess.Popen(
        [yanbao, "--index", index, "serve", "--addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    lines = queue.Queue()

    # Drains stdout for the server's whole life, so it never blocks on a full pipe.
    def pump():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        line = lines.get(timeout=30)
    except queue.Empty:
        stop_server(proc)
        raise Failed("yanbao serve printed no line within 30 s")
    if line is None:
        code = proc.wait()
        raise Failed(f"yanbao serve exited with status {code} before printing its URL")
    m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
    if not m:
        stop_server(proc)
        raise Failed(f"no URL in the server's first line: {line!r}")
    return proc, m.group(1)


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def api(base, path, **params):
    url = base + path.lstrip("/") + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))


def make_driver(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver given explicitly: selenium-manager must not try to download one.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_window_size(1400, 1000)
    return driver


class Page:
    def __init__(self, driver, base, shots):
        self.d = driver
        self.base = base
        self.shots = shots
        self.logs = []

    def wait(self, cond, what, timeout=WAIT_S):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.05).until(lambda d: cond())
        except TimeoutException:
            raise Failed(f"timed out after {timeout} s waiting for {what}")

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def all(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def one(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def shot(self, name):
        path = os.path.join(self.shots, name)
        self.d.save_screenshot(path)
        print(f"  screenshot {path}")

    def route(self):
        return self.js("return decodeURIComponent(location.hash)")

    def go(self, hash_):
        self.js("location.hash = arguments[0]", hash_)

    def in_view(self, el):
        return self.js(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;",
            el,
        )

    def collect_logs(self):
        self.logs.extend(self.d.get_log("browser"))


def step_first_load(p):
    # The page needs no inline script or style, so the server's policy allows none.
    with urllib.request.urlopen(p.base, timeout=30) as r:
        csp = r.headers.get("Content-Security-Policy") or ""
    check("script-src 'self'" in csp, f"no script-src 'self' in the page's Content-Security-Policy: {csp!r}")
    check("unsafe-inline" not in csp, f"the page's Content-Security-Policy allows inline code: {csp!r}")
    p.d.get(p.base)
    p.wait(lambda: p.js("return performance.timing.loadEventEnd") > 0, "the load event")
    t = p.js("const t = performance.timing; return [t.navigationStart, t.responseEnd, t.domContentLoadedEventEnd, t.loadEventEnd]")
    ms = t[3] - t[0]
    print(f"first page load: {ms} ms (navigationStart to loadEventEnd; response end {t[1] - t[0]} ms, DOMContentLoaded {t[2] - t[0]} ms)")
    p.wait(lambda: p.all("#q"), "the search box")
    p.wait(lambda: p.all(".stats-home"), "the home card with the index's figures")
    return ms


def step_search(p, query):
    box = p.one("#q")
    box.click()
    # A pause longer than the debounce after the first key sends that
    # prefix's request; its answer must not replace the full query's.
    for i, ch in enumerate(query):
        box.send_keys(ch)
        time.sleep(0.35 if i == 0 else 0.08)
    p.wait(lambda: query in p.route() and p.all("#result-summary"), f"results for {query}")
    p.wait(lambda: p.all(".hit"), "at least one hit")
    hits = p.all(".hit")
    marks = [m.text for m in p.all(".hit mark")]
    check(marks, "no <mark> highlight in the results")
    check(query in marks, f"no highlight holds the query {query!r}: {marks[:10]}")
    stale = [m for m in marks if len(m) < len(query) and query.startswith(m)]
    check(not stale, f"highlights of a prefix of the query (a stale answer shown): {stale[:5]}")
    groups = p.all(".group")
    check(groups, "no report group")
    titles = [g.find_element(By.CSS_SELECTOR, ".group-head .title").text for g in groups]
    check(all(titles), "a report group without a title")
    check(p.all(".hit .badge"), "no section badge on the hits")
    print(f"search {query}: {len(hits)} hits in {len(groups)} reports, {len(marks)} highlights")
    p.shot("results.png")
    return [g.get_attribute("data-path") for g in groups]


def step_facet(p, query, paths_before):
    buttons = p.all('.facet[data-facet="broker"] button.facet-value')
    check(buttons, "no clickable broker facet value")
    value = buttons[0].get_attribute("data-value")
    count = int(buttons[0].find_element(By.CSS_SELECTOR, ".count").text)
    buttons[0].click()
    chip = f'.chip[data-filter="broker"][data-value="{value}"]'
    p.wait(lambda: p.all(chip), f"the chip of broker {value}")
    p.wait(
        lambda: "broker=" in p.route() and p.all(".group") and all(
            e.text == value for e in p.all(".group-head .broker")
        ),
        f"results of broker {value} only",
    )
    paths_after = [g.get_attribute("data-path") for g in p.all(".group")]
    check(len(paths_after) == count, f"broker facet said {count} reports, the filtered page shows {len(paths_after)}")
    check(set(paths_after) <= set(paths_before) or len(paths_before) >= 20,
          "the filter brought reports the unfiltered query did not match")
    print(f"facet broker={value}: {len(paths_after)} reports (facet count {count})")
    p.shot("facet.png")
    # Removing the chip brings the unfiltered results back.
    p.one(chip + " button").click()
    p.wait(lambda: not p.all(".chip") and "broker=" not in p.route(), "the chip removed")
    p.wait(
        lambda: [g.get_attribute("data-path") for g in p.all(".group")] == paths_before,
        "the unfiltered results back",
    )
    check(p.one("#q").get_attribute("value") == query, "the box lost the query")


def step_report(p):
    # The hit furthest down its report, so that scrolling it into view is a
    # real test.
    def line_of(hit):
        href = urllib.parse.unquote(hit.find_element(By.CSS_SELECTOR, "a.open").get_attribute("href"))
        return int(re.search(r"line=(\d+)", href).group(1))

    hit = max(p.all(".hit"), key=line_of)
    line = line_of(hit)
    group = hit.find_element(By.XPATH, "./ancestor::article")
    title = group.find_element(By.CSS_SELECTOR, ".group-head .title").text
    link = hit.find_element(By.CSS_SELECTOR, "a.open")
    p.js("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    p.wait(lambda: p.all("#doc-title"), "the report reader")
    check(p.one("#doc-title").text == title, f"reader title {p.one('#doc-title').text!r}, hit's report {title!r}")
    outline = p.all(".outline a")
    check(len(outline) >= 2, f"outline has {len(outline)} entries")
    targets = p.all(".passage.target")
    check(len(targets) == 1, f"{len(targets)} passages marked as the hit")
    target = targets[0]
    check(int(target.get_attribute("data-line")) <= line, "the marked passage starts after the hit's line")
    p.wait(lambda: p.in_view(target), "the hit scrolled into view")
    if line > 40:
        check(p.js("return window.scrollY") > 0, f"the page did not scroll to the hit at line {line}")
    print(f"report {title}: {len(outline)} outline entries, hit at line {line} in view")
    p.shot("report.png")
    # An outline entry scrolls its section into view.
    last = outline[-1]
    sec_id = last.get_attribute("data-target")
    last.click()
    p.wait(lambda: p.in_view(p.one("#" + sec_id)), f"section {sec_id} scrolled into view")
    # Copy citation must not throw, headless or not.
    copy = p.one(".doc-head button.copy")
    p.js("arguments[0].scrollIntoView({block: 'center'})", copy)
    copy.click()
    p.wait(lambda: p.js("return document.body.dataset.lastCitation || ''"), "the citation copied")
    cite = p.js("return document.body.dataset.lastCitation")
    check(cite.startswith(title + ","), f"citation {cite!r} does not start with the title")
    check(re.search(r"(p\.\d+|line \d+)$", cite), f"citation {cite!r} ends with no page or line")
    # Without the clipboard API (an insecure origin, an old browser) the
    # textarea fallback copies, with no console error.
    p.js("document.body.dataset.lastCitation = ''; Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    copy.click()
    p.wait(lambda: p.js("return document.body.dataset.lastCitation || ''") == cite, "the citation copied without navigator.clipboard")
    check(not p.all("textarea"), "the fallback's textarea left in the page")
    print(f"citation: {cite}")


def step_ticker(p, code):
    expected = api(p.base, "/api/ticker", code=code, mentions="1")
    p.go(f"#/ticker?code={code}")
    p.wait(lambda: p.all("#ticker-title"), "the ticker page")
    check(code in p.one("#ticker-title").text, "ticker page title lacks the code")
    rows = p.all("#ticker-rows tbody tr")
    check(rows, "no row in the ticker table")
    check(len(rows) == len(expected["rows"]), f"{len(rows)} rows shown, the API has {len(expected['rows'])}")
    points = p.all("#ticker-chart svg circle.pt")
    # The chart is of the reports about the company, not of those that mention it.
    priced = [r for r in expected["rows"] if r.get("about") is not False and r.get("target_price") and r.get("date")]
    leveled = [r for r in expected["rows"] if r.get("about") is not False and r.get("level") and r.get("date")]
    level_marks = p.all("#ticker-chart svg circle.lv")
    check(len(level_marks) == len(leveled), f"{len(level_marks)} level marks, {len(leveled)} dated levels of reports about {code}")
    check(points, "no point in the chart")
    check(len(points) == len(priced), f"{len(points)} chart points, {len(priced)} dated target prices")
    check(p.all("#ticker-chart svg path.step"), "no step line of the rating level")
    print(f"ticker {code}: {len(rows)} rows, {len(points)} chart points")
    p.shot("ticker.png")
    # Each row links to its report.
    first = rows[0].find_element(By.CSS_SELECTOR, "a")
    row_title = first.text
    first.click()
    p.wait(lambda: p.all("#doc-title") and p.one("#doc-title").text == row_title, "the row's report")


def step_mentions(p, term):
    expected = api(p.base, "/api/mentions", term=term, limit="200")
    p.go("#/mentions?term=" + urllib.parse.quote(term))
    p.wait(lambda: p.all("#mention-total"), "the mentions total")
    total_text = p.one("#mention-total").text
    check(total_text.startswith(str(expected["total"]) + " "), f"total {total_text!r}, API says {expected['total']}")
    counts = [int(c.text) for c in p.all("#mention-reports td.count")]
    check(counts == [r["count"] for r in expected["reports"]], f"per-report counts {counts}")
    check(sum(counts) == expected["total"], f"per-report counts add to {sum(counts)}, total {expected['total']}")
    check(len(p.all("#mention-list .mention")) == len(expected["mentions"]), "not every listed mention shown")
    # Python indexes strings by code point, as the API's offsets count.
    spans = [m["context"][m["context_match"][0]:m["context_match"][1]] for m in expected["mentions"] if m.get("context_match")]
    marks = [m.text for m in p.all("#mention-list mark")]
    check(marks, "no match marked in the contexts")
    check(marks == spans, f"marked {marks[:5]}..., the API's context_match spans {spans[:5]}...")
    print(f"mentions {term}: {expected['total']} in {len(counts)} reports")
    p.shot("mentions.png")


def step_keyboard(p, query):
    p.go("#/search")
    p.wait(lambda: p.all(".stats-home"), "the home page")
    p.one("body").click()
    ActionChains(p.d).send_keys("/").perform()
    p.wait(lambda: p.js("return document.activeElement.id") == "q", "/ to focus the search box")
    box = p.one("#q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    p.wait(lambda: len(p.all(".hit.selected")) == 1, "Enter in the box to select the first result")
    hits = p.all(".hit")
    check(len(hits) >= 2, f"{query}: fewer than 2 hits to move between")
    check("selected" in hits[0].get_attribute("class"), "the first result is not the selected one")
    ActionChains(p.d).send_keys("j").perform()
    p.wait(lambda: "selected" in p.all(".hit")[1].get_attribute("class"), "j to select the second result")
    href = p.all(".hit")[1].get_attribute("data-nav")
    ActionChains(p.d).send_keys(Keys.ENTER).perform()
    p.wait(lambda: p.all("#doc-title") and p.js("return location.hash") == href, "Enter to open the selected result")
    ActionChains(p.d).send_keys(Keys.ESCAPE).perform()
    p.wait(lambda: p.route().startswith("#/search") and p.all(".hit"), "Esc back to the results")
    print("keyboard: / focuses, Enter selects, j moves, Enter opens, Esc returns")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--yanbao", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--shots", required=True)
    a = ap.parse_args()
    os.makedirs(a.shots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="yanbao-chromium-")
    server = driver = None
    page = None
    ok = False
    try:
        server, base = start_server(a.yanbao, a.index)
        print(f"server at {base}")
        driver = make_driver(profile)
        page = Page(driver, base, a.shots)
        step_first_load(page)
        paths = step_search(page, "腾讯")
        step_facet(page, "腾讯", paths)
        step_report(page)
        step_ticker(page, "0700.HK")
        step_mentions(page, "0700.HK")
        step_keyboard(page, "广告")
        page.collect_logs()
        severe = [e for e in page.logs if e.get("level") == "SEVERE"]
        for e in page.logs:
            if e.get("level") in ("SEVERE", "WARNING"):
                print(f"console {e.get('level')}: {e.get('message')}")
        check(not severe, f"{len(severe)} SEVERE console entries")
        ok = True
    except Failed as e:
        print(f"FAILED: {e}", file=sys.stderr)
    except Exception as e:  # a driver error is a failure too, with its story
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
    finally:
        if page and not ok:
            try:
                page.shot("failure.png")
                page.collect_logs()
                for e in page.logs:
                    print(f"console {e.get('level')}: {e.get('message')}", file=sys.stderr)
            except Exception:
                pass
        if driver:
            driver.quit()
        if server:
            stop_server(server)
        shutil.rmtree(profile, ignore_errors=True)
    print("ui test passed" if ok else "ui test failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
