"""test_binding.py - the Python binding (python/tagger.py) against the real library.

Run by ctest with TAGGER_LIBRARY (the built libtagger.so) and TAGGER_SOURCE (the
source tree: its model and tests/data/model-mini) in the environment; by hand:

    TAGGER_LIBRARY=build/libtagger.so python3 -m unittest tests/python/test_binding.py
"""

import os
import shutil
import sys
import tempfile
import threading
import unittest

SOURCE = os.environ.get("TAGGER_SOURCE") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.join(SOURCE, "python"))

import tagger  # noqa: E402

MINI = os.path.join(SOURCE, "tests", "data", "model-mini")
EN = ("Roscosmos and NASA will keep flying crews to the station, the Russian space "
      "agency said on Tuesday. Vladimir Putin spoke to reporters in Moscow about the "
      "United States.")
UK = "Президент України Володимир Зеленський зустрівся з делегацією США. Путіна у Росії критикують."


class ModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = tagger.Model(SOURCE)

    @classmethod
    def tearDownClass(cls):
        cls.model.close()

    def test_version_and_dir(self):
        self.assertRegex(self.model.version, r"^[0-9a-f]{8}$")
        self.assertEqual(os.path.realpath(self.model.dir), os.path.realpath(SOURCE))
        self.assertRegex(tagger.library_version(), r"^\d+\.\d+\.\d+$")
        counts = self.model.counts()
        self.assertGreater(counts["entities"], 100)
        self.assertGreater(counts["rules"], 0)

    def test_design_names(self):
        doc = self.model.tag(EN, title="Space cooperation", lang="en", id="a1")
        self.assertEqual(doc["id"], "a1")
        self.assertEqual(doc["lang"], "en")
        self.assertEqual(doc["model"], self.model.version)
        self.assertTrue(doc["tags"], doc)
        ids = [t["id"] for t in doc["tags"]]
        self.assertIn("country:RU", ids)
        self.assertIn("country:US", ids)
        scores = [t["score"] for t in doc["tags"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        for t in doc["tags"]:
            self.assertEqual(set(t) >= {"label", "id", "score", "evidence"}, True, t)
            self.assertTrue(0 <= t["score"] <= 1)
            for i in t["evidence"]:
                self.assertLess(i, len(doc["entities"]))
        keys = {"text", "type", "subtype", "id", "start", "end", "byte_start", "byte_end",
                "zone", "source"}
        for e in doc["entities"]:
            self.assertTrue(keys <= set(e), e)
            src = "Space cooperation" if e.get("field") == "title" else EN
            self.assertEqual(src[e["start"]:e["end"]], e["text"])

    def test_offsets_cyrillic(self):
        doc = self.model.tag(UK)
        self.assertEqual(doc["lang"], "uk")
        raw = UK.encode("utf-8")
        ents = {e["id"] for e in doc["entities"]}
        self.assertIn("country:RU", ents)  # "Росії" is inflected
        for e in doc["entities"]:
            self.assertEqual(UK[e["start"]:e["end"]], e["text"])
            self.assertEqual(raw[e["byte_start"]:e["byte_end"]].decode(), e["text"])
            self.assertGreater(e["byte_end"] - e["byte_start"], e["end"] - e["start"])

    def test_html(self):
        html = "<html><body><p>NASA and <b>Roscosmos</b> agree.</p></body></html>"
        doc = self.model.tag(html, html=True, lang="en")
        texts = {e["text"] for e in doc["entities"]}
        self.assertIn("Roscosmos", texts)
        for e in doc["entities"]:
            self.assertEqual(html.encode()[e["byte_start"]:e["byte_end"]].decode(), e["text"])

    def test_invalid_utf8(self):
        with self.assertRaises(tagger.TaggerError) as cm:
            self.model.tag(b"NASA \xff\xfe Moscow")
        self.assertEqual(cm.exception.kind, "INPUT")
        self.assertEqual(cm.exception.offset, 5)
        doc = self.model.tag(b"NASA \xff\xfe Moscow", replace_invalid=True)
        self.assertIn("org:nasa", {e["id"] for e in doc["entities"]})

    def test_threads_agree(self):
        texts = [EN, UK, EN + " " + UK]
        want = [self.model.tag(t) for t in texts]
        got, errors = {}, []

        def work(k):
            try:
                got[k] = [self.model.tag(t) for t in texts for _ in range(5)][::5]
            except Exception as e:  # reported below: a thread must not fail silently
                errors.append(e)

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        for k in range(4):
            self.assertEqual(got[k], want)


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tagger-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_missing_dir(self):
        with self.assertRaises(tagger.TaggerError) as cm:
            tagger.Model(os.path.join(self.tmp, "nope"))
        self.assertEqual(cm.exception.kind, "IO")
        self.assertIn("nope", cm.exception.file)

    def test_bad_gazetteer_line(self):
        model = os.path.join(self.tmp, "m")
        shutil.copytree(MINI, model)
        gaz = os.path.join(model, "gazetteers", "test.tsv")
        with open(gaz, encoding="utf-8") as f:
            lines = f.readlines()
        lines.insert(4, "broken line without columns\n")
        with open(gaz, "w", encoding="utf-8") as f:
            f.writelines(lines)
        with self.assertRaises(tagger.TaggerError) as cm:
            tagger.Model(model)
        e = cm.exception
        self.assertEqual(e.kind, "DATA")
        self.assertTrue(e.file.endswith("test.tsv"), e.file)
        self.assertEqual(e.line, 5)
        self.assertIn("test.tsv:5:", str(e))

    def test_mini_model_and_limits(self):
        with tagger.Model(MINI, limits={"document": 20}) as m:
            doc = m.tag("Putin in Russia")
            self.assertEqual([t["id"] for t in doc["tags"]], ["country:RU"])
            with self.assertRaises(tagger.TaggerError) as cm:
                m.tag("Putin in Russia and more text past the limit")
            self.assertEqual(cm.exception.kind, "LIMIT")
        with self.assertRaises(ValueError):
            m.tag("closed")
        with self.assertRaises(ValueError):
            tagger.Model(MINI, limits={"bogus": 1})


if __name__ == "__main__":
    unittest.main()
