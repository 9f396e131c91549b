/**
 * The mount table, the running engines, and routing: longest-prefix to a mount, then the most
 * specific {@link dev.coffer.spi.PathSpec} within it.
 */
package dev.coffer.server.core.mount;
