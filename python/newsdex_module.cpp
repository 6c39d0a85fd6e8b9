// The Python module newsdex: libnewsdex's public API (index, search, recognise entities) for
// Python, with results as objects that have to_dict() (the shape of newsdex-search --json) and
// newsdex.Error and its subclasses for the library's errors. Public headers only.
#include <newsdex/newsdex.h>
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// ---- Exceptions: one Python class per ErrorCode, all subclasses of newsdex.Error. ----------
struct ErrorClasses {
  py::object base, query, input, database, locked, io, internal, not_found;
};
ErrorClasses& error_classes() {
  static ErrorClasses* classes = new ErrorClasses();  // lives as long as the interpreter
  return *classes;
}

py::object error_class(newsdex::ErrorCode code) {
  ErrorClasses& c = error_classes();
  switch (code) {
    case newsdex::ErrorCode::query:
      return c.query;
    case newsdex::ErrorCode::input:
      return c.input;
    case newsdex::ErrorCode::database:
      return c.database;
    case newsdex::ErrorCode::locked:
      return c.locked;
    case newsdex::ErrorCode::io:
      return c.io;
    case newsdex::ErrorCode::internal:
      return c.internal;
    case newsdex::ErrorCode::not_found:
      return c.not_found;
  }
  return c.base;
}

void raise(const newsdex::Error& e, std::optional<std::size_t> column) {
  py::object cls = error_class(e.code());
  py::object exc = cls(e.what());
  exc.attr("code") = newsdex::to_string(e.code());
  exc.attr("hint") = e.hint();
  exc.attr("column") = column ? py::object(py::int_(*column)) : py::object(py::none());
  PyErr_SetObject(cls.ptr(), exc.ptr());
}

// ---- to_dict(): the shapes of docs/json.md. -------------------------------------------------
py::dict entity_dict(const newsdex::Entity& e) {
  py::dict d("type"_a = newsdex::to_string(e.type), "name"_a = e.name, "id"_a = e.id,
             "mentions"_a = e.mentions);
  if (!e.country.empty()) d["country"] = e.country;
  if (!e.region.empty()) d["region"] = e.region;
  return d;
}
py::list entities_list(const std::vector<newsdex::Entity>& entities) {
  py::list l;
  for (const auto& e : entities) l.append(entity_dict(e));
  return l;
}
py::list highlights_list(const std::vector<newsdex::Highlight>& hl) {
  py::list l;
  for (const auto& h : hl) l.append(py::make_tuple(h.begin, h.end));
  return l;
}
py::dict article_dict(const newsdex::Article& a) {
  return py::dict("id"_a = a.id, "date"_a = a.date, "time"_a = a.time, "title"_a = a.title,
                  "body"_a = a.body, "source"_a = a.source, "url"_a = a.url, "lang"_a = a.lang,
                  "path"_a = a.path);
}
py::dict hit_dict(const newsdex::Hit& h) {
  return py::dict("rank"_a = h.rank, "id"_a = h.id, "date"_a = h.date, "time"_a = h.time,
                  "title"_a = h.title,
                  "title_highlights"_a = highlights_list(h.title_highlights), "score"_a = h.score,
                  "percent"_a = h.percent, "source"_a = h.source, "url"_a = h.url,
                  "path"_a = h.path, "lang"_a = h.lang,
                  "snippet"_a = py::dict("text"_a = h.snippet.text,
                                         "highlights"_a = highlights_list(h.snippet.highlights)),
                  "actors"_a = entities_list(h.actors), "places"_a = entities_list(h.places));
}
py::dict facet_value_dict(const newsdex::FacetValue& v) {
  py::dict d("id"_a = v.id, "name"_a = v.name, "count"_a = v.count);
  if (!v.country.empty()) d["country"] = v.country;
  return d;
}
py::dict facet_dict(const newsdex::Facet& f) {
  py::list values;
  for (const auto& v : f.values) values.append(facet_value_dict(v));
  return py::dict("field"_a = newsdex::to_string(f.field), "values"_a = values,
                  "distinct"_a = f.distinct, "articles_without"_a = f.articles_without);
}
py::dict bucket_dict(const newsdex::TimelineBucket& b, bool normalized) {
  py::dict d("period"_a = b.period, "first_day"_a = b.first_day, "last_day"_a = b.last_day,
             "count"_a = b.count);
  if (normalized) {
    d["total"] = b.total;
    d["share"] = b.share;
  }
  return d;
}
py::dict timeline_dict(const newsdex::Timeline& t) {
  py::list buckets;
  for (const auto& b : t.buckets) buckets.append(bucket_dict(b, t.normalized));
  return py::dict("period"_a = newsdex::to_string(t.period), "normalized"_a = t.normalized,
                  "buckets"_a = buckets);
}
py::dict result_dict(const newsdex::SearchResult& r) {
  py::list hits, facets;
  for (const auto& h : r.hits) hits.append(hit_dict(h));
  for (const auto& f : r.facets) facets.append(facet_dict(f));
  return py::dict(
      "matches"_a = r.matches ? py::object(py::int_(*r.matches)) : py::object(py::none()),
      "matches_estimated"_a = r.matches_estimated, "hits"_a = hits, "facets"_a = facets,
      "timeline"_a = r.timeline ? py::object(timeline_dict(*r.timeline)) : py::none(),
      "suggestion"_a = r.suggestion ? py::object(py::str(*r.suggestion)) : py::object(py::none()),
      "suggestion_matches"_a = r.suggestion_matches);
}
py::dict stats_dict(const newsdex::IndexStats& s) {
  return py::dict("read"_a = s.read, "indexed"_a = s.indexed, "skipped"_a = s.skipped,
                  "warnings"_a = s.warnings, "unchanged"_a = s.unchanged,
                  "unchanged_files"_a = s.unchanged_files, "added"_a = s.added,
                  "updated"_a = s.updated, "updated_files"_a = s.updated_files,
                  "removed"_a = s.removed, "doc_count"_a = s.doc_count,
                  "cancelled"_a = s.cancelled);
}

