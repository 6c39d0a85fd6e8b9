#!/usr/bin/env bash
# The runtime library carries no training or evaluation code: the tagger's training
# (train, train_pipeline), word-cluster building (make_clusters, write_clusters, ...) and the
# CoNLL reader/scorer live in newsdex_training (tools/training/), which only the tools and the
# tests link. Fails if one of their symbols is defined in libnewsdex again.
# usage: no_training_code.sh LIBRARY   (libnewsdex.a or libnewsdex.so; exit 77: skipped)
set -euo pipefail
export LC_ALL=C
lib="${1:?usage: no_training_code.sh LIBRARY}"
command -v nm >/dev/null 2>&1 || { echo "SKIPPED: nm not found"; exit 77; }
[[ -f "$lib" ]] || { echo "FAIL: $lib not found"; exit 1; }
symbols="$(nm -C --defined-only "$lib" 2>/dev/null || true)"
# A stripped library lists nothing to check (the runtime's own Tagger::tag must be there).
if ! grep -q 'newsdex::entities::Tagger::tag(' <<<"$symbols"; then
  echo "SKIPPED: $lib lists no symbols (stripped?)"
  exit 77
fi
# Names of the training code, and anything mentioning training or CoNLL at all.
pattern='train|make_clusters|write_clusters|read_clusters|tokenize_for_clusters|conll'
if found="$(grep -iE "$pattern" <<<"$symbols")"; then
  echo "FAIL: $lib defines training or evaluation code (it belongs in tools/training/):"
  head -20 <<<"$found" | cut -c -200
  exit 1
fi
echo "ok: $lib defines no training, word-cluster building or CoNLL code"
