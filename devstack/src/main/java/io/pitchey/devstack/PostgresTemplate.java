package io.pitchey.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pristine, stopped PostgreSQL cluster made once per machine and user, copied into each new data
 * directory instead of running {@code initdb} again.
 *
 * <p>Why: {@code initdb} takes 1.5 to 4 s here and would run in every test JVM of every module;
 * copying the ~45 MB result takes a fraction of that. The template is keyed by the PostgreSQL
 * binaries and the zonky version (both decide what initdb produces), built under a temporary name
 * and renamed into place, so concurrent JVMs never see half a template. Any failure here is
 * non-fatal: the caller then lets zonky run initdb as usual.
 */
final class PostgresTemplate {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTemplate.class);
  static final String LOCALE = "C";

  private static @Nullable Path template; // guarded by PostgresTemplate.class

  private PostgresTemplate() {}

  /**
   * Fills {@code dataDirectory} (absent or empty) with a copy of the template.
   *
   * @return false when no template is available; the directory is then left empty
   */
  static boolean copyInto(Path dataDirectory) {
    Optional<Path> source = template();
    if (source.isEmpty()) {
      return false;
    }
    try {
      copyTree(source.get(), dataDirectory);
      return true;
    } catch (IOException e) {
      LOG.warn(
          "copying the PostgreSQL template {} failed, falling back to initdb: {}",
          source.get(),
          e.toString());
      ScratchDirectory.deleteRecursively(dataDirectory);
      return false;
    }
  }

  private static synchronized Optional<Path> template() {
    if (template != null && Files.isRegularFile(template.resolve("PG_VERSION"))) {
      return Optional.of(template);
    }
    Optional<String> key = key();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Path target = ScratchDirectory.root().resolve("pg-template-" + key.get());
    if (!Files.isRegularFile(target.resolve("PG_VERSION"))) {
      try {
        build(target);
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "could not build a PostgreSQL template, using initdb per instance: {}", e.toString());
        return Optional.empty();
      }
    }
    template = target;
    return Optional.of(target);
  }

  /** initdb through zonky (start, then clean stop), in a private directory renamed into place. */
  private static void build(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path building =
        target.resolveSibling(".building-" + target.getFileName() + "-" + UUID.randomUUID());
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setPort(FreePorts.pickOne())
              .setDataDirectory(building)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setLocaleConfig("locale", LOCALE)
              .setOutputRedirector(Redirect.DISCARD)
              .setErrorRedirector(Redirect.DISCARD)
              .start();
      postgres.close();
      Files.deleteIfExists(building.resolve(Postmaster.OWNER_LOCK));
      try {
        Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("PostgreSQL template ready in {}", target);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // another JVM finished first; its template is as good as ours
      }
    } finally {
      ScratchDirectory.deleteRecursively(building);
    }
  }

  /**
   * Identifies the binaries zonky will pick and the zonky version; empty if they cannot be found.
   */
  private static Optional<String> key() {
    String resource =
        "postgres-linux-"
            + ArchUtils.normalize(System.getProperty("os.arch")).toLowerCase(Locale.ROOT)
            + ".txz";
    URL binaries = PostgresTemplate.class.getClassLoader().getResource(resource);
    if (binaries == null
        || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return Optional.empty();
    }
    String zonky =
        String.valueOf(EmbeddedPostgres.class.getProtectionDomain().getCodeSource().getLocation());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((binaries + "|" + zonky + "|" + LOCALE).getBytes(StandardCharsets.UTF_8));
      return Optional.of(HexFormat.of().formatHex(hash, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  /** Copies keeping permissions: PostgreSQL refuses a data directory readable by others. */
  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path copy = target.resolve(source.relativize(dir).toString());
            if (!Files.isDirectory(copy)) {
              Files.copy(dir, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                target.resolve(source.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc)
              throws IOException {
            // directory times/permissions again, as writing into them changed the times
            Path copy = target.resolve(source.relativize(dir).toString());
            Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
