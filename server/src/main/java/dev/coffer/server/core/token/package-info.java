/** Tokens, stored only as HMACs of their ids; for now only root tokens. */
package dev.coffer.server.core.token;
