"""The optional language-model path against a fake OpenAI-compatible server on loopback:
a good endpoint writes the answer; a slow, failing, lying or garbled one falls back to the
extractive answer within the time limit."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from panelqa.settings import Settings
from retrieval.present import answer_dict

QUESTION = "what happened to Track my Crime?"


def completion(content: str) -> bytes:
    message = {"role": "assistant", "content": content}
    return json.dumps({"choices": [{"message": message}]}).encode()


class FakeModel(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.requests.append({"path": self.path, "body": body})
        behaviour = self.path.split("/")[1]
        if behaviour == "fail":
            self.send_error(500, "model crashed")
            return
        if behaviour == "slow":
            time.sleep(3)
        replies = {
            "good": completion("Track my Crime was replaced by the Single Online Home [1]."),
            "slow": completion("Too late [1]."),
            "lying": completion("Track my Crime was expanded nationally [1][42]."),
            "uncited": completion("Track my Crime was replaced."),
            "garbled": b"<html>not json</html>",
        }
        payload = replies.get(behaviour, replies["good"])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if behaviour == "trickle":  # a byte at a time, never finishing within the limit
            try:
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            except BrokenPipeError:  # the client gave up, as it should
                pass
            return
        self.wfile.write(payload)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def with_llm(engine, url: str):
    settings = Settings(index=engine.settings.index, llm_url=url, llm_timeout=1.0)
    return replace(engine, settings=settings)


def test_a_good_endpoint_writes_the_answer_from_the_cited_passages(engine, server):
    FakeModel.requests.clear()
    answer = with_llm(engine, f"{server}/good/v1").ask(QUESTION)
    assert answer.written_by == "llm"
    assert answer.text == "Track my Crime was replaced by the Single Online Home [1]."
    sent = FakeModel.requests[-1]
    assert sent["path"] == "/good/v1/chat/completions"
    user = sent["body"]["messages"][-1]["content"]
    assert QUESTION in user
    # The model is given exactly the cited passages, numbered as the citations are.
    for citation in answer.citations:
        assert f"[{citation.n}] (" in user and citation.hit.chunk.text in user
    assert answer_dict(answer)["written_by"] == "llm"


@pytest.mark.parametrize(
    "behaviour, reason",
    [
        ("slow", "no answer within 1 s"),
        ("trickle", "within 1 s"),
        ("fail", "HTTP 500"),
        ("lying", "passages that do not exist: [42]"),
        ("uncited", "cited no passage"),
        ("garbled", "not an OpenAI-style chat completion"),
    ],
)
def test_a_bad_endpoint_falls_back_to_the_extractive_answer(engine, server, behaviour, reason):
    extractive = engine.ask(QUESTION)
    started = time.monotonic()
    answer = with_llm(engine, f"{server}/{behaviour}").ask(QUESTION)
    assert time.monotonic() - started < 2.5
    assert answer.written_by == "extractive"
    assert answer.text == extractive.text
    assert any(reason in note for note in answer.notes), answer.notes


def test_an_unreachable_endpoint_falls_back(engine):
    answer = with_llm(engine, "http://127.0.0.1:9/v1").ask(QUESTION)
    assert answer.written_by == "extractive"
    assert any("could not be reached" in note for note in answer.notes)


def test_an_abstention_is_never_sent_to_the_model(engine, server):
    FakeModel.requests.clear()
    answer = with_llm(engine, f"{server}/good").ask("What is the panel's policy on parking at Mars base?")
    assert answer.abstained and not FakeModel.requests
