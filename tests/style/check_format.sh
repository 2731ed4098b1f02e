#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) would write.
# Fix with:  git ls-files '*.h' '*.cpp' | xargs clang-format -i
set -euo pipefail
cd "$1"
if ! command -v clang-format >/dev/null; then
  echo "clang-format is missing: run packaging/install-deps.sh"
  exit 1
fi
mapfile -t files < <(git ls-files '*.h' '*.cpp' '*.hpp' 2>/dev/null || find engine widgets app tests -name '*.h' -o -name '*.cpp')
bad=$(clang-format --dry-run "${files[@]}" 2>&1 | grep -oE '^[^:]+\.(h|cpp|hpp)' | sort -u || true)
if [ -n "$bad" ]; then
  echo "These files do not follow .clang-format:"
  echo "$bad" | sed 's/^/  /'
  echo "Fix with: clang-format -i <file> (or: git ls-files '*.h' '*.cpp' | xargs clang-format -i)"
  exit 1
fi
echo "format: ${#files[@]} files follow .clang-format"
