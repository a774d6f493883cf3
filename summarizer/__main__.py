"""``python -m summarizer`` runs the command line."""

import sys

from summarizer.cli import main

if __name__ == "__main__":
    sys.exit(main())
