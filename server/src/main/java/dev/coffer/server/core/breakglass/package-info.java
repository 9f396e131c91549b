/**
 * Break-glass access ({@code sys/break-glass/...}): an operator proves a fresh TOTP code and a
 * reason, other operators approve, and a short-lived token with break-glass-only policies is
 * granted, announced to signed webhooks, written to the audit trail and tagged on every request it
 * makes. See {@code docs/break-glass.md}.
 */
package dev.coffer.server.core.breakglass;
