# Short, import-heavy script for measuring start-up and compile overhead (docs/benchmarks.md):
#   valgrind --tool=callgrind --smc-check=all python bench/startup_import_heavy.py THRESHOLD [LOOP_THRESHOLD]
#   (first argument "stock" runs without pyrite)
import sys
import pyrite
if sys.argv[1] != "stock":
    t = int(sys.argv[1]); lt = int(sys.argv[2]) if len(sys.argv) > 2 else 1; pyrite.enable(threshold=t, loop_threshold=lt)
import json, re, argparse, dataclasses, typing, email.parser, email.policy, http.client, urllib.parse, decimal, fractions, statistics, textwrap, difflib, csv, io, string, pprint, ast, inspect, tokenize, collections, logging
p = argparse.ArgumentParser(); p.add_argument("--x", type=int, default=3); a = p.parse_args([])
data = [{"k": i, "v": [j for j in range(5)], "s": "x" * (i % 7)} for i in range(300)]
text = json.dumps(data); back = json.loads(text)
print(len(text), len(re.findall(r"\d+", text)), statistics.mean(range(100)), textwrap.fill("word " * 50)[:10])
print(len(list(difflib.unified_diff(text[:500].split(","), text[100:600].split(",")))))
tree = ast.parse(inspect.getsource(json.decoder)); print(len(list(ast.walk(tree))))
logging.getLogger("x").info("hi")
