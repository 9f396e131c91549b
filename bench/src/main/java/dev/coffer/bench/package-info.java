/**
 * JMH microbenchmarks of Coffer's per-request costs: ACL evaluation, token lookup, barrier
 * encryption and a KV v2 read through the core without HTTP. Not run by the build; see {@code
 * docs/benchmarks.md} for the command and the latest numbers.
 */
package dev.coffer.bench;
