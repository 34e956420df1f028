"""python -m jobscreen."""

from jobscreen.entry import main

main()
