/**
 * The Coffer plugin API.
 *
 * <p>A plugin jar declares one or more {@link dev.coffer.spi.Plugin} implementations in {@code
 * META-INF/services/dev.coffer.spi.Plugin}. The server finds them with {@link
 * java.util.ServiceLoader}, asks each for its factories, and creates secrets engines, storage
 * backends, seals and audit sinks from them by type name. Built-in backends are loaded exactly the
 * same way.
 *
 * <p>This package depends on nothing but the JDK.
 */
package dev.coffer.spi;
