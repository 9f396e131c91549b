package dev.coffer.server.http;

import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.RequestHandler;
import dev.coffer.spi.CofferException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: serves {@code /v1/*} for every method by handing a {@link CoreRequest} to a {@link
 * RequestHandler} and rendering its {@link CoreResult} as Vault does. Everything else, and every
 * failure, is answered as {@code {"errors":[...]}} — never an HTML page or a stack trace.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final String RENDERED = "coffer.rendered";
  private static final String LIST = "LIST";

  private final Javalin app;
  private final ListenerConfig listener;

  private HttpServer(Javalin app, ListenerConfig listener) {
    this.app = app;
    this.listener = listener;
  }

  /**
   * Starts listening.
   *
   * @param listener address (port 0 picks a free port), TLS files, body limit
   * @param handler what serves each request
   * @throws IllegalArgumentException for unusable TLS files, naming the key
   * @throws IllegalStateException if the address cannot be bound
   */
  public static HttpServer start(ListenerConfig listener, RequestHandler handler) {
    Objects.requireNonNull(handler, "handler");
    JettyDefaults.apply();
    KeyStore keyStore = null;
    char[] password = null;
    if (listener.tls()) {
      password = randomPassword();
      keyStore = PemKeyStore.load(listener.tlsCertFile(), listener.tlsKeyFile(), password);
    }
    RequestReader reader = new RequestReader(listener.maxRequestSize());
    KeyStore ks = keyStore;
    char[] pw = password;
    Javalin app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.startup.showOldJavalinVersionWarning = false;
              c.http.maxRequestSize = listener.maxRequestSize();
              c.jetty.modifyHttpConfiguration(HttpServer::configureHttp);
              c.jetty.modifyServer(HttpServer::configureServer);
              c.jetty.modifyServletContextHandler(
                  h -> {
                    h.setErrorHandler(new JsonJettyErrorHandler());
                    h.getServletHandler().setDecodeAmbiguousURIs(true);
                  });
              c.jetty.addConnector((server, http) -> connector(server, http, listener, ks, pw));
              for (HandlerType type : methods()) {
                c.routes.addHttpHandler(type, "*", ctx -> serve(ctx, reader, handler));
              }
              c.routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
              for (int status : new int[] {400, 404, 405, 413, 500}) {
                c.routes.error(status, ctx -> errorPage(ctx, status));
              }
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new IllegalStateException(
          "cannot listen on " + listener.address() + ": " + rootMessage(e), e);
    }
    return new HttpServer(app, listener);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8200}. */
  public String url() {
    String host = listener.address().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (listener.tls() ? "https://" : "http://") + host + ":" + port();
  }

  /** Stops listening; requests in flight are cut off. */
  @Override
  public void close() {
    app.stop();
  }

  private static void serve(Context ctx, RequestReader reader, RequestHandler handler) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    String requestId = RequestIds.next();
    try {
      CoreRequest request = reader.read(ctx, requestId);
      CoreResult result = handler.handle(request);
      ResponseWriter.write(ctx, result);
    } catch (HttpFailure e) {
      ResponseWriter.writeErrors(ctx, e.status(), e.errors());
    } catch (CofferException e) {
      ResponseWriter.writeFailed(ctx, requestId, e, "HEAD".equalsIgnoreCase(ctx.req().getMethod()));
    } catch (Exception e) {
      internalError(ctx, e);
    }
  }

  private static void internalError(Context ctx, Exception e) {
    ctx.attribute(RENDERED, Boolean.TRUE);
    LOG.error("internal error serving {} {}", ctx.req().getMethod(), ctx.req().getRequestURI(), e);
    ResponseWriter.writeErrors(ctx, 500, List.of("internal error"));
  }

  /** Javalin's own 404/405/...: only for requests our handler did not render. */
  private static void errorPage(Context ctx, int status) {
    if (Boolean.TRUE.equals(ctx.attribute(RENDERED))) {
      return;
    }
    ctx.attribute(RENDERED, Boolean.TRUE);
    ResponseWriter.writeErrors(ctx, status, List.of(JsonJettyErrorHandler.messageFor(status)));
  }

  private static List<HandlerType> methods() {
    List<HandlerType> types = new ArrayList<>();
    for (HandlerType t : HandlerType.commonHttp()) {
      types.add(t);
    }
    types.add(HandlerType.findOrCreate(LIST));
    return types;
  }

  private static void configureHttp(HttpConfiguration http) {
    // Vault decodes the path once and lets the core judge it; Jetty must not reject %2F or %2e.
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
  }

  private static void configureServer(Server server) {
    server.setErrorHandler(new JsonJettyErrorHandler());
  }

  private static ServerConnector connector(
      Server server,
      HttpConfiguration http,
      ListenerConfig listener,
      KeyStore keyStore,
      char[] password) {
    ServerConnector connector;
    if (keyStore == null) {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(keyStore);
      ssl.setKeyStorePassword(new String(password));
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    }
    connector.setHost(listener.address().host());
    connector.setPort(listener.address().port());
    return connector;
  }

  private static char[] randomPassword() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b).toCharArray();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