// Articles from Python dicts with the keys of the JSON Lines input (date required; body or
// text; id, title, source, url, lang, time optional): each is serialised and read by the JSON
// Lines reader, so it is checked exactly like a line of a .jsonl file.
newsdex::ReadCounts read_dicts(const std::vector<py::dict>& dicts,
                               const std::function<void(newsdex::Article&&)>& on_article,
                               const std::function<void(const newsdex::Diagnostic&)>& on_diag) {
  py::object dumps = py::module_::import("json").attr("dumps");
  std::string buffer;
  for (const py::dict& d : dicts) {
    buffer += dumps(d, "ensure_ascii"_a = false,
                    "default"_a = py::module_::import("builtins").attr("str"))
                  .cast<std::string>();
    buffer += '\n';
  }
  py::gil_scoped_release release;
  return newsdex::read_buffer(buffer, "<python>", newsdex::InputFormat::jsonl, on_article, on_diag);
}

py::dict diagnostic_dict(const newsdex::Diagnostic& d) {
  return py::dict(
      "severity"_a = d.severity == newsdex::Diagnostic::Severity::warning ? "warning" : "skipped",
      "path"_a = d.path, "line"_a = d.line, "message"_a = d.message);
}

// Indexer for Python: paths and dicts, diagnostics to a callable (or collected).
class PyIndexer {
 public:
  PyIndexer(const std::string& db, bool recognize_entities, unsigned jobs, std::size_t batch_size,
            const std::string& data_dir, const std::string& aliases, bool incremental) {
    newsdex::IndexOptions o;
    o.db_path = db;
    o.recognize_entities = recognize_entities;
    o.jobs = jobs;
    o.batch_size = batch_size;
    o.recognizer.data_dir = data_dir;
    o.recognizer.aliases_file = aliases;
    o.incremental = incremental;
    py::gil_scoped_release release;
    indexer_.emplace(o);
  }

  newsdex::Indexer& get() {
    if (!indexer_) throw newsdex::Error(newsdex::ErrorCode::input, "the indexer is closed");
    return *indexer_;
  }

  void add(const py::dict& article) {
    std::optional<newsdex::Article> got;
    std::string problem;
    read_dicts(
        {article}, [&](newsdex::Article&& a) { got = std::move(a); },
        [&](const newsdex::Diagnostic& d) {
          if (d.severity == newsdex::Diagnostic::Severity::skipped) problem = d.message;
        });
    if (!got) throw newsdex::Error(newsdex::ErrorCode::input, "bad article: " + problem);
    if (got->path == "<python>") got->path.clear();
    newsdex::Indexer& indexer = get();
    py::gil_scoped_release release;
    indexer.add(*got);
  }

