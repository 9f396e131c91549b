package dev.coffer.spi.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Login;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/** Runs the auth method contract against a tiny method: users log in with a PIN. */
class PinAuthMethodContractTest extends AuthMethodContract {

  @Override
  protected AuthMethodFactory factory() {
    return new PinFactory();
  }

  @Override
  protected LoginAttempt goodLogin() {
    harness.write("users/alice", Map.of("pin", "1234"));
    return new LoginAttempt("login", Map.of("user", "alice", "pin", "1234"));
  }

  @Override
  protected LoginAttempt badLogin() {
    harness.write("users/alice", Map.of("pin", "1234"));
    return new LoginAttempt("login", Map.of("user", "alice", "pin", "9999"));
  }

  /** {@code users/{name}} sets a PIN (authenticated); {@code login} checks it. */
  static final class PinFactory implements AuthMethodFactory {
    @Override
    public String type() {
      return "pin";
    }

    @Override
    public dev.coffer.spi.AuthMethod create(dev.coffer.spi.MountContext c) {
      return () ->
          List.of(
              PathSpec.builder("users/{name}")
                  .field("pin", FieldType.STRING)
                  .on(
                      Operation.UPDATE,
                      r -> {
                        c.storage()
                            .put("users/" + r.param("name"), r.string("pin", "").getBytes(UTF_8));
                        return Response.empty();
                      })
                  .build(),
              PathSpec.builder("login")
                  .field("user", FieldType.STRING)
                  .field("pin", FieldType.STRING)
                  .unauthenticated()
                  .on(
                      Operation.UPDATE,
                      r -> {
                        String user = r.string("user", "");
                        byte[] stored =
                            user.isEmpty() ? null : c.storage().get("users/" + user).orElse(null);
                        byte[] given = r.string("pin", "").getBytes(UTF_8);
                        if (stored == null || !MessageDigest.isEqual(stored, given)) {
                          throw CofferException.invalid("invalid user or PIN");
                        }
                        return Response.ofLogin(Login.of(user, List.of("pin-users")));
                      })
                  .build());
    }
  }
}
