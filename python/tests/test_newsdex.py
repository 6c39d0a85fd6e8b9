"""The Python module newsdex against the sample corpus: indexing from paths and dicts, the
search options of newsdex-search (checked against its --json output), entities, errors."""
import json
import os
import subprocess
import tempfile
import unittest

import newsdex

SRC = os.environ["NEWSDEX_SOURCE_DIR"]
BIN = os.environ["NEWSDEX_BIN"]
SAMPLE = os.path.join(SRC, "corpus", "sample")
QUERY = "actor:lavrov date:2025-06..2025-07"


class SampleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "news.db")
        problems = []
        with newsdex.Indexer(cls.db, jobs=1) as indexer:
            cls.stats = indexer.index([SAMPLE], on_diagnostic=problems.append)
        cls.problems = problems
        cls.searcher = newsdex.Searcher(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def cli_json(self, *args):
        run = subprocess.run([os.path.join(BIN, "newsdex-search"), "--db", self.db, "--json", *args],
                             capture_output=True, text=True, check=False)
        self.assertIn(run.returncode, (0, 1), run.stderr)
        return [json.loads(line) for line in run.stdout.splitlines()]

    def test_index_stats(self):
        self.assertGreater(self.stats.indexed, 5)
        self.assertEqual(self.stats.read, self.stats.indexed + self.stats.skipped)
        self.assertEqual(self.searcher.doc_count, self.stats.doc_count)
        self.assertFalse(self.stats.cancelled)
        self.assertEqual(json.loads(json.dumps(self.stats.to_dict()))["indexed"], self.stats.indexed)

    def test_faceted_date_filtered_actor_query_equals_cli(self):
        result = self.searcher.search(QUERY, facets=["actor", "place"], facet_limit=0, limit=20)
        lines = self.cli_json("--facets", "actor,place", "--facet-limit", "0", "--limit", "20", QUERY)
        cli_hits = [l for l in lines if l["type"] == "hit"]
        cli_facets = [l for l in lines if l["type"] == "facet"]
        summary = [l for l in lines if l["type"] == "summary"][0]
        self.assertGreater(len(cli_hits), 0)
        self.assertEqual(result.matches, summary["matches"])
        self.assertEqual([h.id for h in result.hits], [h["id"] for h in cli_hits])
        for mine, theirs in zip(result.hits, cli_hits):
            d = mine.to_dict()
            for key in ("rank", "date", "time", "title", "path", "source"):
                self.assertEqual(d[key], theirs[key], key)
            self.assertAlmostEqual(d["score"], theirs["score"], places=4)
            self.assertEqual([a["name"] for a in d["actors"]], [a["name"] for a in theirs["actors"]])
        self.assertEqual(len(result.facets), 2)
        for mine, theirs in zip(result.facets, cli_facets):
            self.assertEqual(mine.field, theirs["field"])
            self.assertEqual(mine.distinct, theirs["distinct"])
            self.assertEqual(mine.articles_without, theirs["articles_without"])
            self.assertEqual([(v.id, v.name, v.count) for v in mine.values],
                             [(v["id"], v["name"], v["count"]) for v in theirs["values"]])
        # Every hit is in the date range and names Lavrov.
        for hit in result.hits:
            self.assertTrue("2025-06-01" <= hit.date <= "2025-07-31", hit.date)
            self.assertIn("Sergey Lavrov", [a.name for a in hit.actors])
        json.dumps(result.to_dict())  # plain Python data all the way down

    def test_timeline_sort_and_paging(self):
        result = self.searcher.search("date:2025", timeline="month", normalize=True, sort="-date",
                                      limit=2, offset=1)
        lines = self.cli_json("--timeline", "month", "--normalize", "--sort", "-date",
                              "--limit", "2", "--offset", "1", "date:2025")
        timeline = [l for l in lines if l["type"] == "timeline"][0]
        self.assertEqual(result.timeline.to_dict()["buckets"], timeline["buckets"])
        self.assertEqual([h.id for h in result.hits], [l["id"] for l in lines if l["type"] == "hit"])
        self.assertEqual([h.rank for h in result.hits], [2, 3])
        dates = [h.date for h in result.hits]
        self.assertEqual(dates, sorted(dates, reverse=True))
        count = self.searcher.search("date:2025", count=True, limit=0)
        self.assertEqual(count.matches, sum(b.count for b in result.timeline.buckets))

    def test_errors_are_python_exceptions(self):
        with self.assertRaises(newsdex.QueryError) as caught:
            self.searcher.search("oil foo:bar")
        self.assertIsInstance(caught.exception, newsdex.Error)
        self.assertEqual(caught.exception.column, 5)
        self.assertEqual(caught.exception.code, "query")
        self.assertIn("fields are", caught.exception.hint)
        with self.assertRaises(newsdex.InputError):
            self.searcher.search("oil", facets=["colour"])
        with self.assertRaises(newsdex.DatabaseError):
            newsdex.Searcher(os.path.join(self.tmp.name, "missing.db"))
        with self.assertRaises(newsdex.LockedError):
            with newsdex.Indexer(self.db, recognize_entities=False):
                newsdex.Indexer(self.db, recognize_entities=False)

    def test_like_equals_cli(self):
        first = self.searcher.search("lavrov", limit=1).hits[0].id
        hits = [h.id for h in self.searcher.search("", like=first, limit=5).hits]
        cli = [o["id"] for o in self.cli_json("--limit", "5", "--like", first) if o["type"] == "hit"]
        self.assertTrue(hits)
        self.assertEqual(hits, cli)
        self.assertNotIn(first, hits)
        with self.assertRaises(newsdex.NotFoundError) as caught:
            self.searcher.search("", like="no/such/article")
        self.assertEqual(caught.exception.code, "not_found")
        self.assertIsInstance(caught.exception, newsdex.Error)

    def test_entities_in_a_string(self):
        recognizer = newsdex.EntityRecognizer()
        found = recognizer.recognize("Sergey Lavrov flew to Beijing on Monday to meet Wang Yi.")
        self.assertIn("Sergey Lavrov", [e.name for e in found.actors])
        self.assertIn("Beijing", [e.name for e in found.places])
        self.assertEqual(found.to_dict()["places"][0]["type"], "place")


class DictTest(unittest.TestCase):
    def test_dicts_fetch_delete_reopen_cancel(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "d.db")
            indexer = newsdex.Indexer(db, recognize_entities=False, jobs=1)
            stats = indexer.index([
                {"id": "a", "date": "2025-07-13", "title": "Kúrsk", "body": "Grain from Kursk."},
                {"id": "b", "date": "2025-07-14", "text": "Oil prices rose."},
                {"id": "bad", "date": "2025-13-45", "body": "never indexed"},
            ])
            self.assertEqual((stats.indexed, stats.skipped), (2, 1))
            with self.assertRaises(newsdex.InputError):
                indexer.add({"id": "c", "title": "no date"})
            searcher = newsdex.Searcher([db])
            self.assertEqual([h.id for h in searcher.search("KURSK").hits], ["a"])
            stored = searcher.get_article("b")
            self.assertEqual(stored.article.body, "Oil prices rose.")
            self.assertIsNone(searcher.get_article("nope"))
            self.assertTrue(indexer.remove("a"))
            self.assertEqual(indexer.delete(["a", "b"]), {"removed": 1, "missing": ["a"]})
            self.assertTrue(searcher.reopen())
            self.assertEqual(len(searcher.search("kursk").hits), 0)
            # A diagnostic's callback cancels: the run stops before the next input.
            stats = indexer.index([os.path.join(tmp, "missing.txt"), SAMPLE],
                                  on_diagnostic=lambda d: indexer.cancel())
            self.assertTrue(stats.cancelled)
            self.assertEqual(indexer.doc_count, 0)
            indexer.close()


if __name__ == "__main__":
    unittest.main()
