// libnewsdex in one include: every public header. Embedders may include the parts instead.
//
//   article.h   Article: one dated story, as readers produce it and the indexer takes it
//   reader.h    read_articles() and friends: text, JSON Lines, Reuters SGML, directories, stdin
//   entities.h  EntityRecognizer: actors and places in an article or a string
//   indexer.h   Indexer: add, delete, index files and streams, cancel, commit
//   searcher.h  Searcher: ranked queries, counts, facets, timelines, articles by id, reopen()
//   printer.h   text, JSON Lines and CSV printers of search results (as newsdex-search prints)
//   plot.h      timelines as SVG charts
//   cli.h       the command-line conventions of newsdex-index and newsdex-search
//   error.h     Error and QueryError, the only exceptions the library throws
//   version.h   library, schema and output-format versions
//   export.h    symbol visibility
//
// Thread-safety in one line: EntityRecognizer and the free functions are safe to share;
// an Indexer or a Searcher is used by one thread at a time (Indexer::cancel() excepted).
// No header includes a Xapian or ICU header.
#pragma once

#include <newsdex/article.h>
#include <newsdex/cli.h>
#include <newsdex/entities.h>
#include <newsdex/error.h>
#include <newsdex/explore.h>
#include <newsdex/export.h>
#include <newsdex/indexer.h>
#include <newsdex/plot.h>
#include <newsdex/printer.h>
#include <newsdex/reader.h>
#include <newsdex/searcher.h>
#include <newsdex/version.h>
