/**
 * Probes that read the target's PostgreSQL while load runs and turn what they see into {@link
 * dev.loadgate.measure.Figure}s: {@link dev.loadgate.dbprobe.DbProbe} ({@code db.*}: statement
 * mean, connection utilization, lock waits, index hit ratio) and {@link
 * dev.loadgate.dbprobe.EmailQueueProbe} ({@code email.*} from the {@code email_queue} table).
 *
 * <p>Plain JDBC, read-only: a probe never writes to the target. A missing extension or privilege
 * yields {@link dev.loadgate.measure.Figure#missing} with the reason and the fix, never a number.
 * No JDBC URL, user name or password ever appears in a figure, a note or an exception message.
 */
package dev.loadgate.dbprobe;
