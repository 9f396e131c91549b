/**
 * JMH microbenchmarks of Coffer's per-request costs: ACL evaluation, token lookup, barrier
 * encryption, audit hashing and a KV v2 read through the core without HTTP. Sub-packages hold the
 * helpers of the scripted runs: {@code load} (the bare-Javalin ceiling and the JFR summary of
 * {@code bench/run-load.sh}) and {@code scale} (the data generator of {@code bench/run-scale.sh}).
 * Nothing here runs in the build; see {@code docs/benchmarks.md} for the commands and numbers.
 */
package dev.coffer.bench;
