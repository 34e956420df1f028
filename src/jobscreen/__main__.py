"""python -m jobscreen."""

from jobscreen.cli import main

main()
