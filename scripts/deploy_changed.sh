#!/usr/bin/env bash
# Upload site/ to a static host, sending only the files whose bytes changed since the last upload.
#
#   scripts/deploy_changed.sh rsync  user@host:/var/www/archive/   [SITE_DIR]
#   scripts/deploy_changed.sh rclone remote:bucket/archive         [SITE_DIR]   # S3-compatible storage
#
# The build is byte-for-byte reproducible, so comparing content (checksums) rather than
# modification times finds exactly what changed: a fresh CI checkout has new mtimes everywhere.
# Files gone from site/ are deleted on the target. rclone's remote is configured once with
# `rclone config` (or RCLONE_CONFIG_<NAME>_* environment variables in CI); it compares MD5
# checksums, which S3-compatible stores keep for each object.
set -euo pipefail
tool=${1:?usage: $0 rsync|rclone TARGET [SITE_DIR]}
target=${2:?usage: $0 rsync|rclone TARGET [SITE_DIR]}
site=${3:-site}
[ -f "$site/index.html" ] || { echo "$site/index.html missing: build the site first (make build)" >&2; exit 2; }
case "$tool" in
  rsync)  exec rsync --recursive --links --checksum --delete --itemize-changes "$site/" "$target" ;;
  rclone) exec rclone sync --checksum --fast-list --stats-one-line -v "$site/" "$target" ;;
  *) echo "unknown tool $tool: rsync or rclone" >&2; exit 2 ;;
esac
