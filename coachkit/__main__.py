"""`python -m coachkit` runs the command line."""

from coachkit.cli import main

if __name__ == "__main__":
    main()
