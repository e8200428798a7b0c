@echo off
rem xjc @VERSION@ offline installer (Windows, @PLATFORM@): finds a Python @PYTHON_RANGE@ and
rem runs install.py, which installs from the wheels in this folder with no network.
rem set XJC_PYTHON=C:\path\to\python.exe chooses the Python; arguments go to install.py.
setlocal
if not exist "%~dp0install.py" goto notunpacked
set "PYEXE="
if defined XJC_PYTHON set "PYEXE=%XJC_PYTHON%"
if not defined PYEXE for %%V in (@PYTHONS@) do if not defined PYEXE call :launcher %%V
if not defined PYEXE call :plain python
if not defined PYEXE call :plain python3
if not defined PYEXE goto nopython
"%PYEXE%" "%~dp0install.py" %*
set "RC=%ERRORLEVEL%"
goto done

:launcher
rem the py launcher that comes with Python from the official installer
for /f "delims=" %%P in ('py -%1 -c "import sys; print(sys.executable)" 2^>nul') do set "PYEXE=%%P"
goto checked

:plain
rem python.exe on the PATH (install.py says so if its version does not fit)
for /f "delims=" %%P in ('%1 -c "import sys; print(sys.executable)" 2^>nul') do set "PYEXE=%%P"

:checked
rem anything but an existing file (a message printed instead of a path) does not count
if defined PYEXE if not exist "%PYEXE%" set "PYEXE="
goto :eof

:notunpacked
rem started from inside the zip: Explorer copied this one file alone to a temporary folder
echo 请先把压缩包全部解压到一个文件夹，再双击其中的 install.bat。
set "RC=1"
goto done

:nopython
echo 未找到可用的 Python（需要 @PYTHON_RANGE@，64 位）。
echo 请先安装 Python（安装时勾选 Add python.exe to PATH），再双击运行 install.bat。
set "RC=1"

:done
if not defined XJC_NO_PAUSE pause
exit /b %RC%
