package io.pitchey.codegen;

import io.pitchey.sql.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jooq.Constants;
import org.jooq.meta.jaxb.Configuration;

/**
 * A SHA-256 over everything the generated classes follow from: the migrations (the whole {@code
 * sql} artifact on the class path, classes and scripts, since Java migrations are code), the
 * generator's configuration and jOOQ's version. Equal stamps mean regenerating would write the same
 * files, so the build can skip starting PostgreSQL.
 *
 * <p>The artifact's entries are hashed by name and content, not as a jar file: a rebuilt jar with
 * new timestamps but the same content keeps the stamp.
 */
record SchemaStamp(String digest) {
  /** Kept beside the generated package, in the generator's output directory. */
  static final String FILE_NAME = "schema.stamp";

  static SchemaStamp of(Configuration configuration) {
    MessageDigest sha256 = sha256();
    update(sha256, "jooq " + Constants.VERSION);
    update(sha256, configuration.toString());
    Path migrations = migrationsArtifact();
    try {
      if (Files.isDirectory(migrations)) {
        digestDirectory(sha256, migrations);
      } else {
        digestJar(sha256, migrations);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the migrations in " + migrations, e);
    }
    return new SchemaStamp(HexFormat.of().formatHex(sha256.digest()));
  }

  /** True if {@code directory} holds this stamp, written after a complete generation. */
  boolean isRecordedIn(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    return Files.isRegularFile(file) && Files.readString(file).strip().equals(digest);
  }

  void recordIn(Path directory) throws IOException {
    Files.writeString(directory.resolve(FILE_NAME), digest + "\n");
  }

  static void forgetIn(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve(FILE_NAME));
  }

  /** The jar, or in a build that has not packaged it yet the classes directory, of {@code sql}. */
  private static Path migrationsArtifact() {
    try {
      return Path.of(Migrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the sql module's migrations", e);
    }
  }

  private static void digestDirectory(MessageDigest sha256, Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(file -> !root.relativize(file).startsWith("META-INF"))
              .sorted(Comparator.comparing(file -> root.relativize(file).toString()))
              .toList();
    }
    for (Path file : files) {
      entry(sha256, root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
    }
  }

  private static void digestJar(MessageDigest sha256, Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      List<JarEntry> entries =
          file.stream()
              .filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("META-INF/"))
              .sorted(Comparator.comparing(JarEntry::getName))
              .toList();
      for (JarEntry entry : entries) {
        try (InputStream in = file.getInputStream(entry)) {
          entry(sha256, entry.getName(), in.readAllBytes());
        }
      }
    }
  }

  private static void entry(MessageDigest sha256, String name, byte[] content) {
    update(sha256, name + " " + content.length);
    sha256.update(content);
  }

  /** A string, then a separator no name contains, so "ab"+"c" and "a"+"bc" hash apart. */
  private static void update(MessageDigest sha256, String text) {
    sha256.update(text.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
