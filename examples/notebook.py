# %% Example: newsdex from Python, cell by cell (run it whole, or paste cells into a notebook).
#   PYTHONPATH=build/python python3 examples/notebook.py corpus/sample
import collections
import sys
import tempfile

import newsdex

folder = sys.argv[1] if len(sys.argv) > 1 else "corpus/sample"
db = tempfile.mkdtemp() + "/news.db"

# %% Index a folder, and one more article given as a dict.
with newsdex.Indexer(db) as indexer:
    stats = indexer.index([folder, {"id": "extra", "date": "2025-07-20",
                                    "title": "Lavrov in Tianjin",
                                    "body": "Sergey Lavrov arrived in Tianjin on Sunday."}])
print(stats.to_dict())

# %% Who is Lavrov seen with, and where, in June and July?
searcher = newsdex.Searcher(db)
result = searcher.search("actor:lavrov date:2025-06..2025-07", facets=["actor", "place"],
                         timeline="month", sort="-date")
print(result.matches, "articles")
for hit in result.hits:
    print(hit.date, hit.title)
for facet in result.facets:
    print(facet.field, [(v.name, v.count) for v in facet.values[:5]])
print({b.period: b.count for b in result.timeline.buckets})

# %% Entities in any string.
recognizer = newsdex.EntityRecognizer()
found = recognizer.recognize("Wang Yi met Sergey Lavrov in Beijing.")
print([e.name for e in found.actors], [e.name for e in found.places])

# %% Errors are Python exceptions with a column and a hint.
try:
    searcher.search("oil AND")
except newsdex.QueryError as e:
    print(f"column {e.column}: {e} ({e.hint})")

# %% A table of results, e.g. for pandas: plain dicts.
rows = [hit.to_dict() for hit in result.hits]
print(collections.Counter(row["date"][:7] for row in rows))
