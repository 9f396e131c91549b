package dev.coffer.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a part of the SPI that may still change incompatibly within one {@link SpiVersion#MAJOR}
 * version, because the server features that use it are still being built. Plugins may use it, but
 * should expect to be rebuilt (and perhaps adapted) for a later Coffer release.
 *
 * <p>Everything not marked follows the rules of {@link SpiVersion}: it only grows within a major
 * version.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.METHOD,
  ElementType.CONSTRUCTOR,
  ElementType.FIELD,
  ElementType.PACKAGE
})
public @interface Experimental {
  /** Why it may change, or what it waits for. */
  String value() default "";
}
