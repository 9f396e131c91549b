/**
 * Plugins that {@link dev.coffer.server.PluginJars} packs into jars at test time, to check how the
 * server refuses bad plugin jars. They are deliberately not registered in this module's {@code
 * META-INF/services}, so they never load as built-in plugins.
 */
package dev.coffer.server.testplugins;
