"""Benchmark package: the same Go code behind our bindings and behind hand-written ctypes."""
