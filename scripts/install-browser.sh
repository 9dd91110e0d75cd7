#!/usr/bin/env bash
# Installs what the browser test (tests/ui/test_browser.py) drives: Debian's chromium at
# /usr/bin/chromium, plus CJK fonts so Chinese text renders in screenshots. Playwright's
# Python package comes with the test extras (pyproject); its own browser download
# (`playwright install`) is never used. Never fails the caller: when chromium cannot be
# installed it says why and exits 0, and the browser test skips with that reason.
set -u

say() { echo "install-browser: $*"; }

can_apt() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }

if [ -x /usr/bin/chromium ]; then
    say "chromium already at /usr/bin/chromium"
elif ! can_apt; then
    say "chromium missing; not root or no apt-get, so not installing it (as root: apt-get install -y chromium fonts-noto-cjk); the browser test will be skipped"
    exit 0
else
    say "installing Debian's chromium and CJK fonts"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }; then
        say "apt-get could not install chromium; the browser test will be skipped"
        exit 0
    fi
fi

# Chinese glyphs (chromium may have been installed without them).
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    if can_apt; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null \
            || say "could not install fonts-noto-cjk; Chinese text may show as boxes in screenshots"
    else
        say "no CJK font installed; Chinese text may show as boxes in screenshots"
    fi
fi
exit 0
