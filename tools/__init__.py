"""Developer tools that are not tests: the benchmarks (`make bench`) and the fuzzer (`make fuzz`)."""
