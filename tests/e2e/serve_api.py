#!/usr/bin/env python3
"""serve_api.py - `tagger serve` end to end: routes, errors, metrics, hot reload.

    serve_api.py TAGGER SOURCE_DIR

Starts the real program on a free loopback port over a copy of tests/data/model-mini
(so the test can edit the model), talks HTTP to it, and checks what comes back:
records kept byte for byte with the tags spliced in, 400/404/405/413 as JSON, the
counters in /metrics, reload on SIGHUP and on a file change, a broken model refused
while the old one keeps answering, and a clean exit on SIGTERM.
"""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

TAGGER, SOURCE = sys.argv[1], sys.argv[2]
del sys.argv[1:3]


class Server:
    def __init__(self, model, *extra):
        self.err_path = tempfile.mktemp(prefix="tagger-serve-", suffix=".log")
        self.err = open(self.err_path, "w+")
        self.proc = subprocess.Popen(
            [TAGGER, "serve", "--model", model, "--port", "0", "--workers", "2",
             "--web", os.path.join(SOURCE, "web"), *extra],
            stdout=subprocess.DEVNULL, stderr=self.err)
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline and self.port is None:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.log())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.log())
            else:
                time.sleep(0.05)
        if self.port is None:
            raise RuntimeError("server did not start: " + self.log())

    def log(self):
        with open(self.err_path) as f:
            return f.read()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            chunked = body is not None and not isinstance(body, (bytes, str))
            conn.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, dict(resp.getheaders()), data
        finally:
            conn.close()

    def json(self, method, path, body=None, headers=None):
        status, hdrs, data = self.request(method, path, body, headers)
        return status, hdrs, json.loads(data.decode("utf-8"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()
        os.unlink(self.err_path)
        return self.proc.returncode


def wait_for(pred, seconds=30.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.1)
    return pred()


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tagger-serve-model-")
        cls.model = os.path.join(cls.tmp, "model")
        shutil.copytree(os.path.join(SOURCE, "tests", "data", "model-mini"), cls.model)
        cls.gaz = os.path.join(cls.model, "gazetteers", "test.tsv")
        cls.srv = Server(cls.model, "--max-body", "4096", "--max-document", "2048",
                         "--watch", "1")

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        shutil.rmtree(cls.tmp)
        assert rc == 0, "tagger serve exited %r on SIGTERM" % rc

    def version(self):
        status, hdrs, body = self.srv.json("GET", "/health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertEqual(hdrs["X-Tagger-Model"], body["model"])
        return body["model"]

    def test_01_health(self):
        self.assertRegex(self.version(), r"^[0-9a-f]{8}$")

    def test_02_tag_keeps_record(self):
        raw = ('{"id": 42, "title": "Putin and NASA", "text": "Russia said the United States '
               'will talk. Putin agreed.", "extra": [1, 2.50, "\\u00e9"], "lang": "en"}\n')
        status, hdrs, data = self.srv.request("POST", "/tag", raw.encode(),
                                              {"Content-Type": "application/json"})
        self.assertEqual(status, 200, data)
        text = data.decode()
        # the client's own bytes come back as sent, the tagger's members after them
        self.assertTrue(text.startswith(raw.rstrip()[:-1] + ',"model":'), text[:200])
        doc = json.loads(text)
        self.assertEqual(doc["model"], hdrs["X-Tagger-Model"])
        self.assertEqual(doc["id"], 42)
        self.assertEqual([t["id"] for t in doc["tags"]][:2], ["country:RU", "country:US"])
        for e in doc["entities"]:
            src = doc["title"] if e.get("field") == "title" else doc["text"]
            self.assertEqual(src[e["start"]:e["end"]], e["text"])
        self.assertIn("title", {e["zone"] for e in doc["entities"]})

    def test_03_html_and_rewrite(self):
        rec = {"id": "h", "html": "<p>Talks in <b>Russia</b></p>", "tags": ["stale"],
               "model": "x"}
        status, _, doc = self.srv.json("POST", "/tag", json.dumps(rec).encode())
        self.assertEqual(status, 200)
        self.assertEqual(doc["id"], "h")
        self.assertNotIn("stale", doc["tags"])
        self.assertEqual(doc["model"], self.version())
        self.assertEqual(doc["lang"], "en")  # none given: the detected one is added
        e = [e for e in doc["entities"] if e["id"] == "country:RU"][0]
        self.assertEqual(rec["html"][e["byte_start"]:e["byte_end"]], "Russia")

    def check_error(self, status, body, want_status, pattern):
        self.assertEqual(status, want_status, body)
        self.assertEqual(body["error"]["status"], want_status)
        self.assertRegex(body["error"]["message"], pattern)
        self.assertRegex(body["model"], r"^[0-9a-f]{8}$")

    def test_04_errors(self):
        cases = [
            (b'{"id": 1, "text": ', 400, r"not valid JSON"),
            (b'{"id": 1, "text": "Russia \xff\xfe"}', 400, r"not valid UTF-8 \(byte 26\)"),
            (b'[1, 2]', 400, r"JSON object"),
            (b'', 400, r"not valid JSON"),
            (b'{"id": "n", "body": "Russia"}', 400, r'no string field "text"'),
            (b'{"text": "' + b"Russia " * 700 + b'"}', 413, r"body is over the limit of 4096"),
            (b'{"text": "' + b"Russia " * 300 + b'"}', 413, r"document of 2100 bytes is over"),
        ]
        for body, want, pattern in cases:
            status, _, doc = self.srv.json("POST", "/tag", body)
            self.check_error(status, doc, want, pattern)
        status, _, doc = self.srv.json("POST", "/tag", b'{"id": "n", "body": "x"}')
        self.assertEqual(doc["id"], "n")

        def chunks():
            yield b'{"text": "'
            for _ in range(100):
                yield b"Russia " * 10
            yield b'"}'

        status, _, doc = self.srv.json("POST", "/tag", chunks())  # no Content-Length
        self.check_error(status, doc, 413, r"over the limit")
        status, hdrs, doc = self.srv.json("GET", "/tag")
        self.check_error(status, doc, 405, r"POST")
        self.assertEqual(hdrs.get("Allow"), "POST")
        status, _, doc = self.srv.json("GET", "/nothing/here")
        self.check_error(status, doc, 404, r"not found")
        self.version()  # still alive

    def test_05_metrics(self):
        _, _, before = self.srv.json("GET", "/metrics")
        for i in range(5):
            status, _, _ = self.srv.request("POST", "/tag", json.dumps(
                {"id": i, "text": "Putin in Russia %d" % i}).encode())
            self.assertEqual(status, 200)
        self.srv.request("POST", "/tag", b"nope")
        _, hdrs, after = self.srv.json("GET", "/metrics")
        self.assertEqual(after["documents"] - before["documents"], 5)
        self.assertEqual(after["errors"] - before["errors"], 1)
        self.assertGreater(after["bytes"], before["bytes"] + 5 * 20)
        self.assertEqual(after["model"]["version"], hdrs["X-Tagger-Model"])
        lat = after["latency_ms"]
        self.assertGreater(lat["p50"], 0)
        self.assertLessEqual(lat["p50"], lat["p99"])
        self.assertLessEqual(lat["p99"], lat["max"] + 1e-9)
        self.assertEqual(after["workers"], 2)
        # each answered request leaves in_flight (its count drops just after the answer)
        self.assertTrue(wait_for(lambda: self.srv.json("GET", "/metrics")[2]["in_flight"] == 0))

    def test_06_page(self):
        status, hdrs, data = self.srv.request("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(hdrs["Content-Type"].startswith("text/html"))
        with open(os.path.join(SOURCE, "web", "index.html"), "rb") as f:
            self.assertEqual(data, f.read())

    def tag_ids(self, text):
        status, _, doc = self.srv.json("POST", "/tag", json.dumps({"text": text}).encode())
        self.assertEqual(status, 200)
        return {e["id"] for e in doc["entities"]}, doc["model"]

    def edit(self, old, new):
        with open(self.gaz, encoding="utf-8") as f:
            data = f.read()
        self.assertIn(old, data)
        tmp = self.gaz + ".new"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data.replace(old, new, 1))
        os.replace(tmp, self.gaz)  # as an editor saving by rename would

    def test_07_reload_sighup(self):
        v0 = self.version()
        self.assertNotIn("country:RU", self.tag_ids("The Kremlin said no.")[0])
        self.edit("Russia|Russian Federation", "Russia|Russian Federation|Kremlin")
        self.srv.proc.send_signal(signal.SIGHUP)
        self.assertTrue(wait_for(lambda: self.version() != v0), self.srv.log())
        ids, model = self.tag_ids("The Kremlin said no.")
        self.assertIn("country:RU", ids)
        self.assertEqual(model, self.version())
        _, _, m = self.srv.json("GET", "/metrics")
        self.assertGreaterEqual(m["reloads"], 1)
        self.assertTrue(wait_for(lambda: self.srv.json("GET", "/metrics")[2]["model"]["loaded"] == 1))

    def test_08_broken_model_kept_old(self):
        v0 = self.version()
        _, _, m0 = self.srv.json("GET", "/metrics")
        self.edit("city:nice\t", "city:nice\tNOT-A-TYPE-LINE\n\ncity:nice\t")
        self.srv.proc.send_signal(signal.SIGHUP)
        self.assertTrue(wait_for(lambda: "still serving the previous model" in self.srv.log()),
                        self.srv.log())
        self.assertRegex(self.srv.log(), r"test\.tsv:\d+(:\d+)?: ")
        self.assertEqual(self.version(), v0)
        self.assertIn("country:RU", self.tag_ids("The Kremlin said no.")[0])
        _, _, m1 = self.srv.json("GET", "/metrics")
        self.assertGreaterEqual(m1["reload_failures"], m0["reload_failures"] + 1)
        # the watcher does not retry the same broken files every second
        time.sleep(2.5)
        _, _, m2 = self.srv.json("GET", "/metrics")
        self.assertEqual(m2["reload_failures"], m1["reload_failures"])
        # repaired: the watcher (no signal) picks up the change
        self.edit("city:nice\tNOT-A-TYPE-LINE\n\ncity:nice\t", "city:nice\t")
        self.edit("Zelensky|Zelenskyy", "Zelensky|Zelenskyy|Bankova")
        self.assertTrue(wait_for(lambda: self.version() != v0), self.srv.log())
        self.assertIn("person:volodymyr-zelensky", self.tag_ids("Bankova said yes.")[0])
        # the new model answers before the reload's log line is written: wait for it
        self.assertTrue(wait_for(lambda: "files changed" in self.srv.log()), self.srv.log())

    def test_09_in_flight_across_reloads(self):
        """Requests keep succeeding while the model is swapped under them."""
        failures, done = [], [0]
        stop = threading.Event()

        def client():
            while not stop.is_set():
                try:
                    status, _, data = self.srv.request("POST", "/tag", json.dumps(
                        {"text": "Putin, NASA and Russia. " * 40}).encode())
                    if status != 200:
                        failures.append((status, data[:200]))
                    done[0] += 1
                except Exception as e:  # noqa: BLE001 - any failure is the finding
                    failures.append(repr(e))

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        _, _, m0 = self.srv.json("GET", "/metrics")
        # One SIGHUP at a time: a second one sent while a reload runs is merged with
        # a third (a signal is pending or not), and a reload on a loaded machine (its
        # thread runs at a lower priority) may take longer than any fixed pause.
        try:
            for i in range(6):
                self.srv.proc.send_signal(signal.SIGHUP)
                self.assertTrue(wait_for(lambda: self.srv.json("GET", "/metrics")[2]["reloads"]
                                         >= m0["reloads"] + i + 1, 30), self.srv.log())
                time.sleep(0.1)
        finally:  # the clients stop whatever happened, or the test would never end
            stop.set()
            for t in threads:
                t.join()
        self.assertEqual(failures, [])
        self.assertGreater(done[0], 20)
        self.assertTrue(wait_for(lambda: self.srv.json("GET", "/metrics")[2]["model"]["loaded"] == 1))
        self.assertIsNone(self.srv.proc.poll())


class StopTest(unittest.TestCase):
    def test_sigterm_answers_requests_in_flight(self):
        """SIGTERM while requests wait for the one tagging thread: each is answered."""
        tmp = tempfile.mkdtemp(prefix="tagger-serve-stop-")
        try:
            model = os.path.join(tmp, "model")
            shutil.copytree(os.path.join(SOURCE, "tests", "data", "model-mini"), model)
            srv = Server(model, "--workers", "1", "--watch", "0")
            body = json.dumps({"text": "Putin, NASA and Russia said so. " * 10000}).encode()
            conns = [http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
                     for _ in range(12)]
            for c in conns:
                c.connect()
            for c in conns:
                c.request("POST", "/tag", body=body)
            # Every request's headers in (in flight) or answered already: a connection
            # still in the listen queue when the stop comes is closed unanswered.
            def all_in():
                m = srv.json("GET", "/metrics")[2]
                return m["in_flight"] + m["documents"] >= len(conns)
            self.assertTrue(wait_for(all_in, 20), srv.log())
            srv.proc.send_signal(signal.SIGTERM)
            answers = []
            for c in conns:
                resp = c.getresponse()
                answers.append((resp.status, b'"tags"' in resp.read()))
                c.close()
            self.assertEqual(answers, [(200, True)] * len(conns))
            self.assertEqual(srv.stop(), 0)
        finally:
            shutil.rmtree(tmp)


class OptionsTest(unittest.TestCase):
    def test_bad_options(self):
        for args in (["--port", "70000"], ["--workers", "0"], ["--max-body", "x"], ["extra"]):
            p = subprocess.run([TAGGER, "serve", *args], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn("tagger serve:", p.stderr)

    def test_bad_model(self):
        p = subprocess.run([TAGGER, "serve", "--model", "/nonexistent/model", "--port", "0"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 2)
        self.assertIn("/nonexistent/model", p.stderr)

    def test_help(self):
        p = subprocess.run([TAGGER, "serve", "--help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        for word in ("POST /tag", "--max-body", "--watch", "SIGHUP"):
            self.assertIn(word, p.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
