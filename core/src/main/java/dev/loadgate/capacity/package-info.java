/**
 * Capacity planning maths: the Universal Scalability Law fit, the staircase's knee search, the
 * latency-against-load curve and the runway to the knee and to each scaling trigger. Nothing here
 * loads a target; the CLI's {@code loadgate capacity} feeds it measured steps.
 */
package dev.loadgate.capacity;
