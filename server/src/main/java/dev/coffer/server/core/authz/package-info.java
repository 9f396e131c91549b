/**
 * Authorization: {@link dev.coffer.server.core.authz.PolicyAccessControl} checks each request
 * against the ACL of the caller's token and entity; {@link
 * dev.coffer.server.core.authz.TokenLookup} lets {@code sys/capabilities} find other tokens.
 */
package dev.coffer.server.core.authz;
