package dev.coffer.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.auth.AuthPlugin;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.Plugin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auth method factories in the plugin registry. */
class PluginRegistryAuthMethodsTest {

  @Test
  void serviceLoaderFindsTheApproleAuthMethod() {
    PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
    assertThat(registry.authMethod("approle")).map(AuthMethodFactory::type).hasValue("approle");
    assertThat(registry.authMethod("nope")).isEmpty();
  }

  @Test
  void twoPluginsWithTheSameAuthMethodTypeAreRefusedNamingBoth() {
    Plugin other =
        new Plugin() {
          @Override
          public String name() {
            return "other";
          }

          @Override
          public List<AuthMethodFactory> authMethods() {
            return new AuthPlugin().authMethods();
          }
        };
    assertThatThrownBy(() -> PluginRegistry.of(List.of(new AuthPlugin(), other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plugins 'auth' and 'other' both provide the auth method type 'approle'");
  }
}
