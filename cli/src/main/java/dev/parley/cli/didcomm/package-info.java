/**
 * {@code parley didcomm pack|unpack} and {@code parley invite create|show}: thin commands over
 * {@code dev.parley.didcomm}. They parse, call the envelope and out-of-band APIs, and print.
 */
package dev.parley.cli.didcomm;
