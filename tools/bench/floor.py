"""The floor `make bench` compares against: walk, split front matter by hand, CSafeLoader.

python tools/bench/floor.py PRACTICE
"""

import os
import sys

import yaml


def main() -> None:
    count = 0
    for folder, _dirs, files in os.walk(sys.argv[1]):
        for name in files:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            if text.startswith("---\n"):
                end = text.find("\n---\n", 4)
                data = yaml.load(text[4:end], Loader=yaml.CSafeLoader)
                count += len(data.get("actions") or []) if isinstance(data, dict) else 0
    print(count)


if __name__ == "__main__":
    main()
