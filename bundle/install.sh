#!/bin/sh
# xjc @VERSION@ offline installer (Linux, @PLATFORM@): finds a Python @PYTHON_RANGE@ and runs
# install.py, which installs from the wheels in this folder with no network.
# XJC_PYTHON=/path/to/python3.x chooses the Python; arguments go to install.py (--prefix, --bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

fits() {
    "$1" -c 'import sys; sys.exit(0 if "%d.%d" % sys.version_info[:2] in "@PYTHONS@".split() else 1)' \
        >/dev/null 2>&1
}

if [ -n "${XJC_PYTHON:-}" ]; then
    exec "$XJC_PYTHON" "$here/install.py" "$@"
fi
for version in @PYTHONS@; do
    if command -v "python$version" >/dev/null 2>&1 && fits "python$version"; then
        exec "python$version" "$here/install.py" "$@"
    fi
done
for python in python3 python; do
    if command -v "$python" >/dev/null 2>&1 && fits "$python"; then
        exec "$python" "$here/install.py" "$@"
    fi
done
echo "未找到可用的 Python（需要 @PYTHON_RANGE@，64 位）。请先安装 Python，或用 XJC_PYTHON=python3.x 指定，再运行 sh install.sh。" >&2
exit 1
