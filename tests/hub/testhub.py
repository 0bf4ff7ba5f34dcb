#!/usr/bin/env python3
"""ModelDock local test hub: fake Hugging Face, Civitai and storage origins.

Usage: python3 tests/hub/testhub.py [--catalog demo|generated] [...]
Prints one JSON line with the three base URLs once all sockets listen."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from testhub.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
