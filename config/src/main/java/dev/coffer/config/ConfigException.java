package dev.coffer.config;

/**
 * The configuration is unusable: an unknown key, an invalid value, an unreadable file. The message
 * names the key (or the file and line) and never contains a configured value.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with this message. */
  public ConfigException(String message) {
    super(message);
  }

  /** An error with this message and the cause behind it. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  static ConfigException unknownKey(String key) {
    return new ConfigException("unknown configuration key '" + key + "'");
  }

  static ConfigException invalid(String key, String expectation) {
    return new ConfigException("invalid value for '" + key + "': " + expectation);
  }
}
