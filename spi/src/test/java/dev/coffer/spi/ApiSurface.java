package dev.coffer.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public surface of the compiled SPI as sorted text lines, one per type, supertype,
 * constructor, method and field a plugin can see: {@code public} members, and {@code protected}
 * ones of classes a plugin can extend. Each line starts with the type's name so lines compare
 * independently.
 */
final class ApiSurface {
  private ApiSurface() {}

  /** Every line of the surface of the classes in {@code dev.coffer.spi}, sorted. */
  static TreeSet<String> current() {
    TreeSet<String> lines = new TreeSet<>();
    for (Class<?> type : publicTypes()) {
      describe(type, lines);
    }
    return lines;
  }

  private static void describe(Class<?> type, TreeSet<String> out) {
    String name = type.getName();
    out.add(name + " | type " + type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class) {
      out.add(name + " | extends " + superclass.getTypeName());
    }
    for (Type i : type.getGenericInterfaces()) {
      out.add(name + " | implements " + i.getTypeName());
    }
    boolean extensible = !Modifier.isFinal(type.getModifiers()) && !type.isEnum();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers(), extensible) && !c.isSynthetic()) {
        out.add(name + " | constructor " + c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers(), extensible) && !m.isSynthetic() && !m.isBridge()) {
        out.add(name + " | method " + m.toGenericString());
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers(), extensible) && !f.isSynthetic()) {
        out.add(name + " | field " + f.toGenericString() + constantValue(f));
      }
    }
  }

  /** A constant's value is compiled into plugins, so changing it is a change of the surface. */
  private static String constantValue(Field f) {
    int mods = f.getModifiers();
    boolean constant =
        Modifier.isStatic(mods)
            && Modifier.isFinal(mods)
            && (f.getType().isPrimitive() || f.getType() == String.class);
    if (!constant) {
      return "";
    }
    try {
      return " = " + f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean visible(int modifiers, boolean extensible) {
    return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
  }

  private static List<Class<?>> publicTypes() {
    Path root = classesRoot().resolve("dev/coffer/spi");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".class") || fileName.equals("package-info.class")) {
          continue;
        }
        Class<?> type = Class.forName("dev.coffer.spi." + fileName.replace(".class", ""));
        if (Modifier.isPublic(type.getModifiers()) && publiclyReachable(type)) {
          types.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return types;
  }

  private static boolean publiclyReachable(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static Path classesRoot() {
    try {
      return Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
