"""Refresh the browser assets the BFF ships (htmx, ECharts) from the npm registry.

Government intranets are offline, so every asset is vendored under the BFF's static files
with its version, licence and checksum recorded in ``vendor/VENDORED.json``; nothing is
fetched at run time. Run by hand when upgrading (needs Node.js's npm, only here):

    python3 frontend-bff/scripts/vendor_assets.py          # the pinned versions below
    python3 frontend-bff/scripts/vendor_assets.py --check  # the files match the manifest
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "onewindow" / "bff" / "static" / "bff" / "vendor"

# package, version, files to take (path in the package → name here), licence file
PACKAGES = [
    ("htmx.org", "2.0.11", {"dist/htmx.min.js": "htmx.min.js"}, "LICENSE"),
    ("echarts", "6.1.0", {"dist/echarts.min.js": "echarts.min.js"}, "LICENSE"),
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refresh() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    manifest = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, files, licence in PACKAGES:
            out = subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent"],
                cwd=tmp,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
            with tarfile.open(Path(tmp) / out) as tar:
                tar.extractall(Path(tmp) / name, filter="data")
            root = Path(tmp) / name / "package"
            meta = json.loads((root / "package.json").read_text())
            for source, target in files.items():
                shutil.copyfile(root / source, VENDOR / target)
            licence_name = f"{name}.LICENSE.txt"
            shutil.copyfile(root / licence, VENDOR / licence_name)
            manifest.append(
                {
                    "package": name,
                    "version": version,
                    "license": meta.get("license", ""),
                    "license_file": licence_name,
                    "files": {t: _sha256(VENDOR / t) for t in files.values()},
                    "source": f"https://registry.npmjs.org/{name}/-/{out}",
                }
            )
    (VENDOR / "VENDORED.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    print(f"vendored {len(manifest)} packages into {VENDOR}")


def check() -> int:
    manifest = json.loads((VENDOR / "VENDORED.json").read_text())
    bad = [
        f"{entry['package']}: {name}"
        for entry in manifest
        for name, digest in entry["files"].items()
        if not (VENDOR / name).exists() or _sha256(VENDOR / name) != digest
    ]
    for line in bad:
        print("changed or missing:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    sys.exit(check() if args.check else refresh())
