/** JMH microbenchmarks of the prime fields, compiled only under the bench profile. Must not be depended on by
 *  anything; it depends on the field package only. */
package dev.parley.mpc.bench;