  // Paths (files, directories, "-") first, then dicts; commits. Diagnostics go to
  // on_diagnostic(dict) when given; progress to on_progress(dict).
  newsdex::IndexStats index(const py::iterable& items, const std::string& format,
                            const py::object& on_diagnostic, const py::object& on_progress) {
    newsdex::Indexer& indexer = get();
    std::vector<std::string> paths;
    std::vector<py::dict> dicts;
    py::object fspath = py::module_::import("os").attr("fspath");
    for (py::handle item : items) {
      if (py::isinstance<py::dict>(item)) {
        dicts.push_back(py::reinterpret_borrow<py::dict>(item));
      } else {
        paths.push_back(fspath(item).cast<std::string>());
      }
    }
    // Callbacks run on this thread with the GIL taken back for them.
    auto on_diag = [&](const newsdex::Diagnostic& d) {
      if (on_diagnostic.is_none()) return;
      py::gil_scoped_acquire acquire;
      on_diagnostic(diagnostic_dict(d));
    };
    std::function<void(const newsdex::IndexProgress&)> progress;
    if (!on_progress.is_none()) {
      progress = [&](const newsdex::IndexProgress& p) {
        py::gil_scoped_acquire acquire;
        on_progress(py::dict("read"_a = p.read, "indexed"_a = p.indexed,
                             "current_path"_a = p.current_path));
      };
    }
    newsdex::IndexStats stats;
    if (!paths.empty()) {
      newsdex::ReadOptions read_options;
      read_options.format = newsdex::parse_input_format(format);
      py::gil_scoped_release release;
      stats = indexer.index_inputs(paths, read_options, on_diag, progress);
    }
    if (!dicts.empty()) {
      const newsdex::ReadCounts counts = read_dicts(
          dicts,
          [&](newsdex::Article&& a) {
            a.path.clear();
            indexer.add(a);
          },
          on_diag);
      py::gil_scoped_release release;
      indexer.commit();
      stats.read += counts.read;
      stats.indexed += counts.accepted;
      stats.added += counts.accepted;
      stats.skipped += counts.skipped;
      stats.warnings += counts.warnings;
      stats.doc_count = indexer.doc_count();
    }
    return stats;
  }

  void close() {
    if (!indexer_) return;
    py::gil_scoped_release release;
    indexer_->commit();
    indexer_.reset();
  }

 private:
  std::optional<newsdex::Indexer> indexer_;
};

newsdex::SearchOptions search_options(std::size_t limit, std::size_t offset,
                                      const std::string& sort, bool count,
                                      const std::vector<std::string>& facets,
                                      std::size_t facet_limit,
                                      const std::optional<std::string>& timeline, bool normalize,
                                      std::size_t snippet_chars, const std::string& like = {}) {
  newsdex::SearchOptions o;
  o.like = like;
  o.limit = limit;
  o.offset = offset;
  o.sort = newsdex::parse_sort_order(sort);
  o.exact_count = count;
  for (const std::string& f : facets) {
    const newsdex::FacetField field = newsdex::parse_facet_field(f);
    if (std::find(o.facets.begin(), o.facets.end(), field) == o.facets.end())
      o.facets.push_back(field);
  }
  o.facet_limit = facet_limit;
  if (timeline) o.timeline = newsdex::parse_period(*timeline);
  o.normalize = normalize;
  if (normalize && !timeline) {
    throw newsdex::Error(newsdex::ErrorCode::input, "normalize applies to a timeline",
                         "add timeline='day'|'week'|'month'|'year'");
  }
  o.snippet_chars = snippet_chars;
  return o;
}

}  // namespace

