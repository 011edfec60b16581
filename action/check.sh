#!/usr/bin/env bash
# The "Run mtqa check" step of action.yml: builds the mtqa command from the
# action's inputs (MTQA_* variables), runs it, and records its exit code as the
# step output "exit-code", so that SARIF is uploaded before the gate fails the job.
set -uo pipefail
shopt -s globstar nullglob

# Deliberately unquoted: whitespace separates files and bash globs (** too) expand.
files=( ${MTQA_FILES:-} )
args=(check "${files[@]}" --backend "${MTQA_BACKEND:-bergamot}" --format "${MTQA_FORMATS:-json,sarif}"
      --out "${MTQA_OUT:-mtqa-reports}")
for glossary in ${MTQA_GLOSSARY:-}; do
  args+=(--glossary "$glossary")
done
if [ -n "${MTQA_FAIL_UNDER:-}" ]; then
  args+=(--fail-under "$MTQA_FAIL_UNDER")
fi

"${MTQA:-mtqa}" "${args[@]}"
status=$?
echo "exit-code=$status" >> "${GITHUB_OUTPUT:-/dev/null}"
exit 0
