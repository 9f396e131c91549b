package dev.coffer.server.core;

/** What the HTTP layer calls for every request; the core implements it. */
@FunctionalInterface
public interface RequestHandler {
  /** Serves one request; never throws for anything a client can send. */
  CoreResult handle(CoreRequest request);
}
