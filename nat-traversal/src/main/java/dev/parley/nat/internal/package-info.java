/** Implementation details shared by the nat-traversal packages (rate limiting); not an API.
 *  Must not depend on any other {@code dev.parley} package. */
package dev.parley.nat.internal;
