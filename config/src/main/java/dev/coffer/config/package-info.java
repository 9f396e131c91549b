/**
 * The server's configuration: a YAML file overridden by environment variables, validated once into
 * an immutable {@link dev.coffer.config.CofferConfig}.
 *
 * <h2>Keys</h2>
 *
 * <pre>
 * listener:
 *   address: 127.0.0.1:8200          # host:port, [v6]:port or :port; 0 picks a free port
 *   tls_cert_file: /etc/coffer/tls.crt   # PEM certificate chain; with tls_key_file, or neither
 *   tls_key_file: /etc/coffer/tls.key    # PEM key: PKCS#1 RSA, SEC1 EC or PKCS#8, unencrypted
 *   max_request_size: 33554432       # bytes (32 MiB); larger bodies answer 413
 * storage:
 *   type: sqlite                     # default sqlite; every other key is a storage option
 *   path: /var/lib/coffer/coffer.db
 * seal:
 *   type: shamir                     # default shamir; every other key is a seal option
 * log_level: info                    # trace, debug, info, warn, error
 * plugin_directory: /opt/coffer/plugins   # optional; must exist
 * </pre>
 *
 * <p>An unknown key at the top level or in {@code listener}, or an invalid value, stops start-up
 * with a {@link dev.coffer.config.ConfigException} naming the key. Storage and seal options are
 * checked by their factory when the server starts. Bad YAML is reported with the file and line.
 *
 * <h2>Environment</h2>
 *
 * <p>Each key has a variable: {@code COFFER_LISTENER_ADDRESS}, {@code
 * COFFER_LISTENER_TLS_CERT_FILE}, {@code COFFER_LISTENER_TLS_KEY_FILE}, {@code
 * COFFER_LISTENER_MAX_REQUEST_SIZE}, {@code COFFER_STORAGE_TYPE}, {@code COFFER_STORAGE_<OPTION>},
 * {@code COFFER_SEAL_TYPE}, {@code COFFER_SEAL_<OPTION>}, {@code COFFER_LOG_LEVEL}, {@code
 * COFFER_PLUGIN_DIRECTORY}; option names are lower-cased ({@code COFFER_STORAGE_BUSY_TIMEOUT} sets
 * {@code storage.busy_timeout}). A variable wins over the file.
 *
 * <p>{@code *_FILE} indirection: {@code COFFER_X_FILE=/path} sets the key of {@code COFFER_X} to
 * the trimmed content of {@code /path} (e.g. {@code COFFER_SEAL_KEY_FILE=/run/secrets/seal_key}
 * sets {@code seal.key}) — except where {@code X_FILE} is itself a key: {@code
 * COFFER_LISTENER_TLS_CERT_FILE} and {@code COFFER_LISTENER_TLS_KEY_FILE} hold paths. Storage and
 * seal option names never end in {@code _file}, so the rule is unambiguous. Setting both {@code
 * COFFER_X} and {@code COFFER_X_FILE} is an error. Other {@code COFFER_*} variables (the client's
 * {@code COFFER_ADDR}, {@code COFFER_TOKEN}) are ignored; an unknown {@code COFFER_LISTENER_*} is
 * an error.
 *
 * <p>{@link dev.coffer.config.CofferConfig#toString()} never shows a storage or seal option value.
 */
package dev.coffer.config;
