/**
 * Benchmarks. Each {@code *Benchmark} states its question, workload and how to run it; {@link
 * dev.conduit.bench.ConduitBenchServer} is the server {@code benchmarks/run.sh} measures against the peers.
 */
@NullMarked
package dev.conduit.bench;

import org.jspecify.annotations.NullMarked;
