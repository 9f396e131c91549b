package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrap_info of a wrapped response in the audit entry: never the wrapping token in clear. */
class AuditEntriesWrapInfoTest {
  private final AuditHasher hasher = new AuditHasher(new byte[32]);
  private final AuditEntries entries = new AuditEntries(hasher, true);
  private final AuditedCall call =
      new AuditedCall(
          "req-1",
          Instant.parse("2026-01-01T00:00:00Z"),
          Operation.READ,
          "secret/data/app",
          "secret/",
          "kv",
          Map.of(),
          new ClientInfo("10.0.0.1", "accessor-1234", "tester", List.of("default"), ""));

  @Test
  void aWrappedResponseRecordsWrapInfoWithTheTokenAndAccessorsHashed() {
    WrapInfo wrap =
        new WrapInfo(
            "cfs.wrapping-token-in-clear",
            "wrap-accessor",
            60,
            Instant.parse("2026-01-01T00:00:01Z"),
            "auth/token/create",
            "inner-accessor");

    Map<String, Object> e = entries.response(call, null, wrap, null, Instant.now());

    @SuppressWarnings("unchecked")
    Map<String, Object> info =
        (Map<String, Object>) ((Map<String, Object>) e.get("response")).get("wrap_info");
    assertThat(info)
        .containsEntry("token", hasher.hash("cfs.wrapping-token-in-clear"))
        .containsEntry("accessor", hasher.hash("wrap-accessor"))
        .containsEntry("wrapped_accessor", hasher.hash("inner-accessor"))
        .containsEntry("ttl", 60L)
        .containsEntry("creation_path", "auth/token/create")
        .containsEntry("creation_time", "2026-01-01T00:00:01Z");
    assertThat(e.toString()).doesNotContain("cfs.wrapping-token-in-clear");
  }

  @Test
  void anUnwrappedResponseHasNoWrapInfo() {
    Map<String, Object> e = entries.response(call, null, null, Instant.now());

    assertThat(((Map<?, ?>) e.get("response")).containsKey("wrap_info")).isFalse();
  }
}
