// Output of story exploration: related entities (text, JSON, CSV) and co-mention networks
// (GraphML, JSON), as newsdex-search --related and --network write them.
#pragma once

#include <newsdex/export.h>
#include <newsdex/searcher.h>

#include <ostream>
#include <string>

namespace newsdex::output {

/// How a network is written.
enum class NetworkFormat { graphml, json };

/// Parses "graphml" or "json"; throws Error(input) naming the valid ones otherwise.
NEWSDEX_EXPORT NetworkFormat parse_network_format(const std::string& name);

/// Writes `network` (of the matches of `query`) to `out`. GraphML: a GraphML 1.0 document
/// (UTF-8, one undirected graph) with <key> declarations for the node attributes label, kind,
/// entity_id, country, count and the edge attribute weight; each node's id is its query
/// (NetworkNode::query), e.g. actor:"opec". JSON: one object, docs/json.md ("network"). Text is
/// made valid for the format (invalid UTF-8 and control characters replaced). Stream errors are
/// left in the stream's state.
NEWSDEX_EXPORT void write_network(const Network& network, const std::string& query,
                                  NetworkFormat format, std::ostream& out);

/// Writes the network to `path` atomically (a temporary file in the same directory, then
/// rename): on failure no file is left and Error(io) "cannot write network PATH: reason" is
/// thrown.
NEWSDEX_EXPORT void write_network_file(const Network& network, const std::string& query,
                                       NetworkFormat format, const std::string& path);

/// Throws Error(io) if a file could not be written at `path` (missing or unwritable directory,
/// or a directory), so that a search does not run for nothing. Thread-safe.
NEWSDEX_EXPORT void check_output_path(const std::string& path);

/// How related entities are printed: a table, one JSON Lines object (docs/json.md,
/// "related"), or CSV rows with a header.
enum class RelatedFormat { text, json, csv };

/// Prints `related` (of the matches of `query`) to `out`.
NEWSDEX_EXPORT void print_related(const RelatedEntities& related, const std::string& query,
                                  RelatedFormat format, std::ostream& out);

}  // namespace newsdex::output
