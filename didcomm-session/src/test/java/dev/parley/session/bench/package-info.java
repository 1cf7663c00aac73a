/** Benchmark harness for the session layer (run by hand, see docs/benchmarks/session.md); not a test suite.
 *  May depend on anything in the test class path; nothing depends on it. */
package dev.parley.session.bench;
