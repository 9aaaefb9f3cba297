"""End to end in a real headless Chromium (Debian's, driven by Playwright): the app on a
free port, over the real corpus plus one hostile paper. Screenshots go to test-output/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from index.build import update_index
from panelqa.settings import REPO_ROOT, Settings
from tests.conftest import CORPUS

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
OUTPUT = REPO_ROOT / "test-output"
HOSTILE_PAPER = """WEST MERCIA POLICE AND CRIME PANEL 14 March 2022
POLICE & CRIME PLAN ACTIVITY REPORT (OCTOBER - DECEMBER 2021)

Zebra patrols
1. The zebra crossing patrol pilot <script>window.__pwned = 1; alert('script')</script> ran in
Hereford. <img src=x onerror="window.__pwned = 2; alert('img')"> Read [the zebra pilot
report](javascript:window.__pwned=3) for details. Entities: &lt;script&gt;window.__pwned = 4&lt;/script&gt;
&amp; &#60;b&#62;bold&#60;/b&#62; zebra.
"""
pytestmark = [pytest.mark.browser, pytest.mark.slow]
SOURCES = [
    "2018-11-27_performance-report_jul-sep-2018.txt",
    "2019-09-10_agenda-pack.txt",
    "2020-02-05_performance-report_oct-dec-2019.txt",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(index_dir, embedder, tmp_path_factory):
    """The app serving a copy of the index that also holds the hostile paper."""
    folder = tmp_path_factory.mktemp("browser")
    corpus, index = folder / "corpus", folder / "index"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(index_dir, index)
    (corpus / "2022-03-14_hostile-report.txt").write_text(HOSTILE_PAPER)
    update_index([corpus], Settings(index=index, corpus_dir=corpus), lambda: embedder, progress=False)
    port = free_port()
    env = {**os.environ, "PANELQA_INDEX": str(index), "PANELQA_CORPUS_DIR": str(corpus)}
    env.update(PORT=str(port), ADDRESS="127.0.0.1")
    # As `make app` serves: the engine loads (and warms) before the server reports healthy.
    app = subprocess.Popen(
        [sys.executable, "-m", "app.serve"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        app.kill()
        pytest.fail("the app did not start within 240 s")
    yield url
    app.terminate()
    app.wait(timeout=20)


@pytest.fixture
def page(server):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium package)")
    OUTPUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 3400})
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server)
        page.get_by_placeholder("Ask about the panel's papers").wait_for(timeout=180_000)
        yield page
        browser.close()


def ask(page, question: str) -> None:
    box = page.get_by_placeholder("Ask about the panel's papers")
    box.fill(question)
    box.press("Enter")
    page.get_by_text("Download as Markdown").last.wait_for(timeout=120_000)


def top_in_view(page, selector: str) -> tuple[float, float]:
    return page.locator(selector).first.evaluate("e => [e.getBoundingClientRect().top, window.innerHeight]")


# For each highlighted word in a quote touching a character that is not a space ('(Track',
# 'Crime)'), the word, that character and the horizontal gap in pixels between their glyphs.
HIGHLIGHT_GAPS = """() => {
  const gaps = [];
  for (const mark of document.querySelectorAll('blockquote .stMarkdownColoredBackground')) {
    const words = document.createRange();
    words.selectNodeContents(mark);  // the word's glyphs, without the chip's padding
    const box = words.getBoundingClientRect();
    for (const [node, at, edge] of [[mark.nextSibling, 0, 'right'], [mark.previousSibling, -1, 'left']]) {
      if (!node || node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const index = at < 0 ? node.textContent.length - 1 : 0;
      if (/\\s/.test(node.textContent[index])) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const char = range.getBoundingClientRect();
      const gap = edge === 'right' ? char.left - box.right : box.left - char.right;
      gaps.push([mark.textContent, node.textContent[index], gap]);
    }
  }
  return gaps;
}"""


def test_an_answer_cites_three_papers_and_the_commitments_page_opens(page):
    ask(page, "what happened to Track my Crime?")
    body = page.inner_text("body")
    assert "Timeline" in body
    assert all(source in body for source in SOURCES), [s for s in SOURCES if s not in body]
    # A highlighted word reads as text: no chip padding between it and its punctuation
    # ('(Track my Crime)', which Streamlit's padding showed as '( Track my Crime )').
    gaps = page.evaluate(HIGHLIGHT_GAPS)
    assert ["Crime", ")"] in [gap[:2] for gap in gaps], gaps
    assert all(abs(gap) < 1 for _, _, gap in gaps), gaps
    page.screenshot(path=str(OUTPUT / "answer.png"), full_page=True)

    page.get_by_role("link", name="Commitments").click()
    page.get_by_text("Every commitment in the delivery-plan tables").wait_for(timeout=60_000)
    page.locator("[data-testid='stMetricValue']").first.wait_for()
    page.locator("[data-testid='stExpander']").first.click()
    page.get_by_text("History, latest first").first.wait_for()
    page.screenshot(path=str(OUTPUT / "commitments.png"), full_page=True)


def test_a_hostile_paper_is_shown_as_inert_text(page):
    # The question is echoed on the page too, so it carries markup of its own.
    ask(page, 'zebra crossing patrol pilot <img src=x onerror="window.__pwned = 5; alert(5)">')
    body = page.inner_text("body")
    assert "zebra" in body.lower()
    # Open every passage, so its whole text is on the page. Only visible, closed ones are
    # clicked, in rounds: one still rendering when listed may be hidden (seen once in CI).
    for _ in range(3):
        for summary in page.locator("[data-testid='stExpander'] summary").all():
            if summary.is_visible() and not summary.evaluate("s => s.parentElement.open"):
                summary.click()
        page.wait_for_timeout(500)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(OUTPUT / "hostile.png"), full_page=True)
    assert page.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert all("__pwned" not in (script.text_content() or "") for script in page.locator("script").all())
    shown = page.inner_text("body")
    assert "(javascript:window.pwned=3)" in shown  # the paper's link, shown as text
    assert '<img src=x onerror="window.__pwned = 5; alert(5)">' in shown  # the question, as text


def test_a_marker_jumps_to_its_source_and_the_toolbar_is_minimal(page):
    assert page.locator("[data-testid='stAppDeployButton']").count() == 0
    page.set_viewport_size({"width": 1400, "height": 600})
    ask(page, "what happened to Track my Crime?")
    page.get_by_text("Download as Markdown").last.scroll_into_view_if_needed()
    top, height = top_in_view(page, "#src-turn0-1")
    assert top < 0  # at the end of the answer, source 1 is far above the screen
    page.wait_for_timeout(1500)  # the last of the answer (related passages) renders after
    marker = page.locator("a[href='#src-turn0-1']").first
    marker.evaluate("link => link.click()")  # the link itself, wherever it is on the page
    # The jump lands once the page has settled; wait for it rather than a fixed time.
    page.wait_for_function(
        "() => { const top = document.querySelector('#src-turn0-1').getBoundingClientRect().top;"
        " return top >= -2 && top < window.innerHeight; }",
        timeout=10_000,
    )
    top, height = top_in_view(page, "#src-turn0-1")
    assert -2 <= top < height, (top, height)  # the marker brought source 1 to the top of the screen
    page.screenshot(path=str(OUTPUT / "jump-to-source.png"))


def test_commitment_c6_is_found_by_its_old_number(page):
    page.get_by_role("link", name="Commitments").click()
    page.get_by_label("Find a commitment").fill("3.4")
    page.keyboard.press("Enter")
    # Only a search by the old number labels it so: the full list says just 'C6'.
    page.get_by_text("C6 (was 3.4)").first.wait_for(timeout=60_000)
    page.screenshot(path=str(OUTPUT / "commitments-by-old-ref.png"), full_page=True)


def test_precedent_finds_the_rural_crime_report_of_10_september_2019(page):
    page.get_by_role("link", name="Precedent and promises").click()
    box = page.get_by_label("Topic or question")
    box.fill("rural crime")
    box.press("Enter")
    page.get_by_role("heading", name="10 September 2019").wait_for(timeout=120_000)
    body = page.inner_text("body")
    assert "Rural Crime" in body and "not discuss" not in body
    page.screenshot(path=str(OUTPUT / "precedent.png"), full_page=True)


def test_a_promise_opens_its_follow_up(page):
    page.get_by_role("link", name="Precedent and promises").click()
    page.get_by_text("Promises made").first.click()
    promise = (
        page.locator("[data-testid='stVerticalBlock']")
        .filter(has_text="circulate the Strategy")
        .filter(has_text="Follow-up:")
        .last
    )
    promise.wait_for(timeout=60_000)
    assert "minute 300" in promise.inner_text()
    promise.get_by_text("Follow-up:").click()
    promise.get_by_text("Serious and Organised Crime Strategy – Consultation Report").first.wait_for()
    page.screenshot(path=str(OUTPUT / "promises.png"), full_page=True)
