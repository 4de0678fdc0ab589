"""The CLI as a user runs it: a real subprocess, real files, exit codes and one-line errors."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time

import pytest

CLI = [sys.executable, "-m", "claimgraph.cli"]


def run(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("CLAIMGRAPH_DEBUG", None)
    return subprocess.run(CLI + list(args), input=stdin, capture_output=True, timeout=timeout, env=env)


def assert_clean_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8", "replace").strip()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("claimgraph: error:")
    for n in needles:
        assert n.lower() in err.lower(), err
    return err


def test_example_into_sqlite_then_show(tmp_path):
    db = tmp_path / "cg.db"
    proc = run("analyze", "--example", "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "Marta Okonjo" in out and "named person" in out
    assert "stored as" in proc.stderr.decode()
    listing = run("list", "--db", str(db))
    article_id = listing.stdout.decode().split()[0]
    shown = run("show", article_id, "--db", str(db), "--json")
    data = json.loads(shown.stdout)
    assert data["article"]["id"] == article_id
    assert any(a["source_name"] == "Marta Okonjo" for a in data["attributions"])


def test_json_contract_keys(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Bridge news\n\n“It will reopen on Friday,” the mayor, Ines Varga, said on Monday.\n", encoding="utf-8")
    proc = run("analyze", str(f), "--json", "--published", "2024-06-03")
    assert proc.returncode == 0, proc.stderr.decode()
    d = json.loads(proc.stdout)
    assert set(d["article"]) >= {"id", "title", "url", "outlet", "published", "language"}
    a = d["attributions"][0]
    assert set(a) >= {"id", "source", "source_type", "source_name", "cue", "content", "mode", "hedged",
                      "platform", "handle", "date"}
    assert set(d["claims"][0]) >= {"id", "text", "start", "end", "attribution"}
    assert set(d["entities"][0]) >= {"text", "label", "start", "end"}
    assert d["article"]["title"] == "Bridge news"


def test_html_report_written(tmp_path):
    out = tmp_path / "r.html"
    proc = run("analyze", "--example", "--html", str(out))
    assert proc.returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "Marta Okonjo" in html


def test_stdin(tmp_path):
    proc = run("analyze", "-", "--json", stdin=b"Council\n\nThe mayor said that taxes would rise in 2025.\n")
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["attributions"][0]["cue"]["text"] == "said"


# --- bad input: one clear line, exit code 2, nothing stored -----------------------------------

def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert_clean_error(run("analyze", str(f)), "empty")


def test_whitespace_only_stdin():
    assert_clean_error(run("analyze", "-", stdin=b"   \n\n  \t"), "empty")


def test_binary_file(tmp_path):
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert_clean_error(run("analyze", str(f)))


def test_huge_file_refused_by_size(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    err = assert_clean_error(run("analyze", str(f)))
    assert "limit" in err.lower() or "large" in err.lower()


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes(b"Headline\n\nThe mayor said " + bytes([0xFF, 0xFA, 0xC3, 0x28, 0xE2, 0x82]) * 300)
    assert_clean_error(run("analyze", str(f)), "utf-8")


def test_broken_html(tmp_path):
    f = tmp_path / "broken.html"
    f.write_bytes(b"<html><head><title>x</title></head><body><div><p><script>var a = 1;</scr")
    assert_clean_error(run("analyze", str(f)))


def test_missing_file(tmp_path):
    assert_clean_error(run("analyze", str(tmp_path / "nope.txt")))


def test_non_english_is_refused_with_a_hint(tmp_path):
    f = tmp_path / "de.txt"
    f.write_text("Neues Gesetz\n\nDer Bundestag hat heute ein neues Gesetz beschlossen, das die Steuern "
                 "für kleine Unternehmen senkt, sagte die Ministerin am Abend in Berlin.", encoding="utf-8")
    assert_clean_error(run("analyze", str(f)), "english")
    ok = run("analyze", str(f), "--allow-non-english", "--json")
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["warnings"]


def test_private_url_refused():
    assert_clean_error(run("analyze", "http://10.1.2.3/article"))


def test_file_scheme_refused():
    assert_clean_error(run("analyze", "file:///etc/passwd"))


class _SlowHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        time.sleep(3)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_url_that_times_out_exits_2(monkeypatch):
    """A loopback server that never answers in time; the CLI may only reach loopback in tests."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        code = (
            "import sys; from claimgraph.cli import main; "
            "import claimgraph.options as o; "
            "o.ReadOptions.__init__.__defaults__ if False else None; "
            f"sys.argv=['claimgraph','analyze','http://127.0.0.1:{port}/slow','--timeout','0.5']; "
            "import claimgraph.read.source as s; _r = s.read_input; "
            "s.read_input = lambda spec, opts: _r(spec, type(opts)(max_bytes=opts.max_bytes, timeout=opts.timeout, allow_private=True)); "
            "import claimgraph.read as r; r.read_input = s.read_input; main()"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
        assert_clean_error(proc, "timed out")
    finally:
        server.shutdown()


def test_bad_input_loses_nothing_already_stored(tmp_path):
    db = tmp_path / "cg.db"
    assert run("analyze", "--example", "--db", str(db)).returncode == 0
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 1000)
    assert_clean_error(run("analyze", str(bad), "--db", str(db)))
    listing = run("list", "--db", str(db)).stdout.decode().strip().splitlines()
    assert len(listing) == 1
