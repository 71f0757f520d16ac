# Build the Windows one-folder package dist\专项治理台账\ from packaging\zhuanxiang.spec.
#
# On Windows 10/11 x64 with Python 3.11 (64-bit, from python.org), in a PowerShell window in
# the project's folder:
#
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1 -Wheelhouse D:\wheels
#
# -Wheelhouse installs from a folder made by `python packaging\wheels.py wheelhouse
# windows-x64 -o D:\wheels --build` (no network needed). The result: dist\专项治理台账\ and
# dist\专项治理台账-VERSION-windows-x64.zip with its SHA-256 (give the hash to the IT staff who
# add the folder to the antivirus's trusted list).
param(
    [string]$Python = "py",
    [string]$Wheelhouse = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$App = "专项治理台账"

if (-not (Test-Path ".venv-build")) {
    if ($Python -eq "py") { & py -3.11 -m venv .venv-build } else { & $Python -m venv .venv-build }
    if ($LASTEXITCODE) { throw "无法建立虚拟环境：需要 Python 3.11（64 位）" }
}
$Py = ".venv-build\Scripts\python.exe"
if ($Wheelhouse) {
    & $Py -m pip install --no-index --find-links $Wheelhouse ".[build]"
} else {
    & $Py -m pip install ".[build]"
}
if ($LASTEXITCODE) { throw "安装依赖失败" }

& $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist `
    --workpath build\pyinstaller packaging\zhuanxiang.spec
if ($LASTEXITCODE) { throw "PyInstaller 打包失败" }

# The console program answers on the command line; the windowed one has no console.
$Version = (& "dist\$App\zxtz.exe" --version).Split(" ")[-1]
& "dist\$App\zxtz.exe" demo --ledger "build\smoke.sqlite" | Out-Host
if ($LASTEXITCODE) { throw "打包后的程序未能运行 demo" }
Remove-Item "build\smoke.sqlite*" -ErrorAction SilentlyContinue

$Zip = "dist\$App-$Version-windows-x64.zip"
Compress-Archive -Path "dist\$App" -DestinationPath $Zip -Force
$Hash = (Get-FileHash $Zip -Algorithm SHA256).Hash
"$Hash  $(Split-Path -Leaf $Zip)" | Out-File -Encoding ascii "$Zip.sha256"
$Size = "{0:N0} MB" -f ((Get-ChildItem "dist\$App" -Recurse | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "$App $Version（Windows x64）：$Size；$Zip"
Write-Host "SHA-256：$Hash"
