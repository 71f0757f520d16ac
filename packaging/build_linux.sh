#!/usr/bin/env bash
# Build the Linux one-folder package dist/专项治理台账/ from packaging/zhuanxiang.spec, and say
# how big it is and which glibc it needs (the newest GLIBC_ symbol any file in it asks for).
#
#   packaging/build_linux.sh [--python PYTHON] [--max-glibc 2.28] [--archive]
#
# PYTHON defaults to .venv/bin/python, which needs '.[build]' installed. --max-glibc fails the
# build when the package would need a newer glibc than the machines it is for (统信 UOS 20 and
# 麒麟 V10 have 2.28); --archive also writes dist/专项治理台账-VERSION-linux-ARCH.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python MAX_GLIBC="" ARCHIVE=0
while [ $# -gt 0 ]; do
    case $1 in
        --python) PYTHON=$2; shift 2 ;;
        --max-glibc) MAX_GLIBC=$2; shift 2 ;;
        --archive) ARCHIVE=1; shift ;;
        *) echo "用法：packaging/build_linux.sh [--python PYTHON] [--max-glibc 2.28] [--archive]" >&2; exit 2 ;;
    esac
done
APP_NAME=专项治理台账
APP=dist/$APP_NAME

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/zhuanxiang.spec
VERSION=$("$APP/$APP_NAME" --version | awk '{print $2}')
read -r GLIBC CULPRITS < <("$PYTHON" packaging/glibc_floor.py "$APP")
echo "$APP_NAME $VERSION（Linux $(uname -m)）：$(du -sh "$APP" | cut -f1)，需要 glibc $GLIBC 或更新（由 ${CULPRITS%% *} 等决定）"
if [ -n "$MAX_GLIBC" ] && [ "$(printf '%s\n%s\n' "$GLIBC" "$MAX_GLIBC" | sort -V | tail -1)" != "$MAX_GLIBC" ]; then
    echo "这个包需要 glibc $GLIBC，超过了 --max-glibc $MAX_GLIBC：请在 glibc $MAX_GLIBC 的系统上、用在那里编译的 Python 打包。" >&2
    exit 1
fi
if [ "$ARCHIVE" = 1 ]; then
    archive=dist/$APP_NAME-$VERSION-linux-$(uname -m).tar.gz
    tar -C dist -czf "$archive" "$APP_NAME"
    sha256sum "$archive" | tee "$archive.sha256"
fi
