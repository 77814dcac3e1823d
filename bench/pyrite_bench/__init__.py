"""Pyrite's benchmark suite (bench/suite.py): pyperformance bodies, web serving, compile speed."""
