"""atheris harness: outposts dates input (see targets.py). Run: python fuzz/fuzz_dates.py [CORPUS...] [-max_total_time=N]"""

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
with atheris.instrument_imports(include=["outposts"]):
    import targets


def TestOneInput(data: bytes) -> None:
    targets.TARGETS["dates"](data)


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
