#!/usr/bin/env bash
# Runs spark/bench/scaling.yaml locally, under --spark local[1] and under --spark local[2] (one intra-op
# thread each), checks that the three records directories are byte-identical, and prints the wall times and
# the Spark engine's per-task figures from provenance.json. Usage: spark/bench/measure.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export ATTNLAB_THREADS=1
SUITE=spark/bench/scaling.yaml
OUT=results/spark-scaling
KEEP=$(mktemp -d)
for engine in local "local[1]" "local[2]"; do
  rm -rf "$OUT"
  if [ "$engine" = local ]; then ./attnlab run "$SUITE" >/dev/null; else ./attnlab run "$SUITE" --spark "$engine" >/dev/null; fi
  run=$(ls -d "$OUT"/*/ | head -1)
  cp -r "$run/records" "$KEEP/records-$engine"
  python3 - "$run/provenance.json" "$engine" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
t = p["timings"]
print(f'{sys.argv[2]:9s} wall {t["this_invocation_seconds"]:.1f} s', json.dumps(p["engine"]))
PY
done
diff -r "$KEEP/records-local" "$KEEP/records-local[1]" && diff -r "$KEEP/records-local" "$KEEP/records-local[2]" \
  && echo "records byte-identical across local, local[1], local[2]"
rm -rf "$KEEP"
