#!/usr/bin/env bash
# Builds the plugin and shows it at work on the bundled seed example (examples/seed):
#   1. release 1.0.0 of a shop is published; its SQL selects orders.legacy_status;
#   2. the next release drops legacy_status: the check FAILS and says which changeset, which 1.0.0 query,
#      and what to do instead;
#   3. the same next release with only the expand step (ADD COLUMN order_state_v2): the check PASSES.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
mvn=("$root/mvnw" -B --no-transfer-progress)

echo "== Building and installing the plugin (tests skipped: run './mvnw -B verify' for those)"
"${mvn[@]}" -q install -DskipTests -Dinvoker.skip=true
version=$("${mvn[@]}" -q help:evaluate -Dexpression=project.version -DforceStdout)

cd examples/seed
rm -rf target
echo
echo "== Publishing release 1.0.0 of the shop to examples/seed/target/releases"
"${mvn[@]}" -q -f release-1.0.0/pom.xml deploy \
  -DaltDeploymentRepository="demo-releases::file://$(pwd)/target/releases"
# the local repository may hold an earlier demo's 1.0.0: forget it so the published one is used
rm -rf "$("${mvn[@]}" -q help:evaluate -Dexpression=settings.localRepository -DforceStdout)/io/github/rollbacksafety/demo"

echo
echo "== Next release DROPS orders.legacy_status (expected: BUILD FAILURE)"
if "${mvn[@]}" -f next-drop/pom.xml verify -Drollback-safety.version="$version"; then
  echo "!! the unsafe release passed: this is a bug" >&2
  exit 1
fi

echo
echo "== Next release only ADDS order_state_v2 (expected: BUILD SUCCESS)"
"${mvn[@]}" -f next-expand/pom.xml verify -Drollback-safety.version="$version"

echo
echo "Demo done: the drop was caught (see examples/seed/next-drop/target/rollback-safety/report.md),"
echo "the expand-only release passed."
