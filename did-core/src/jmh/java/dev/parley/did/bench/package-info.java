/**
 * JMH benchmarks of did-core, compiled only under the {@code bench} Maven profile.
 * Must not be depended on by anything.
 */
package dev.parley.did.bench;