PYBIND11_MODULE(newsdex, m) {
  m.doc() = "newsdex: full-text search for news corpora (libnewsdex for Python).";
  m.attr("__version__") = newsdex::version();
  m.attr("SCHEMA_VERSION") = newsdex::kSchemaVersion;

  ErrorClasses& ec = error_classes();
  auto make = [&](const char* name, py::handle base, const char* doc) {
    py::object cls = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
        (std::string("newsdex.") + name).c_str(), doc, base.ptr(), nullptr));
    m.attr(name) = cls;
    return cls;
  };
  ec.base = make("Error", PyExc_Exception,
                 "Base of every newsdex error: .code ('input', 'query', ...), .hint (a "
                 "suggestion, may be empty), .column (QueryError only, else None).");
  ec.query = make("QueryError", ec.base, "A query that cannot be parsed; .column is 1-based.");
  ec.input = make("InputError", ec.base, "Bad input data or arguments.");
  ec.database = make("DatabaseError", ec.base, "A missing, corrupt or foreign database.");
  ec.locked = make("LockedError", ec.database, "The database is locked by another writer.");
  ec.io = make("IOError", ec.base, "A file could not be read or written.");
  ec.internal = make("InternalError", ec.base, "A bug in newsdex.");
  ec.not_found = make("NotFoundError", ec.base, "No database holds the article id given.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const newsdex::QueryError& e) {
      raise(e, e.column());
    } catch (const newsdex::Error& e) {
      raise(e, std::nullopt);
    }
  });

  py::class_<newsdex::Entity>(m, "Entity", "An actor (person, organisation) or place.")
      .def_property_readonly("type",
                             [](const newsdex::Entity& e) { return newsdex::to_string(e.type); })
      .def_readonly("name", &newsdex::Entity::name)
      .def_readonly("id", &newsdex::Entity::id)
      .def_readonly("country", &newsdex::Entity::country)
      .def_readonly("region", &newsdex::Entity::region)
      .def_readonly("aliases", &newsdex::Entity::aliases)
      .def_readonly("mentions", &newsdex::Entity::mentions)
      .def("to_dict", &entity_dict)
      .def("__repr__", [](const newsdex::Entity& e) {
        return "<newsdex.Entity " + std::string(newsdex::to_string(e.type)) + " '" + e.name + "'>";
      });
  py::class_<newsdex::ArticleEntities>(m, "Entities", "The actors and places of a text.")
      .def_readonly("actors", &newsdex::ArticleEntities::actors)
      .def_readonly("places", &newsdex::ArticleEntities::places)
      .def("to_dict", [](const newsdex::ArticleEntities& e) {
        return py::dict("actors"_a = entities_list(e.actors), "places"_a = entities_list(e.places));
      });
  py::class_<newsdex::Article>(m, "Article", "An article as stored.")
      .def_readonly("id", &newsdex::Article::id)
      .def_readonly("date", &newsdex::Article::date)
      .def_readonly("time", &newsdex::Article::time)
      .def_readonly("title", &newsdex::Article::title)
      .def_readonly("body", &newsdex::Article::body)
      .def_readonly("source", &newsdex::Article::source)
      .def_readonly("url", &newsdex::Article::url)
      .def_readonly("lang", &newsdex::Article::lang)
      .def_readonly("path", &newsdex::Article::path)
      .def("to_dict", &article_dict);
  py::class_<newsdex::StoredArticle>(m, "StoredArticle", "An article and its entities.")
      .def_readonly("article", &newsdex::StoredArticle::article)
      .def_readonly("entities", &newsdex::StoredArticle::entities)
      .def("to_dict", [](const newsdex::StoredArticle& s) {
        py::dict d = article_dict(s.article);
        d["actors"] = entities_list(s.entities.actors);
        d["places"] = entities_list(s.entities.places);
        return d;
      });
  py::class_<newsdex::Hit>(m, "Hit", "One search result.")
      .def_readonly("rank", &newsdex::Hit::rank)
      .def_readonly("score", &newsdex::Hit::score)
      .def_readonly("percent", &newsdex::Hit::percent)
      .def_readonly("id", &newsdex::Hit::id)
      .def_readonly("date", &newsdex::Hit::date)
      .def_readonly("time", &newsdex::Hit::time)
      .def_readonly("title", &newsdex::Hit::title)
      .def_readonly("source", &newsdex::Hit::source)
      .def_readonly("url", &newsdex::Hit::url)
      .def_readonly("path", &newsdex::Hit::path)
      .def_readonly("lang", &newsdex::Hit::lang)
      .def_property_readonly("snippet", [](const newsdex::Hit& h) { return h.snippet.text; })
      .def_readonly("actors", &newsdex::Hit::actors)
      .def_readonly("places", &newsdex::Hit::places)
      .def("to_dict", &hit_dict)
      .def("__repr__", [](const newsdex::Hit& h) {
        return "<newsdex.Hit " + std::to_string(h.rank) + " '" + h.id + "'>";
      });
  py::class_<newsdex::FacetValue>(m, "FacetValue")
      .def_readonly("id", &newsdex::FacetValue::id)
      .def_readonly("name", &newsdex::FacetValue::name)
      .def_readonly("country", &newsdex::FacetValue::country)
      .def_readonly("count", &newsdex::FacetValue::count)
      .def("to_dict", &facet_value_dict);
  py::class_<newsdex::Facet>(m, "Facet", "Counts of one field over all matches.")
      .def_property_readonly("field",
                             [](const newsdex::Facet& f) { return newsdex::to_string(f.field); })
      .def_readonly("values", &newsdex::Facet::values)
      .def_readonly("distinct", &newsdex::Facet::distinct)
      .def_readonly("articles_without", &newsdex::Facet::articles_without)
      .def("to_dict", &facet_dict);
  py::class_<newsdex::TimelineBucket>(m, "TimelineBucket")
      .def_readonly("period", &newsdex::TimelineBucket::period)
      .def_readonly("first_day", &newsdex::TimelineBucket::first_day)
      .def_readonly("last_day", &newsdex::TimelineBucket::last_day)
      .def_readonly("count", &newsdex::TimelineBucket::count)
      .def_readonly("total", &newsdex::TimelineBucket::total)
      .def_readonly("share", &newsdex::TimelineBucket::share);
  py::class_<newsdex::Timeline>(m, "Timeline", "Matches per period, oldest first, no gaps.")
      .def_property_readonly(
          "period", [](const newsdex::Timeline& t) { return newsdex::to_string(t.period); })
      .def_readonly("normalized", &newsdex::Timeline::normalized)
      .def_readonly("buckets", &newsdex::Timeline::buckets)
      .def("to_dict", &timeline_dict);
  py::class_<newsdex::SearchResult>(m, "SearchResult", "Hits, facets and timeline of a query.")
      .def_readonly("matches", &newsdex::SearchResult::matches)
      .def_readonly("matches_estimated", &newsdex::SearchResult::matches_estimated)
      .def_readonly("hits", &newsdex::SearchResult::hits)
      .def_readonly("facets", &newsdex::SearchResult::facets)
      .def_readonly("timeline", &newsdex::SearchResult::timeline)
      .def_readonly("suggestion", &newsdex::SearchResult::suggestion)
      .def_readonly("suggestion_matches", &newsdex::SearchResult::suggestion_matches)
      .def("to_dict", &result_dict);
  py::class_<newsdex::IndexStats>(m, "IndexStats", "Totals of one indexing run.")
      .def_readonly("read", &newsdex::IndexStats::read)
      .def_readonly("indexed", &newsdex::IndexStats::indexed)
      .def_readonly("skipped", &newsdex::IndexStats::skipped)
      .def_readonly("warnings", &newsdex::IndexStats::warnings)
      .def_readonly("unchanged", &newsdex::IndexStats::unchanged)
      .def_readonly("added", &newsdex::IndexStats::added)
      .def_readonly("updated", &newsdex::IndexStats::updated)
      .def_readonly("removed", &newsdex::IndexStats::removed)
      .def_readonly("doc_count", &newsdex::IndexStats::doc_count)
      .def_readonly("cancelled", &newsdex::IndexStats::cancelled)
      .def("to_dict", &stats_dict);

  py::class_<newsdex::EntityRecognizer>(
      m, "EntityRecognizer",
      "Finds actors and places in text. Loading takes about a second; recognize() may be "
      "called from several threads.")
      .def(py::init([](const std::string& data_dir, const std::string& aliases) {
             newsdex::RecognizerOptions o;
             o.data_dir = data_dir;
             o.aliases_file = aliases;
             py::gil_scoped_release release;
             return std::make_unique<newsdex::EntityRecognizer>(o);
           }),
           "data_dir"_a = "", "aliases"_a = "")
      .def_property_readonly("model_version", &newsdex::EntityRecognizer::model_version)
      .def("recognize", &newsdex::EntityRecognizer::recognize_text, "text"_a,
           "The entities of a UTF-8 string.", py::call_guard<py::gil_scoped_release>());

  py::class_<PyIndexer>(
      m, "Indexer",
      "Writes articles into a database (created if missing); holds its write lock until "
      "close(). Use from one thread; cancel() from any. A context manager: leaving the block "
      "commits and closes.")
      .def(py::init<const std::string&, bool, unsigned, std::size_t, const std::string&,
                    const std::string&, bool>(),
           "db"_a, "recognize_entities"_a = true, "jobs"_a = 0, "batch_size"_a = 1000,
           "data_dir"_a = "", "aliases"_a = "", "incremental"_a = true)
      .def("add", &PyIndexer::add, "article"_a,
           "Adds or replaces one article given as a dict with the keys of JSON Lines input "
           "(date required; id; title; body or text; source, url, lang, time). Raises "
           "InputError for a bad article.")
      .def("index", &PyIndexer::index, "items"_a, "format"_a = "auto",
           "on_diagnostic"_a = py::none(), "on_progress"_a = py::none(),
           "Indexes paths (files, directories, '-'), then article dicts, and commits. "
           "on_diagnostic(dict) gets each problem, on_progress(dict) now and then; both on this "
           "thread. Returns IndexStats.")
      .def(
          "commit", [](PyIndexer& i) { i.get().commit(); },
          py::call_guard<py::gil_scoped_release>())
      .def(
          "delete",
          [](PyIndexer& i, const std::vector<std::string>& ids) {
            const newsdex::DeleteResult r = i.get().delete_ids(ids);
            return py::dict("removed"_a = r.removed, "missing"_a = r.missing);
          },
          "ids"_a, "Deletes articles by id; commits. Returns {'removed', 'missing'}.")
      .def(
          "remove", [](PyIndexer& i, const std::string& id) { return i.get().remove(id); }, "id"_a,
          "Deletes one article by id; commits. Returns whether it existed.")
      .def(
          "cancel", [](PyIndexer& i) { i.get().cancel(); },
          "Stops a running index() at the next article (from a callback or another thread).")
      .def_property_readonly("doc_count", [](PyIndexer& i) { return i.get().doc_count(); })
      .def("close", &PyIndexer::close, "Commits and releases the database.")
      .def(
          "__enter__", [](PyIndexer& i) -> PyIndexer& { return i; },
          py::return_value_policy::reference)
      .def("__exit__", [](PyIndexer& i, py::args) { i.close(); });

  py::class_<newsdex::Searcher>(
      m, "Searcher", "Runs queries over one or more databases as one. Use one Searcher per thread.")
      .def(py::init([](const py::object& dbs) {
             py::object fspath = py::module_::import("os").attr("fspath");
             std::vector<std::string> paths;
             if (py::isinstance<py::str>(dbs) || py::hasattr(dbs, "__fspath__")) {
               paths.push_back(fspath(dbs).cast<std::string>());
             } else {
               for (py::handle d : dbs) paths.push_back(fspath(d).cast<std::string>());
             }
             py::gil_scoped_release release;
             return std::make_unique<newsdex::Searcher>(paths);
           }),
           "db"_a)
      .def(
          "search",
          [](newsdex::Searcher& s, const std::string& query, std::size_t limit, std::size_t offset,
             const std::string& sort, bool count, const std::vector<std::string>& facets,
             std::size_t facet_limit, const std::optional<std::string>& timeline, bool normalize,
             std::size_t snippet_chars, const std::optional<std::string>& like) {
            if (like && like->empty()) {
              throw newsdex::Error(newsdex::ErrorCode::not_found, "no article with id ''");
            }
            const newsdex::SearchOptions o =
                search_options(limit, offset, sort, count, facets, facet_limit, timeline, normalize,
                               snippet_chars, like.value_or(""));
            py::gil_scoped_release release;
            return s.search(query, o);
          },
          "query"_a, "limit"_a = 10, "offset"_a = 0, "sort"_a = "relevance", "count"_a = false,
          "facets"_a = std::vector<std::string>{}, "facet_limit"_a = 10, "timeline"_a = py::none(),
          "normalize"_a = false, "snippet_chars"_a = 200, "like"_a = py::none(),
          "Runs a query (the language of newsdex(7)) with newsdex-search's options: count, "
          "facets (actor, place, country, source, lang, year, month), timeline (day, week, "
          "month, year), sort (relevance, date, -date, distance), limit/offset paging, like "
          "(an article id: articles like it, the query, which may be empty, narrowing them "
          "down). Raises QueryError with .column for a bad query, NotFoundError when no "
          "database holds the like id.")
      .def("get_article", &newsdex::Searcher::get_article, "id"_a,
           "The StoredArticle with this id, or None.", py::call_guard<py::gil_scoped_release>())
      .def("reopen", &newsdex::Searcher::reopen,
           "Sees the latest commit; returns False when nothing can have changed.",
           py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("doc_count", &newsdex::Searcher::doc_count);
}
