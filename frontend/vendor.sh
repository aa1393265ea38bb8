#!/usr/bin/env bash
# Refresh the third-party browser files Vitrine serves from its own static folder (no CDN, ever: the platform
# must work on a closed network). Run from anywhere:
#
#     frontend/vendor.sh
#
# It installs exactly what package-lock.json pins (npm ci, no install scripts) and copies only the files we
# serve, with their licence, into the static folders below, and axe-core (which only the accessibility tests inject
# into pages; never served) into tests/support/vendor/. The copied files are kept in the repository, so running the
# site needs no node. To move to another version: change the version in package.json, run
# `npm install --package-lock-only` in frontend/, then this script, and commit the lock file with the vendored
# files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
npm ci --ignore-scripts --no-audit --no-fund

# vendor PACKAGE TARGET FILE... : copy FILEs of node_modules/PACKAGE into TARGET, after checking the licence.
vendor() {
    local name="$1" target="$here/../$2"
    shift 2
    local package="$here/node_modules/$name"
    for file in "$@"; do
        if [ ! -s "$package/$file" ]; then
            echo "vendor.sh: $name has no $file (did its layout change?)" >&2
            exit 1
        fi
    done
    # Both packages are MIT-licensed: refuse a version whose licence changed, and ship its LICENSE beside the code.
    local license
    license="$(node -p "require('$package/package.json').license")"
    if [ "$license" != "MIT" ] || ! grep -q "MIT License\|Permission is hereby granted" "$package/LICENSE"; then
        echo "vendor.sh: $name's licence is now '$license': check it before vendoring" >&2
        exit 1
    fi
    rm -rf "$target"
    mkdir -p "$target"
    for file in "$@"; do
        cp "$package/$file" "$target/$(basename "$file")"
    done
    echo "Vendored $name $(node -p "require('$package/package.json').version") ($license) into ${target#"$here/../"}:"
    ls -l "$target"
}

vendor photoswipe gallery/exhibition/static/exhibition/vendor/photoswipe \
    dist/photoswipe.esm.min.js dist/photoswipe-lightbox.esm.min.js dist/photoswipe.css LICENSE
# The portal's resumable uploads (tus protocol); dist/tus.min.js bundles its own small dependencies.
vendor tus-js-client gallery/static/gallery/vendor/tus-js-client dist/tus.min.js LICENSE
# Its source map is not shipped: drop the comment naming it, or collectstatic's manifest would look for it.
sed -i '/^\/\/# sourceMappingURL=/d' "$here/../gallery/static/gallery/vendor/tus-js-client/tus.min.js"

# axe-core is MPL-2.0: its minified file and licence are copied unchanged, for the tests only.
axe_target="$here/../tests/support/vendor/axe-core"
axe_package="$here/node_modules/axe-core"
axe_license="$(node -p "require('$axe_package/package.json').license")"
if [ "$axe_license" != "MPL-2.0" ] || [ ! -s "$axe_package/axe.min.js" ] || [ ! -s "$axe_package/LICENSE" ]; then
    echo "vendor.sh: axe-core's licence is now '$axe_license' or its layout changed: check it before vendoring" >&2
    exit 1
fi
rm -rf "$axe_target"
mkdir -p "$axe_target"
cp "$axe_package/axe.min.js" "$axe_package/LICENSE" "$axe_target/"
echo "Vendored axe-core $(node -p "require('$axe_package/package.json').version") ($axe_license) into tests/support/vendor/axe-core:"
ls -l "$axe_target"
