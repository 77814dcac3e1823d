"""Compile speed on its own: imports 26 standard-library modules with every function compiled
at its first call (threshold 0), ROUNDS times (each round drops the modules and imports them
again, so their functions are compiled anew), and prints one JSON line with Pyrite's
`compile_time_us_per_instruction`, the bytecode instructions compiled and the process CPU time.

    PYTHONPATH=python python bench/compile_speed.py [ROUNDS]

Interleave runs of two builds (`PYTHONPATH=<build A>` / `<build B>`) and compare medians: single
runs on a shared machine vary by ±15%. Under `perf record -e cpu-clock --call-graph dwarf` with
ROUNDS=15 it shows where compile time goes in CPU time, kernel included (callgrind counts
instructions in user space only).
"""

import importlib
import json
import sys
import time

import pyrite

MODULES = ("argparse json email.parser http.client logging decimal pydoc difflib tarfile zipfile csv "
           "configparser ast dataclasses typing inspect urllib.request xml.dom.minidom unittest asyncio "
           "statistics fractions textwrap string pprint shlex calendar").split()


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    pyrite.enable(threshold=0)
    roots = {m.split(".")[0] for m in MODULES}
    start = time.process_time()
    for _ in range(rounds):
        for name in [m for m in sys.modules if m.split(".")[0] in roots and m != "encodings"]:
            del sys.modules[name]
        for m in MODULES:
            importlib.import_module(m)
    cpu = time.process_time() - start
    s = pyrite.stats()
    print(json.dumps({"rounds": rounds, "instructions": s["bytecode_instructions_compiled"],
                      "compile_us_per_instruction": round(s["compile_time_us_per_instruction"], 4),
                      "process_cpu_s": round(cpu, 3), "code_memory_backing": s.get("code_memory_backing")}))


if __name__ == "__main__":
    main()
