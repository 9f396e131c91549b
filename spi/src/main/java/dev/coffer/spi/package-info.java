/**
 * The Coffer plugin API.
 *
 * <p>A plugin jar declares one or more {@link dev.coffer.spi.Plugin} implementations in {@code
 * META-INF/services/dev.coffer.spi.Plugin}. The server finds them with {@link
 * java.util.ServiceLoader}, asks each for its factories, and creates secrets engines, storage
 * backends, seals and audit sinks from them by type name. Built-in backends are loaded exactly the
 * same way.
 *
 * <p>A plugin jar loaded from the server's plugin folder gets its own class loader that shares only
 * this package and the JDK with the server. It declares the SPI version it was compiled against by
 * overriding {@link dev.coffer.spi.Plugin#spiVersion()}; see {@link dev.coffer.spi.SpiVersion} for
 * the compatibility rules and {@link dev.coffer.spi.Experimental} for the parts that may still
 * change.
 *
 * <p>This package depends on nothing but the JDK.
 */
package dev.coffer.spi;
